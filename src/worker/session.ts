// What the worker does with each job, kept apart from the Worker global so it runs
// (and is tested) in Node too. The session keeps the parsed cluster between jobs:
// when only the request changes, the manifests are not read again.
import { loadAll } from 'js-yaml';
import {
  compareExpectation,
  createIncrementalLoader,
  entryPoints,
  parseHeaderLines,
  parseTestFile,
  RequestError,
  simulate,
  CONTROLLER_NAMES,
  type Cluster,
  type ControllerName,
  type Expectation,
  type RequestInput,
  type TestCase,
  type Trace,
} from '../engine/index';
import {
  MAX_DIAGNOSTICS,
  MAX_IGNORED,
  toWorkerError,
  type CaseOutcome,
  type CasesJob,
  type EntryMode,
  type LoadSummary,
  type ManifestsRef,
  type ParseScenarioJob,
  type ParseScenarioResult,
  type RequestForm,
  type SavedRequest,
  type TextPart,
  type TraceJob,
  type WorkerMessage,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';


/** The file name traces and diagnostics use for the editor's text. */
export const EDITOR_FILE = 'editor';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class EngineSession {
  /** re-parses only the YAML documents an edit changed */
  private readonly loader = createIncrementalLoader(EDITOR_FILE);
  protected cluster: Cluster | undefined;
  protected version = -1;
  private summary: LoadSummary | undefined;
  /** the parts of large texts received since the last job, by name (a job may read two: its manifests and its log) */
  private readonly parts = new Map<number, { texts: string[]; received: number }>();

  /** What a worker does with a message from the page: a text part is kept (no reply), a job handled. */
  receive(msg: WorkerMessage): WorkerReply | undefined {
    if (msg?.type !== 'textPart') {
      const reply = this.handle(msg);
      // Parts come just before the job that reads them: whatever it did not take is let go.
      this.parts.clear();
      return reply;
    }
    this.receivePart(msg);
    return undefined;
  }

  /** Keeps a part of a large text; the first part of a name, or a part with another count, starts that text over. */
  receivePart(part: TextPart): void {
    let p = this.parts.get(part.version);
    if (!p || part.index === 0 || p.texts.length !== part.count) {
      p = { texts: new Array<string>(Math.max(0, part.count | 0)), received: 0 };
      this.parts.set(part.version, p);
    }
    if (part.index < 0 || part.index >= part.count || p.texts[part.index] !== undefined) return;
    p.texts[part.index] = part.text;
    p.received++;
  }

  /** The text `count` parts named `id` carried, when all of them came; they are let go either way. */
  protected takeParts(id: number, count: number | undefined): string | undefined {
    if (count === undefined) return undefined;
    const p = this.parts.get(id);
    this.parts.delete(id);
    if (!p || p.texts.length !== count || p.received !== count) return undefined;
    return p.texts.join('');
  }

  handle(msg: WorkerRequest): WorkerReply {
    const t0 = now();
    const requestId = typeof msg?.requestId === 'number' ? msg.requestId : -1;
    try {
      switch (msg?.type) {
        case 'trace': {
          const need = this.ensure(msg.manifests);
          if (need) return { requestId, ok: false, error: need };
          return { requestId, ok: true, type: 'trace', result: this.trace(msg), ms: now() - t0 };
        }
        case 'cases': {
          const need = this.ensure(msg.manifests);
          if (need) return { requestId, ok: false, error: need };
          return { requestId, ok: true, type: 'cases', result: { results: this.cases(msg) }, ms: now() - t0 };
        }
        case 'parseScenario': {
          if (msg.textParts === undefined) return { requestId, ok: true, type: 'parseScenario', result: parseScenario(msg), ms: now() - t0 };
          const text = this.takeParts(-requestId, msg.textParts);
          if (text === undefined) return { requestId, ok: false, error: { code: 'BadMessage', message: `not all ${msg.textParts} parts of ${msg.file} came` } };
          return { requestId, ok: true, type: 'parseScenario', result: parseScenario({ ...msg, text }), ms: now() - t0 };
        }
        default:
          return this.handleMore(msg, requestId, t0) ?? { requestId, ok: false, error: { code: 'BadMessage', message: `unknown job type ${JSON.stringify((msg as { type?: unknown })?.type)}` } };
      }
    } catch (err) {
      // Whatever state a failed job left behind is not trusted.
      this.cluster = undefined;
      this.version = -1;
      return { requestId, ok: false, error: toWorkerError(err) };
    }
  }

  /** Jobs of other kinds (AnalysisSession); undefined = not known here. Runs inside handle's error handling. */
  protected handleMore(_msg: WorkerRequest, _requestId: number, _t0: number): WorkerReply | undefined {
    return undefined;
  }

  /** Loads the manifests unless this version is already held; returns an error when the text is needed. */
  protected ensure(ref: ManifestsRef) {
    // A version names one text, so a held version is reused even when the text came along.
    if (this.cluster && this.summary && this.version === ref.version) {
      this.summary.parseMs = 0;
      return undefined;
    }
    const text = ref.text ?? this.takeParts(ref.version, ref.parts);
    if (text === undefined) {
      return { code: 'NeedManifests' as const, message: `the worker does not hold manifests version ${ref.version}` };
    }
    const t0 = now();
    const cluster = this.loader.load(text);
    const parseMs = now() - t0;
    this.cluster = cluster;
    this.version = ref.version;
    const kinds: Record<string, number> = {};
    for (const o of cluster.objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    this.summary = {
      version: ref.version,
      objects: cluster.objects.length,
      kinds,
      diagnostics: cluster.diagnostics.slice(0, MAX_DIAGNOSTICS),
      diagnosticsTotal: cluster.diagnostics.length,
      ignored: cluster.ignored.slice(0, MAX_IGNORED),
      ignoredTotal: cluster.ignored.length,
      entryPoints: entryPoints(cluster),
      parseMs,
    };
    return undefined;
  }

  private trace(job: TraceJob) {
    const t0 = now();
    const r = traceForm(this.cluster!, job.form, job.mode);
    return { load: this.summary!, trace: r.trace, requestError: r.requestError, traceMs: now() - t0 };
  }

  private cases(job: CasesJob): CaseOutcome[] {
    return job.cases.map((c) => runSaved(this.cluster!, c, job.mode));
  }

}

/** The request as the engine takes it, from the request bar. Throws RequestError on a bad header line. */
export function requestInput(form: RequestForm, mode: EntryMode): RequestInput {
  return {
    method: form.method,
    url: form.url,
    headers: parseHeaderLines(form.headers ?? ''),
    // In a fixed Ingress mode the controller travels with the request, as in a test file case.
    controller: mode === 'ingress' ? form.controller : undefined,
    gateway: mode !== 'ingress' && form.gateway ? form.gateway : undefined,
    listener: mode !== 'ingress' && form.gateway && form.listener ? form.listener : undefined,
    // The implementation applies only where the request enters a Gateway; the engine ignores it elsewhere.
    implementation: mode !== 'ingress' && form.implementation ? form.implementation : undefined,
  };
}

/** Traces the request bar's request. The engine decides everything; this only wires the options. */
export function traceForm(cluster: Cluster, form: RequestForm, mode: EntryMode): { trace?: Trace; requestError?: string } {
  try {
    const trace = simulate(cluster, requestInput(form, mode), { mode, controller: form.controller });
    return { trace };
  } catch (err) {
    if (err instanceof RequestError) return { requestError: err.message };
    throw err;
  }
}

function hasExpectations(e: Expectation | undefined): e is Expectation {
  return !!e && Object.keys(e).length > 0;
}

/** A saved request against its expectations (compareExpectation decides pass or fail). */
export function runSaved(cluster: Cluster, c: Pick<SavedRequest, 'id' | 'form' | 'expect' | 'problems'>, mode: EntryMode): CaseOutcome {
  if (c.problems && c.problems.length > 0) return { id: c.id, status: 'fail', failures: c.problems, summary: 'not run: the case has problems' };
  const r = traceForm(cluster, c.form, mode);
  if (!r.trace) return { id: c.id, status: hasExpectations(c.expect) ? 'fail' : 'none', failures: [`request: ${r.requestError}`], summary: r.requestError ?? '' };
  const summary = outcomeSummary(r.trace);
  if (!hasExpectations(c.expect)) return { id: c.id, status: 'none', failures: [], summary };
  const failures = compareExpectation(c.expect, r.trace);
  return { id: c.id, status: failures.length ? 'fail' : 'pass', failures, summary };
}

/** One line: what the request produced. */
export function outcomeSummary(t: Trace): string {
  const o = t.outcome;
  const b = o.backend ? `${o.backend.namespace}/${o.backend.service}${o.backend.port !== undefined ? `:${o.backend.port}` : ''}` : '';
  if (o.kind === 'proxied') return `${o.status} from ${b}`;
  if (o.kind === 'redirect') return `${o.status} redirect to ${o.location}`;
  if (o.kind === 'rejected') return o.message;
  return `${o.status} ${o.message}`;
}

// ---- scenario import ----

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Is this text a routing test file (one mapping with a `manifests` text block)? */
function looksLikeTestFile(text: string): Record<string, unknown> | undefined {
  // A test file has a top-level `manifests:` key; without one, skip parsing (a huge paste stays fast).
  if (!/^manifests[ \t]*:/m.test(text)) return undefined;
  let docs: unknown[];
  try {
    docs = loadAll(text) as unknown[];
  } catch {
    return undefined; // bad YAML: imported as manifests, so the editor shows where it breaks
  }
  const present = docs.filter((d) => d !== null && d !== undefined);
  if (present.length !== 1 || !isRecord(present[0])) return undefined;
  const root = present[0];
  return typeof root.manifests === 'string' && root.kind === undefined ? root : undefined;
}

function headerLines(h: TestCase['request']['headers']): string {
  if (!h) return '';
  const lines: string[] = [];
  for (const [k, v] of Object.entries(h)) {
    if (Array.isArray(v)) for (const x of v) lines.push(`${k}: ${x}`);
    else lines.push(`${k}: ${v}`);
  }
  return lines.join('\n');
}

/** Drops undefined fields, so expectations compare and serialise cleanly. */
function clean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function parseScenario(job: ParseScenarioJob): ParseScenarioResult {
  const baseName = job.file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|txt)$/i, '') || 'Imported manifests';
  const root = looksLikeTestFile(job.text);
  if (!root) {
    return {
      kind: 'manifests',
      scenario: { name: baseName, mode: 'auto', manifests: job.text, requests: [] },
      warnings: [],
    };
  }
  const tf = parseTestFile(job.file, job.text);
  const mode: EntryMode = tf.mode === 'gateway' || tf.mode === 'ingress' ? tf.mode : 'auto';
  // In the app a case without expectations is a saved request like any other (a bookmark);
  // `routelab check` still asks for one, which is why the engine reports it.
  const problemsOf = (c: TestCase) => c.problems.filter((p) => !(Object.keys(c.expect).length === 0 && /^expect is empty/.test(p)));
  const requests: SavedRequest[] = tf.cases.map((c, i) => ({
    id: `c${i + 1}`,
    name: c.name,
    form: {
      method: c.request.method ?? 'GET',
      url: c.request.url,
      headers: headerLines(c.request.headers),
      controller: c.request.controller && CONTROLLER_NAMES.includes(c.request.controller) ? (c.request.controller as ControllerName) : 'spec',
      gateway: c.request.gateway ?? '',
      listener: c.request.listener ?? '',
      ...(c.request.implementation ? { implementation: c.request.implementation } : {}),
    },
    expect: Object.keys(c.expect).length ? clean(c.expect) : undefined,
    problems: problemsOf(c).length ? problemsOf(c) : undefined,
  }));
  return {
    kind: 'test-file',
    scenario: {
      name: tf.name === job.file ? baseName : tf.name,
      description: typeof root.description === 'string' ? root.description : undefined,
      source: tf.source,
      mode,
      manifests: tf.manifests.text,
      requests,
    },
    warnings: [...tf.errors],
  };
}
