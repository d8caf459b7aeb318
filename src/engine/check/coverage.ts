// Rule coverage of a set of traced requests, like Envoy's route table check tool:
// which rules the cases exercised, and which none did.
import type { Cluster } from '../model/cluster.js';
import type { SourceRef } from '../model/source.js';
import type { Trace } from '../trace/types.js';
import { gatewayRules } from '../gateway/route.js';
import { pushAll } from '../model/arrays.js';

export interface RuleInfo {
  id: string;
  label: string;
  source?: SourceRef;
}

export interface Coverage {
  rules: Array<RuleInfo & { hits: number }>;
  exercised: number;
  total: number;
  /** 0..100; 100 when there are no rules */
  percent: number;
}

/** Every routing rule in the manifests: Ingress paths and default backends, Gateway API route rules. */
export function routingRules(cluster: Cluster): RuleInfo[] {
  const out: RuleInfo[] = [];
  for (const ing of cluster.ingresses) {
    for (const r of ing.rules) {
      for (const p of r.paths) out.push({ id: p.id, label: `${r.host ?? '*'} ${p.path} ${p.pathType}`, source: p.source });
    }
    if (ing.defaultBackend) out.push({ id: ing.defaultBackend.id, label: 'defaultBackend', source: ing.defaultBackend.source });
  }
  pushAll(out, gatewayRules(cluster));
  return out;
}

export function coverageOf(cluster: Cluster, traces: Trace[]): Coverage {
  const hits = new Map<string, number>();
  for (const t of traces) for (const id of t.exercised) hits.set(id, (hits.get(id) ?? 0) + 1);
  const rules = routingRules(cluster).map((r) => ({ ...r, hits: hits.get(r.id) ?? 0 }));
  const exercised = rules.filter((r) => r.hits > 0).length;
  return { rules, exercised, total: rules.length, percent: rules.length ? (100 * exercised) / rules.length : 100 };
}

/** Coverage of several files together. */
export function mergeCoverage(list: Coverage[]): Coverage {
  const rules = list.flatMap((c) => c.rules);
  const exercised = rules.filter((r) => r.hits > 0).length;
  return { rules, exercised, total: rules.length, percent: rules.length ? (100 * exercised) / rules.length : 100 };
}
