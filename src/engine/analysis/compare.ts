// The same requests through spec / ingress-nginx / Traefik / HAProxy, side by side.
// Disagreements are explained by the rule each controller chose.
import type { Cluster } from '../model/cluster.js';
import { CONTROLLER_NAMES, RequestError, type ControllerName, type RequestInput } from '../model/request.js';
import { simulate } from '../simulate.js';
import type { Trace } from '../trace/types.js';
import { generateRequests, type GeneratedRequest } from './requests.js';
import { decidingRule, summarizeOutcome } from './outcome.js';

export interface ControllerResult {
  controller: ControllerName;
  outcome: string;
  key: string;
  rule: string;
  trace: Trace;
}

export interface ComparisonRow {
  request: GeneratedRequest | (RequestInput & { why?: string });
  results: ControllerResult[];
  /** true when at least two controllers route the request differently */
  differs: boolean;
  /** one sentence per group of controllers that agree */
  explanation: string;
}

export interface Comparison {
  controllers: ControllerName[];
  rows: ComparisonRow[];
  disagreements: number;
}

export function compareControllers(
  cluster: Cluster,
  requests: Array<RequestInput & { why?: string }> = generateRequests(cluster),
  controllers: readonly ControllerName[] = CONTROLLER_NAMES,
): Comparison {
  const rows: ComparisonRow[] = [];
  for (const request of requests) {
    const results: ControllerResult[] = [];
    for (const controller of controllers) {
      let trace: Trace;
      try {
        trace = simulate(cluster, { ...request, controller }, { mode: 'ingress', serveAllIngresses: true });
      } catch (err) {
        if (err instanceof RequestError) break;
        throw err;
      }
      const s = summarizeOutcome(trace);
      results.push({ controller, outcome: s.text, key: s.key, rule: decidingRule(trace), trace });
    }
    if (results.length === 0) continue;
    const groups = new Map<string, ControllerResult[]>();
    for (const r of results) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
    const differs = groups.size > 1;
    const explanation = [...groups.values()]
      .map((g) => `${g.map((r) => r.controller).join(', ')}: ${g[0].outcome} (rule ${g[0].rule})`)
      .join('; ');
    rows.push({ request, results, differs, explanation });
  }
  return { controllers: [...controllers], rows, disagreements: rows.filter((r) => r.differs).length };
}
