// Trace steps shared by the controller models: host choice and default backends.
import type { Ingress } from '../model/resources.js';
import type { ReasonCode } from '../trace/reasons.js';
import type { TraceCandidate } from '../trace/types.js';
import { lazyStep } from '../trace/builder.js';
import { exactPathMatches, prefixPathMatches, trimTrailingSlashes } from '../match/path.js';
import type { ControllerContext, IngressDecision, IngressTarget } from './types.js';
import { describeBackend, lookupHost, nearestHosts, type HostEntry, type HostLookup, type HostTable, type PathEntry } from './table.js';

/** Most candidates listed per step; the rest are summarised, so huge configs keep small traces. */
export const MAX_LISTED_CANDIDATES = 40;

export function ingressRef(ing: Ingress) {
  return { kind: 'Ingress', namespace: ing.meta.namespace, name: ing.meta.name };
}

export function hostLabel(entry: HostEntry): string {
  return entry.kind === 'any' ? '(any host)' : entry.host;
}

/**
 * Picks the most specific host entry (exact, then one-label wildcard, then rules
 * without host) and writes the "host" step listing what matched and what lost.
 */
export function chooseHost(ctx: ControllerContext, lookup: HostLookup = lookupHost(ctx.table, ctx.request.host)): HostEntry | undefined {
  const { request, trace } = ctx;
  const order: Array<[HostEntry | undefined, ReasonCode, string]> = [
    [lookup.exact, 'HostExact', `host ${lookup.exact?.host} equals the request host`],
    [lookup.wildcard, 'HostWildcard', `wildcard ${lookup.wildcard?.host} covers ${request.host} (one DNS label)`],
    [lookup.any, 'HostCatchAll', 'rules without a host apply to every host'],
  ];
  const chosen = order.find(([e]) => e)?.[0];
  const { table } = ctx;
  trace.add(lazyStep({
    kind: 'host',
    summary: chosen
      ? chosen.kind === 'any'
        ? `no rule names host ${request.host}; the rules without a host apply`
        : `host ${request.host}: ${chosen.kind === 'exact' ? 'exact' : 'wildcard'} rule ${chosen.host}`
      : `no rule matches host ${request.host}`,
    reason: chosen ? (chosen.kind === 'exact' ? 'HostExact' : chosen.kind === 'wildcard' ? 'HostWildcard' : 'HostCatchAll') : 'HostMismatch',
    status: chosen ? 'ok' : 'warn',
    object: chosen?.ingresses[0] ? ingressRef(chosen.ingresses[0]) : undefined,
    source: chosen?.paths[0]?.rule.source,
  }, () => ({ candidates: hostCandidates(table, request, order, chosen) })));
  return chosen;
}

/** The host entries that matched, best first, or the nearest hosts when none did. */
function hostCandidates(table: HostTable, request: ControllerContext['request'], order: Array<[HostEntry | undefined, ReasonCode, string]>, chosen: HostEntry | undefined): TraceCandidate[] {
  const candidates: TraceCandidate[] = [];
  for (const [entry, reason, detail] of order) {
    if (!entry) continue;
    const first = entry.ingresses[0];
    candidates.push({
      label: hostLabel(entry),
      verdict: entry === chosen ? 'won' : 'lost',
      reason: entry === chosen ? reason : 'HostLessSpecific',
      detail: entry === chosen ? `${detail}; ${entry.paths.length} path(s) from ${entry.ingresses.length} Ingress(es)` : `${detail}, but ${hostLabel(chosen!)} is more specific`,
      object: first ? ingressRef(first) : undefined,
      source: entry.paths[0]?.rule.source ?? first?.source,
    });
  }
  if (!chosen) {
    for (const h of nearestHosts(table, request.host)) {
      const entry = table.exact.get(h) ?? table.wildcard.get(h);
      candidates.push({
        label: h,
        verdict: 'miss',
        reason: 'HostMismatch',
        detail: h.startsWith('*.') ? `${h} covers exactly one label in front of ${h.slice(2)}; ${request.host} is not such a name` : `${h} is not ${request.host}`,
        object: entry?.ingresses[0] ? ingressRef(entry.ingresses[0]) : undefined,
        source: entry?.paths[0]?.rule.source,
      });
    }
  }
  return candidates;
}

const pathTargets = new WeakMap<PathEntry, Readonly<IngressTarget>>();

