// The request's path as a diagram: the frame (messages, legend, Enlarge) renders at once;
// the React Flow canvas is a lazy chunk (DiagramFlow), drawn when it has loaded, in a
// frame of fixed height so nothing moves when it arrives.
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useStore } from '../store';

const DiagramFlow = lazy(() => import('./DiagramFlow'));

/** A canvas chunk that cannot be fetched (offline after a deploy) leaves a sentence, not a blank page. */
class CanvasBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <p className="diagram-loading muted">The diagram could not be loaded; reload the page to try again. The trace below is complete.</p> : this.props.children;
  }
}

export function Diagram() {
  const [expanded, setExpanded] = useState(false);
  const stale = useStore((s) => s.trace.status === 'error');
  const noRequest = useStore((s) => s.trace.status !== 'error' && !!s.trace.value?.requestError);
  useEffect(() => {
    if (!expanded) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setExpanded(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [expanded]);
  return (
    <>
      {expanded && <div className="diagram-backdrop" onClick={() => setExpanded(false)} />}
    <section className={`diagram${expanded ? ' is-expanded' : ''}${stale ? ' is-stale' : ''}`} aria-label="Diagram">
      {stale && <p className="diagram-stale">The last complete trace: the current one was stopped (see above).</p>}
      {noRequest && <p className="diagram-stale">No diagram: the request cannot be sent as written.</p>}
      <div className="diagram-flow">
        <CanvasBoundary>
          <Suspense fallback={<p className="diagram-loading muted">Drawing the diagram…</p>}>
            <DiagramFlow expanded={expanded} />
          </Suspense>
        </CanvasBoundary>
      </div>
      <div className="diagram-footer">
        <ul className="legend" aria-label="Legend">
          <li><span className="swatch swatch-taken" /> path taken</li>
          <li><span className="swatch swatch-lost" /> lost (hover for why)</li>
          <li><span className="swatch swatch-fail" /> stopped</li>
          <li><span className="swatch swatch-alt" /> other candidates</li>
        </ul>
        <button type="button" className="btn btn-small" aria-pressed={expanded} onClick={() => setExpanded((x) => !x)}>
          {expanded ? 'Close large view' : 'Enlarge'}
        </button>
      </div>
    </section>
    </>
  );
}
