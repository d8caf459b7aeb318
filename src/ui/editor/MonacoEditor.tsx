// The YAML editor (Monaco + monaco-yaml), loaded lazily: this module and Monaco
// itself are a separate chunk, so the first paint does not wait for them.
// The store holds the text; the editor reports edits, applies texts the app loads
// (undoably), shows the engine's diagnostics as markers and selects the source
// ranges the trace and the diagram point at.
//
// A large text (a pasted cluster dump, over 2 MB: largeText.ts) is plain text to the
// editor: monaco-yaml's worker, which held 1.2 GB for 21 MB, is stopped, and the features
// whose cost grows with the text are off, and Monaco's view takes its lines as they are
// (no per-line arrays to copy on every edit). The text itself and its undo history are
// untouched. A large paste, or a large text the app loads, goes in a piece per task, as one
// undo step. Its edits reach the store after a short pause, not one 20 MB copy per key.
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml, type MonacoYaml, type MonacoYamlOptions } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker?worker';
import { UndoRedoGroup } from 'monaco-editor/esm/vs/platform/undoRedo/common/undoRedo.js';
import type { Diagnostic, SourceRef } from '../../engine/index';
import type { LintProblem } from '../../worker/protocol';
import { useAnalysis } from '../analysis/state';
import { panelProblems } from '../analysis/view';
import { isLargeText, LARGE_EDIT_DEBOUNCE_MS, largeTextMode, nextPieceSize, PASTE_PIECE_CHARS, pasteArgs, pieceEnd, suggestDelay } from '../largeText';
import { setEditorFlush, useStore } from '../store';
import { MANIFESTS_SCHEMA } from './schemas';

const MODEL_URI = monaco.Uri.parse('file:///routelab/manifests.yaml');
const MARKER_OWNER = 'routelab';
/** lint's own problems; the load diagnostics among them are already MARKER_OWNER's */
const LINT_OWNER = 'routelab-lint';

/** What monaco-yaml does for a normal text; all off for a large one. */
const YAML_FEATURES: MonacoYamlOptions = { hover: true, completion: true, validate: true };
const YAML_OFF: MonacoYamlOptions = { hover: false, completion: false, validate: false };

/** Editor options that cost time or memory in proportion to the text, as for a normal text ... */
type Options = monaco.editor.IEditorOptions & monaco.editor.IGlobalEditorOptions;
const NORMAL_OPTIONS: Options = {
  folding: true,
  // Both from indentation, which YAML's structure is: the outline and folding
  // providers of monaco-yaml would send the whole document's symbols from the YAML
  // worker after every keystroke (about 60 ms of main-thread work per edit on a
  // 1,000-object scenario, measured with \`npm run bench -- browser\`).
  stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
  quickSuggestions: { other: true, comments: false, strings: true },
  wordBasedSuggestions: 'matchingDocuments',
  links: true,
  occurrencesHighlight: 'singleFile',
  selectionHighlight: true,
  matchBrackets: 'always',
  bracketPairColorization: { enabled: true },
  guides: { indentation: true },
  colorDecorators: true,
  unicodeHighlight: { nonBasicASCII: 'inUntrustedWorkspace', invisibleCharacters: true, ambiguousCharacters: true },
  // No light bulb: to decide whether to show one, Monaco asks monaco-yaml for the code
  // actions at the cursor after every cursor move and every marker change (each trace
  // sets markers), and the YAML worker re-reads the whole text to answer. On a
  // 1,000-object scenario that was 2.4 s of its 2.8 s busy over eight edits, a core the
  // trace needs on a 2-core machine. Quick fixes are still there on demand (Ctrl+. and
  // the problem's hover).
  lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.Off },
};
/**
 * ... and for a large one. Measured on a 21 MB paste: indentation folding took 1.25 s of
 * main-thread time, sticky scroll 0.5 s, YAML highlighting 1.3 s (in slices); links, word
 * completion, colour and Unicode decorations have the editor worker read the whole text.
 */
const LARGE_OPTIONS: Options = {
  folding: false,
  stickyScroll: { enabled: false },
  quickSuggestions: false,
  wordBasedSuggestions: 'off',
  links: false,
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  matchBrackets: 'never',
  bracketPairColorization: { enabled: false },
  guides: { indentation: false },
  // Both ask the editor worker, which then holds a copy of the text.
  colorDecorators: false,
  unicodeHighlight: { nonBasicASCII: false, invisibleCharacters: false, ambiguousCharacters: false },
};

