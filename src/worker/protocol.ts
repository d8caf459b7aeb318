// The one typed boundary between the page and the engine worker. Every message
// carries a requestId; the client drops replies whose id is no longer wanted.
// Everything here is plain data: it crosses postMessage by structured cloning, so
// errors travel as WorkerError objects (an Error loses its fields on the way).
import type {
  ControllerName,
  Diagnostic,
  EntryPoints,
  Expectation,
  IgnoredObject,
  Trace,
} from '../engine/index';

/** Which entry point requests use: `auto` lets DNS decide (Ingress or Gateway). */
export type EntryMode = 'auto' | 'ingress' | 'gateway';

/** The request bar as the user fills it in. */
export interface RequestForm {
  method: string;
  url: string;
  /** one `Name: value` per line */
  headers: string;
  /** Ingress controller semantics (used unless the entry is a Gateway) */
  controller: ControllerName;
  /** "namespace/name" of a pinned Gateway; '' = chosen by DNS */
  gateway: string;
  /** listener (sectionName) of the pinned Gateway; '' = any */
  listener: string;
}

/** A saved request of a scenario (a routing test file case). */
export interface SavedRequest {
  id: string;
  name: string;
  form: RequestForm;
  /** what the request must produce; absent = just a bookmark */
  expect?: Expectation;
  /** shape problems found when the case was read (the case fails with them) */
  problems?: string[];
}

/** A scenario: the manifests, how requests enter, and the saved requests (a routing test file). */
export interface ScenarioData {
  name: string;
  description?: string;
  source?: string;
  mode: EntryMode;
  manifests: string;
  requests: SavedRequest[];
}

/**
 * The manifests a job runs against. `version` identifies the text; `text` is sent
 * only when the worker does not hold that version yet (the cluster is kept between
 * requests when only the request changed).
 */
export interface ManifestsRef {
  version: number;
  text?: string;
}

export interface TraceJob {
  type: 'trace';
  manifests: ManifestsRef;
  mode: EntryMode;
  form: RequestForm;
}

export interface CasesJob {
  type: 'cases';
  manifests: ManifestsRef;
  mode: EntryMode;
  cases: Array<Pick<SavedRequest, 'id' | 'form' | 'expect' | 'problems'>>;
}

export interface ParseScenarioJob {
  type: 'parseScenario';
  /** file name, shown in messages and used as the scenario name for plain manifests */
  file: string;
  text: string;
}

export type Job = TraceJob | CasesJob | ParseScenarioJob;
export type JobKind = Job['type'];
export type WorkerRequest = Job & { requestId: number };

/** What the engine read from the manifests (sent with every trace). */
export interface LoadSummary {
  version: number;
  objects: number;
  /** objects read, by kind */
  kinds: Record<string, number>;
  /** capped at MAX_DIAGNOSTICS; `diagnosticsTotal` says how many there were */
  diagnostics: Diagnostic[];
  diagnosticsTotal: number;
  ignored: IgnoredObject[];
  ignoredTotal: number;
  entryPoints: EntryPoints;
  /** time the worker spent reading the manifests for this job (0 when cached) */
  parseMs: number;
}

export interface TraceResult {
  load: LoadSummary;
  trace?: Trace;
  /** the request cannot be sent as written (bad URL, bad header line) */
  requestError?: string;
  traceMs: number;
}

export type CaseStatus = 'pass' | 'fail' | 'none';

export interface CaseOutcome {
  id: string;
  /** none: the request has no expectations */
  status: CaseStatus;
  failures: string[];
  /** one line: what the request produced */
  summary: string;
}

export interface CasesResult {
  results: CaseOutcome[];
}

export interface ParseScenarioResult {
  /** test-file: a routing test file; manifests: plain Kubernetes YAML */
  kind: 'test-file' | 'manifests';
  scenario: ScenarioData;
  /** problems with the test file that did not stop the import */
  warnings: string[];
}

export interface ResultOf {
  trace: TraceResult;
  cases: CasesResult;
  parseScenario: ParseScenarioResult;
}

export type WorkerErrorCode =
  /** the worker does not hold the manifests version asked for (it was replaced); resend with text */
  | 'NeedManifests'
  /** the engine threw: a bug, reported with its message */
  | 'EngineError'
  | 'BadMessage'
  /** the job overran its time limit; the worker was replaced */
  | 'TimeLimit'
  /** the worker failed to start or died */
  | 'WorkerCrashed';

export interface WorkerError {
  code: WorkerErrorCode;
  message: string;
  stack?: string;
}

export type WorkerReply =
  | { requestId: number; ok: true; type: 'trace'; result: TraceResult; ms: number }
  | { requestId: number; ok: true; type: 'cases'; result: CasesResult; ms: number }
  | { requestId: number; ok: true; type: 'parseScenario'; result: ParseScenarioResult; ms: number }
  | { requestId: number; ok: false; error: WorkerError };

/** Most diagnostics and ignored objects a reply carries (a 10,000-object paste can have thousands). */
export const MAX_DIAGNOSTICS = 500;
export const MAX_IGNORED = 200;

/** Turns anything thrown into a plain WorkerError. */
export function toWorkerError(err: unknown, code: WorkerErrorCode = 'EngineError'): WorkerError {
  if (err instanceof Error) return { code, message: err.message || err.name, stack: err.stack };
  return { code, message: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err) };
}

export const DEFAULT_FORM: RequestForm = {
  method: 'GET',
  url: 'http://shop.example.test/',
  headers: '',
  controller: 'spec',
  gateway: '',
  listener: '',
};
