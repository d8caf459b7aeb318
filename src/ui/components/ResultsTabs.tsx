// The results beside the editor, as tabs (WAI-ARIA tabs, automatic activation): the
// trace of the request bar's request, the controller comparison, the changes since a
// baseline, and the Gateway API conversion once it is asked for. The analysis views
// are separate chunks: they load when their tab is first opened.
import { lazy, Suspense, useEffect, useRef, type KeyboardEvent } from 'react';
import { openView, useAnalysis, type View } from '../analysis/state';
import { Diagram } from './Diagram';
import { SavedRequests } from './SavedRequests';
import { TracePanel } from './TracePanel';

const CompareView = lazy(() => import('./CompareView'));
const ChangesView = lazy(() => import('./ChangesView'));
const ConvertView = lazy(() => import('./ConvertView'));

const LABEL: Record<View, string> = {
  trace: 'Trace',
  compare: 'Compare',
  changes: 'Changes',
  convert: 'Migrate',
};

export function ResultsTabs() {
  const view = useAnalysis((a) => a.view);
  const convertOpen = useAnalysis((a) => a.convertOpen);
  const changes = useAnalysis((a) => (a.baseline && a.diff.value?.baselineId === a.baseline.id ? a.diff.value.differencesTotal : undefined));
  const list = useRef<HTMLDivElement>(null);
  const views: View[] = ['trace', 'compare', 'changes', ...(convertOpen ? (['convert'] as const) : [])];

  // A view can change under the focus (a comparison row traced, the conversion closed or
  // opened as a scenario): the control that had it is gone, so the selected tab takes it.
  const shown = useRef(view);
  useEffect(() => {
    if (shown.current === view) return;
    shown.current = view;
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body) list.current?.querySelector<HTMLButtonElement>(`#tab-${view}`)?.focus();
    });
  }, [view]);

  const onKey = (e: KeyboardEvent) => {
    const i = views.indexOf(view);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? views.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = views[(to + views.length) % views.length];
    openView(next);
    requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>(`#tab-${next}`)?.focus());
  };

  return (
    <>
      <div ref={list} role="tablist" aria-label="Results" className="tabs" onKeyDown={onKey}>
        {views.map((v) => (
          <button
            key={v}
            id={`tab-${v}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={view === v}
            aria-controls={`panel-${v}`}
            tabIndex={view === v ? 0 : -1}
            onClick={() => openView(v)}
          >
            {LABEL[v]}
            {v === 'changes' && changes !== undefined && <span className={`count ${changes ? 'count-warning' : ''}`}>{changes}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="tab-panel">
        {view === 'trace' ? (
          <>
            <SavedRequests />
            <Diagram />
            <TracePanel />
          </>
        ) : (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {view === 'compare' && <CompareView />}
            {view === 'changes' && <ChangesView />}
            {view === 'convert' && <ConvertView />}
          </Suspense>
        )}
      </div>
    </>
  );
}
