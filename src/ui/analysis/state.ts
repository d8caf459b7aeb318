// The analyses beside the trace: which view is open, the config diff's baseline, the
// split run's size, and the latest result of each analysis. They run in their own
// engine worker (analysisClient), each only while someone can see it:
// - lint: always (the Problems panel and the editor's markers);
// - the controller comparison: while its tab is open;
// - the conversion and its proof: while its tab is open;
// - the config diff: while a baseline is kept (its tab shows how many requests changed);
// - the split run: while the trace's outcome has a weighted split.
// A job is sent again only when what it depends on changed (its key).
import { create } from 'zustand';
import type { ControllerName, ConvertQuirk, QuirkChoice } from '../../engine/index';
import type { AnalysisRequest, CompareRequestResult, CompareResult, ConvertResult, DiffResult, Job, LintResult, ReplayResult, SplitResult, VerifyResult } from '../../worker/protocol';
import { replaceWork } from '../actions';
import { analysisClient, engineClient } from '../engine';
import { useStore, type RunState } from '../store';
import { convertedScenario, formFromRequest } from './view';

export type View = 'trace' | 'compare' | 'changes' | 'convert';

export interface Baseline {
  id: number;
  text: string;
  /** where it came from: the scenario's name, or a file's */
  name: string;
  takenAt: number;
}

export type AnalysisKind = 'lint' | 'compare' | 'compareRequest' | 'convert' | 'diff' | 'split' | 'replay';

/** An access log dropped on the Migrate view. */
export interface ReplayLog {
  id: number;
  name: string;
  text: string;
}

export const DEFAULT_SPLIT_RUNS = 1000;
export const DEFAULT_SPLIT_SEED = 1;

export interface AnalysisState {
  view: View;
  /** the conversion's tab is open */
  convertOpen: boolean;
  /** controller the Ingresses were written for; undefined = inferred by the engine */
  convertController?: ControllerName;
  /** the implementation the migration is for */
  convertTarget: string;
  convertQuirks: Partial<Record<ConvertQuirk, QuirkChoice>>;
  replayLog?: ReplayLog;
  /** the host of every log line when the format has none */
  replayHost: string;
  replayFormat: string;
  baseline?: Baseline;
  splitRuns: number;
  splitSeed: number;
  lint: RunState<LintResult>;
  compare: RunState<CompareResult>;
  compareRequest: RunState<CompareRequestResult>;
  convert: RunState<ConvertResult>;
  diff: RunState<DiffResult>;
  replay: RunState<ReplayResult>;
  /** `key` names the backends, run count and seed the value belongs to */
  split: RunState<SplitResult> & { key?: string };
}

const idle = { status: 'idle' as const };

export const useAnalysis = create<AnalysisState>()(() => ({
  view: 'trace',
  convertOpen: false,
  convertTarget: 'portable',
  convertQuirks: {},
  replayHost: '',
  replayFormat: '',
  replay: idle,
  splitRuns: DEFAULT_SPLIT_RUNS,
  splitSeed: DEFAULT_SPLIT_SEED,
  lint: idle,
  compare: idle,
  compareRequest: idle,
  convert: idle,
  diff: idle,
  split: idle,
}));

// ---- what each analysis needs now ----

/** After an edit, each analysis waits for a pause in typing: they share two cores with the live trace on small machines. */
const DEBOUNCE_MS: Record<AnalysisKind, number> = { lint: 400, compare: 300, compareRequest: 150, convert: 300, diff: 500, split: 120, replay: 500 };
const KINDS: AnalysisKind[] = ['split', 'lint', 'compareRequest', 'diff', 'compare', 'convert', 'replay'];

/** The Migrate view's choices, as the convert, replay and verify jobs take them. */
function migrationChoice() {
  const a = useAnalysis.getState();
  return { controller: a.convertController, target: a.convertTarget, quirks: a.convertQuirks };
}

/** The weighted backends of the trace on screen, if its outcome has a split. */
export function splitBackends() {
  const b = useStore.getState().trace.value?.trace?.outcome.backends;
  return b && b.length > 1 ? b : undefined;
}

/** The split run's key: backends, run count and seed. */
export function splitKey(): string | undefined {
  const b = splitBackends();
  const a = useAnalysis.getState();
  return b ? `${JSON.stringify(b)}|${a.splitRuns}|${a.splitSeed}` : undefined;
}