let configured = false;
let yamlSupport: MonacoYaml | undefined;
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
  yamlSupport = configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    ...YAML_FEATURES,
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
    const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(st.yaml, isLargeText(st.yaml.length) ? 'plaintext' : 'yaml', MODEL_URI);
    if (model.getValueLength() !== st.yaml.length || model.getValue() !== st.yaml) model.setValue(st.yaml);
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
      accessibilitySupport: 'auto',
      tabFocusMode: false,
      ...NORMAL_OPTIONS,
      foldingStrategy: 'indentation',
      // A paste goes in at once, as plain text. With "paste as" on, Monaco's
      // CopyPasteController takes the paste event, asks its paste providers asynchronously and
      // drops the paste when the text or the selection changes before they answer: on a busy
      // machine a pasted scenario was lost that way. No paste provider is of use for YAML.
      pasteAs: { enabled: false },
    });

    // Large text: plain text to the editor, monaco-yaml stopped (its worker is ended, so
    // what it held is freed), the costly features off. Nothing in the text or its undo
    // history changes; a text that shrinks below the threshold gets everything back.
    let large = false;
    let applied = false;
    let live = true;
    const applyMode = () => {
      const on = large;
      if (on === applied || !live) return;
      applied = on;
      if (on) {
        // monaco-yaml first: with its validation gone, the language change does not send
        // the text to its worker once more.
        void yamlSupport?.update(YAML_OFF).catch(() => undefined);
        viewLinesAsIs(true);
        monaco.editor.setModelLanguage(model, 'plaintext');
        editor.updateOptions(LARGE_OPTIONS);
      } else {
        // Before the language: YAML's tokenization starts only on a model not marked too large.
        viewLinesAsIs(false);
        monaco.editor.setModelLanguage(model, 'yaml');
        editor.updateOptions(NORMAL_OPTIONS);
        void yamlSupport?.update(YAML_FEATURES).catch(() => undefined);
      }
      useStore.setState({ editorLarge: on });
    };
    /**
     * The view of a large text takes the model's lines as they are. Monaco's usual view
     * keeps arrays with an entry per line (for wrapping and folding) and copies them on
     * every edit that adds or removes a line: about 40 ms per edit at a million lines, plus
     * the garbage, so each piece of a 20 MB paste, and each Enter typed in such a text,
     * took 50-130 ms. Monaco uses its as-is view (ViewModelLinesFromModelAsIs: no wrapping,
     * no folding, both off for a large text) for a model that was too large to tokenize
     * when it was made, a decision it takes once, in TextModel's constructor; the editor's
     * model was made for a small text, so that decision is set here (monaco-editor 0.54's
     * `_isTooLargeForTokenization`; left alone if a later Monaco has no such field) and the
     * view made again, which for the as-is view costs no per-line work.
     */
    const viewLinesAsIs = (on: boolean) => {
      const m = model as unknown as { _isTooLargeForTokenization?: unknown };
      if (typeof m._isTooLargeForTokenization !== 'boolean' || m._isTooLargeForTokenization === on) return;
      m._isTooLargeForTokenization = on;
      const view = editor.saveViewState();
      const focused = editor.hasTextFocus();
      editor.setModel(null);
      editor.setModel(model);
      if (view) editor.restoreViewState(view);
      if (focused) editor.focus();
    };
    /** `later`: from inside an edit's change event, where Monaco is still applying the edit. */
    const setLarge = (on: boolean, later = false) => {
      large = on;
      if (later) queueMicrotask(applyMode);
      else applyMode();
    };
    let delay = -1;
    const applyDelay = () => {
      const d = suggestDelay(model.getValueLength());
      if (d === delay || !live) return;
      delay = d;
      editor.updateOptions({ quickSuggestionsDelay: d });
    };
    // Cheap: the text buffer knows its length and line count.
    const checkSize = () => {
      const on = largeTextMode(large, model.getValueLength(), model.getLineCount());
      if (on !== large) setLarge(on, true);
      if (suggestDelay(model.getValueLength()) !== delay) queueMicrotask(applyDelay);
    };
    if (isLargeText(model.getValueLength(), model.getLineCount())) setLarge(true);
    applyDelay();

    // Edits go to the store; texts the app loads come back without echoing. A large text
    // goes after a pause, and only when it differs from what the store holds (the
    // alternative version id comes back to the same value when an edit is undone).
    let applying = false;
    let storedVersion = model.getAlternativeVersionId();
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    // The editor's text at one version, when it is known without asking the model: after a
    // paste that replaced all of it, the pasted text itself. Monaco's getValue() would
    // return the same characters as a rope of its 64 KB pieces, which the first reader
    // flattens: a copy of 20 MB in one task.
    let known: { version: number; text: string } | undefined;
    const toStore = () => {
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = undefined;
      if (model.isDisposed() || model.getAlternativeVersionId() === storedVersion) return;
      storedVersion = model.getAlternativeVersionId();
      const text = known?.version === storedVersion ? known.text : model.getValue();
      known = undefined;
      useStore.getState().setYaml(text, 'editor');
    };
    /** a large text going in, in pieces (insertInPieces) */
    let pasting: { finish(): void; cancel(): void } | undefined;
    const flush = () => {
      // A paste still going in is finished first: what the app reads is the whole of it.
      pasting?.finish();
      if (flushTimer !== undefined) toStore();
    };
    setEditorFlush(flush);
    const onEdit = model.onDidChangeContent(() => {
      // A paste going in is sized once it is all in: its first piece alone is a small text.
      if (pasting) return;
      checkSize();
      if (applying) return;
      if (!large) {
        toStore();
        return;
      }
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = setTimeout(toStore, LARGE_EDIT_DEBOUNCE_MS);
    });

    // A large paste: switch to plain text before the paste goes in, so highlighting,
    // folding and monaco-yaml never start on it, read the text once (Monaco's own handlers
    // would read 20 MB from the clipboard twice, 0.3 s each) and put it in in pieces.
    // Taken on the document, before the editor's own capturing listener on its container.
    // A smaller paste, or one into a widget (find, rename), takes Monaco's usual path.
    const hostNode = host.current!;
    const onPaste = (e: ClipboardEvent) => {
      if (!(e.target instanceof Node) || !hostNode.contains(e.target)) return;
      if (!e.clipboardData || !editor.hasTextFocus() || editor.getOption(monaco.editor.EditorOption.readOnly)) return;
      const text = e.clipboardData.getData('text/plain');
      if (!isLargeText(text.length)) return;
      e.preventDefault();
      e.stopPropagation();
      const args = pasteArgs(text, e.clipboardData.getData('vscode-editor-data'), editor.getOption(monaco.editor.EditorOption.emptySelectionClipboard));
      const selections = editor.getSelections();
      // One selection and a plain paste (not a whole line copied from an empty selection,
      // which Monaco pastes above the cursor's line): in pieces. Otherwise Monaco's own paste.
      if (selections?.length !== 1 || (args.pasteOnNewLine && selections[0].isEmpty())) {
        setLarge(true);
        editor.trigger('keyboard', 'paste', args);
        return;
      }
      insertInPieces(text, selections[0], (end, whole) => {
        // Where Monaco's paste leaves the cursor: after the pasted text.
        editor.setPosition(end);
        editor.revealPosition(end);
        if (whole) known = { version: model.getAlternativeVersionId(), text };
        // The copy to the store (and the engine's) in a task of its own.
        if (flushTimer !== undefined) clearTimeout(flushTimer);
        flushTimer = setTimeout(toStore, 0);
      });
    };

    /**
     * Puts a large text in place of `selection`, one piece (whole lines, sized by
     * nextPieceSize) per task, so no task of the page takes long: a paste, or a text the
     * app loads (an import, an opened link). The pieces are edits in one undo group: one
     * Ctrl+Z takes the whole text out, and one Ctrl+Y puts it back. The editor is read-only
     * until the last piece is in, so nothing typed lands between two pieces; another text
     * the app loads meanwhile ends it (what went in stays one undo step). `done` runs once
     * the last piece is in, with the end of the text and whether it replaced all there was
     * with exactly its own characters (no line break to normalize). The editor turns to its
     * large-text mode in a task of its own before the first piece: switching the language,
     * the options and the view is 30-100 ms, and a paste's task has just read 20 MB from
     * the clipboard.
     */
    const insertInPieces = (text: string, selection: monaco.Selection, done: (end: monaco.Position, whole: boolean) => void) => {
      type PushEdits = (before: monaco.Selection[] | null, ops: monaco.editor.IIdentifiedSingleEditOperation[], cursor: monaco.editor.ICursorStateComputer, group: UndoRedoGroup) => unknown;
      const push = model.pushEditOperations.bind(model) as PushEdits;
      const group = new UndoRedoGroup();
      const whole = model.getFullModelRange().equalsRange(selection) && model.getEOL() === '\n' && !text.includes('\r');
      const readOnly = editor.getOption(monaco.editor.EditorOption.readOnly);
      let before: monaco.Selection[] | null = [selection];
      let range: monaco.IRange = selection;
      let end = selection.getStartPosition();
      let at = 0;
      let version = model.getAlternativeVersionId();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let size = PASTE_PIECE_CHARS.first;
      const piece = () => {
        const started = performance.now();
        const from = at;
        const to = pieceEnd(text, at, size);
        // Monaco's own paste pushes an undo stop before and after its edit; so does each
        // piece (which writes its undo record now, a piece at a time), and the group makes
        // the pieces one undo step.
        model.pushStackElement();
        push(before, [{ range, text: text.slice(at, to) }], (inverse) => {
          end = monaco.Range.lift(inverse[0].range).getEndPosition();
          return [monaco.Selection.fromPositions(end)];
        }, group);
        model.pushStackElement();
        at = to;
        before = null;
        range = monaco.Range.fromPositions(end);
        version = model.getAlternativeVersionId();
        // The cursor waits where the next piece goes. Left as the selection the pieces grow
        // in, it would have Monaco copy every line of it into the browser's edit context
        // after every piece (NativeEditContext takes the lines the selection spans).
        editor.setPosition(end);
        size = nextPieceSize(to - from, performance.now() - started);
      };
      const stop = () => {
        if (pasting === job) pasting = undefined;
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (live && !pasting) editor.updateOptions({ readOnly });
      };
      const complete = () => {
        stop();
        checkSize();
        done(end, whole);
      };
      const changedMeanwhile = () => model.isDisposed() || model.getAlternativeVersionId() !== version;
      const abandon = () => {
        stop();
        if (!model.isDisposed()) checkSize();
      };
      let prepared = false;
      const prepare = () => {
        prepared = true;
        setLarge(true);
      };
      const next = () => {
        timer = undefined;
        if (changedMeanwhile()) return abandon();
        if (!prepared) prepare();
        else piece();
        if (at < text.length) timer = setTimeout(next, 0);
        else complete();
      };
      const job = {
        finish: () => {
          if (changedMeanwhile()) return abandon();
          if (!prepared) prepare();
          while (at < text.length) piece();
          complete();
        },
        cancel: stop,
      };
      pasting = job;
      editor.updateOptions({ readOnly: true });
      editor.setPosition(selection.getStartPosition());
      timer = setTimeout(next, 0);
    };
    const doc = hostNode.ownerDocument;
    doc.addEventListener('paste', onPaste, true);

    const applyText = (text: string) => {
      // Whatever the editor had not handed over yet is replaced (and stays in its undo
      // history), and so is a large text still going in.
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = undefined;
      pasting?.cancel();
      if (model.getValueLength() === text.length && model.getValue() === text) {
        storedVersion = model.getAlternativeVersionId();
        return;
      }
      // A large text is plain text to the editor before it goes in, and goes in in pieces.
      if (isLargeText(text.length)) {
        editor.pushUndoStop();
        insertInPieces(text, monaco.Selection.fromRange(model.getFullModelRange(), monaco.SelectionDirection.LTR), () => {
          storedVersion = model.getAlternativeVersionId();
          editor.setPosition({ lineNumber: 1, column: 1 });
          editor.setScrollTop(0);
          // Markers that came while the text went in were placed on part of it.
          applyMarkers();
          applyLint();
        });
        return;
      }
      applying = true;
      try {
        // An edit rather than setValue, so Ctrl+Z brings back what was there.
        editor.pushUndoStop();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        editor.pushUndoStop();
        editor.setScrollTop(0);
      } finally {
        applying = false;
        storedVersion = model.getAlternativeVersionId();
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
    /** The engine's markers for the text as it is now, if they are of this version. */
    function applyMarkers() {
      const now = useStore.getState();
      const read = now.trace.value?.load;
      if (read && read.version === now.yamlVersion) monaco.editor.setModelMarkers(model, MARKER_OWNER, markersOf(read.diagnostics, model));
    }
    applyMarkers();

    // Lint markers, likewise only for the text they were found in.
    function applyLint() {
      const lintResult = useAnalysis.getState().lint.value;
      if (lintResult && lintResult.version === useStore.getState().yamlVersion) {
        monaco.editor.setModelMarkers(model, LINT_OWNER, lintMarkersOf(lintResult.problems, model));
      }
    }
    const unsubscribeLint = useAnalysis.subscribe((a, prev) => {
      if (a.lint.value !== prev.lint.value) applyLint();
    });
    applyLint();

    return () => {
      live = false;
      flush();
      setEditorFlush(undefined);
      doc.removeEventListener('paste', onPaste, true);
      unsubscribeLint();
      unsubscribe();
      onEdit.dispose();
      editor.dispose();
      // The model outlives the editor: leave it as a new editor expects to find it.
      if (applied) {
        monaco.editor.setModelLanguage(model, 'yaml');
        void yamlSupport?.update(YAML_FEATURES).catch(() => undefined);
        useStore.setState({ editorLarge: false });
      }
    };
  }, []);

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />;
}
