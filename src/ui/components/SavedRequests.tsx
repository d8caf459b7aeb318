// The scenario's saved requests with pass/fail badges (checked in the worker with the
// engine's compareExpectation). Clicking one loads it into the request bar.
import type { CaseOutcome } from '../../worker/protocol';
import { useStore } from '../store';

function Badge({ outcome, running }: { outcome: CaseOutcome | undefined; running: boolean }) {
  if (!outcome) return <span className="badge badge-pending">{running ? 'running' : '…'}</span>;
  if (outcome.status === 'pass') return <span className="badge badge-pass">✓ pass</span>;
  if (outcome.status === 'fail') return <span className="badge badge-fail">✗ fail</span>;
  return <span className="badge badge-none" title="No expectations: a bookmark">no expectation</span>;
}

export function SavedRequests() {
  const requests = useStore((s) => s.requests);
  // Highlighted while the request bar still holds it unchanged.
  const selected = useStore((s) => {
    const r = s.requests.find((x) => x.id === s.selectedRequest);
    return r && (Object.keys(r.form) as Array<keyof typeof r.form>).every((k) => r.form[k] === s.form[k]) ? r.id : undefined;
  });
  const cases = useStore((s) => s.cases);
  const loadRequest = useStore((s) => s.loadRequest);
  const removeRequest = useStore((s) => s.removeRequest);
  const results = new Map((cases.value?.results ?? []).map((r) => [r.id, r]));
  const pass = requests.filter((r) => results.get(r.id)?.status === 'pass').length;
  const fail = requests.filter((r) => results.get(r.id)?.status === 'fail').length;

  return (
    <section className="saved" aria-label="Saved requests">
      <div className="section-head">
        <h3>Saved requests</h3>
        {requests.length > 0 && (
          <span className="muted">
            {pass} pass{fail > 0 && <>, <span className="text-fail">{fail} fail</span></>}
            {cases.status === 'running' && ' · checking…'}
          </span>
        )}
      </div>
      {cases.status === 'error' && cases.error && (
        <p className="field-error" role="alert">
          Checking the saved requests stopped: {cases.error.code === 'TimeLimit' ? 'the engine hit its time limit' : cases.error.message}.
        </p>
      )}
      {requests.length === 0 ? (
        <p className="muted empty">No saved requests yet. “Save request” keeps the request bar’s request with its current result as the expectation.</p>
      ) : (
        <ul className="saved-list">
          {requests.map((r) => {
            const outcome = results.get(r.id);
            return (
              <li key={r.id} className={`saved-item${r.id === selected ? ' is-selected' : ''}${outcome?.status === 'fail' ? ' is-failing' : ''}`}>
                <button type="button" className="saved-load" onClick={() => loadRequest(r.id)} aria-current={r.id === selected ? 'true' : undefined} title={`${r.form.method} ${r.form.url}`}>
                  <Badge outcome={outcome} running={cases.status === 'running'} />
                  <span className="saved-name">{r.name}</span>
                </button>
                <button type="button" className="icon-btn" onClick={() => removeRequest(r.id)} aria-label={`Remove saved request ${r.name}`} title="Remove">
                  ✕
                </button>
                {outcome?.status === 'fail' && (
                  <ul className="failures">
                    {outcome.failures.map((f, i) => (
                      <li key={i}>{f}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