function wanted(kind: AnalysisKind): { key: string; job: Job } | undefined {
  const s = useStore.getState();
  const a = useAnalysis.getState();
  // Not before the first trace is on screen (the flag that also loads Monaco then): the
  // analysis worker's start-up must not compete with the first trace.
  if (!s.ready || !s.editorWanted) return undefined;
  const manifests = { version: s.yamlVersion, text: s.yaml };
  const v = s.yamlVersion;
  switch (kind) {
    case 'lint':
      return { key: `${v}|${s.form.controller}|${s.form.implementation ?? ''}`, job: { type: 'lint', manifests, controller: s.form.controller, implementation: s.form.implementation || undefined } };
    case 'compare':
      return a.view === 'compare' ? { key: `${v}|${s.scenario.mode}`, job: { type: 'compare', manifests, mode: s.scenario.mode } } : undefined;
    case 'compareRequest':
      return a.view === 'compare' ? { key: `${v}|${s.scenario.mode}|${JSON.stringify(s.form)}`, job: { type: 'compareRequest', manifests, form: s.form, mode: s.scenario.mode } } : undefined;
    case 'convert':
      return a.view === 'convert' ? { key: `${v}|${JSON.stringify(migrationChoice())}`, job: { type: 'convert', manifests, ...migrationChoice() } } : undefined;
    case 'replay': {
      const log = a.replayLog;
      if (a.view !== 'convert' || !log) return undefined;
      return {
        key: `${v}|${log.id}|${a.replayHost}|${a.replayFormat}|${JSON.stringify(migrationChoice())}`,
        job: { type: 'replay', manifests, log, host: a.replayHost.trim() || undefined, format: a.replayFormat.trim() || undefined, ...migrationChoice() },
      };
    }
    case 'diff': {
      const b = a.baseline;
      if (!b) return undefined;
      return {
        key: `${v}|${b.id}|${s.scenario.mode}|${s.form.controller}|${s.form.implementation ?? ''}`,
        job: { type: 'diff', manifests, baseline: { id: b.id, text: b.text }, mode: s.scenario.mode, controller: s.form.controller, implementation: s.form.implementation || undefined },
      };
    }
    case 'split': {
      const backends = splitBackends();
      const key = splitKey();
      return backends && key ? { key, job: { type: 'split', backends, runs: a.splitRuns, seed: a.splitSeed } } : undefined;
    }
  }
}

const requested = new Map<AnalysisKind, string>();
const timers = new Map<AnalysisKind, ReturnType<typeof setTimeout>>();

/** How long an analysis waits, and waits again, while the live trace is under way. */
const YIELD_MS = 80;

async function run(kind: AnalysisKind): Promise<void> {
  const w = wanted(kind);
  if (!w) {
    requested.delete(kind);
    return;
  }
  // The live trace first: an analysis starts only while the trace worker is idle.
  if (engineClient().busy) {
    timers.set(kind, setTimeout(() => void run(kind), YIELD_MS));
    return;
  }
  requested.set(kind, w.key);
  const version = useStore.getState().yamlVersion;
  useAnalysis.setState((st) => ({ [kind]: { ...st[kind], status: 'running' } }) as Partial<AnalysisState>);
  const r = await analysisClient().run(w.job);
  if (r.status === 'superseded') return;
  if (r.status === 'done') {
    useAnalysis.setState({ [kind]: { status: 'done', value: r.value, version, ms: r.ms, key: w.key } } as Partial<AnalysisState>);
  } else {
    useAnalysis.setState((st) => ({ [kind]: { ...st[kind], status: 'error', error: r.error } }) as Partial<AnalysisState>);
  }
}

function reconcile(): void {
  for (const kind of KINDS) {
    const w = wanted(kind);
    if (!w || requested.get(kind) === w.key) continue;
    requested.set(kind, w.key);
    clearTimeout(timers.get(kind));
    timers.set(kind, setTimeout(() => void run(kind), DEBOUNCE_MS[kind]));
  }
}

/** Starts following the store and the views: each analysis re-runs when what it depends on changes. */
export function startAnalysis(): () => void {
  const a = useStore.subscribe(reconcile);
  const b = useAnalysis.subscribe(reconcile);
  reconcile();
  return () => {
    a();
    b();
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    requested.clear();
  };
}

// ---- actions ----

export function openView(view: View): void {
  useAnalysis.setState((st) => ({ view, convertOpen: st.convertOpen || view === 'convert' }));
}

