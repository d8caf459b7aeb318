// Traefik (traefik/traefik) with its Kubernetes Ingress provider, modelled on the docs:
// https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/ingress/ and
// .../http/routing/rules-and-priority/. Traefik has no notion of "the host, then the
// path": every Ingress path is a router, all routers that could see the request are
// sorted by priority (the rule length unless router.priority is set), and the first whose
// rule matches takes the request. Nothing matching is a 404 ("every time a request cannot
// be matched with a router the correct response code is a 404 Not found", getting-started/faq.md).
import { cached } from '../../model/cluster.js';
import type { NormalizedRequest } from '../../model/request.js';
import type { TraceCandidate } from '../../trace/types.js';
import { lazyStep, type LazyStepParts } from '../../trace/builder.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { capCandidates, ingressRef } from '../steps.js';
import { describeBackend, lookupHost, type HostEntry, type HostLookup } from '../table.js';
import type { ControllerContext, IngressControllerModel, IngressDecision, IngressTarget } from '../types.js';
import { ingressName, noteUnreadAnnotations } from './annotations.js';
import { nearMisses } from './shared.js';
import { applyMiddlewares } from './traefik/middlewares.js';
import { buildTraefikIndex, hostRule, TRAEFIK_SIMULATED, type TraefikIndex, type TraefikRouter } from './traefik/routers.js';

/**
 * The entry point a request arrives on. RouteLab assumes the entry points of the Traefik
 * docs' examples and Helm chart: `web` on port 80 and `websecure` (TLS enabled on the
 * entry point) on port 443.
 */
function entryPointOf(req: NormalizedRequest): string {
  return req.protocol === 'https' ? 'websecure' : 'web';
}

function indexOf(ctx: ControllerContext): TraefikIndex {
  return cached(ctx.cluster, 'traefik routers', () => buildTraefikIndex(ctx.cluster, ctx.table));
}

/** Merges the (already sorted) router lists of the host groups into Traefik's order. */
function mergeByPriority(lists: TraefikRouter[][]): TraefikRouter[] {
  const out: TraefikRouter[] = [];
  const idx = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const r = lists[i][idx[i]];
      if (!r) continue;
      const b = best === -1 ? undefined : lists[best][idx[best]];
      if (!b || r.priority > b.priority || (r.priority === b.priority && r.name < b.name)) best = i;
    }
    if (best === -1) return out;
    out.push(lists[best][idx[best]++]);
  }
}

type Miss = { reason: TraceCandidate['reason']; detail: string };

/** What routerMiss answers for a miss when no words are wanted (the decision alone). */
const MISSED: Miss = Object.freeze({ reason: 'PathMismatch', detail: '' });

/**
 * Why a created router does not take the request, or undefined when its rule matches.
 * words = false: the same decision, with MISSED for every miss (no sentence written).
 */
function routerMiss(r: TraefikRouter, req: NormalizedRequest, words = true): Miss | undefined {
  const ep = entryPointOf(req);
  const eps = r.cfg.entryPoints;
  if (eps && !eps.names.includes(ep)) {
    return words ? { reason: 'EntryPointMismatch', detail: `router.entrypoints is ${eps.names.join(',')}; the request arrives on ${ep}` } : MISSED;
  }
  // A router with TLS "is dedicated to HTTPS requests only" (router TLS docs).
  if (r.cfg.tls && req.protocol !== 'https') {
    return words ? { reason: 'EntryPointMismatch', detail: 'router.tls "true" makes the router serve TLS connections only; this is plain HTTP' } : MISSED;
  }
  const path = req.path;
  switch (r.matcher) {
    case 'Path':
      if (path === r.path) return undefined;
      if (!words) return MISSED;
      if (path.toLowerCase() === r.path.toLowerCase()) return { reason: 'PathCaseMismatch', detail: `Path(\`${r.path}\`) differs from ${path} only in case; Path is case-sensitive` };
      return { reason: 'PathMismatch', detail: `Path(\`${r.path}\`) matches exactly ${r.path}, not ${path}` };
    case 'PathPrefix':
      if (path.startsWith(r.path)) return undefined;
      if (!words) return MISSED;
      if (path.toLowerCase().startsWith(r.path.toLowerCase())) return { reason: 'PathCaseMismatch', detail: `${path} starts with ${r.path} only if case is ignored; PathPrefix is case-sensitive` };
      return { reason: 'PathMismatch', detail: `${path} does not start with ${r.path}` };
    case 'PathRegexp': {
      const re = r.regex;
      if (!re?.ok) return words ? { reason: 'RegexInvalid', detail: 'the regular expression does not compile' } : MISSED;
      re.re.lastIndex = 0;
      return re.re.test(path) ? undefined : words ? { reason: 'PathMismatch', detail: `PathRegexp(\`${r.path}\`) does not match ${path}` } : MISSED;
    }
  }
}

