// The app's state (zustand): the scenario being edited, the request bar, and the
// latest results from the engine worker. Components read slices and call actions;
// the engine and the address bar follow the state through subscriptions
// (engine.ts, sync.ts).
import { create } from 'zustand';
import type { Expectation, SourceRef, Trace } from '../engine/index';
import { DEFAULT_FORM, type CasesResult, type EntryMode, type RequestForm, type SavedRequest, type TraceResult, type WorkerError } from '../worker/protocol';
import type { AppSnapshot } from './scenario/share';

export interface RunState<T> {
  status: 'idle' | 'running' | 'done' | 'error';
  /** the latest result; kept on screen while a newer run is under way */
  value?: T;
  /** why the latest run failed (time limit, crashed worker) */
  error?: WorkerError;
  /** manifests version the value belongs to */
  version?: number;
  /** round trip of the latest run */
  ms?: number;
}

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
  /** offers to restore the work the last replacing action overwrote */
  undo?: boolean;
  /** a link to copy by hand when the clipboard is not available */
  link?: string;
}

export interface ScenarioMeta {
  name: string;
  description?: string;
  source?: string;
  mode: EntryMode;
}

export interface AppState {
  scenario: ScenarioMeta;
  yaml: string;
  /** bumps on every change of `yaml`; the worker keeps one parsed cluster per version */
  yamlVersion: number;
  /** who changed `yaml` last: typing in the editor, or the app (example, import, link) */
  yamlOrigin: 'editor' | 'app';
  /** performance.now() of the last edit of YAML or request (for the re-trace measure) */
  editedAt: number;
  form: RequestForm;
  requests: SavedRequest[];
  selectedRequest?: string;
  trace: RunState<TraceResult>;
  cases: RunState<CasesResult>;
  /** a source range to select in the editor; seq makes a repeated click count */
  selection?: { ref: SourceRef; seq: number };
  notice?: Notice;
  /** whether the address bar holds the scenario */
  link: { status: 'ok' | 'too-large'; chars: number };
  /** whether the address bar and this browser's storage hold the current work ('saving' during the short pause after an edit) */
  saveState: 'saved' | 'saving' | 'failed';
  /** set once the first scenario is in place */
  ready: boolean;
  /** load the Monaco editor (after the first trace, or when the user reaches for the editor) */
  editorWanted: boolean;
  /** the editor treats its text as large: monaco-yaml and the costly editor features are off (largeText.ts) */
  editorLarge: boolean;

  setYaml(text: string, origin?: 'editor' | 'app'): void;
  setForm(patch: Partial<RequestForm>): void;
  setMode(mode: EntryMode): void;
  applySnapshot(s: AppSnapshot): void;
  snapshot(): AppSnapshot;
  saveRequest(): void;
  removeRequest(id: string): void;
  loadRequest(id: string): void;
  select(ref: SourceRef | undefined): void;
  notify(kind: NoticeKind, text: string, extra?: Partial<Pick<Notice, 'undo' | 'link'>>): void;
  dismissNotice(): void;
}

/**
 * The editor hands a large text to the store after a short pause (largeText.ts), not on
 * every keystroke; this brings the latest one in at once, for whatever reads the work as a
 * whole (a snapshot to save, export or keep for Undo).
 */
let editorFlush: (() => void) | undefined;
export function setEditorFlush(flush: (() => void) | undefined): void {
  editorFlush = flush;
}
export function flushEditor(): void {
  editorFlush?.();
}

let noticeSeq = 0;
let idSeq = 0;
const newId = () => `r${Date.now().toString(36)}${(idSeq++).toString(36)}`;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** What the request produced, as expectations: saving a request pins its current behaviour. */
export function expectationFrom(t: Trace): Expectation {
  const o = t.outcome;
  if (o.kind === 'proxied' && o.backend) {
    const b = o.backend;
    return { backend: { namespace: b.namespace, service: b.service, ...(b.port !== undefined ? { port: b.port } : {}) } };
  }
  if (o.kind === 'redirect' && o.location !== undefined) return { status: o.status, redirect: o.location };
  return { status: o.status };
}

export function requestTitle(f: RequestForm): string {
  const url = f.url.replace(/^https?:\/\//, '');
  return `${f.method.toUpperCase()} ${url}`.slice(0, 120);
}

export const useStore = create<AppState>()((set, get) => ({
  scenario: { name: 'Untitled scenario', mode: 'auto' },
  yaml: '',
  yamlVersion: 0,
  yamlOrigin: 'app',
  editedAt: 0,
  form: DEFAULT_FORM,
  requests: [],
  trace: { status: 'idle' },
  cases: { status: 'idle' },
  link: { status: 'ok', chars: 0 },
  saveState: 'saved',
  ready: false,
  editorWanted: false,
  editorLarge: false,

  setYaml(text, origin = 'editor') {
    if (text === get().yaml) return;
    set((s) => ({ yaml: text, yamlVersion: s.yamlVersion + 1, yamlOrigin: origin, editedAt: now() }));
  },

  setForm(patch) {
    set((s) => ({ form: { ...s.form, ...patch }, editedAt: now() }));
  },

  setMode(mode) {
    set((s) => ({ scenario: { ...s.scenario, mode }, editedAt: now() }));
  },

  applySnapshot(snap) {
    const { scenario, form, selected } = snap;
    set((s) => ({
      scenario: { name: scenario.name, description: scenario.description, source: scenario.source, mode: scenario.mode },
      yaml: scenario.manifests,
      yamlVersion: s.yamlVersion + 1,
      yamlOrigin: 'app',
      editedAt: now(),
      requests: scenario.requests,
      form,
      selectedRequest: selected,
      selection: undefined,
      cases: { status: 'idle' },
      ready: true,
    }));
  },

  snapshot() {
    flushEditor();
    const s = get();
    return {
      scenario: { ...s.scenario, manifests: s.yaml, requests: s.requests },
      form: s.form,
      selected: s.selectedRequest,
    };
  },

  saveRequest() {
    const s = get();
    const trace = s.trace.value?.trace;
    const base = requestTitle(s.form);
    let name = base;
    for (let i = 2; s.requests.some((r) => r.name === name); i++) name = `${base} (${i})`;
    const req: SavedRequest = { id: newId(), name, form: { ...s.form }, expect: trace ? expectationFrom(trace) : undefined };
    set({ requests: [...s.requests, req], selectedRequest: req.id });
  },

  removeRequest(id) {
    set((s) => ({ requests: s.requests.filter((r) => r.id !== id), selectedRequest: s.selectedRequest === id ? undefined : s.selectedRequest }));
  },

  loadRequest(id) {
    const r = get().requests.find((x) => x.id === id);
    if (r) set({ form: { ...r.form }, selectedRequest: id, editedAt: now() });
  },

  select(ref) {
    set((s) => ({ selection: ref ? { ref, seq: (s.selection?.seq ?? 0) + 1 } : undefined }));
  },

  notify(kind, text, extra = {}) {
    set({ notice: { id: ++noticeSeq, kind, text, ...extra } });
  },

  dismissNotice() {
    set({ notice: undefined });
  },
}));
