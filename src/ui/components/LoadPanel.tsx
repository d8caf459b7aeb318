// What the engine read from the manifests: objects by kind, problems (errors and
// warnings with their lines), and objects of kinds RouteLab does not model.
import type { Diagnostic } from '../../engine/index';
import { looksLikeTestFile, openPastedTestFile } from '../actions';
import { useStore } from '../store';
import { SourceButton } from './SourceButton';

const ICON: Record<Diagnostic['severity'], string> = { error: '⨯', warning: '!', info: 'i' };

// The store notifies every selector on every change (a trace starting, finishing ...):
// scan the text again only when the text itself changed.
let scanned = { text: '', testFile: false };
function isPastedTestFile(text: string): boolean {
  if (text !== scanned.text) scanned = { text, testFile: looksLikeTestFile(text) };
  return scanned.testFile;
}

function PastedTestFile() {
  const pasted = useStore((s) => isPastedTestFile(s.yaml));
  if (!pasted) return null;
  return (
    <p className="pasted-test-file">
      This looks like a routing test file, not manifests.{' '}
      <button type="button" className="btn btn-small btn-primary" onClick={() => void openPastedTestFile()}>
        Open it as a scenario
      </button>
    </p>
  );
}

export function LoadPanel() {
  const load = useStore((s) => s.trace.value?.load);
  const stale = useStore((s) => s.trace.value !== undefined && s.trace.value.load.version !== s.yamlVersion);
  const stopped = useStore((s) => s.trace.status === 'error');
  if (!load) return <section className="load-panel" aria-label="Load diagnostics"><PastedTestFile /></section>;
  const kinds = Object.entries(load.kinds).sort((a, b) => b[1] - a[1]);
  const errors = load.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = load.diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <section className={`load-panel${stale && stopped ? ' is-stale' : ''}`} aria-label="Load diagnostics">
      <PastedTestFile />
      <p className="load-summary">
        <strong>{load.objects}</strong> object{load.objects === 1 ? '' : 's'} read
        {kinds.length > 0 && `: ${kinds.map(([k, n]) => `${n} ${k}`).join(', ')}`}
        {load.parseMs > 0 && <span className="muted"> · parsed in {load.parseMs.toFixed(1)} ms</span>}
        {stale && stopped && <span className="muted"> · from the last complete trace, before the latest edit</span>}
      </p>
      {load.diagnosticsTotal > 0 && (
        <details className="problems" open={errors + warnings > 0}>
          <summary>
            Problems reading the YAML <span className={`count ${errors ? 'count-error' : warnings ? 'count-warning' : ''}`}>{load.diagnosticsTotal}</span>
          </summary>
          <ul>
            {load.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`}>
                <span className="diag-icon" aria-label={d.severity}>{ICON[d.severity]}</span>
                <span className="diag-text">
                  {d.object && !d.message.startsWith(d.object) && <strong>{d.object}: </strong>}
                  {d.message}
                </span>
                <SourceButton source={d.source} what={d.code} />
              </li>
            ))}
            {load.diagnosticsTotal > load.diagnostics.length && <li className="muted">and {load.diagnosticsTotal - load.diagnostics.length} more</li>}
          </ul>
        </details>
      )}
      {load.ignoredTotal > 0 && (
        <details className="ignored">
          <summary>
            Ignored objects <span className="count">{load.ignoredTotal}</span>
          </summary>
          <ul>
            {load.ignored.map((o, i) => (
              <li key={i}>
                <strong>
                  {o.kind} {o.namespace ? `${o.namespace}/` : ''}
                  {o.name}
                </strong>{' '}
                <span className="muted">({o.apiVersion})</span>: {o.why} <SourceButton source={o.source} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
