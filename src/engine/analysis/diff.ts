// Two versions of a config (before and after a change): the requests that now
// route differently, generated from the rules of both, with both traces.
import type { Cluster } from '../model/cluster.js';
import type { RequestInput } from '../model/request.js';
import { simulate, type SimulateOptions } from '../simulate.js';
import { generateRequests, mergeRequests, type GeneratedRequest } from './requests.js';
import { routeTwoWays, type RoutingSide } from './outcome.js';

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
