// The one typed boundary between the page and the engine worker. Every message
// carries a requestId; the client drops replies whose id is no longer wanted.
// Everything here is plain data: it crosses postMessage by structured cloning, so
// errors travel as WorkerError objects (an Error loses its fields on the way).
import type {
  Capabilities,
  UsedFeature,
  ControllerName,
  ConvertQuirk,
  QuirkChoice,
  QuirkDecision,
  Deviation,
  Diagnostic,
  EntryPoints,
  Expectation,
  IgnoredObject,
  Problem,
  RequestInput,
  SplitRun,
  Trace,
  WeightedBackend,
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
  /** Gateway API implementation profile (report folder name); absent or '' = portable */
  implementation?: string;
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
  /** the text came ahead of the job, in this many TextPart messages (a large text: see TextPart) */
  parts?: number;
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
  /** the file's text; empty when it came ahead of the job in parts (textParts) */
  text: string;
  /** the text came ahead of the job in this many TextPart messages, named by minus the job's request id */
  textParts?: number;
}

// ---- analysis jobs (lint, controller comparison, conversion, config diff, split) ----
// Their replies carry what the panels show, never whole traces: a row that needs its
// trace is loaded into the request bar and traced there.

export interface LintJob {
  type: 'lint';
  manifests: ManifestsRef;
  /** the request bar's controller: annotations and shadowed rules depend on it */
  controller: ControllerName;
  /** the request bar's Gateway API implementation: what the config uses that it lacks */
  implementation?: string;
}

export interface CompareJob {
  type: 'compare';
  manifests: ManifestsRef;
  /** the scenario's entry mode: a Gateway API scenario compares implementations */
  mode?: EntryMode;
  /** most generated requests traced (default 2000) */
  limit?: number;
}

/** The request bar's request under every controller. */
export interface CompareRequestJob {
  type: 'compareRequest';
  manifests: ManifestsRef;
  form: RequestForm;
  mode?: EntryMode;
}

/** What a migration is converted for: the target implementation and the quirk choices. */
export interface MigrationChoice {
  /** the controller the Ingresses were written for; absent = inferred from the manifests */
  controller?: ControllerName;
  /** implementation profile the output is written for (default portable); "keep:<controller>" keeps the Ingresses and swaps the controller */
  target?: string;
  quirks?: Partial<Record<ConvertQuirk, QuirkChoice>>;
}

export interface ConvertJob extends MigrationChoice {
  type: 'convert';
  manifests: ManifestsRef;
}

/**
 * A text the page keeps and jobs read again and again: an access log, a diff's baseline.
 * `id` names one text, and the page sends it once per worker, as it does the manifests: in
 * `text`, or ahead of the job in `parts` TextPart messages named by minus the job's request
 * id (a large text), or not at all when the worker already holds that id. A worker that does
 * not hold it answers NeedText, and the page sends it again.
 */
export interface HeldText {
  id: number;
  text?: string;
  parts?: number;
}

/** An access log replayed through the config, and through its conversion on the target. */
export interface ReplayJob extends MigrationChoice {
  type: 'replay';
  manifests: ManifestsRef;
  log: HeldText & { name: string };
  host?: string;
  format?: string;
}

/** The cutover script for the conversion on the target. */
export interface VerifyJob extends MigrationChoice {
  type: 'verify';
  manifests: ManifestsRef;
  address: string;
  backendHeader?: string;
  /** which requests the script sends: the generated set (default), an access log's distinct requests, or the saved requests */
  requestsFrom?: 'generated' | 'log' | 'saved';
  log?: HeldText & { name: string };
  host?: string;
  format?: string;
  saved?: Array<{ name: string; form: RequestForm }>;
}

export interface DiffJob {
  type: 'diff';
  /** the config as it is now ("after") */
  manifests: ManifestsRef;
  /** the config kept as "before"; the worker parses it once per id */
  baseline: HeldText;
  mode: EntryMode;
  controller: ControllerName;
  /** the request bar's Gateway API implementation */
  implementation?: string;
}

export interface SplitJob {
  type: 'split';
  /** the weighted backends of a traced outcome, as the engine returned them */
  backends: WeightedBackend[];
  runs: number;
  seed: number;
}

export type Job = TraceJob | CasesJob | ParseScenarioJob | LintJob | CompareJob | CompareRequestJob | ConvertJob | DiffJob | SplitJob | ReplayJob | VerifyJob;
export type JobKind = Job['type'];
export type WorkerRequest = Job & { requestId: number };

/**
 * One part of a large text, sent ahead of the job that reads it: a manifests text, an
 * imported file's, an access log or a diff's baseline. The page sends a text of more than a million characters in parts, one
 * per task, so no task of the page copies all of it at once (a 20 MB text took 20-190 ms
 * to post in one message). The worker keeps the parts of one text and does not reply to
 * them.
 */
export interface TextPart {
  type: 'textPart';
  /** which text: its manifests version, or minus the request id of the job that reads it (its file, log or baseline) */
  version: number;
  index: number;
  count: number;
  text: string;
}

/** Everything the page posts to a worker. */
export type WorkerMessage = WorkerRequest | TextPart;

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

/** A request of an analysis (generated, or the proof of a problem), as plain data. */
export type AnalysisRequest = RequestInput & { why?: string };

/** A lint problem; `fromLoad` marks the ones that are load diagnostics too (already listed and marked). */
export interface LintProblem extends Problem {
  fromLoad: boolean;
}

export interface LintResult {
  version: number;
  controller: ControllerName;
  /** capped at MAX_DIAGNOSTICS; `total` says how many there were */
  problems: LintProblem[];
  total: number;
  implementation?: string;
  /** the Gateway API capabilities of the config (absent without Gateway API objects) */
  capabilities?: CapabilitiesView;
}

