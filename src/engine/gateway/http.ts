// HTTP and gRPC on an HTTP/HTTPS listener: the routes whose hostnames cover the Host,
// the winning rule by precedence (with every loser and the step that decided), the
// rule's filters, then the backend.
import type { Cluster } from '../model/cluster.js';
import type { TraceBuilder } from '../trace/builder.js';
import type { Trace, TraceCandidate } from '../trace/types.js';
import { MAX_LISTED_CANDIDATES } from '../ingress/steps.js';
import { routeLabel } from './attach.js';
import { newExchange, applyFilters, type FilterContext } from './filters.js';
import { finishAnswered, forward, objRef, routeRefOf } from './forward.js';
import { describeHostname } from './hostnames.js';
import type { ResolvedListener } from './listeners.js';
import { describeGrpcMatch, describeHttpMatch, grpcMatchHolds, httpMatchHolds } from './match.js';
import {
  bucketsFor,
  compareGrpc,
  compareHttp,
  explainGrpcWin,
  explainHttpWin,
  GRPC_PRECEDENCE,
  HTTP_PRECEDENCE,
  httpPathCandidates,
  listenerIndex,
  type GrpcEntry,
  type HostBucket,
  type HttpEntry,
} from './precedence.js';

const MAX_LOSERS = 20;
const MAX_MISSES = 12;

function hostnameNote(e: { hostname: { effective: string; original: string } }): string {
  const h = e.hostname;
  if (!h.effective) return 'any host';
  return h.original && h.original !== h.effective ? `${h.effective} (route hostname ${h.original})` : h.effective;
}

function httpLabel(e: HttpEntry): string {
  return `${routeLabel(e.route)} rules[${e.rule.index}]${e.rule.matches.length > 1 ? `.matches[${e.match.index}]` : ''}: ${e.rule.matchesDefaulted ? 'no matches (PathPrefix /)' : describeHttpMatch(e.match)} @ ${hostnameNote(e)}`;
}

function grpcLabel(e: GrpcEntry): string {
  return `${routeLabel(e.route)} rules[${e.rule.index}]${e.rule.matches.length > 1 ? `.matches[${e.match?.index ?? 0}]` : ''}: ${describeGrpcMatch(e.match)} @ ${hostnameNote(e)}`;
}

/** Rule fields whose effect depends on run-time behaviour (HTTPRouteRule.Timeouts, Retry, SessionPersistence). */
function unsimulatedFields(raw: Record<string, unknown>, index: number): string[] {
  const spec = raw.spec as { rules?: Array<Record<string, unknown>> } | undefined;
  const rule = spec?.rules?.[index];
  if (!rule || typeof rule !== 'object') return [];
  return ['timeouts', 'retry', 'sessionPersistence'].filter((k) => rule[k] !== undefined && rule[k] !== null);
}

/** Invalid rules of the routes on these hostnames: they are dropped, so they never match. */
function droppedCandidates(buckets: Array<HostBucket<unknown>>): TraceCandidate[] {
  const out: TraceCandidate[] = [];
  for (const b of buckets) {
    for (const { route, rule } of b.dropped ?? []) {
      if (out.length >= 5) return out;
      out.push({ label: `${routeLabel(route)} rules[${rule.index}]`, verdict: 'skip', reason: 'RouteRuleInvalid', detail: `dropped (UnsupportedValue): ${rule.invalid.join('; ')}`, object: objRef(route), ruleId: rule.id, source: rule.source });
    }
  }
  return out;
}

/** The "host" step: which route hostnames cover the Host header, most specific first. */
function hostStep<E extends { route: { kind: string } }>(tb: TraceBuilder, buckets: Array<HostBucket<E>>, host: string, kind: string): void {
  const describe = (b: HostBucket<E>) => `${b.hostname ? describeHostname(b.hostname) : '(no hostname: every host)'} (${new Set(b.entries.map((e) => e.route)).size} ${kind})`;
  tb.add({
    kind: 'host',
    summary: `Host ${host}: ${buckets.map(describe).join(', then ')}`,
    reason: 'RouteHostnameMatched',
    status: 'ok',
    notes: buckets.length > 1 ? ['rules of a more specific hostname take precedence; the next hostname is tried only when none of them matches'] : undefined,
  });
}

