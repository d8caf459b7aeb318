// The same requests through several semantics side by side: Ingress controllers (spec /
// ingress-nginx / Traefik / HAProxy) or Gateway API implementations (portable, Envoy
// Gateway, Istio, ...). Disagreements are explained by the rule each one chose.
import type { Cluster } from '../model/cluster.js';
import { CONTROLLER_NAMES, RequestError, type ControllerName, type RequestInput } from '../model/request.js';
import { simulate } from '../simulate.js';
import type { Trace } from '../trace/types.js';
import { findImplementation, IMPLEMENTATION_NAMES, implementationLabel } from '../gateway/implementations/index.js';
import { generateRequests, type GeneratedRequest } from './requests.js';
import { decidingRule, summarizeOutcome } from './outcome.js';

export interface SubjectResult {
  /** the controller or implementation name */
  subject: string;
  outcome: string;
  key: string;
  rule: string;
  trace: Trace;
}

export interface ComparisonRow {
  request: GeneratedRequest | (RequestInput & { why?: string });
  results: SubjectResult[];
  /** true when at least two subjects route the request differently */
  differs: boolean;
  /** one sentence per group of subjects that agree */
  explanation: string;
}

export interface Comparison {
  kind: 'controllers' | 'implementations';
  subjects: string[];
  rows: ComparisonRow[];
  disagreements: number;
}

type Request = RequestInput & { why?: string };

function compareBy(kind: Comparison['kind'], requests: Request[], subjects: readonly string[], run: (r: Request, subject: string) => Trace, title: (s: string) => string, why?: (t: Trace) => string | undefined): Comparison {
  const rows: ComparisonRow[] = [];
  for (const request of requests) {
    const results: SubjectResult[] = [];
    for (const subject of subjects) {
      let trace: Trace;
      try {
        trace = run(request, subject);
      } catch (err) {
        if (err instanceof RequestError) break;
        throw err;
      }
      const s = summarizeOutcome(trace);
      results.push({ subject, outcome: s.text, key: s.key, rule: decidingRule(trace), trace });
    }
    if (results.length === 0) continue;
    const groups = new Map<string, SubjectResult[]>();
    for (const r of results) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
    const differs = groups.size > 1;
    // The reason is given for the groups that part from the largest one (the usual behaviour).
    const largest = [...groups.values()].reduce((a, b) => (b.length > a.length ? b : a));
    const explanation = [...groups.values()]
      .map((g) => {
        const because = differs && why && g !== largest ? why(g[0].trace) : undefined;
        return `${g.map((r) => title(r.subject)).join(', ')}: ${g[0].outcome} (rule ${g[0].rule})${because ? `, because ${because}` : ''}`;
      })
      .join('; ');
    rows.push({ request, results, differs, explanation });
  }
  return { kind, subjects: [...subjects], rows, disagreements: rows.filter((r) => r.differs).length };
}

/** Ingress controllers; each serves every Ingress, whatever its class, so rows compare matching. */
export function compareControllers(
  cluster: Cluster,
  requests: Request[] = generateRequests(cluster),
  controllers: readonly ControllerName[] = CONTROLLER_NAMES,
): Comparison {
  return compareBy('controllers', requests, controllers, (r, c) => simulate(cluster, Object.assign({}, r, { controller: c as ControllerName }), { mode: 'ingress', serveAllIngresses: true }), (c) => c);
}

/**
 * Gateway API implementations (profiles by name or alias; default every profile). The
 * row's explanation says, per group that agrees, the outcome and the rule; each result's
 * trace holds the why (the feature a rule lacks, the dialect, the normalized path).
 */
export function compareImplementations(
  cluster: Cluster,
  requests: Request[] = generateRequests(cluster),
  implementations: readonly string[] = IMPLEMENTATION_NAMES,
): Comparison {
  const names = implementations.map((n) => {
    const p = findImplementation(n);
    if (!p) throw new RequestError(`unknown implementation "${n}"`);
    return p.name;
  });
  return compareBy('implementations', requests, names, (r, impl) => simulate(cluster, Object.assign({}, r, { implementation: impl }), { mode: 'gateway' }), (n) => implementationLabel(findImplementation(n)!), implementationReason);
}

/** The trace step that explains why one implementation's result differs (first implementation-specific decision). */
export function implementationReason(t: Trace): string | undefined {
  for (const s of t.steps) {
    if (s.reason === 'PathNormalized' || s.reason === 'ImplementationUnsupported' || s.reason === 'FeatureIgnored') return s.summary + (s.notes?.length ? `: ${s.notes[0]}` : '');
    for (const c of s.candidates ?? []) if (c.reason === 'ImplementationUnsupported') return `${c.label}: ${c.detail}`;
  }
  const rule = t.steps.find((s) => s.kind === 'rule');
  const won = rule?.candidates?.find((c) => c.verdict === 'won');
  return won && /part of the|the start of the/.test(won.detail) ? won.detail : undefined;
}