/** Objects listed per feature in the panel; a feature every route of a dump uses names thousands. */
export const MAX_FEATURE_OBJECTS = 50;

/**
 * Capabilities as the panel shows them: each feature's objects capped at MAX_FEATURE_OBJECTS
 * (`more` says how many were left out), and the RegularExpression matches as a count.
 */
export type CapabilitiesView = Omit<Capabilities, 'features' | 'implementationSpecific'> & {
  features: Array<UsedFeature & { more: number }>;
  implementationSpecific: number;
};

/** One side of a routing comparison: what happened, and the rule that decided it. */
export interface RoutingSideView {
  outcome: string;
  rule: string;
}

export interface SubjectOutcomeView extends RoutingSideView {
  /** the controller or implementation name */
  subject: string;
  /** equal keys route the same */
  key: string;
}

export interface CompareRowView {
  request: AnalysisRequest;
  results: SubjectOutcomeView[];
  differs: boolean;
  explanation: string;
}

export interface CompareResult {
  version: number;
  /** Ingress controllers, or Gateway API implementations */
  kind: 'controllers' | 'implementations';
  subjects: string[];
  /** how each subject is named on screen, same order */
  titles: string[];
  /** Ingresses in the manifests (a controller comparison is about them) */
  ingresses: number;
  /** Gateway API routes in the manifests (an implementation comparison is about them) */
  gatewayRoutes: number;
  rows: CompareRowView[];
  disagreements: number;
}

export interface CompareRequestResult {
  version: number;
  row?: CompareRowView;
  /** the request cannot be sent as written */
  requestError?: string;
}

export interface ProofDifferenceView {
  request: AnalysisRequest;
  ingress: RoutingSideView;
  gateway: RoutingSideView;
  declared?: Deviation;
}

export interface ConvertResult {
  version: number;
  /** Ingresses converted (0: nothing to convert, no YAML) */
  ingresses: number;
  controller: ControllerName;
  /** the controller the manifests suggest */
  inferred: ControllerName;
  yaml: string;
  objects: number;
  deviations: Deviation[];
  proof?: { requests: number; differences: ProofDifferenceView[]; undeclared: number };
  /** the implementation profile it was converted and proved for, or "keep:<controller>" */
  target: string;
  /** target "keep:<controller>": the Ingresses kept, the controller swapped (no conversion) */
  swap?: {
    to: ControllerName;
    requests: number;
    differences: Array<{ request: AnalysisRequest; before: RoutingSideView; after: RoutingSideView; cause?: string }>;
    stopWorking: Array<{ object: string; key: string; why: string }>;
  };
  quirks: QuirkDecision[];
  blockers: Array<{ deviation: Deviation; requests: AnalysisRequest[] }>;
}

/** Lines replayed in the page; the CLI streams logs of any size. */
export const MAX_REPLAY_LINES = 20_000;

export interface ReplayResult {
  version: number;
  logId: number;
  /** the log could not be replayed (a format without the upstream name, no host): why */
  error?: string;
  /** lines past MAX_REPLAY_LINES were not read */
  truncated: boolean;
  lines: number;
  agree: number;
  differ: number;
  skipped: number;
  skippedSamples: Array<{ line: number; text: string; why: string }>;
  distinct: number;
  assumptions: string[];
  differences: Array<{ request: AnalysisRequest; logged: string; traced: string; rule: string; why: string; lines: number[]; count: number }>;
  moreDifferences: number;
  /** the logged requests that route differently on the conversion for the target */
  changed: number;
  changes: Array<{ request: AnalysisRequest; before: RoutingSideView; after: RoutingSideView; lines: number[]; count: number }>;
  target: string;
}

export interface VerifyResult {
  version: number;
  script?: string;
  error?: string;
  requests: number;
  known: number;
  skipped: number;
}

export interface DiffDifferenceView {
  request: AnalysisRequest;
  before: RoutingSideView;
  after: RoutingSideView;
}

export interface DiffResult {
  version: number;
  baselineId: number;
  requests: number;
  /** capped at MAX_ANALYSIS_ROWS; `differencesTotal` says how many there were */
  differences: DiffDifferenceView[];
  differencesTotal: number;
  /** errors found reading the baseline (its routing may be partial) */
  baselineErrors: number;
}

export type SplitResult = SplitRun;

export interface ResultOf {
  trace: TraceResult;
  cases: CasesResult;
  parseScenario: ParseScenarioResult;
  lint: LintResult;
  compare: CompareResult;
  compareRequest: CompareRequestResult;
  convert: ConvertResult;
  diff: DiffResult;
  split: SplitResult;
  replay: ReplayResult;
  verify: VerifyResult;
}

export type WorkerErrorCode =
  /** the worker does not hold the manifests version asked for (it was replaced); resend with text */
  | 'NeedManifests'
  /** the worker does not hold the log or baseline asked for by id; resend with text */
  | 'NeedText'
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
  /** TimeLimit: the limit the job ran under (the base limit plus time for the text it carried) */
  limitMs?: number;
}

export type WorkerReply =
  | { [K in JobKind]: { requestId: number; ok: true; type: K; result: ResultOf[K]; ms: number } }[JobKind]
  | { requestId: number; ok: false; error: WorkerError };

/** Most diagnostics and ignored objects a reply carries (a 10,000-object paste can have thousands). */
export const MAX_DIAGNOSTICS = 500;
export const MAX_IGNORED = 200;
/** Most rows a comparison or a diff sends (the generated set is at most 2,000 requests). */
export const MAX_ANALYSIS_ROWS = 2000;
/** Most simulated requests of a split run. */
export const MAX_SPLIT_RUNS = 1_000_000;

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