/** The routers a host lookup reaches, in Traefik's order, and the host step's count of them. */
interface HostRouters {
  groups: ReadonlyArray<readonly [HostEntry, string]>;
  ordered: readonly TraefikRouter[];
  /** "3 with Host(`a.example`), 1 with no Host matcher (rules without host), and the default router" */
  counts: string;
}

/** Stands for "no entry" in the keys below. */
const NO_ENTRY = {};
const hostRouters = new WeakMap<TraefikIndex, WeakMap<object, WeakMap<object, WeakMap<object, HostRouters>>>>();

/**
 * The same for every request whose host finds the same entries (exact, wildcard, rules
 * without host), so merged once per such triple of this index. Read, never changed.
 */
function routersFor(index: TraefikIndex, lookup: HostLookup): HostRouters {
  let byExact = hostRouters.get(index);
  if (!byExact) hostRouters.set(index, (byExact = new WeakMap()));
  let byWildcard = byExact.get(lookup.exact ?? NO_ENTRY);
  if (!byWildcard) byExact.set(lookup.exact ?? NO_ENTRY, (byWildcard = new WeakMap()));
  let byAny = byWildcard.get(lookup.wildcard ?? NO_ENTRY);
  if (!byAny) byWildcard.set(lookup.wildcard ?? NO_ENTRY, (byAny = new WeakMap()));
  const hit = byAny.get(lookup.any ?? NO_ENTRY);
  if (hit) return hit;
  const groups: Array<readonly [HostEntry, string]> = [];
  if (lookup.exact) groups.push([lookup.exact, hostRule(lookup.exact.host)]);
  if (lookup.wildcard) groups.push([lookup.wildcard, `${hostRule(lookup.wildcard.host)} (one label)`]);
  if (lookup.any) groups.push([lookup.any, 'no Host matcher (rules without host)']);
  const ordered = mergeByPriority(groups.map(([e]) => index.routersOf(e)));
  if (index.defaultRouter) ordered.push(index.defaultRouter);
  const counts = `${groups.map(([e, how]) => `${index.routersOf(e).length} with ${how}`).join(', ')}${index.defaultRouter ? ', and the default router' : ''}`;
  const found: HostRouters = Object.freeze({ groups: Object.freeze(groups), ordered: Object.freeze(ordered), counts });
  byAny.set(lookup.any ?? NO_ENTRY, found);
  return found;
}

function matchDetail(r: TraefikRouter, req: NormalizedRequest): string {
  if (r.matcher === 'Path') return `${req.path} equals ${r.path}`;
  if (r.matcher === 'PathRegexp') return `${req.path} matches ${r.path}`;
  if (r.path === '/') return 'PathPrefix("/") matches every path';
  return `${req.path} starts with ${r.path}${req.path.length > r.path.length && req.path[r.path.length] !== '/' && !r.path.endsWith('/') ? ' (PathPrefix compares characters, not path elements: strictPrefixMatching is false by default)' : ''}`;
}

function priorityText(r: TraefikRouter): string {
  return r.priorityAnnotation ? `priority ${r.priority} (router.priority)` : r.priority === -2147483648 ? 'lowest priority (MinInt32)' : `priority ${r.priority} (rule length)`;
}

