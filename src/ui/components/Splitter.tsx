// The divider between the editor and the results: drag it, or focus it and use the
// arrow keys (WAI-ARIA window splitter).
import { useRef } from 'react';

const MIN = 22;
const MAX = 75;
const clamp = (v: number) => Math.min(MAX, Math.max(MIN, Math.round(v * 10) / 10));

export function Splitter({ value, onChange }: { value: number; onChange: (percent: number) => void }) {
  const dragging = useRef(false);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the editor"
      aria-valuenow={Math.round(value)}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      tabIndex={0}
      className="splitter"
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!dragging.current) return;
        const main = e.currentTarget.parentElement!.getBoundingClientRect();
        onChange(clamp(((e.clientX - main.left) / main.width) * 100));
      }}
      onPointerUp={() => (dragging.current = false)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 10 : 2;
        if (e.key === 'ArrowLeft') onChange(clamp(value - step));
        else if (e.key === 'ArrowRight') onChange(clamp(value + step));
        else if (e.key === 'Home') onChange(MIN);
        else if (e.key === 'End') onChange(MAX);
        else return;
        e.preventDefault();
      }}
    />
  );
}
