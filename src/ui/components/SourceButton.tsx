// "line 12" buttons: select the source range behind a decision in the editor.
import type { SourceRef } from '../../engine/index';
import { useStore } from '../store';

export function lineText(ref: SourceRef): string {
  return ref.startLine === ref.endLine ? `line ${ref.startLine}` : `lines ${ref.startLine}–${ref.endLine}`;
}

export function SourceButton({ source, what }: { source: SourceRef | undefined; what?: string }) {
  const select = useStore((s) => s.select);
  if (!source) return null;
  const text = lineText(source);
  return (
    <button type="button" className="source-link" onClick={() => select(source)} aria-label={`Select ${text}${what ? ` (${what})` : ''} in the editor`} title={`Select ${text} in the editor`}>
      {text}
    </button>
  );
}