export function routeHttp(cluster: Cluster, tb: TraceBuilder, listener: ResolvedListener): Trace {
  const req = tb.request;
  const idx = listenerIndex(cluster, listener);
  const httpBuckets = bucketsFor(idx.http, req.host);
  const grpcBuckets = bucketsFor(idx.grpc, req.host);
  if (req.grpc && grpcBuckets.length > 0) return routeGrpc(cluster, tb, listener, grpcBuckets);
  if (httpBuckets.length === 0) {
    const some: string[] = [];
    for (const h of [idx.http.exact.keys(), idx.http.wildcard.keys()]) {
      for (const k of h) {
        if (some.length >= 10) break;
        some.push(k);
      }
    }
    tb.add({
      kind: 'host',
      summary: `no ${req.grpc ? 'GRPCRoute or ' : ''}HTTPRoute attached to ${listener.label} serves Host ${req.host}`,
      reason: 'RouteHostnameMismatch',
      status: 'fail',
      notes: [
        ...(some.length ? [`hostnames served here: ${some.join(', ')}${idx.http.exact.size + idx.http.wildcard.size > 10 ? ', ...' : ''}`] : []),
        ...(grpcBuckets.length && !req.grpc ? ['GRPCRoutes serve this host, but the request is not a gRPC call (content-type application/grpc, path /package.Service/Method)'] : []),
      ],
    });
    return tb.finish({ kind: 'not-found', status: 404, reason: req.grpc ? 'GrpcNotMatched' : 'NotFound', message: `404 from ${listener.label}: no route serves Host ${req.host}${req.grpc ? ' (gRPC UNIMPLEMENTED)' : ''}` });
  }
  hostStep(tb, httpBuckets, req.host, 'HTTPRoute(s)');
  if (req.grpc) tb.note('no GRPCRoute serves this host; the HTTPRoutes apply to the gRPC call, which travels as an HTTP/2 POST');

  let winner: HttpEntry | undefined;
  let winDetail = '';
  const losers: HttpEntry[] = [];
  const misses: Array<{ e: HttpEntry; detail: string }> = [];
  let evaluated = 0;
  for (const b of httpBuckets) {
    for (const e of httpPathCandidates(b, req.path)) {
      evaluated++;
      const v = httpMatchHolds(cluster, e.match, req);
      if (v.ok) {
        if (!winner) {
          winner = e;
          winDetail = v.detail;
        } else if (e.rule !== winner.rule && !losers.some((x) => x.rule === e.rule) && losers.length < MAX_LOSERS) losers.push(e);
      } else if (misses.length < MAX_MISSES) misses.push({ e, detail: v.detail });
    }
  }
  if (evaluated === 0) {
    // Nothing has a path that could match: show the first rules of the most specific hostname.
    for (const e of httpBuckets[0].entries.slice(0, 5)) misses.push({ e, detail: httpMatchHolds(cluster, e.match, req).detail });
  }
  const candidates: TraceCandidate[] = [];
  if (winner) {
    candidates.push({ label: httpLabel(winner), verdict: 'won', reason: 'RuleMatched', detail: winDetail, object: objRef(winner.route), ruleId: winner.rule.id, source: winner.rule.matchesDefaulted ? winner.rule.source : winner.match.source });
    for (const l of losers) {
      const { step } = compareHttp(winner, l);
      candidates.push({ label: httpLabel(l), verdict: 'lost', reason: 'RuleLostPrecedence', detail: `also matches, but ${explainHttpWin(winner, l, step)}`, object: objRef(l.route), ruleId: l.rule.id, source: l.rule.matchesDefaulted ? l.rule.source : l.match.source });
    }
  }
  for (const { e, detail } of misses) {
    candidates.push({ label: httpLabel(e), verdict: 'miss', reason: 'RuleNotMatched', detail, object: objRef(e.route), ruleId: e.rule.id, source: e.rule.matchesDefaulted ? e.rule.source : e.match.source });
  }
  candidates.push(...droppedCandidates(httpBuckets));
  const total = httpBuckets.reduce((a, b) => a + b.entries.length, 0);
  if (!winner) {
    tb.add({
      kind: 'rule',
      summary: `no rule matches ${req.method} ${req.path}${req.query} (${total} match(es) on this host)`,
      reason: 'RuleNotMatched',
      status: 'fail',
      candidates: candidates.slice(0, MAX_LISTED_CANDIDATES),
      notes: ['"When no rules matching a request have been successfully attached to the parent a request is coming from, a HTTP 404 status code MUST be returned."'],
    });
    return tb.finish({ kind: 'not-found', status: 404, reason: 'NotFound', message: `404 from ${listener.label}: no HTTPRoute rule matches ${req.method} ${req.host}${req.path}` });
  }
  const decided = losers.length ? compareHttp(winner, losers[0]).step : 0;
  const unsimulated = unsimulatedFields(winner.route.raw, winner.rule.index);
  tb.add({
    kind: 'rule',
    summary: `${routeLabel(winner.route)} rules[${winner.rule.index}]${winner.rule.name ? ` "${winner.rule.name}"` : ''}: ${winner.rule.matchesDefaulted ? 'no matches (PathPrefix /)' : describeHttpMatch(winner.match)}${losers.length ? ` wins over ${losers.length} other matching rule(s)` : ''}`,
    reason: 'RuleMatched',
    status: 'ok',
    object: objRef(winner.route),
    source: winner.rule.source,
    candidates: candidates.slice(0, MAX_LISTED_CANDIDATES),
    notes: [
      ...(decided ? [`decided by precedence step ${decided}: ${HTTP_PRECEDENCE.find((s) => s.step === decided)?.rule}`] : []),
      ...(unsimulated.length ? [`rules[${winner.rule.index}] sets ${unsimulated.join(', ')}: timing and retries depend on the backend at run time, so RouteLab does not simulate them`] : []),
    ],
  });
  tb.exercise(winner.rule.id);
  const route = winner.route;
  const rule = winner.rule;
  const ex = newExchange(req);
  const ctx: FilterContext = {
    cluster,
    tb,
    request: req,
    route,
    routeRef: objRef(route),
    ruleId: rule.id,
    matchedPrefix: winner.match.path.type === 'PathPrefix' ? winner.match.path.value : undefined,
    listenerPort: listener.port,
    level: 'rule',
  };
  applyFilters(ctx, ex, rule.filters);
  const answered = finishAnswered(tb, ex, routeRefOf(route, rule));
  if (answered) return answered;
  return forward({ cluster, tb, route, rule, ex, filterContext: ctx });
}

