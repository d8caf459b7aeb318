import { useEffect } from 'react';
import { undoReplace } from '../actions';
import { useStore } from '../store';

export function NoticeBar() {
  const notice = useStore((s) => s.notice);
  const dismiss = useStore((s) => s.dismissNotice);
  const link = useStore((s) => s.link);

  // Successes and plain information fade after a while; problems stay until dismissed.
  // (An offer to undo stays longer; a link to copy by hand stays until dismissed.)
  useEffect(() => {
    if (!notice || notice.kind === 'error' || notice.kind === 'warning' || notice.link) return;
    const t = setTimeout(() => useStore.getState().notice?.id === notice.id && dismiss(), notice.undo ? 20_000 : 6000);
    return () => clearTimeout(t);
  }, [notice, dismiss]);

  return (
    <div className="notices">
      <div role="status" aria-live="polite" className="notice-live">
        {notice && notice.kind !== 'error' && (
          <div className={`notice notice-${notice.kind}`}>
            <span>{notice.text}</span>
            {notice.link && <input className="notice-link" readOnly value={notice.link} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />}
            {notice.undo && (
              <button type="button" className="btn btn-small" onClick={undoReplace}>
                Undo
              </button>
            )}
            <button type="button" className="btn btn-small btn-quiet" onClick={dismiss} aria-label="Dismiss message">
              ✕
            </button>
          </div>
        )}
      </div>
      <div role="alert" className="notice-live">
        {notice && notice.kind === 'error' && (
          <div className="notice notice-error">
            <span>{notice.text}</span>
            <button type="button" className="btn btn-small btn-quiet" onClick={dismiss} aria-label="Dismiss message">
              ✕
            </button>
          </div>
        )}
      </div>
      {link.status === 'too-large' && (
        <p className="notice notice-warning link-warning">
          This scenario is too large for a share link (about {Math.round(link.chars / 1000)} KB compressed; links stop at 64 KB), so the address bar does not hold it. Use Export scenario to share it or keep a copy.
        </p>
      )}
    </div>
  );
}
