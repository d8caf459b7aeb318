// Keeping the Ingresses and swapping the controller: the same YAML under the controller
// in use today and the one moved to. Every request that routes differently is listed with
// both traces and the cause, read from the traces' own steps: an annotation the new
// controller does not read, an Ingress it rejects or a host it gives to another resource,
// a different rule winning (with each side's matching rule), or a step (redirect,
// rewrite, canary) that only one side takes. A difference with no such step is
// "unexplained", which the tests forbid.
import type { Cluster } from '../model/cluster.js';
import type { ControllerName, RequestInput } from '../model/request.js';
import { CONTROLLER_PROFILES } from '../ingress/classes.js';
import { simulate } from '../simulate.js';
import type { Trace, TraceStep } from '../trace/types.js';
import { generateRequests, type GeneratedRequest } from './requests.js';
import { decidingRule, routeTwoWays, type RoutingSide } from './outcome.js';
import { controllerReads, ignoredWhy } from '../ingress/controllers/reads.js';

export interface SwapDifference {
  request: GeneratedRequest | (RequestInput & { why?: string });
  before: RoutingSide;
  after: RoutingSide;
  /** why the new controller answers otherwise, from the traces; undefined: no step explains it */
  cause?: string;
}

export interface ControllerSwap {
  from: ControllerName;
  to: ControllerName;
  requests: number;
  differences: SwapDifference[];
  /** annotations the old controller reads and the new one does not, per Ingress */
  stopWorking: Array<{ object: string; key: string; why: string }>;
}

/** Steps that carry a controller's own verdict on the config rather than on the request. */
const CONFIG_REASONS = new Set(['AnnotationIgnored', 'IngressRejected', 'HostTaken', 'VirtualServerInvalid', 'AnnotationRejected', 'LocationDenied']);
const ACTION_KINDS = new Set(['redirect', 'rewrite', 'canary']);

function chosen(t: Trace, kind: 'host' | 'rule'): TraceStep | undefined {
  const steps = t.steps.filter((s) => s.kind === kind);
  return steps.find((s) => s.candidates?.some((c) => c.verdict === 'won')) ?? steps[steps.length - 1];
}

/** The cause of a difference, from the steps of both traces. */
export function explainSwap(before: Trace, after: Trace, from: ControllerName, to: ControllerName): string | undefined {
  const a = CONTROLLER_PROFILES[from].title;
  const b = CONTROLLER_PROFILES[to].title;
  const causes: string[] = [];
  const configNotes = (t: Trace) => t.steps.filter((s) => CONFIG_REASONS.has(s.reason) && s.status !== 'info').map((s) => s.summary);
  const beforeNotes = new Set(configNotes(before));
  for (const n of configNotes(after)) if (!beforeNotes.has(n)) causes.push(`${b}: ${n}`);
  const ha = chosen(before, 'host');
  const hb = chosen(after, 'host');
  const ra = chosen(before, 'rule');
  const rb = chosen(after, 'rule');
  // A different rule decides (the outcome names another object or rule): each side's rule step.
  if (decidingRule(before) !== decidingRule(after)) {
    const side = (t: string, h: TraceStep | undefined, r: TraceStep | undefined) => `${t}: ${r?.summary ?? h?.summary ?? 'no rule'}${r?.notes?.[0] ? ` (${r.notes[0]})` : ''}`;
    if (hb && ha && hb.reason !== ha.reason) causes.push(`${b} chooses the server otherwise: ${hb.summary}`);
    causes.push(`${side(a, ha, ra)}; ${side(b, hb, rb)}`);
  }
  // The same rule, another status for a backend that cannot serve: each controller's own answer.
  if (!causes.length && before.outcome.status !== after.outcome.status && decidingRule(before) === decidingRule(after)) {
    const why = (t: Trace) => t.steps.find((s) => s.kind === 'note' && s.reason === 'NoReadyEndpoints')?.summary;
    const wa = why(before);
    const wb = why(after);
    if (wa || wb) causes.push(`${a}: ${wa ?? before.outcome.message}; ${b}: ${wb ?? after.outcome.message}`);
  }
  const actions = (t: Trace) => t.steps.filter((s) => ACTION_KINDS.has(s.kind)).map((s) => s.summary);
  const aa = actions(before);
  const ab = actions(after);
  const onlyA = aa.filter((x) => !ab.includes(x));
  const onlyB = ab.filter((x) => !aa.includes(x));
  if (onlyA.length) causes.push(`only ${a}: ${onlyA.join('; ')}`);
  if (onlyB.length) causes.push(`only ${b}: ${onlyB.join('; ')}`);
  return causes.length ? causes.join(' | ') : undefined;
}

export function swapControllers(cluster: Cluster, from: ControllerName, to: ControllerName, options: { requests?: Array<RequestInput & { why?: string }>; limit?: number } = {}): ControllerSwap {
  const requests = (options.requests ?? generateRequests(cluster)).slice(0, options.limit ?? 2000);
  // The same YAML under both: each controller serves every Ingress whatever its class, as a
  // swap replaces the controller behind the class (compareControllers does the same).
  const run = (c: ControllerName) => (r: RequestInput) => simulate(cluster, Object.assign({}, r, { controller: c }), { serveAllIngresses: true });
  const { traced, differences } = routeTwoWays(requests, run(from), run(to));
  const stopWorking: ControllerSwap['stopWorking'] = [];
  for (const ing of cluster.ingresses) {
    for (const key of Object.keys(ing.meta.annotations)) {
      if (controllerReads(from, key) && !controllerReads(to, key)) stopWorking.push({ object: `Ingress ${ing.meta.namespace}/${ing.meta.name}`, key, why: ignoredWhy(to, key) });
    }
  }
  return {
    from,
    to,
    requests: traced,
    differences: differences.map((d) => ({ request: d.request, before: d.left, after: d.right, cause: explainSwap(d.left.trace, d.right.trace, from, to) })),
    stopWorking,
  };
}
