// The manifests editor: Monaco once its chunk has loaded, a plain text area until then
// (same text, same store), so the page is usable before Monaco arrives.
import { lazy, Suspense } from 'react';
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
  return (
    <div className="editor-frame">
      {ready ? (
        <Suspense fallback={<PlainEditor />}>
          <MonacoEditor />
        </Suspense>
      ) : (
        <div className="editor-loading">Loading the scenario…</div>
      )}
    </div>
  );
}
