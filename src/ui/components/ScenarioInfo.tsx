import { useStore } from '../store';

export function ScenarioInfo() {
  const scenario = useStore((s) => s.scenario);
  return (
    <div className="scenario-info">
      <h2 className="scenario-name">{scenario.name}</h2>
      {scenario.description &&
        // Prose written across lines in YAML: single line breaks join, blank lines make paragraphs.
        scenario.description.split(/\n\s*\n/).map((para, i) => (
          <p key={i} className="scenario-description">
            {para.replace(/\s*\n\s*/g, ' ')}
          </p>
        ))}
      {scenario.source && (
        <details className="scenario-source">
          <summary>Source</summary>
          <p>{scenario.source}</p>
        </details>
      )}
    </div>
  );
}