/** The target a path names: the same for every request, so written once per path (frozen: shared). */
export function pathTarget(p: PathEntry): Readonly<IngressTarget> {
  let t = pathTargets.get(p);
  if (!t) {
    t = Object.freeze({
      ingress: p.ingress,
      backend: p.path.backend,
      ruleId: p.path.id,
      rule: `rules[${p.path.ruleIndex}].paths[${p.path.pathIndex}]`,
      source: p.path.source,
    });
    pathTargets.set(p, t);
  }
  return t;
}

export function pathLabel(p: PathEntry): string {
  return `${p.path.path} ${p.path.pathType} -> ${describeBackend(p.path.backend)}`;
}

/** Why a Kubernetes-spec Exact/Prefix path does not match, in one clause. */
export function specMissDetail(pathType: string, path: string, requestPath: string): { reason: ReasonCode; detail: string } {
  const caseOnly = pathType === 'Exact'
    ? exactPathMatches(path.toLowerCase(), requestPath.toLowerCase())
    : prefixPathMatches(path.toLowerCase(), requestPath.toLowerCase());
  if (caseOnly) return { reason: 'PathCaseMismatch', detail: `${path} ${pathType} does not match ${requestPath}: path matching is case-sensitive` };
  if (pathType === 'Exact') {
    if (trimTrailingSlashes(path) === trimTrailingSlashes(requestPath)) {
      return { reason: 'PathMismatch', detail: `${path} Exact does not match ${requestPath}: Exact compares the whole path, trailing slash included` };
    }
    return { reason: 'PathMismatch', detail: `${path} Exact does not equal ${requestPath}` };
  }
  const p = trimTrailingSlashes(path);
  if (requestPath.startsWith(p)) {
    return { reason: 'PathMismatch', detail: `${path} Prefix does not match ${requestPath}: Prefix matches whole path elements, and ${lastElement(p)} is not the element ${elementAt(requestPath, p)}` };
  }
  return { reason: 'PathMismatch', detail: `${path} Prefix is not a prefix of ${requestPath}` };
}

function lastElement(p: string): string {
  return `"${p.slice(p.lastIndexOf('/') + 1)}"`;
}
function elementAt(requestPath: string, p: string): string {
  const start = p.lastIndexOf('/') + 1;
  const end = requestPath.indexOf('/', start);
  return `"${requestPath.slice(start, end === -1 ? undefined : end)}"`;
}

/**
 * No path matched on the chosen host (or no host matched): the defaultBackend of an
 * Ingress that defines the host, else any served Ingress's defaultBackend (rule-less
 * Ingresses first), else the controller answers 404.
 */
export function defaultBackendDecision(ctx: ControllerContext, host: HostEntry | undefined, why: string): IngressDecision {
  const own = host?.ingresses.find((i) => i.defaultBackend);
  const global = ctx.table.defaultBackends[0];
  const pick = own ?? global?.ingress;
  if (pick?.defaultBackend) {
    const dbe = pick.defaultBackend;
    const target: IngressTarget = { ingress: pick, backend: dbe, ruleId: dbe.id, rule: 'defaultBackend', source: dbe.source };
    ctx.trace.add({
      kind: 'rule',
      summary: `${why}; defaultBackend of Ingress ${pick.meta.namespace}/${pick.meta.name} -> ${describeBackend(dbe)}`,
      reason: 'DefaultBackend',
      status: 'ok',
      object: ingressRef(pick),
      source: dbe.source,
      notes: own ? undefined : host ? [`the Ingresses of host ${hostLabel(host)} have no defaultBackend; the one of Ingress ${pick.meta.namespace}/${pick.meta.name} serves every unmatched request`] : undefined,
    });
    return { kind: 'proxy', ...target };
  }
  ctx.trace.add({
    kind: 'rule',
    summary: `${why}; no served Ingress has a defaultBackend`,
    reason: 'ControllerDefaultBackend',
    status: 'fail',
    notes: host ? [`add spec.defaultBackend to Ingress ${host.ingresses[0]?.meta.namespace}/${host.ingresses[0]?.meta.name}, or a path that covers the request`] : undefined,
  });
  return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from the ${ctx.profile.title} default backend: ${why}` };
}

/** Lists candidates, keeping every winner and loser but capping misses. */
export function capCandidates(list: TraceCandidate[]): { shown: TraceCandidate[]; hidden: number } {
  if (list.length <= MAX_LISTED_CANDIDATES) return { shown: list, hidden: 0 };
  const important = list.filter((c) => c.verdict !== 'miss');
  const misses = list.filter((c) => c.verdict === 'miss').slice(0, Math.max(0, MAX_LISTED_CANDIDATES - important.length));
  const shown = list.filter((c) => important.includes(c) || misses.includes(c));
  return { shown, hidden: list.length - shown.length };
}
