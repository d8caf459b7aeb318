// The comparison: the request bar's request and a generated request set (every host, path
// boundaries, trailing slashes, case) under spec, ingress-nginx, Traefik and HAProxy
// Ingress side by side, or, for a Gateway API scenario, under every implementation profile
// (portable, Envoy Gateway, Istio, Cilium, ...). Outcomes that differ from the first
// column's are highlighted; clicking a result traces the request with that one.
import { useState } from 'react';
import type { ControllerName } from '../../engine/index';
import type { CompareResult, CompareRowView } from '../../worker/protocol';
import { traceRequest, useAnalysis } from '../analysis/state';
import { CONTROLLER_TITLE, outcomeGroups, requestText, visibleRows } from '../analysis/view';
import { describeWorkerError } from '../engine';
import { useStore } from '../store';

/** Rows rendered before "Show more". */
const PAGE = 100;

type Kind = CompareResult['kind'];

/** How a compared subject is named, and how clicking it traces the request. */
function subjectTitle(kind: Kind, subject: string, titles?: { subjects: string[]; titles: string[] }): string {
  if (kind === 'controllers') return CONTROLLER_TITLE[subject as ControllerName] ?? subject;
  const i = titles?.subjects.indexOf(subject) ?? -1;
  return i >= 0 ? titles!.titles[i] : subject;
}

function Results({ row, kind, titles }: { row: CompareRowView; kind: Kind; titles?: { subjects: string[]; titles: string[] } }) {
  const groups = outcomeGroups(row);
  const first = row.results[0] ? subjectTitle(kind, row.results[0].subject, titles) : '';
  return (
    <ul className="cmp-results">
      {row.results.map((r, i) => (
        <li key={r.subject} className={groups[i] > 0 ? 'cmp-differs' : undefined}>
          <button
            type="button"
            className="cmp-result"
            onClick={() => (kind === 'controllers' ? traceRequest(row.request, r.subject as ControllerName) : traceRequest(row.request, undefined, r.subject))}
            title={`Trace ${requestText(row.request)} with ${subjectTitle(kind, r.subject, titles)}`}
          >
            <span className="cmp-controller">{subjectTitle(kind, r.subject, titles)}</span>
            <span className="cmp-outcome">
              {r.outcome}
              {groups[i] > 0 && <span className="visually-hidden"> (differs from {first})</span>}
            </span>
            <span className="cmp-rule">{r.rule}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Row({ row, kind, titles }: { row: CompareRowView; kind: Kind; titles: { subjects: string[]; titles: string[] } }) {
  return (
    <li className={`cmp-row${row.differs ? ' is-differing' : ''}`}>
      <div className="cmp-request">
        <span className={`badge ${row.differs ? 'badge-fail' : 'badge-pass'}`}>{row.differs ? 'differs' : 'same'}</span>
        <code>{requestText(row.request)}</code>
        {row.request.why && <span className="muted"> {row.request.why}</span>}
      </div>
      <Results row={row} kind={kind} titles={titles} />
      {row.differs && <p className="cmp-explanation">{row.explanation}</p>}
    </li>
  );
}

function CurrentRequest({ kind, titles }: { kind: Kind; titles: { subjects: string[]; titles: string[] } }) {
  const run = useAnalysis((a) => a.compareRequest);
  const result = run.value;
  const each = kind === 'controllers' ? 'controller' : 'implementation';
  return (
    <section className="cmp-current" aria-label={`This request under each ${each}`} aria-busy={run.status === 'running'}>
      <h4>This request under each {each}</h4>
      {run.status === 'error' && run.error && <p className="field-error">{describeWorkerError(run.error)}</p>}
      {result?.requestError && <p className="field-error">The request cannot be sent as written: {result.requestError}</p>}
      {result?.row ? (
        <>
          <p className="cmp-request">
            <span className={`badge ${result.row.differs ? 'badge-fail' : 'badge-pass'}`}>{result.row.differs ? `${each}s disagree` : 'all agree'}</span>
            <code>{requestText(result.row.request)}</code>
          </p>
          <Results row={result.row} kind={kind} titles={titles} />
          {result.row.differs && <p className="cmp-explanation">{result.row.explanation}</p>}
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

  const kind: Kind = result?.kind ?? 'controllers';
  const titles = { subjects: result?.subjects ?? [], titles: result?.titles ?? [] };
  const controllers = kind === 'controllers';
  const empty = result ? (controllers ? result.ingresses === 0 : result.gatewayRoutes === 0) : false;
  const heading = controllers ? 'Compare controllers' : 'Compare implementations';
  return (
    <section className="analysis-view" aria-label={heading} aria-busy={run.status === 'running'}>
      <div className="section-head">
        <h3>{heading}</h3>
        <span className="muted">{run.status === 'running' ? 'tracing…' : run.ms !== undefined && result ? `traced in ${run.ms.toFixed(0)} ms` : ''}</span>
      </div>
      {controllers ? (
        <p className="muted view-intro">
          The same requests through the Ingress specification, ingress-nginx, Traefik and HAProxy Ingress. Here each controller serves every Ingress, whatever its
          class, so the rows compare how they match; the trace also applies class selection. Click a controller’s result to trace the request with it.
        </p>
      ) : (
        <p className="muted view-intro">
          The same requests through every Gateway API implementation profile: the portable specification, then each implementation as its conformance report,
          regex dialect, path normalization and handling of unsupported features say. Click a result to trace the request with that implementation.
        </p>
      )}
      {result && !empty && <CurrentRequest kind={kind} titles={titles} />}
      {run.status === 'error' && run.error && (
        <p className="field-error" role="alert">
          The comparison stopped: {describeWorkerError(run.error)}
        </p>
      )}
      {result && empty ? (
        <p className="muted">{controllers ? 'No Ingress in the manifests: the comparison is about Ingress controllers.' : 'No Gateway API route in the manifests: the comparison is about their implementations.'}</p>
      ) : result ? (
        <section className={`cmp-generated${stale ? ' is-updating' : ''}`} aria-label="Generated requests">
          <div className="cmp-headline">
            <p>
              <strong>{result.rows.length}</strong> generated requests; <strong className={result.disagreements ? 'text-fail' : undefined}>{result.disagreements}</strong> routed
              differently by {result.titles.join(' / ')}
              {stale && <span className="muted"> · updating after your edit…</span>}
            </p>
            <label className="check">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show all {result.rows.length} requests
            </label>
          </div>
          {rows.length === 0 ? (
            <p className="muted">Every {controllers ? 'controller' : 'implementation'} routes every generated request the same way.</p>
          ) : (
            <ul className="cmp-rows">
              {rows.slice(0, shown).map((r, i) => (
                <Row key={i} row={r} kind={kind} titles={titles} />
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
        run.status !== 'error' && <p className="muted">Tracing the generated requests…</p>
      )}
    </section>
  );
}
