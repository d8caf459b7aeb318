import { useStore } from '../store';

export function ScenarioInfo() {
  const scenario = useStore((s) => s.scenario);
  return (
    <div className="scenario-info">
      <h2 className="scenario-name">{scenario.name}</h2>
      {scenario.description && <p className="scenario-description">{scenario.description}</p>}
      {scenario.source && (
        <details className="scenario-source">
          <summary>Source</summary>
          <p>{scenario.source}</p>
        </details>
      )}
    </div>
  );
}
