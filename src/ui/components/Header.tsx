import { useRef } from 'react';
import { copyShareLink, exportScenario, importFile } from '../actions';
import { useStore } from '../store';
import { openConversion } from '../analysis/state';
import { ExamplesMenu } from './ExamplesMenu';

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="6" cy="16" r="4" />
      <circle cx="26" cy="7" r="3.5" />
      <circle cx="26" cy="25" r="3.5" />
      <path d="M10 16 C 16 16, 16 7, 22.5 7" />
      <path d="M10 16 C 16 16, 16 25, 22.5 25" className="logo-dim" />
    </svg>
  );
}

export function Header() {
  const input = useRef<HTMLInputElement>(null);
  const link = useStore((s) => s.link);
  const saveState = useStore((s) => s.saveState);
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <h1>RouteLab</h1>
        <span className="tagline">where a request goes in Kubernetes, and why</span>
      </div>
      <span className="save-state" data-save-state={saveState} title="Your work is kept in the address bar and in this browser">
        {saveState === 'saved' ? 'Saved in this browser' : saveState === 'saving' ? 'Saving…' : 'Not saved'}
      </span>
      <nav className="header-actions" aria-label="Scenario actions">
        <ExamplesMenu />
        <label className="btn file-btn">
          Import scenario
          <input
            ref={input}
            type="file"
            accept=".yaml,.yml,.txt,.json,text/yaml,application/yaml,application/x-yaml,text/plain"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f).finally(() => input.current && (input.current.value = ''));
            }}
          />
        </label>
        <button type="button" className="btn" onClick={exportScenario}>
          Export scenario
        </button>
        <button type="button" className="btn" onClick={openConversion} title="Convert the Ingresses to Gateway API for the implementation you move to, with the quirks, blockers, a proof that traces both, log replay and a cutover script">
          Migrate to Gateway API
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void copyShareLink()}
          title={link.status === 'too-large' ? 'This scenario is too large for a link; use Export scenario' : 'Copy a link that holds the whole scenario'}
        >
          Copy share link
        </button>
      </nav>
    </header>
  );
}
