// Two versions of a config (before and after a change): the requests that now
// route differently, generated from the rules of both, with both traces.
import type { Cluster } from '../model/cluster.js';
import type { RequestInput } from '../model/request.js';
import { simulate, type SimulateOptions } from '../simulate.js';
import { generateRequests, mergeRequests, type GeneratedRequest } from './requests.js';
import { routeTwoWays, summarizeOutcome, decidingRule, type RoutingSide } from './outcome.js';

export interface RoutingDifference {
  request: GeneratedRequest | (RequestInput & { why?: string });
  before: RoutingSide;
  after: RoutingSide;
}

export interface ConfigDiff {
  /** how many requests were traced through both configs */
  requests: number;
  differences: RoutingDifference[];
}

export function diffConfigs(before: Cluster, after: Cluster, options: SimulateOptions & { requests?: Array<RequestInput & { why?: string }> } = {}): ConfigDiff {
  const requests = options.requests ?? mergeRequests(generateRequests(before), generateRequests(after));
  const { traced, differences } = routeTwoWays(requests, (r) => simulate(before, r, options), (r) => simulate(after, r, options));
  return { requests: traced, differences: differences.map((d) => ({ request: d.request, before: d.left, after: d.right })) };
}

/** Why a request routes differently on the target: the config, the implementation, or both. */
export type DifferenceCause = 'config' | 'implementation' | 'both';

export interface ThreeWayDifference extends RoutingDifference {
  /** the new config read as portable Gateway API (the spec, no implementation's behaviour) */
  portable: RoutingSide;
  cause: DifferenceCause;
}

export interface ThreeWayDiff {
  requests: number;
  implementation: string;
  differences: ThreeWayDifference[];
}

/**
 * The migrating team's check: the old config (under its controller), the config they wrote
 * for the move, and the implementation they move to. Every request that routes differently
 * on the target is listed with three traces; the portable reading says whose doing it is:
 * when it agrees with the old config the implementation changed the answer, when it agrees
 * with the target the config did (any conformant implementation would), otherwise both.
 */
export function threeWayDiff(before: Cluster, after: Cluster, options: SimulateOptions & { implementation: string; requests?: Array<RequestInput & { why?: string }> }): ThreeWayDiff {
  const requests = options.requests ?? mergeRequests(generateRequests(before), generateRequests(after));
  const { implementation: _i, ...rest } = options;
  const { traced, differences } = routeTwoWays(requests, (r) => simulate(before, r, rest), (r) => simulate(after, r, options));
  return {
    requests: traced,
    implementation: options.implementation,
    differences: differences.map((d) => {
      const t = simulate(after, d.request, { ...rest, implementation: 'portable' });
      const s = summarizeOutcome(t);
      const portable: RoutingSide = { outcome: s.text, rule: decidingRule(t), trace: t };
      const cause: DifferenceCause = s.key === summarizeOutcome(d.left.trace).key ? 'implementation' : s.key === summarizeOutcome(d.right.trace).key ? 'config' : 'both';
      return { request: d.request, before: d.left, after: d.right, portable, cause };
    }),
  };
}