function routeGrpc(cluster: Cluster, tb: TraceBuilder, listener: ResolvedListener, buckets: Array<HostBucket<GrpcEntry>>): Trace {
  const req = tb.request;
  hostStep(tb, buckets, req.host, 'GRPCRoute(s)');
  let winner: GrpcEntry | undefined;
  let winDetail = '';
  const losers: GrpcEntry[] = [];
  const misses: Array<{ e: GrpcEntry; detail: string }> = [];
  for (const b of buckets) {
    for (const e of b.entries) {
      const v = e.match ? grpcMatchHolds(cluster, e.match, req) : { ok: true, detail: 'the rule has no matches: every gRPC call' };
      if (v.ok) {
        if (!winner) {
          winner = e;
          winDetail = v.detail;
        } else if (e.rule !== winner.rule && !losers.some((x) => x.rule === e.rule) && losers.length < MAX_LOSERS) losers.push(e);
      } else if (misses.length < MAX_MISSES) misses.push({ e, detail: v.detail });
    }
  }
  const candidates: TraceCandidate[] = [];
  if (winner) {
    candidates.push({ label: grpcLabel(winner), verdict: 'won', reason: 'RuleMatched', detail: winDetail, object: objRef(winner.route), ruleId: winner.rule.id, source: winner.match?.source ?? winner.rule.source });
    for (const l of losers) {
      const { step } = compareGrpc(winner, l);
      candidates.push({ label: grpcLabel(l), verdict: 'lost', reason: 'RuleLostPrecedence', detail: `also matches, but ${explainGrpcWin(winner, l, step)}`, object: objRef(l.route), ruleId: l.rule.id, source: l.match?.source ?? l.rule.source });
    }
  }
  for (const { e, detail } of misses) candidates.push({ label: grpcLabel(e), verdict: 'miss', reason: 'RuleNotMatched', detail, object: objRef(e.route), ruleId: e.rule.id, source: e.match?.source ?? e.rule.source });
  candidates.push(...droppedCandidates(buckets));
  const call = `${req.grpc?.service}/${req.grpc?.method}`;
  if (!winner) {
    tb.add({ kind: 'rule', summary: `no GRPCRoute rule matches the call ${call}`, reason: 'GrpcNotMatched', status: 'fail', candidates: candidates.slice(0, MAX_LISTED_CANDIDATES) });
    return tb.finish({ kind: 'not-found', status: 404, reason: 'GrpcNotMatched', message: `gRPC status UNIMPLEMENTED (shown as 404) from ${listener.label}: no GRPCRoute rule matches ${call}` });
  }
  const decided = losers.length ? compareGrpc(winner, losers[0]).step : 0;
  tb.add({
    kind: 'rule',
    summary: `${routeLabel(winner.route)} rules[${winner.rule.index}]${winner.rule.name ? ` "${winner.rule.name}"` : ''}: ${describeGrpcMatch(winner.match)} takes ${call}`,
    reason: 'RuleMatched',
    status: 'ok',
    object: objRef(winner.route),
    source: winner.rule.source,
    candidates: candidates.slice(0, MAX_LISTED_CANDIDATES),
    notes: decided ? [`decided by precedence step ${decided}: ${GRPC_PRECEDENCE.find((s) => s.step === decided)?.rule}`] : undefined,
  });
  tb.exercise(winner.rule.id);
  const ex = newExchange(req);
  const ctx: FilterContext = { cluster, tb, request: req, route: winner.route, routeRef: objRef(winner.route), ruleId: winner.rule.id, listenerPort: listener.port, level: 'rule' };
  applyFilters(ctx, ex, winner.rule.filters);
  const answered = finishAnswered(tb, ex, routeRefOf(winner.route, winner.rule));
  if (answered) return answered;
  return forward({ cluster, tb, route: winner.route, rule: winner.rule, ex, filterContext: ctx });
}
