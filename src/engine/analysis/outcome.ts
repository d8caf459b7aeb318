// What a user would call "where the request went": the part of a trace that
// comparisons (controllers side by side, conversion proofs, config diffs) compare.
// Headers a proxy adds on its own and the Pod sample are left out on purpose.
import { RequestError } from '../model/request.js';
import type { BackendRef, Trace } from '../trace/types.js';

export interface OutcomeSummary {
  /** stable text; two traces route the same when their keys are equal */
  key: string;
  /** the same, for people */
  text: string;
}

export function summarizeOutcome(t: Trace): OutcomeSummary {
  const o = t.outcome;
  switch (o.kind) {
    case 'proxied': {
      const b = o.backend;
      const target = b ? `${b.namespace}/${b.service}${b.port !== undefined ? `:${b.port}` : ''}` : '?';
      const split = o.backends && o.backends.length > 1
        ? ` split ${o.backends.map((x) => `${x.namespace}/${x.service}=${(x.share * 100).toFixed(1)}%`).sort().join(',')}`
        : '';
      const path = o.upstream?.path ?? '';
      const host = o.upstream?.host ?? '';
      return {
        key: `proxied ${split ? split : target} path=${path} host=${host}`,
        text: `proxied to ${target}${split ? ` (${split.trim()})` : ''}, backend sees ${path} Host ${host}`,
      };
    }
    case 'redirect':
      return { key: `redirect ${o.status} ${o.location}`, text: `${o.status} redirect to ${o.location}` };
    default:
      // Engine messages usually open with the status ("404 from ..."): do not say it twice.
      return { key: `status ${o.status}`, text: o.message.startsWith(String(o.status)) ? o.message : `${o.status}: ${o.message}` };
  }
}

/** The first decision where two traces part: the rule or route that won in each. */
export function decidingRule(t: Trace): string {
  const r = t.outcome.route;
  return r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}${r.rule ? ` ${r.rule}` : ''}` : '(no rule)';
}

export interface RoutingSide {
  outcome: string;
  rule: string;
  trace: Trace;
}

/**
 * Traces every request two ways (two configs, or one config two ways) and keeps
 * those whose outcomes differ. Requests the engine cannot send are skipped.
 */
export function routeTwoWays<R>(
  requests: R[],
  left: (r: R) => Trace,
  right: (r: R) => Trace,
): { traced: number; differences: Array<{ request: R; left: RoutingSide; right: RoutingSide }> } {
  const differences: Array<{ request: R; left: RoutingSide; right: RoutingSide }> = [];
  let traced = 0;
  for (const request of requests) {
    let a: Trace;
    let b: Trace;
    try {
      a = left(request);
      b = right(request);
    } catch (err) {
      if (err instanceof RequestError) continue;
      throw err;
    }
    traced++;
    const sa = summarizeOutcome(a);
    const sb = summarizeOutcome(b);
    if (sa.key !== sb.key) {
      differences.push({ request, left: { outcome: sa.text, rule: decidingRule(a), trace: a }, right: { outcome: sb.text, rule: decidingRule(b), trace: b } });
    }
  }
  return { traced, differences };
}

/**
 * The backend a request was routed to when it got 503 only because the manifests give
 * that Service no ready Pods (a config pasted without its workloads): in the cluster that
 * backend answers. Undefined for any other outcome.
 */
export function backendWithoutPods(t: Trace): BackendRef | undefined {
  const o = t.outcome;
  if (o.kind === 'proxied' || o.status !== 503 || !o.backend) return undefined;
  return t.steps.some((s) => s.reason === 'NoReadyEndpoints') ? o.backend : undefined;
}