function routerLabel(r: TraefikRouter): string {
  return `${r.rule}  [${priorityText(r)}] -> ${describeBackend(r.backend)} (router ${r.name})`;
}

/** Every router tried, by priority, with why it won, lost, missed or was skipped, and the notes. */
function routerCandidates(ordered: readonly TraefikRouter[], req: NormalizedRequest, index: ReturnType<typeof indexOf>): LazyStepParts {
  let winner: TraefikRouter | undefined;
  const candidates: TraceCandidate[] = [];
  const skipped: TraceCandidate[] = [];
  let tied = false;
  for (const r of ordered) {
    const base = { label: routerLabel(r), object: ingressRef(r.ingress), ruleId: r.entry?.path.id ?? r.backend.id, source: r.entry?.path.source ?? r.backend.source };
    if (r.skipped) {
      skipped.push({ ...base, verdict: 'skip', reason: r.skipped.reason, detail: r.skipped.why });
      continue;
    }
    const miss = routerMiss(r, req);
    if (miss) {
      candidates.push({ ...base, verdict: 'miss', ...miss });
      continue;
    }
    if (!winner) {
      winner = r;
      candidates.push({ ...base, verdict: 'won', reason: r.priorityAnnotation ? 'PathPriority' : r.matcher === 'Path' ? 'PathExactMatch' : r.matcher === 'PathRegexp' ? 'PathRegexMatch' : 'PathPrefixMatch', detail: `${matchDetail(r, req)}; the highest priority among matching routers` });
      continue;
    }
    if (r.priority === winner.priority) tied = true;
    candidates.push({
      ...base,
      verdict: 'lost',
      reason: 'PathPriority',
      detail: r.priority === winner.priority
        ? `also matches with the same priority ${r.priority}; Traefik does not define which of equal priorities wins (RouteLab orders them by router name)`
        : `also matches, but ${priorityText(r)} is lower than ${winner.priority}`,
    });
  }
  const all = [...candidates, ...skipped];
  const { shown, hidden } = capCandidates(all);
  const notes: string[] = [];
  if (winner && !winner.priorityAnnotation && winner !== index.defaultRouter) notes.push(`priority ${winner.priority} is the length of the rule ${winner.rule} (rules-and-priority.md, Priority Calculation); router.priority overrides it`);
  if (tied) notes.push('routers with equal priority have no defined order in Traefik');
  if (ordered.some((r) => r.cfg.entryPoints)) notes.push(`RouteLab assumes the entry points web (port 80) and websecure (port 443, TLS on the entry point); this request arrives on ${entryPointOf(req)}`);
  if (hidden) notes.push(`${hidden} more router(s) not listed`);
  notes.push(...index.defaultNotes);
  return { candidates: shown, notes };
}

