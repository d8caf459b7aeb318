// Connects the store to the engine worker: every edit of the YAML or the request
// re-traces (at once; a newer edit supersedes an older run), the saved requests
// are checked after, and imports are parsed in the worker too, so a huge paste
// never blocks the page.
import EngineWorker from '../worker/engine.worker?worker';
import AnalysisWorker from '../worker/analysis.worker?worker';
import { EngineClient, type WorkerLike } from '../worker/client';
import type { ParseScenarioResult, WorkerError } from '../worker/protocol';
import { useStore } from './store';

const CASES_DEBOUNCE_MS = 150;
export const DEFAULT_TIME_LIMIT_MS = 3000;

/**
 * Both workers' time limits. A job that carries text gets a third of the limit more per
 * million characters (1 s per MB by default: this machine
 * reads 21 MB of YAML in about 9 s), so the one setting scales both.
 */
const limits = () => {
  const timeLimitMs = timeLimitFromUrl();
  return { timeLimitMs, timeLimitMsPerMillionChars: timeLimitMs / 3 };
};

/** `?timeLimit=ms` tunes the engine time limit (tests and slow machines). */
function timeLimitFromUrl(): number {
  const v = Number(new URLSearchParams(location.search).get('timeLimit'));
  return Number.isFinite(v) && v > 0 ? Math.min(60_000, Math.max(20, v)) : DEFAULT_TIME_LIMIT_MS;
}

/** The worker the built page's inline script started (vite.config.ts), taken once. */
function takeEarlyWorker(): WorkerLike | undefined {
  const scope = globalThis as { __routelabEngineWorker?: WorkerLike };
  const w = scope.__routelabEngineWorker;
  scope.__routelabEngineWorker = undefined;
  return w;
}

let client: EngineClient | undefined;
let analysis: EngineClient | undefined;

export function engineClient(): EngineClient {
  client ??= new EngineClient({
    createWorker: () => takeEarlyWorker() ?? (new EngineWorker({ name: 'routelab-engine' }) as unknown as WorkerLike),
    ...limits(),
  });
  return client;
}

/**
 * A second engine worker for the analyses (lint, comparison, conversion, diff, split),
 * with the same time limit and cancellation rules: a long analysis never delays a trace.
 */
export function analysisClient(): EngineClient {
  analysis ??= new EngineClient({
    createWorker: () => new AnalysisWorker({ name: 'routelab-analysis' }) as unknown as WorkerLike,
    ...limits(),
  });
  return analysis;
}

/** A sentence for the page about a failed run. */
export function describeWorkerError(e: WorkerError, limitMs = e.limitMs ?? engineClient().timeLimitMs): string {
  switch (e.code) {
    case 'TimeLimit':
      return `Stopped at the time limit: the engine did not finish within ${(limitMs / 1000).toFixed(1)} s, so RouteLab stopped it and started a fresh one. A regular expression with catastrophic backtracking or a very large paste can do this; edit the YAML or the request to try again.`;
    case 'WorkerCrashed':
      return `The engine worker failed (${e.message}); a fresh one was started.`;
    default:
      return `The engine failed: ${e.message}`;
  }
}

/** `superseded`: a newer open replaced this one, which then has nothing to say. */
export async function parseScenarioText(file: string, text: string): Promise<ParseScenarioResult | { error: string; superseded?: true }> {
  const r = await engineClient().run({ type: 'parseScenario', file, text });
  if (r.status === 'done') return r.value;
  if (r.status === 'superseded') return { error: 'another import replaced this one', superseded: true };
  return { error: describeWorkerError(r.error) };
}

async function runTrace(): Promise<void> {
  const s = useStore.getState();
  const version = s.yamlVersion;
  const editedAt = s.editedAt;
  useStore.setState((st) => ({ trace: { ...st.trace, status: 'running' } }));
  const r = await engineClient().run({ type: 'trace', manifests: { version, text: s.yaml }, mode: s.scenario.mode, form: s.form });
  if (r.status === 'superseded') return;
  if (r.status === 'done') {
    useStore.setState({ trace: { status: 'done', value: r.value, version, ms: r.ms } });
    pendingMeasure = { editedAt, sentMs: r.ms, parseMs: r.value.load.parseMs, traceMs: r.value.traceMs };
  } else {
    useStore.setState((st) => ({ trace: { status: 'error', value: st.trace.value, error: r.error, version: st.trace.version } }));
  }
}

