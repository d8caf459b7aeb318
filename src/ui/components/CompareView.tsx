// The controller comparison: the request bar's request and a generated request set
// (every host, path boundaries, trailing slashes, case) under spec, ingress-nginx,
// Traefik and HAProxy Ingress side by side. Outcomes that differ from spec's are
// highlighted; clicking a controller's result traces the request with that controller.
import { useState } from 'react';
import type { CompareRowView } from '../../worker/protocol';
import { traceRequest, useAnalysis } from '../analysis/state';
import { CONTROLLER_TITLE, outcomeGroups, requestText, visibleRows } from '../analysis/view';
import { describeWorkerError } from '../engine';
import { useStore } from '../store';

/** Rows rendered before "Show more". */
const PAGE = 100;

function Results({ row }: { row: CompareRowView }) {
  const groups = outcomeGroups(row);
  return (
    <ul className="cmp-results">
      {row.results.map((r, i) => (
        <li key={r.controller} className={groups[i] > 0 ? 'cmp-differs' : undefined}>
          <button
            type="button"
            className="cmp-result"
            onClick={() => traceRequest(row.request, r.controller)}
            title={`Trace ${requestText(row.request)} with ${CONTROLLER_TITLE[r.controller]}`}
          >
            <span className="cmp-controller">{CONTROLLER_TITLE[r.controller]}</span>
            <span className="cmp-outcome">
              {r.outcome}
              {groups[i] > 0 && <span className="visually-hidden"> (differs from spec)</span>}
            </span>
            <span className="cmp-rule">{r.rule}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Row({ row }: { row: CompareRowView }) {
  return (
    <li className={`cmp-row${row.differs ? ' is-differing' : ''}`}>
      <div className="cmp-request">
        <span className={`badge ${row.differs ? 'badge-fail' : 'badge-pass'}`}>{row.differs ? 'differs' : 'same'}</span>
        <code>{requestText(row.request)}</code>
        {row.request.why && <span className="muted"> {row.request.why}</span>}
      </div>
      <Results row={row} />
      {row.differs && <p className="cmp-explanation">{row.explanation}</p>}
    </li>
  );
}

function CurrentRequest() {
  const run = useAnalysis((a) => a.compareRequest);
  const result = run.value;
  return (
    <section className="cmp-current" aria-label="This request under each controller" aria-busy={run.status === 'running'}>
      <h4>This request under each controller</h4>
      {run.status === 'error' && run.error && <p className="field-error">{describeWorkerError(run.error)}</p>}
      {result?.requestError && <p className="field-error">The request cannot be sent as written: {result.requestError}</p>}
      {result?.row ? (
        <>
          <p className="cmp-request">
            <span className={`badge ${result.row.differs ? 'badge-fail' : 'badge-pass'}`}>{result.row.differs ? 'controllers disagree' : 'all agree'}</span>
            <code>{requestText(result.row.request)}</code>
          </p>
          <Results row={result.row} />
        </>
      ) : (
        !result && run.status !== 'error' && <p className="muted">Tracing…</p>
      )}
    </section>
  );
}

export default function CompareView() {
  const run = useAnalysis((a) => a.compare);
  const yamlVersion = useStore((s) => s.yamlVersion);
  const [showAll, setShowAll] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const result = run.value;
  const stale = !!result && result.version !== yamlVersion;
  const rows = result ? visibleRows(result.rows, showAll) : [];

  return (
    <section className="analysis-view" aria-label="Compare controllers" aria-busy={run.status === 'running'}>
      <div className="section-head">
        <h3>Compare controllers</h3>
        <span className="muted">{run.status === 'running' ? 'tracing…' : run.ms !== undefined && result ? `traced in ${run.ms.toFixed(0)} ms` : ''}</span>
      </div>
      <p className="muted view-intro">
        The same requests through the Ingress specification, ingress-nginx, Traefik and HAProxy Ingress. Here each controller serves every Ingress, whatever its
        class, so the rows compare how they match; the trace also applies class selection. Click a controller’s result to trace the request with it.
      </p>
      {result?.ingresses !== 0 && <CurrentRequest />}
      {run.status === 'error' && run.error && (
        <p className="field-error" role="alert">
          The comparison stopped: {describeWorkerError(run.error)}
        </p>
      )}
      {result && result.ingresses === 0 ? (
        <p className="muted">No Ingress in the manifests: the comparison is about Ingress controllers.</p>
      ) : result ? (
        <section className={`cmp-generated${stale ? ' is-updating' : ''}`} aria-label="Generated requests">
          <div className="cmp-headline">
            <p>
              <strong>{result.rows.length}</strong> generated requests; <strong className={result.disagreements ? 'text-fail' : undefined}>{result.disagreements}</strong> routed
              differently by {result.controllers.map((c) => CONTROLLER_TITLE[c]).join(' / ')}
              {stale && <span className="muted"> · updating after your edit…</span>}
            </p>
            <label className="check">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show all {result.rows.length} requests
            </label>
          </div>
          {rows.length === 0 ? (
            <p className="muted">Every controller routes every generated request the same way.</p>
          ) : (
            <ul className="cmp-rows">
              {rows.slice(0, shown).map((r, i) => (
                <Row key={i} row={r} />
              ))}
            </ul>
          )}
          {rows.length > shown && (
            <button type="button" className="btn btn-small" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
            </button>
          )}
        </section>
      ) : (
        run.status !== 'error' && <p className="muted">Tracing the generated requests through four controllers…</p>
      )}
    </section>
  );
}
