// The Examples menu: a menu button (WAI-ARIA menu pattern: arrows, Home/End, Escape).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EXAMPLES } from '../examples/index';
import { openExample } from '../actions';

export function ExamplesMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = () => Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onKey = (e: KeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (n: number) => {
      e.preventDefault();
      list[(n + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') setOpen(false);
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="examples-menu"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={menu} id="examples-menu" role="menu" aria-label="Examples" className="menu" onKeyDown={onKey}>
          {EXAMPLES.map((ex, i) => (
            <button
              key={ex.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => {
                close();
                void openExample(ex);
              }}
            >
              <span className="menu-item-title">
                <span className="menu-item-number" aria-hidden="true">{i + 1}</span>
                {ex.title}
              </span>
              <span className="menu-item-blurb">{ex.blurb}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
