// The manifests editor: Monaco once its chunk has loaded, a plain text area until then
// (same text, same store), so the page is usable before Monaco arrives.
import { lazy, Suspense, useEffect } from 'react';
import { largeTextNote } from '../largeText';
import { useStore } from '../store';

const MonacoEditor = lazy(() => import('../editor/MonacoEditor'));

function PlainEditor() {
  const yaml = useStore((s) => s.yaml);
  const setYaml = useStore((s) => s.setYaml);
  return (
    <textarea
      className="plain-editor"
      aria-label="Kubernetes manifests (YAML), plain text while the editor loads"
      spellCheck={false}
      value={yaml}
      onChange={(e) => setYaml(e.target.value, 'editor')}
    />
  );
}

export function EditorPane() {
  const ready = useStore((s) => s.ready);
  const wanted = useStore((s) => s.editorWanted);
  const large = useStore((s) => s.editorLarge);
  // Load Monaco once the first trace is on screen, or after a moment whatever happens.
  useEffect(() => {
    if (wanted) return;
    const t = setTimeout(() => useStore.setState({ editorWanted: true }), 2500);
    return () => clearTimeout(t);
  }, [wanted]);
  return (
    <>
    <p className="editor-hint" id="editor-hint">
      Editor keys: Tab indents · Ctrl+M makes Tab move focus · Alt+F1 accessibility help · Ctrl+Space completes
    </p>
    {large && (
      <p className="editor-large-note" role="status" data-testid="large-text-note">
        {largeTextNote()}
      </p>
    )}
    <div className="editor-frame" onFocusCapture={() => !wanted && useStore.setState({ editorWanted: true })}>
      {!ready ? (
        <div className="editor-loading">Loading the scenario…</div>
      ) : wanted ? (
        <Suspense fallback={<PlainEditor />}>
          <MonacoEditor />
        </Suspense>
      ) : (
        <PlainEditor />
      )}
    </div>
    </>
  );
}
