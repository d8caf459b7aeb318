// The Ingresses converted to Gateway API, beside the original in the editor: the YAML
// (a complete scenario: Services and workloads carried over), every mapping that cannot
// be exact (declared deviations), and the proof: the generated requests traced through
// both configs, with each request that routes differently and whether it was declared.
import { useState } from 'react';
import { CONTROLLER_NAMES, type ControllerName } from '../../engine/index';
import { closeConversion, openConvertedAsScenario, traceRequest, useAnalysis } from '../analysis/state';
import { CONTROLLER_TITLE, proofHeadline, requestText } from '../analysis/view';
import { describeWorkerError } from '../engine';
import { useStore } from '../store';
import { SourceButton } from './SourceButton';

export default function ConvertView() {
  const run = useAnalysis((a) => a.convert);
  const chosen = useAnalysis((a) => a.convertController);
  const yamlVersion = useStore((s) => s.yamlVersion);
  const notify = useStore((s) => s.notify);
  const [copied, setCopied] = useState(false);
  const result = run.value;
  const stale = !!result && result.version !== yamlVersion;
  const proof = result?.proof;

  const copy = async () => {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.yaml);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      notify('warning', 'The clipboard is not available here: select the YAML and copy it by hand.');
    }
  };

  return (
    <section className="analysis-view" aria-label="Gateway API conversion" aria-busy={run.status === 'running'}>
      <div className="section-head">
        <h3>Gateway API conversion</h3>
        <button type="button" className="btn btn-small btn-quiet" onClick={closeConversion}>
          Close the conversion
        </button>
      </div>
      <div className="convert-controls">
        <div className="field">
          <label className="field-label" htmlFor="rl-convert-controller">
            The Ingresses were written for
          </label>
          <select
            id="rl-convert-controller"
            value={chosen ?? ''}
            onChange={(e) => useAnalysis.setState({ convertController: (e.target.value || undefined) as ControllerName | undefined })}
          >
            <option value="">{result ? `${CONTROLLER_TITLE[result.inferred]} (inferred from the manifests)` : 'inferred from the manifests'}</option>
            {CONTROLLER_NAMES.map((c) => (
              <option key={c} value={c}>
                {CONTROLLER_TITLE[c]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-primary" disabled={!result || stale || result.ingresses === 0} onClick={openConvertedAsScenario}>
          Open as scenario
        </button>
        <button type="button" className="btn" disabled={!result || result.ingresses === 0} onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy YAML'}
        </button>
        <span className="muted">{run.status === 'running' ? 'converting and tracing…' : stale ? 'updating after your edit…' : ''}</span>
      </div>
      {run.status === 'error' && run.error && (
        <p className="field-error" role="alert">
          The conversion stopped: {describeWorkerError(run.error)}
        </p>
      )}
      {!result && run.status !== 'error' && <p className="muted">Converting the Ingresses and tracing both configs…</p>}
      {result && result.ingresses === 0 && <p className="muted">No Ingress in the manifests: there is nothing to convert.</p>}
      {result && result.ingresses > 0 && (
        <div className={stale ? 'is-updating' : undefined}>
          {proof && (
            <p className={`proof-headline ${proof.undeclared ? 'proof-bad' : proof.differences.length ? 'proof-declared' : 'proof-good'}`}>
              {proofHeadline(proof)}
            </p>
          )}
          <p className="muted view-intro">
            {result.ingresses} Ingress{result.ingresses === 1 ? '' : 'es'} as {CONTROLLER_TITLE[result.controller]} reads them, converted to {result.objects} objects (Services
            and workloads carried over). “Open as scenario” replaces the work with it, one Undo away; the saved requests come along and check it.
          </p>

          <section aria-label="Requests that route differently" className="convert-section">
            <h4>Requests that route differently</h4>
            {proof && proof.differences.length === 0 ? (
              <p className="muted">None: every generated request gets the same outcome from the Ingresses and from the Gateway API config.</p>
            ) : (
              <ul className="diff-list">
                {proof?.differences.map((d, i) => (
                  <li key={i} className={`diff-item${d.declared ? '' : ' is-undeclared'}`}>
                    <div className="diff-request">
                      <span className={`badge ${d.declared ? 'badge-none' : 'badge-fail'}`}>{d.declared ? 'declared' : 'not declared'}</span>
                      <button type="button" className="link-btn" onClick={() => traceRequest(d.request, result.controller)} title="Trace this request with the Ingresses">
                        {requestText(d.request)}
                      </button>
                      {d.request.why && <span className="muted"> {d.request.why}</span>}
                    </div>
                    <dl className="sides">
                      <dt>Ingress ({CONTROLLER_TITLE[result.controller]})</dt>
                      <dd>
                        {d.ingress.outcome} <span className="muted">[{d.ingress.rule}]</span>
                      </dd>
                      <dt>Gateway API</dt>
                      <dd>
                        {d.gateway.outcome} <span className="muted">[{d.gateway.rule}]</span>
                      </dd>
                      {d.declared && (
                        <>
                          <dt>Declared</dt>
                          <dd>{d.declared.message}</dd>
                        </>
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-label="Declared deviations" className="convert-section">
            <h4>Declared deviations</h4>
            {result.deviations.length === 0 ? (
              <p className="muted">None: every mapping is exact.</p>
            ) : (
              <ul className="deviation-list">
                {result.deviations.map((d, i) => (
                  <li key={i}>
                    <code className="problem-code">{d.code}</code> {d.object && <strong>{d.object}: </strong>}
                    {d.message} <SourceButton source={d.source} what={d.code} />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-label="Gateway API YAML" className="convert-section">
            <h4>Gateway API YAML</h4>
            <pre className="code-block" tabIndex={0} aria-label="Converted Gateway API YAML (read-only)">
              <code>{result.yaml}</code>
            </pre>
          </section>
        </div>
      )}
    </section>
  );
}
