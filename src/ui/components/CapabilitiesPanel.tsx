// Capabilities of the editor's Gateway API config: the conformance features it uses (each
// with its object and line; clicking selects it) and, per implementation, whether its
// conformance report supports them all, ranked, with the requests each blocker affects.
// The engine decides (analysis/capabilities.ts); this renders the lint job's result.
import { useState } from 'react';
import { traceRequest, useAnalysis } from '../analysis/state';
import { useStore } from '../store';

export function CapabilitiesPanel() {
  const caps = useAnalysis((a) => a.lint.value?.capabilities);
  const select = useStore((s) => s.select);
  const [open, setOpen] = useState(true);
  if (!caps) return null;
  const ready = caps.implementations.filter((i) => i.blockers.length === 0 && i.missingProfiles.length === 0).length;
  return (
    <section className="problems-panel capabilities-panel" aria-label="Capabilities">
      <div className="problems-head">
        <h3>
          <button type="button" className="link-btn" aria-expanded={open} onClick={() => setOpen(!open)}>
            Capabilities
          </button>
        </h3>
        <span className="count">{caps.features.length}</span>
        <span className="muted">
          {caps.features.length} feature(s) used; {ready} of {caps.implementations.length} implementations support them all
        </span>
      </div>
      {open && (
        <>
          <h4>Features this config uses</h4>
          {caps.features.length === 0 ? (
            <p className="muted">Only Core features: every conformant implementation supports them.</p>
          ) : (
            <ul className="problem-list cap-features">
              {caps.features.map((f) => (
                <li key={f.name} className="problem">
                  <code>{f.name}</code> <span className="muted">({f.profile})</span>{' '}
                  {f.objects.map((o, i) => (
                    <button key={i} type="button" className="link-btn" onClick={() => select(f.sources[i])} title={`Select line ${o.line}: ${f.what[i]}`}>
                      {o.kind} {o.namespace ? `${o.namespace}/` : ''}
                      {o.name} · line {o.line}
                    </button>
                  ))}
                  {f.more > 0 && <span className="muted"> and {f.more} more</span>}
                </li>
              ))}
            </ul>
          )}
          {caps.implementationSpecific > 0 && (
            <p className="muted">
              {caps.implementationSpecific} RegularExpression match(es): valid everywhere, but the dialect and anchoring differ per implementation (the Compare tab shows where).
            </p>
          )}
          <h4>Implementations, fewest blockers first</h4>
          <ol className="cap-implementations">
            {caps.implementations.map((i) => {
              const ok = i.blockers.length === 0 && i.missingProfiles.length === 0;
              return (
                <li key={i.name} className={ok ? 'cap-ok' : 'cap-blocked'} data-implementation={i.name}>
                  <span className={`badge ${ok ? 'badge-pass' : 'badge-fail'}`}>{ok ? 'supports all' : 'blocked'}</span> <strong>{i.title}</strong>{' '}
                  <span className="muted">{i.report}</span>
                  {i.blockers.length > 0 && <div>lacks: {i.blockers.join(', ')}</div>}
                  {i.missingProfiles.length > 0 && <div>no {i.missingProfiles.join(', ')} profile in its report</div>}
                  {i.unlisted.length > 0 && <div className="muted">not in its report: {i.unlisted.join(', ')}</div>}
                  {i.affected
                    .filter((a) => a.requests.length > 0)
                    .map((a) => (
                      <div key={a.feature} className="muted">
                        {a.feature} affects{' '}
                        {a.requests.map((r) => (
                          <button key={`${r.method} ${r.url}`} type="button" className="link-btn" onClick={() => traceRequest(r, undefined, i.name)} title={`Trace with ${i.title}`}>
                            {r.method} {r.url}
                          </button>
                        ))}
                        {a.more > 0 && ` and ${a.more} more`}
                      </div>
                    ))}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