export const traefikController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES.traefik,
  unavailableStatus: 503,
  route(ctx: ControllerContext): IngressDecision {
    const { request: req, table, trace } = ctx;
    const index = indexOf(ctx);
    const lookup = lookupHost(table, req.host);
    const { groups, ordered, counts } = routersFor(index, lookup);
    trace.add(
      lazyStep(
        {
          kind: 'host',
          summary: groups.length
            ? `routers whose rule can match host ${req.host}: ${counts}`
            : `no router has a Host matcher for ${req.host} and none is without host${index.defaultRouter ? '; only the default router remains' : ''}`,
          reason: lookup.exact ? 'HostExact' : lookup.wildcard ? 'HostWildcard' : lookup.any ? 'HostCatchAll' : 'HostMismatch',
          status: groups.length || index.defaultRouter ? 'ok' : 'warn',
          object: groups[0]?.[0].ingresses[0] ? ingressRef(groups[0][0].ingresses[0]) : undefined,
          source: groups[0]?.[0].paths[0]?.rule.source,
        },
        () => ({
          candidates: lookup.exact || lookup.wildcard ? undefined : nearMisses(table, req.host),
          notes: [
            'Traefik does not choose a host first: every router whose Host matcher accepts the request competes on priority, routers without host included',
            ...(lookup.wildcard ? [`a wildcard host is written ${hostRule(lookup.wildcard.host)} (Traefik v3.7.0 and later; HostRegexp before), which matches exactly one label; its default priority is that rule's length`] : []),
          ],
        }),
      ),
    );

    // The decision: the first router, by priority, that is not skipped and matches.
    const winner = ordered.find((r) => !r.skipped && !routerMiss(r, req, false));
    trace.add(
      lazyStep(
        {
          kind: 'rule',
          summary: winner
            ? `${ordered.length} router(s) tried by priority; ${winner.rule} wins with ${priorityText(winner)}`
            : `none of the ${ordered.length} router(s) matches ${req.host}${req.path}`,
          reason: winner ? (winner.priorityAnnotation ? 'PathPriority' : winner === index.defaultRouter ? 'DefaultBackend' : winner.matcher === 'Path' ? 'PathExactMatch' : winner.matcher === 'PathRegexp' ? 'PathRegexMatch' : 'PathPrefixMatch') : 'PathMismatch',
          status: winner ? 'ok' : 'warn',
          object: winner ? ingressRef(winner.ingress) : undefined,
          source: winner?.entry?.path.source ?? winner?.backend.source,
        },
        () => routerCandidates(ordered, req, index),
      ),
    );

    const involved = winner ? [winner.ingress] : groups.flatMap(([e]) => e.ingresses);
    noteUnreadAnnotations(trace, involved, 'traefik', TRAEFIK_SIMULATED);

    if (!winner) {
      return { kind: 'respond', status: 404, reason: 'NotFound', message: `404 page not found: no Traefik router matches ${req.host}${req.path}` };
    }
    if (req.protocol === 'http' && winner.ingress.tls.length > 0) {
      trace.note(`Ingress ${ingressName(winner.ingress)} has spec.tls, which only loads certificates in Traefik; it neither enables TLS on the router nor redirects HTTP to HTTPS (routing/kubernetes/ingress.md, TLS)`);
    }
    if (req.protocol === 'https' && !winner.cfg.tls) {
      trace.note('the router has no router.tls; it serves HTTPS here because RouteLab assumes TLS is enabled on the websecure entry point (as in the Helm chart); without that, a router without TLS ignores HTTPS requests');
    }
    let target: IngressTarget;
    if (winner === index.defaultRouter) {
      const dbe = winner.ingress.defaultBackend!;
      trace.add({ kind: 'rule', summary: `the default router of Ingress ${ingressName(winner.ingress)} (spec.defaultBackend, no rules) catches the request -> ${describeBackend(dbe)}`, reason: 'DefaultBackend', status: 'ok', object: ingressRef(winner.ingress), source: dbe.source, notes: ['routing/kubernetes/ingress.md, Global Default Backend Ingresses: a "default router" that "will match all unmatched requests"'] });
      target = { ingress: winner.ingress, backend: dbe, ruleId: dbe.id, rule: 'defaultBackend', source: dbe.source };
    } else {
      const e = winner.entry!;
      target = { ingress: winner.ingress, backend: e.path.backend, ruleId: e.path.id, rule: `rules[${e.path.ruleIndex}].paths[${e.path.pathIndex}]`, source: e.path.source };
    }
    if (winner.middlewares.length === 0) return { kind: 'proxy', ...target };
    // Middlewares run after the router matched, in the annotation's order.
    const mw = applyMiddlewares(trace, req, winner.middlewares);
    if (mw.kind === 'redirect') return { kind: 'redirect', status: mw.status, location: mw.location, reason: 'MiddlewareApplied', message: mw.message, target };
    if (mw.kind === 'respond') return { kind: 'respond', status: mw.status, reason: mw.reason, message: mw.message, target };
    return {
      kind: 'proxy',
      ...target,
      upstreamPath: mw.path + req.query,
      setRequestHeaders: mw.setRequestHeaders,
      removeRequestHeaders: mw.removeRequestHeaders,
      responseHeaders: mw.responseHeaders.length ? mw.responseHeaders : undefined,
    };
  },
};
