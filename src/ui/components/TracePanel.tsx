// The trace in words: the final response first (status, Service and port, Pod, what
// the backend sees), then every step with its candidates and why they won or lost.
import { useLayoutEffect } from 'react';
import { outcomeSucceeded, STEP_LABELS, type Outcome, type Trace, type TraceCandidate, type TraceStep } from '../../engine/trace/types';
import { describeWorkerError, traceRendered } from '../engine';
import { useStore } from '../store';
import { SourceButton } from './SourceButton';
import { SplitPanel } from './SplitPanel';


const OUTCOME_WORD: Record<Outcome['kind'], string> = {
  proxied: 'proxied',
  redirect: 'redirect',
  responded: 'answered by the entry point',
  'not-found': 'not found',
  error: 'error',
  rejected: 'no connection',
};

/** Candidates shown before "N more" */
const SHOWN_MISSES = 5;

function Candidate({ c }: { c: TraceCandidate }) {
  return (
    <li className={`cand cand-${c.verdict}`}>
      <span className={`verdict verdict-${c.verdict}`}>{c.verdict}</span>
      <span className="cand-label">{c.label}</span>
      <span className="cand-detail">{c.detail}</span>
      <SourceButton source={c.source} what={c.label} />
    </li>
  );
}

function Candidates({ list }: { list: TraceCandidate[] }) {
  const main = list.filter((c) => c.verdict === 'won' || c.verdict === 'lost');
  const rest = list.filter((c) => c.verdict !== 'won' && c.verdict !== 'lost');
  const shown = rest.slice(0, SHOWN_MISSES);
  const hidden = rest.slice(SHOWN_MISSES);
  return (
    <>
      <ul className="cands">
        {[...main, ...shown].map((c, i) => (
          <Candidate key={i} c={c} />
        ))}
      </ul>
      {hidden.length > 0 && (
        <details className="more-cands">
          <summary>{hidden.length} more that did not match or were not considered</summary>
          <ul className="cands">
            {hidden.map((c, i) => (
              <Candidate key={i} c={c} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function Step({ step }: { step: TraceStep }) {
  return (
    <li className={`step step-${step.status}`}>
      <div className="step-line">
        <span className="step-kind">{STEP_LABELS[step.kind]}</span>
        <span className="step-summary">{step.summary}</span>
        <SourceButton source={step.source} what={STEP_LABELS[step.kind]} />
      </div>
      {step.candidates && step.candidates.length > 0 && <Candidates list={step.candidates} />}
      {step.notes && step.notes.length > 0 && (
        <ul className="notes">
          {step.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

function headerList(headers: Array<[string, string]>) {
  if (headers.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="headers">
      {headers.map(([n, v], i) => (
        <li key={i}>
          <code>
            {n}: {v}
          </code>
        </li>
      ))}
    </ul>
  );
}

function OutcomeCard({ trace }: { trace: Trace }) {
  const o = trace.outcome;
  // Defensive: some engine paths leave these undefined although the type says they are lists.
  const responseHeaders = o.responseHeaders ?? [];
  const mirroredTo = o.mirroredTo ?? [];
  const lost = trace.steps.flatMap((s) => (s.candidates ?? []).filter((c) => c.verdict === 'lost'));
  const tone = o.kind === 'redirect' ? 'redirect' : outcomeSucceeded(o) ? 'ok' : 'fail';
  return (
    <div className={`outcome outcome-${tone}`}>
      <div className="outcome-head">
        <span className="outcome-status">{o.status || '—'}</span>
        <span className="outcome-kind">{OUTCOME_WORD[o.kind]}</span>
        <span className="outcome-message">{o.message}</span>
      </div>
      <dl className="facts">
        {o.backend && (
          <>
            <dt>Service</dt>
            <dd>
              <strong>
                {o.backend.kind && o.backend.kind !== 'Service' ? `${o.backend.kind} ` : ''}
                {o.backend.namespace}/{o.backend.service}
              </strong>
              {o.backend.port !== undefined && <> port {o.backend.port}</>}
            </dd>
          </>
        )}
        {o.backends && o.backends.length > 1 && (
          <>
            <dt>Split</dt>
            <dd>
              {o.backends.map((b) => `${b.namespace}/${b.service} ${Math.round(b.share * 1000) / 10}% (weight ${b.weight})`).join(', ')}
            </dd>
          </>
        )}
        {o.endpoint && (
          <>
            <dt>Pod</dt>
            <dd>
              {o.endpoint.pod ?? 'endpoint'} <span className="muted">{o.endpoint.ip}:{o.endpoint.port}</span>
              {o.endpoints && o.endpoints.length > 1 && <span className="muted"> (1 of {o.endpoints.length} ready)</span>}
            </dd>
          </>
        )}
        {o.route && (
          <>
            <dt>Rule</dt>
            <dd>
              {o.route.kind} {o.route.namespace ? `${o.route.namespace}/` : ''}
              {o.route.name}
              {o.route.rule && <span className="muted"> {o.route.rule}</span>} <SourceButton source={o.route.source} what="the matching rule" />
            </dd>
          </>
        )}
        {o.location && (
          <>
            <dt>Location</dt>
            <dd>
              <code>{o.location}</code>
            </dd>
          </>
        )}
        {o.upstream && (
          <>
            <dt>Backend sees</dt>
            <dd>
              <code>
                {o.upstream.method} {o.upstream.path}
              </code>{' '}
              with Host <code>{o.upstream.host}</code>
            </dd>
            <dt>Headers</dt>
            <dd>{headerList(o.upstream.headers)}</dd>
          </>
        )}
        {responseHeaders.length > 0 && (
          <>
            <dt>Response headers</dt>
            <dd>{headerList(responseHeaders)}</dd>
          </>
        )}
        {mirroredTo.length > 0 && (
          <>
            <dt>Mirrored to</dt>
            <dd>{mirroredTo.map((m) => `${m.namespace}/${m.service}${m.percent !== undefined ? ` (${m.percent}%)` : ''}`).join(', ')}</dd>
          </>
        )}
      </dl>
      {lost.length > 0 && (
        <div className="why-not">
          <h4>Why not the others</h4>
          <ul className="cands">
            {lost.map((c, i) => (
              <Candidate key={i} c={c} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function TracePanel() {
  const run = useStore((s) => s.trace);
  const result = run.value;
  const trace = result?.trace;

  // A trace is on screen: record the timing marks the benchmark reads.
  useLayoutEffect(() => {
    if (trace) traceRendered();
  }, [trace]);

  return (
    <section className="trace-panel" aria-label="Trace" aria-busy={run.status === 'running'}>
      <div className="section-head">
        <h3>Trace</h3>
        <span className="muted" aria-live="off">
          {run.status === 'running' ? 'tracing…' : result ? `traced in ${result.traceMs.toFixed(1)} ms` : ''}
        </span>
      </div>
      {run.status === 'error' && run.error && (
        <div className="run-error" role="alert">
          {describeWorkerError(run.error)}
        </div>
      )}
      {result?.requestError && (
        <p className="field-error">The request cannot be traced: {result.requestError}</p>
      )}
      {trace && (
        <div className={run.status === 'error' ? 'is-stale' : undefined}>
          {run.status === 'error' && <p className="muted">The last complete trace, before the one that was stopped:</p>}
          <OutcomeCard trace={trace} />
          {trace.outcome.backends && trace.outcome.backends.length > 1 && <SplitPanel backends={trace.outcome.backends} />}
          <ol className="steps">
            {trace.steps.map((s, i) => (
              <Step key={i} step={s} />
            ))}
          </ol>
        </div>
      )}
      {!trace && !result?.requestError && run.status !== 'error' && <p className="muted">Tracing the request…</p>}
    </section>
  );
}
