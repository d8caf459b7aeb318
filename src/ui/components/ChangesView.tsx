// Compare mode for a config change: keep the editor's YAML as the baseline ("before"),
// edit, and see every generated request that now routes differently, with both outcomes
// and the rule that decided each. Clicking a request traces it in the current config.
import { useRef } from 'react';
import { clearBaseline, restoreBaseline, setBaseline, setBaselineText, traceRequest, useAnalysis } from '../analysis/state';
import { requestText } from '../analysis/view';
import { MAX_IMPORT_BYTES } from '../actions';
import { describeWorkerError } from '../engine';
import { useStore } from '../store';

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export default function ChangesView() {
  const baseline = useAnalysis((a) => a.baseline);
  const run = useAnalysis((a) => a.diff);
  const yamlVersion = useStore((s) => s.yamlVersion);
  const unchanged = useStore((s) => !!baseline && s.yaml === baseline.text);
  const notify = useStore((s) => s.notify);
  const file = useRef<HTMLInputElement>(null);
  const result = baseline && run.value?.baselineId === baseline.id ? run.value : undefined;
  const stale = !!result && result.version !== yamlVersion;

  const fromFile = async (f: File) => {
    if (f.size > MAX_IMPORT_BYTES) {
      notify('error', `${f.name} is too large to compare with.`);
      return;
    }
    try {
      setBaselineText(await f.text(), f.name);
    } catch {
      notify('error', `${f.name} could not be read.`);
    }
  };

  return (
    <section className="analysis-view" aria-label="Changes" aria-busy={run.status === 'running'}>
      <div className="section-head">
        <h3>Changes since the baseline</h3>
        <span className="muted">{run.status === 'running' ? 'tracing both…' : ''}</span>
      </div>
      <div className="convert-controls">
        <button type="button" className={`btn${baseline ? '' : ' btn-primary'}`} onClick={setBaseline}>
          {baseline ? 'Set the current YAML as baseline' : 'Set as baseline'}
        </button>
        <label className="btn file-btn">
          Compare with a file…
          <input
            ref={file}
            type="file"
            accept=".yaml,.yml,.txt,text/yaml,application/yaml,application/x-yaml,text/plain"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void fromFile(f).finally(() => file.current && (file.current.value = ''));
            }}
          />
        </label>
        {baseline && (
          <>
            <button type="button" className="btn" onClick={restoreBaseline} disabled={unchanged}>
              Put the baseline back in the editor
            </button>
            <button type="button" className="btn btn-quiet" onClick={clearBaseline}>
              Clear baseline
            </button>
          </>
        )}
      </div>
      {!baseline ? (
        <p className="muted view-intro">
          “Set as baseline” keeps the editor’s YAML as it is now. Then edit: every generated request (each host, path boundaries, trailing slashes, case) is traced
          through the baseline and through your edit, and the ones that route differently are listed here with both outcomes.
        </p>
      ) : (
        <>
          <p className="muted view-intro">
            Baseline: “{baseline.name}”, kept at {time(baseline.takenAt)} ({baseline.text.split('\n').length} lines). Requests are traced with the request bar’s entry point and
            controller.
          </p>
          <details className="baseline-yaml">
            <summary>The baseline YAML</summary>
            <pre className="code-block" tabIndex={0} aria-label="Baseline YAML (read-only)">
              <code>{baseline.text}</code>
            </pre>
          </details>
          {run.status === 'error' && run.error && (
            <p className="field-error" role="alert">
              The comparison stopped: {describeWorkerError(run.error)}
            </p>
          )}
          {result ? (
            <div className={stale ? 'is-updating' : undefined}>
              <p className="proof-headline">
                {result.requests} requests traced through both; {result.differencesTotal} route differently
                {stale && <span className="muted"> · updating after your edit…</span>}
              </p>
              {result.baselineErrors > 0 && <p className="field-error">The baseline has {result.baselineErrors} error(s) reading its YAML; its routing may be partial.</p>}
              {result.differences.length === 0 ? (
                <p className="muted">{unchanged ? 'No edits since the baseline was kept.' : 'Your edits change no generated request’s outcome.'}</p>
              ) : (
                <ul className="diff-list">
                  {result.differences.map((d, i) => (
                    <li key={i} className="diff-item">
                      <div className="diff-request">
                        <button type="button" className="link-btn" onClick={() => traceRequest(d.request)} title="Trace this request in the current config">
                          {requestText(d.request)}
                        </button>
                        {d.request.why && <span className="muted"> {d.request.why}</span>}
                      </div>
                      <dl className="sides">
                        <dt>Before</dt>
                        <dd>
                          {d.before.outcome} <span className="muted">[{d.before.rule}]</span>
                        </dd>
                        <dt>After</dt>
                        <dd>
                          {d.after.outcome} <span className="muted">[{d.after.rule}]</span>
                        </dd>
                      </dl>
                    </li>
                  ))}
                  {result.differencesTotal > result.differences.length && <li className="muted">and {result.differencesTotal - result.differences.length} more</li>}
                </ul>
              )}
            </div>
          ) : (
            run.status !== 'error' && <p className="muted">Tracing the requests through both configs…</p>
          )}
        </>
      )}
    </section>
  );
}
