// The YAML editor (Monaco + monaco-yaml), loaded lazily: this module and Monaco
// itself are a separate chunk, so the first paint does not wait for them.
// The store holds the text; the editor reports edits, applies texts the app loads
// (undoably), shows the engine's diagnostics as markers and selects the source
// ranges the trace and the diagram point at.
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker?worker';
import type { Diagnostic, SourceRef } from '../../engine/index';
import type { LintProblem } from '../../worker/protocol';
import { useAnalysis } from '../analysis/state';
import { panelProblems } from '../analysis/view';
import { useStore } from '../store';
import { MANIFESTS_SCHEMA } from './schemas';

const MODEL_URI = monaco.Uri.parse('file:///routelab/manifests.yaml');
const MARKER_OWNER = 'routelab';
/** lint's own problems; the load diagnostics among them are already MARKER_OWNER's */
const LINT_OWNER = 'routelab-lint';

let configured = false;
function configureOnce(): void {
  if (configured) return;
  configured = true;
  const workerFor = (label: string): Worker => (label === 'yaml' ? new YamlWorker({ name: 'routelab-yaml' }) : new EditorWorker({ name: 'routelab-editor' }));
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => workerFor(label),
  };
  // monaco-yaml asks for its worker by label and createData, which the full
  // 'monaco-editor' entry supports by wrapping createWebWorker; the core entry
  // we load does not, so wrap it here the same way (monaco-editor 0.54 editor.main.js).
  type LabelledOptions = { worker?: undefined; label?: string; createData?: unknown; host?: unknown; keepIdleModels?: boolean };
  const editorApi = monaco.editor as unknown as { createWebWorker: (o: unknown) => unknown };
  const original = editorApi.createWebWorker;
  editorApi.createWebWorker = (opts: unknown) => {
    const o = opts as LabelledOptions & { worker?: unknown };
    if (o.worker !== undefined) return original(opts);
    const worker = Promise.resolve(workerFor(o.label ?? 'editor')).then((w) => {
      w.postMessage('ignore');
      w.postMessage(o.createData);
      return w;
    });
    return original({ worker, host: o.host, keepIdleModels: o.keepIdleModels });
  };
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: [{ uri: 'inmemory://routelab/kubernetes-manifests.schema.json', fileMatch: [MODEL_URI.toString()], schema: MANIFESTS_SCHEMA as never }],
  });
}

const SEVERITY: Record<Diagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

function markersOf(diagnostics: Diagnostic[], model: monaco.editor.ITextModel): monaco.editor.IMarkerData[] {
  const lines = model.getLineCount();
  return diagnostics.map((d) => {
    const s = d.source;
    const startLineNumber = Math.min(lines, Math.max(1, s?.startLine ?? 1));
    const endLineNumber = Math.min(lines, Math.max(startLineNumber, s?.endLine ?? startLineNumber));
    return {
      owner: MARKER_OWNER,
      severity: SEVERITY[d.severity],
      message: d.object && !d.message.startsWith(d.object) ? `${d.object}: ${d.message}` : d.message,
      source: 'RouteLab',
      code: d.code,
      startLineNumber,
      startColumn: s?.startCol ?? 1,
      endLineNumber,
      endColumn: s ? Math.max(s.endCol, s.startLine === s.endLine ? s.startCol + 1 : 1) : model.getLineMaxColumn(startLineNumber),
    };
  });
}

function lintMarkersOf(problems: LintProblem[], model: monaco.editor.ITextModel): monaco.editor.IMarkerData[] {
  const own = panelProblems(problems).filter((p) => p.source);
  const markers = markersOf(
    own.map((p) => ({ severity: p.severity, code: p.code, object: p.object, source: p.source, message: `${p.message}\nFix: ${p.fix}` }) as Diagnostic),
    model,
  );
  return markers.map((m) => ({ ...m, owner: LINT_OWNER, source: 'RouteLab lint' }));
}

function rangeOf(ref: SourceRef): monaco.Range {
  return new monaco.Range(ref.startLine, ref.startCol, ref.endLine, ref.endCol);
}

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    configureOnce();
    const st = useStore.getState();
    const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(st.yaml, 'yaml', MODEL_URI);
    if (model.getValue() !== st.yaml) model.setValue(st.yaml);
    const editor = monaco.editor.create(host.current!, {
      model,
      ariaLabel: 'Kubernetes manifests (YAML)',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 19,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      wordWrap: 'off',
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: true },
      accessibilitySupport: 'auto',
      tabFocusMode: false,
      // Both from indentation, which YAML's structure is: the outline and folding
      // providers of monaco-yaml would send the whole document's symbols from the YAML
      // worker after every keystroke (about 60 ms of main-thread work per edit on a
      // 1,000-object scenario, measured with \`npm run bench -- browser\`).
      stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
      foldingStrategy: 'indentation',
      // A paste goes in at once, as plain text. With "paste as" on, Monaco's
      // CopyPasteController takes the paste event, asks its paste providers asynchronously and
      // drops the paste when the text or the selection changes before they answer: on a busy
      // machine a pasted scenario was lost that way. No paste provider is of use for YAML.
      pasteAs: { enabled: false },
    });

    // Edits go to the store; texts the app loads come back without echoing.
    let applying = false;
    const onEdit = model.onDidChangeContent(() => {
      if (!applying) useStore.getState().setYaml(model.getValue(), 'editor');
    });
    const applyText = (text: string) => {
      if (model.getValue() === text) return;
      applying = true;
      try {
        // An edit rather than setValue, so Ctrl+Z brings back what was there.
        editor.pushUndoStop();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        editor.pushUndoStop();
        editor.setScrollTop(0);
      } finally {
        applying = false;
      }
    };

    let highlight: monaco.editor.IEditorDecorationsCollection | undefined;
    const select = (ref: SourceRef) => {
      const range = rangeOf(ref);
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
      highlight?.clear();
      highlight = editor.createDecorationsCollection([{ range, options: { isWholeLine: true, className: 'rl-highlight', linesDecorationsClassName: 'rl-highlight-gutter' } }]);
    };

    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.yaml !== prev.yaml && s.yamlOrigin === 'app') {
        highlight?.clear();
        applyText(s.yaml);
      }
      // Markers belong to one version of the text: apply them only when they match it.
      const load = s.trace.value?.load;
      if (load && (s.trace.value !== prev.trace.value || s.yamlVersion !== prev.yamlVersion) && load.version === s.yamlVersion) {
        monaco.editor.setModelMarkers(model, MARKER_OWNER, markersOf(load.diagnostics, model));
      }
      if (s.selection && s.selection !== prev.selection) select(s.selection.ref);
    });
    const load = st.trace.value?.load;
    if (load && load.version === st.yamlVersion) monaco.editor.setModelMarkers(model, MARKER_OWNER, markersOf(load.diagnostics, model));

    // Lint markers, likewise only for the text they were found in.
    const applyLint = () => {
      const lintResult = useAnalysis.getState().lint.value;
      if (lintResult && lintResult.version === useStore.getState().yamlVersion) {
        monaco.editor.setModelMarkers(model, LINT_OWNER, lintMarkersOf(lintResult.problems, model));
      }
    };
    const unsubscribeLint = useAnalysis.subscribe((a, prev) => {
      if (a.lint.value !== prev.lint.value) applyLint();
    });
    applyLint();

    return () => {
      unsubscribeLint();
      unsubscribe();
      onEdit.dispose();
      editor.dispose();
    };
  }, []);

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />;
}
