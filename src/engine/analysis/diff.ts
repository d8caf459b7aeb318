// Two versions of a config (before and after a change): the requests that now
// route differently, generated from the rules of both, with both traces.
import type { Cluster } from '../model/cluster.js';
import { RequestError, type RequestInput } from '../model/request.js';
import { simulate, type SimulateOptions } from '../simulate.js';
import type { Trace } from '../trace/types.js';
import { generateRequests, type GeneratedRequest } from './requests.js';
import { decidingRule, summarizeOutcome } from './outcome.js';

export interface RoutingDifference {
  request: GeneratedRequest | (RequestInput & { why?: string });
  before: { outcome: string; rule: string; trace: Trace };
  after: { outcome: string; rule: string; trace: Trace };
}

export interface ConfigDiff {
  /** how many requests were traced through both configs */
  requests: number;
  differences: RoutingDifference[];
}

export function diffConfigs(before: Cluster, after: Cluster, options: SimulateOptions & { requests?: Array<RequestInput & { why?: string }> } = {}): ConfigDiff {
  const requests = options.requests ?? mergeRequests(generateRequests(before), generateRequests(after));
  const differences: RoutingDifference[] = [];
  let traced = 0;
  for (const request of requests) {
    let a: Trace;
    let b: Trace;
    try {
      a = simulate(before, request, options);
      b = simulate(after, request, options);
    } catch (err) {
      if (err instanceof RequestError) continue;
      throw err;
    }
    traced++;
    const sa = summarizeOutcome(a);
    const sb = summarizeOutcome(b);
    if (sa.key !== sb.key) {
      differences.push({
        request,
        before: { outcome: sa.text, rule: decidingRule(a), trace: a },
        after: { outcome: sb.text, rule: decidingRule(b), trace: b },
      });
    }
  }
  return { requests: traced, differences };
}

function mergeRequests(a: GeneratedRequest[], b: GeneratedRequest[]): GeneratedRequest[] {
  const seen = new Set<string>();
  const out: GeneratedRequest[] = [];
  for (const r of [...a, ...b]) {
    const key = `${r.method ?? 'GET'} ${r.url} ${JSON.stringify(r.headers ?? {})}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}
