// The Trace: one value per request that records every decision the engine made,
// every candidate it weighed with the reason it won or lost, and the source range
// behind each. The UI and the CLI only render traces; they never decide routing.
import type { ObjectRef } from '../model/resources.js';
import type { ControllerName, NormalizedRequest } from '../model/request.js';
import type { SourceRef } from '../model/source.js';
import type { ReasonCode } from './reasons.js';

export const TRACE_VERSION = 1;

export type StepKind =
  | 'request'
  | 'dns'
  | 'entry' // controller or Gateway
  | 'listener'
  | 'implementation' // Gateway API implementation profile
  | 'class' // which Ingresses the controller serves
  | 'attach' // Gateway API route attachment
  | 'host'
  | 'rule' // path / match selection
  | 'canary'
  | 'redirect'
  | 'rewrite'
  | 'filter'
  | 'mirror'
  | 'backend'
  | 'service'
  | 'pods'
  | 'response'
  | 'note';

/** How renderers name each kind of step (the CLI's left column, the UI's step tag). */
export const STEP_LABELS: Record<StepKind, string> = {
  request: 'request',
  dns: 'DNS',
  entry: 'entry',
  listener: 'listener',
  implementation: 'impl',
  class: 'class',
  attach: 'attach',
  host: 'host',
  rule: 'rule',
  canary: 'canary',
  redirect: 'redirect',
  rewrite: 'rewrite',
  filter: 'filter',
  mirror: 'mirror',
  backend: 'backend',
  service: 'service',
  pods: 'pods',
  response: 'response',
  note: 'note',
};

/** ok: the decision let the request through; fail: it stopped here; warn: it went on but something is off. */
export type StepStatus = 'ok' | 'fail' | 'warn' | 'info';

/** won: chosen; lost: matched or could have, but another candidate was chosen; miss: did not match; skip: not considered (with why). */
export type Verdict = 'won' | 'lost' | 'miss' | 'skip';

export interface TraceCandidate {
  /** what the candidate is, e.g. "/cart Prefix -> cart:80" */
  label: string;
  verdict: Verdict;
  reason: ReasonCode;
  /** the specific sentence: why it won, lost or missed */
  detail: string;
  object?: ObjectRef;
  /** stable id of the rule (coverage, UI selection) */
  ruleId?: string;
  source?: SourceRef;
}

export interface TraceStep {
  kind: StepKind;
  /** one short sentence a user reads first */
  summary: string;
  reason: ReasonCode;
  status: StepStatus;
  object?: ObjectRef;
  source?: SourceRef;
  candidates?: TraceCandidate[];
  /** further sentences (notes, hints, spec references) */
  notes?: string[];
  /** structured facts for renderers: addresses, rewritten paths, weights */
  facts?: Record<string, string | number | boolean>;
}

export interface BackendRef {
  namespace: string;
  service: string;
  port?: number;
  /** Service kind unless another backend kind was referenced */
  kind?: string;
}

export interface WeightedBackend extends BackendRef {
  weight: number;
  /** weight / total, 0..1 */
  share: number;
  ruleId?: string;
}

export interface RouteRef extends ObjectRef {
  /** rule within the object, e.g. "rules[0].paths[1]" */
  rule?: string;
  ruleId?: string;
  source?: SourceRef;
}

export interface UpstreamRequest {
  method: string;
  /** path with query, as the backend receives it */
  path: string;
  host: string;
  headers: Array<[string, string]>;
}

export interface EndpointRef {
  pod?: string;
  ip: string;
  port: number | string;
}

export type EntryPoint =
  | { kind: 'ingress'; controller: ControllerName; address: string; addressSimulated: boolean }
  | { kind: 'gateway'; namespace: string; name: string; listener?: string; address: string; addressSimulated: boolean }
  | { kind: 'service'; namespace: string; name: string; address: string };

/**
 * `responded`: the entry point answers itself without a backend (a Gateway API CORS
 * preflight, or a 401 asking for credentials).
 */
export type OutcomeKind = 'proxied' | 'redirect' | 'responded' | 'not-found' | 'error' | 'rejected';

/** Did the request get what it asked for: proxied, redirected, or answered with a non-error status. */
export function outcomeSucceeded(o: Pick<Outcome, 'kind' | 'status'>): boolean {
  return o.kind === 'proxied' || o.kind === 'redirect' || (o.kind === 'responded' && o.status < 400);
}

export interface Outcome {
  kind: OutcomeKind;
  /** HTTP status the client sees (a proxied request is 200 from the simulated backend) */
  status: number;
  reason: ReasonCode;
  message: string;
  backend?: BackendRef;
  /** every backend of a weighted split, with its share */
  backends?: WeightedBackend[];
  route?: RouteRef;
  upstream?: UpstreamRequest;
  endpoint?: EndpointRef;
  endpoints?: EndpointRef[];
  location?: string;
  responseHeaders: Array<[string, string]>;
  mirroredTo: Array<BackendRef & { percent?: number }>;
}

export interface Trace {
  version: typeof TRACE_VERSION;
  request: NormalizedRequest;
  mode: 'ingress' | 'gateway' | 'cluster';
  /** Gateway API traces: the implementation profile that applied (report folder name, or portable) */
  implementation?: string;
  entry?: EntryPoint;
  steps: TraceStep[];
  outcome: Outcome;
  /** ids of the rules this request exercised (coverage) */
  exercised: string[];
}