export function openConversion(): void {
  useAnalysis.setState({ view: 'convert', convertOpen: true });
}

export function closeConversion(): void {
  useAnalysis.setState((st) => ({ convertOpen: false, view: st.view === 'convert' ? 'trace' : st.view }));
}

/**
 * Puts a request an analysis traced into the request bar and shows its trace. With a
 * controller (a comparison row), the request enters through the Ingress controller; with
 * an implementation, through a Gateway as that implementation routes it.
 */
export function traceRequest(req: AnalysisRequest, controller?: ControllerName, implementation?: string): void {
  const st = useStore.getState();
  st.setForm({ ...formFromRequest(req, st.form, controller), ...(implementation !== undefined ? { implementation } : {}) });
  if (controller && st.scenario.mode === 'gateway') st.setMode('ingress');
  if (implementation !== undefined && st.scenario.mode === 'ingress') st.setMode('gateway');
  useAnalysis.setState({ view: 'trace' });
}

let baselineSeq = 0;

/** Keeps the editor's text as the "before" of the config diff. */
export function setBaseline(): void {
  const s = useStore.getState();
  useAnalysis.setState({ baseline: { id: ++baselineSeq, text: s.yaml, name: s.scenario.name, takenAt: Date.now() } });
}

export function setBaselineText(text: string, name: string): void {
  useAnalysis.setState({ baseline: { id: ++baselineSeq, text, name, takenAt: Date.now() } });
}

export function clearBaseline(): void {
  requested.delete('diff');
  useAnalysis.setState({ baseline: undefined, diff: idle });
}

/** Puts the baseline's text back in the editor (an edit there, so Ctrl+Z undoes it). */
export function restoreBaseline(): void {
  const b = useAnalysis.getState().baseline;
  if (!b) return;
  const st = useStore.getState();
  st.setYaml(b.text, 'app');
  st.notify('info', 'The baseline is back in the editor (Ctrl+Z in the editor undoes it).');
}

/** Replaces the work with the converted config, keeping the original for Undo. */
export function openConvertedAsScenario(): void {
  const conv = useAnalysis.getState().convert.value;
  const st = useStore.getState();
  if (!conv || conv.ingresses === 0 || conv.version !== st.yamlVersion) return;
  const scenario = convertedScenario(st.scenario, st.requests, conv);
  replaceWork({ scenario, form: { ...st.form, gateway: '', listener: '' } }, `Opened the Gateway API conversion of “${st.scenario.name}”.`);
  useAnalysis.setState({ view: 'trace', convertOpen: false });
}

let logSeq = 0;

/** Replays an access log (a dropped or chosen file) in the Migrate view. */
export function setReplayLog(name: string, text: string): void {
  useAnalysis.setState({ replayLog: { id: ++logSeq, name, text } });
}

export function clearReplayLog(): void {
  requested.delete('replay');
  useAnalysis.setState({ replayLog: undefined, replay: idle });
}

/**
 * Writes the cutover script for the address and hands it to the browser as a download;
 * resolves with what the worker said (an error names what to fix, such as the address).
 */
export async function verifyScriptFor(address: string, backendHeader: string, requestsFrom: 'generated' | 'log' | 'saved' = 'generated'): Promise<VerifyResult | { error: string }> {
  const s = useStore.getState();
  const a = useAnalysis.getState();
  const r = await analysisClient().run({
    type: 'verify',
    manifests: { version: s.yamlVersion, text: s.yaml },
    address,
    backendHeader: backendHeader.trim() || undefined,
    requestsFrom,
    ...(requestsFrom === 'log' && a.replayLog ? { log: a.replayLog, host: a.replayHost.trim() || undefined, format: a.replayFormat.trim() || undefined } : {}),
    ...(requestsFrom === 'saved' ? { saved: s.requests.map((x) => ({ name: x.name, form: x.form })) } : {}),
    ...migrationChoice(),
  });
  if (r.status === 'done') return r.value;
  if (r.status === 'superseded') return { error: 'superseded by a newer request' };
  return { error: r.error.message };
}

/** Opens the conversion as the scenario (one Undo away) and traces the request there, on the target. */
export function traceConverted(req: AnalysisRequest): void {
  const target = useAnalysis.getState().convertTarget;
  openConvertedAsScenario();
  const st = useStore.getState();
  if (st.scenario.mode !== 'gateway') return;
  st.setForm({ ...formFromRequest(req, st.form), implementation: target === 'portable' ? '' : target });
}
