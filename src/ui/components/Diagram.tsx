// The request's path as a diagram: the frame (messages, legend, Enlarge) renders at once;
// the React Flow canvas is a lazy chunk (DiagramFlow), drawn when it has loaded, in a
// frame of fixed height so nothing moves when it arrives.
import { useEffect, useState } from 'react';
import { useStore } from '../store';

type Canvas = (typeof import('./DiagramFlow'))['default'];
let canvas: Canvas | undefined;
let canvasLoad: Promise<Canvas> | undefined;
const loadCanvas = () => (canvasLoad ??= import('./DiagramFlow').then((m) => (canvas = m.default)));

/**
 * The canvas once its chunk is in. A state update, not React.lazy: React holds a Suspense
 * fallback on screen for at least 300 ms, which kept the diagram that long behind the trace.
 */
function useCanvas(): Canvas | 'failed' | undefined {
  // An initializer function: `canvas` is itself a function (a component), not a state updater.
  const [c, setC] = useState<Canvas | 'failed' | undefined>(() => canvas);
  // Fetched once the first trace is on screen (editorWanted, set then, or after 2.5 s, as
  // for Monaco): its 190 KB would otherwise be compiled and drawn on the page's thread while
  // the first trace is waited for.
  const wanted = useStore((s) => s.editorWanted);
  useEffect(() => {
    if (c || !wanted) return;
    let live = true;
    loadCanvas().then(
      (got) => live && setC(() => got),
      () => live && setC('failed'),
    );
    return () => {
      live = false;
    };
  }, [c, wanted]);
  return c;
}

export function Diagram() {
  const [expanded, setExpanded] = useState(false);
  const Canvas = useCanvas();
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
        {Canvas === 'failed' ? (
          <p className="diagram-loading muted">The diagram could not be loaded; reload the page to try again. The trace below is complete.</p>
        ) : Canvas ? (
          <Canvas expanded={expanded} />
        ) : (
          <p className="diagram-loading muted">Drawing the diagram…</p>
        )}
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