async function runCases(): Promise<void> {
  const s = useStore.getState();
  if (s.requests.length === 0) {
    useStore.setState({ cases: { status: 'done', value: { results: [] }, version: s.yamlVersion } });
    return;
  }
  const version = s.yamlVersion;
  useStore.setState((st) => ({ cases: { ...st.cases, status: 'running' } }));
  const r = await engineClient().run({
    type: 'cases',
    manifests: { version, text: s.yaml },
    mode: s.scenario.mode,
    cases: s.requests.map(({ id, form, expect, problems }) => ({ id, form, expect, problems })),
  });
  if (r.status === 'superseded') return;
  if (r.status === 'done') useStore.setState({ cases: { status: 'done', value: r.value, version, ms: r.ms } });
  else useStore.setState((st) => ({ cases: { status: 'error', value: st.cases.value, error: r.error, version: st.cases.version } }));
}

// ---- timing marks (read by `npm run bench`) ----

let pendingMeasure: { editedAt: number; sentMs: number; parseMs: number; traceMs: number } | undefined;
let firstTraceMarked = false;

/** Called after a trace is on screen: records the User Timing entries the bench reads. */
export function traceRendered(): void {
  if (!firstTraceMarked) {
    firstTraceMarked = true;
    performance.mark('routelab:first-trace');
    // Monaco (about 1 MB) loads after the first trace is on screen, not before it.
    useStore.setState({ editorWanted: true });
  }
  const m = pendingMeasure;
  pendingMeasure = undefined;
  if (!m) return;
  const end = performance.now();
  performance.measure('routelab:retrace', { start: m.editedAt, end });
  performance.measure('routelab:worker-roundtrip', { start: end - m.sentMs, end });
  // Inside the worker: reading the manifests (0 when the version was held) and the trace.
  performance.measure('routelab:worker-parse', { start: end - m.sentMs, duration: m.parseMs });
  performance.measure('routelab:worker-trace', { start: end - m.sentMs + m.parseMs, duration: m.traceMs });
}

/** Starts following the store: re-trace and re-check on every relevant change. */
export function startEngine(): () => void {
  let scheduled = 0;
  let casesTimer: ReturnType<typeof setTimeout> | undefined;
  // Every change re-traces in a microtask: when the code that made it returns, so changes
  // made together (the YAML and the request) go as one job, and before the page's next
  // task. A keystroke's trace then goes to the worker while the editor renders the
  // keystroke, not after: a timer (even of 0 ms) waited for Monaco's animation frame,
  // 15-65 ms on a 1,000-object text, with the worker idle. A later schedule replaces this one.
  const scheduleTrace = () => {
    const mine = ++scheduled;
    queueMicrotask(() => mine === scheduled && void runTrace());
  };
  const scheduleCases = () => {
    clearTimeout(casesTimer);
    casesTimer = setTimeout(() => void runCases(), CASES_DEBOUNCE_MS);
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (!s.ready) return;
    const becameReady = !prev.ready;
    const manifests = s.yamlVersion !== prev.yamlVersion || s.scenario.mode !== prev.scenario.mode;
    if (becameReady || manifests || s.form !== prev.form) scheduleTrace();
    if (becameReady || manifests || s.requests !== prev.requests) scheduleCases();
  });
  // Start the engine worker now: its script loads and compiles on the other core while
  // the page boots and renders, instead of after the first trace is asked for.
  engineClient();
  if (useStore.getState().ready) {
    scheduleTrace();
    scheduleCases();
  }
  return () => {
    unsubscribe();
    scheduled++;
    clearTimeout(casesTimer);
  };
}
