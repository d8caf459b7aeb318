// Lint for the editor's YAML under the request bar's controller: each problem with its
// object, line, why and how to fix it, and the traced request that proves it. Clicking a
// problem selects its line; the proof's request can be traced in the request bar.
import type { Severity } from '../../engine/index';
import { traceRequest, useAnalysis } from '../analysis/state';
import { CONTROLLER_TITLE, countsText, panelProblems, problemCounts, requestText } from '../analysis/view';
import { describeWorkerError } from '../engine';
import { useStore } from '../store';
import { lineText } from './SourceButton';

const ICON: Record<Severity, string> = { error: '⨯', warning: '!', info: 'i' };
const WORD: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function ProblemsPanel() {
  const run = useAnalysis((a) => a.lint);
  const yamlVersion = useStore((s) => s.yamlVersion);
  const select = useStore((s) => s.select);
  // The controller matters only for Ingresses: say which one the check used only when there are some.
  const ingresses = useStore((s) => s.trace.value?.load.entryPoints.hasIngresses ?? true);
  const result = run.value;
  const stale = !!result && result.version !== yamlVersion;
  const problems = result ? panelProblems(result.problems) : [];
  const counts = result ? problemCounts(result.problems) : undefined;
  const tone = counts?.error ? 'count-error' : counts?.warning ? 'count-warning' : '';
  return (
    <section className={`problems-panel${stale ? ' is-updating' : ''}`} aria-label="Problems" aria-busy={run.status === 'running'}>
      <div className="problems-head">
        <h3>Problems</h3>
        {counts && <span className={`count ${tone}`}>{problems.length}</span>}
        <span className="muted">
          {result ? `${countsText(counts!)}${ingresses ? ` under ${CONTROLLER_TITLE[result.controller]}` : ''}` : run.status === 'error' ? '' : 'checking…'}
          {run.status === 'running' && result && ' · checking…'}
        </span>
      </div>
      {run.status === 'error' && run.error && (
        <p className="field-error" role="alert">
          The check stopped: {describeWorkerError(run.error)}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.map((p, i) => (
            <li key={i} className={`problem problem-${p.severity}`}>
              <button
                type="button"
                className="problem-main"
                onClick={() => p.source && select(p.source)}
                disabled={!p.source}
                title={p.source ? `Select ${lineText(p.source)} in the editor` : undefined}
              >
                <span className="diag-icon" aria-hidden="true">
                  {ICON[p.severity]}
                </span>
                <span className="problem-text">
                  <span className="problem-where">
                    <span className="visually-hidden">{WORD[p.severity]}: </span>
                    <strong>{p.object}</strong>
                    {p.source && <span className="problem-line"> · {lineText(p.source)}</span>}
                    <code className="problem-code">{p.code}</code>
                  </span>
                  <span className="problem-message">{p.message}</span>
                </span>
              </button>
              <p className="problem-fix">
                <span className="problem-label">Fix:</span> {p.fix}
              </p>
              {p.proof && (
                <p className="problem-proof">
                  <span className="problem-label">Proof:</span> <code>{requestText(p.proof.request)}</code> goes to {p.proof.winner}: {p.proof.outcome}{' '}
                  <button type="button" className="btn btn-small" onClick={() => traceRequest(p.proof!.request)}>
                    Trace this request
                  </button>
                </p>
              )}
            </li>
          ))}
          {result && result.total > result.problems.length && <li className="muted">and {result.total - result.problems.length} more</li>}
        </ul>
      )}
      {counts && counts.fromLoad > 0 && (
        <p className="muted problems-note">
          {counts.fromLoad} more {counts.fromLoad === 1 ? 'is' : 'are'} listed above, under Problems reading the YAML.
        </p>
      )}
    </section>
  );
}
