// HTTP and gRPC on an HTTP/HTTPS listener: the routes whose hostnames cover the Host,
// the winning rule by precedence (with every loser and the step that decided), the
// rule's filters, then the backend.
import type { Cluster } from '../model/cluster.js';
import type { GatewayRoute } from '../model/gateway.js';
import type { SourceRef } from '../model/source.js';
import { lazyStep, type TraceBuilder } from '../trace/builder.js';
import type { Trace, TraceCandidate } from '../trace/types.js';
import { MAX_LISTED_CANDIDATES } from '../ingress/steps.js';
import { routeLabel } from './attach.js';
import { newExchange, applyFilters, type FilterContext } from './filters.js';
import { finishAnswered, forward, objRef, routeRefOf } from './forward.js';
import { envoySecurityAnswer } from './envoy-policies.js';
import { describeHostname } from './hostnames.js';
import type { ResolvedListener } from './listeners.js';
import { describeGrpcMatch, describeHttpMatch, grpcMatchHolds, httpMatchHolds } from './match.js';
import { effectiveFilters, fieldLackNotes, programmedOnly, unsupportedAnswer } from './implementations/apply.js';
import { matchDialect } from './implementations/index.js';
import {
  bucketsFor,
  compareGrpc,
  compareHttp,
  explainGrpcWin,
  explainHttpWin,
  GRPC_PRECEDENCE,
  HTTP_PRECEDENCE,
  hostnamesByAge,
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
/** "a.example.com (3 HTTPRoute(s))": a finished bucket's part of the host step, written once per bucket. */
const bucketTexts = new WeakMap<object, string>();
function bucketText(b: HostBucket<unknown>, kind: string): string {
  let t = bucketTexts.get(b);
  if (t === undefined) bucketTexts.set(b, (t = `${b.hostname ? describeHostname(b.hostname) : '(no hostname: every host)'} (${b.routes} ${kind})`));
  return t;
}

function hostStep<E extends { route: { kind: string } }>(tb: TraceBuilder, buckets: Array<HostBucket<E>>, host: string, kind: string): void {
  tb.add({
    kind: 'host',
    summary: `Host ${host}: ${buckets.length === 1 ? bucketText(buckets[0], kind) : buckets.map((b) => bucketText(b, kind)).join(', then ')}`,
    reason: 'RouteHostnameMatched',
    status: 'ok',
    notes: buckets.length > 1 ? ['rules of a more specific hostname take precedence; the next hostname is tried only when none of them matches'] : undefined,
  });
}

interface RuleEntry {
  route: GatewayRoute;
  rule: { id: string };
}

export interface PrecedenceScan<E> {
  winner?: E;
  winDetail: string;
  /** Other rules whose conditions also hold (one entry per rule), best first. */
  losers: E[];
  /** Entries whose conditions do not hold, with the condition that failed. */
  misses: Array<{ e: E; detail: string }>;
  /** Entries that would hold, but the implementation does not program their rule (a feature it lacks). */
  skipped?: Array<{ e: E; detail: string }>;
  evaluated: number;
}

/**
 * The entries arrive already sorted by the spec's precedence (precomputed once per config),
 * so the first whose conditions hold is the route the request takes; every later one that
 * also holds lost on precedence. Both lists are capped: a trace explains, it does not dump.
 */
export function scanInPrecedenceOrder<E extends RuleEntry>(entries: Iterable<E>, holds: (e: E) => { ok: boolean; detail: string; skip?: boolean }): PrecedenceScan<E> {
  const scan: PrecedenceScan<E> = { winDetail: '', losers: [], misses: [], skipped: [], evaluated: 0 };
  for (const e of entries) {
    scan.evaluated++;
    const v = holds(e);
    if (v.skip) {
      if (scan.skipped!.length < MAX_MISSES && !scan.skipped!.some((x) => x.e.rule === e.rule)) scan.skipped!.push({ e, detail: v.detail });
    } else if (!v.ok) {
      if (scan.misses.length < MAX_MISSES) scan.misses.push({ e, detail: v.detail });
    } else if (!scan.winner) {
      scan.winner = e;
      scan.winDetail = v.detail;
    } else if (e.rule !== scan.winner.rule && scan.losers.length < MAX_LOSERS && !scan.losers.some((x) => x.rule === e.rule)) {
      scan.losers.push(e);
    }
  }
  return scan;
}

/** The scan as trace candidates: the winner, each loser with the precedence step it lost on, each miss. */
function ruleCandidates<E extends RuleEntry>(
  scan: Omit<PrecedenceScan<E>, 'evaluated'>,
  how: { label: (e: E) => string; source: (e: E) => SourceRef; whyLost: (winner: E, loser: E) => string },
): TraceCandidate[] {
  const out: TraceCandidate[] = [];
  const base = (e: E) => ({ label: how.label(e), object: objRef(e.route), ruleId: e.rule.id, source: how.source(e) });
  const { winner } = scan;
  if (winner) {
    out.push({ ...base(winner), verdict: 'won', reason: 'RuleMatched', detail: scan.winDetail });
    for (const l of scan.losers) out.push({ ...base(l), verdict: 'lost', reason: 'RuleLostPrecedence', detail: `also matches, but ${how.whyLost(winner, l)}` });
  }
  for (const { e, detail } of scan.skipped ?? []) out.push({ ...base(e), verdict: 'skip', reason: 'ImplementationUnsupported', detail });
  for (const { e, detail } of scan.misses) out.push({ ...base(e), verdict: 'miss', reason: 'RuleNotMatched', detail });
  return out;
}

/** HTTPRoute entries scanned in precedence order, as trace candidates. */
export function httpRuleCandidates(scan: Omit<PrecedenceScan<HttpEntry>, 'evaluated'>): TraceCandidate[] {
  return ruleCandidates(scan, {
    label: httpLabel,
    source: (e) => (e.rule.matchesDefaulted ? e.rule.source : e.match.source),
    whyLost: (w, l) => explainHttpWin(w, l, compareHttp(w, l).step),
  });
}

/**
 * The rule step for the winning HTTPRoute rule: what it matched, the step that decided, what
 * is not simulated. `candidates` is called when the step's candidates are first read.
 */
export function addHttpWinnerStep(cluster: Cluster, tb: TraceBuilder, winner: HttpEntry, losers: HttpEntry[], candidates: () => TraceCandidate[]): void {
  const unsimulated = winner.rule.runtimeFields;
  const implementation = tb.implementation;
  tb.add(
    lazyStep(
      {
        kind: 'rule',
        summary: `${winnerText(winner)}${losers.length ? ` wins over ${losers.length} other matching rule(s)` : ''}`,
        reason: 'RuleMatched',
        status: 'ok',
        object: objRef(winner.route),
        source: winner.rule.source,
      },
      () => {
        const decided = losers.length ? compareHttp(winner, losers[0]).step : 0;
        return {
          candidates: candidates().slice(0, MAX_LISTED_CANDIDATES),
          notes: [
            ...(decided ? [`decided by precedence step ${decided}: ${HTTP_PRECEDENCE.find((s) => s.step === decided)?.rule}`] : []),
            ...(unsimulated.length ? [`rules[${winner.rule.index}] sets ${unsimulated.join(', ')}: timing and retries depend on the backend at run time, so RouteLab does not simulate them`] : []),
            ...fieldLackNotes(cluster, implementation, winner.route, winner.rule),
          ],
        };
      },
    ),
  );
}

/** "HTTPRoute ns/name rules[0]: PathPrefix /api": a rule entry as its rule step names it, written once per entry. */
const winnerTexts = new WeakMap<HttpEntry, string>();
function winnerText(e: HttpEntry): string {
  let t = winnerTexts.get(e);
  if (t === undefined) {
    t = `${routeLabel(e.route)} rules[${e.rule.index}]${e.rule.name ? ` "${e.rule.name}"` : ''}: ${e.rule.matchesDefaulted ? 'no matches (PathPrefix /)' : describeHttpMatch(e.match)}`;
    winnerTexts.set(e, t);
  }
  return t;
}

export function routeHttp(cluster: Cluster, tb: TraceBuilder, listener: ResolvedListener): Trace {
  const req = tb.request;
  const idx = listenerIndex(cluster, listener);
  const httpBuckets = bucketsFor(idx.http, req.host);
  const grpcBuckets = bucketsFor(idx.grpc, req.host);
  if (req.grpc && grpcBuckets.length > 0) return routeGrpc(cluster, tb, listener, grpcBuckets);
  if (httpBuckets.length === 0) {
    const some = hostnamesByAge(cluster, listener, 'http').slice(0, 10);
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

  const dialect = matchDialect(tb.implementation);
  const implementation = tb.implementation;
  const entries = httpBuckets.length === 1 ? httpPathCandidates(httpBuckets[0], req.path) : httpBuckets.flatMap((b) => httpPathCandidates(b, req.path));
  // The scan decides without words; the same scan with them runs when the candidates are read.
  const { winner, losers } = scanInPrecedenceOrder(
    entries,
    programmedOnly(cluster, implementation, (e: HttpEntry) => httpMatchHolds(cluster, e.match, req, dialect, false)),
  );
  const candidates = () => {
    const scan = scanInPrecedenceOrder(
      entries,
      programmedOnly(cluster, implementation, (e: HttpEntry) => httpMatchHolds(cluster, e.match, req, dialect)),
    );
    if (scan.evaluated === 0) {
      // Nothing has a path that could match: show the first rules of the most specific hostname.
      for (const e of httpBuckets[0].entries.slice(0, 5)) scan.misses.push({ e, detail: httpMatchHolds(cluster, e.match, req, dialect).detail });
    }
    return [...httpRuleCandidates(scan), ...droppedCandidates(httpBuckets)];
  };
  const total = httpBuckets.reduce((a, b) => a + b.entries.length, 0);
  if (!winner) {
    tb.add(
      lazyStep(
        { kind: 'rule', summary: `no rule matches ${req.method} ${req.path}${req.query} (${total} match(es) on this host)`, reason: 'RuleNotMatched', status: 'fail' },
        () => ({
          candidates: candidates().slice(0, MAX_LISTED_CANDIDATES),
          notes: ['"When no rules matching a request have been successfully attached to the parent a request is coming from, a HTTP 404 status code MUST be returned."'],
        }),
      ),
    );
    return tb.finish({ kind: 'not-found', status: 404, reason: 'NotFound', message: `404 from ${listener.label}: no HTTPRoute rule matches ${req.method} ${req.host}${req.path}` });
  }
  addHttpWinnerStep(cluster, tb, winner, losers, candidates);
  return runWinningRule(cluster, tb, winner, listener.port);
}

/**
 * The chosen rule at work: its filters (a redirect or a CORS answer ends here), then its
 * backendRefs. `port` is where the request arrived (a RequestRedirect's default port).
 */
export function runWinningRule(cluster: Cluster, tb: TraceBuilder, winner: HttpEntry | GrpcEntry, port: number): Trace {
  tb.exercise(winner.rule.id);
  const { route, rule } = winner;
  const refused = unsupportedAnswer(cluster, tb, route, rule) ?? envoySecurityAnswer(cluster, tb, route, rule);
  if (refused) return refused;
  const ex = newExchange(tb.request);
  const ctx: FilterContext = {
    cluster,
    tb,
    request: tb.request,
    route,
    routeRef: objRef(route),
    ruleId: rule.id,
    matchedPrefix: winner.kind === 'HTTPRoute' && winner.match.path.type === 'PathPrefix' ? winner.match.path.value : undefined,
    listenerPort: port,
    level: 'rule',
  };
  applyFilters(ctx, ex, effectiveFilters(cluster, tb, route, rule, rule.filters));
  const answered = finishAnswered(tb, ex, routeRefOf(route, rule));
  if (answered) return answered;
  return forward({ cluster, tb, route, rule, ex, filterContext: ctx });
}

function routeGrpc(cluster: Cluster, tb: TraceBuilder, listener: ResolvedListener, buckets: Array<HostBucket<GrpcEntry>>): Trace {
  const req = tb.request;
  hostStep(tb, buckets, req.host, 'GRPCRoute(s)');
  const dialect = matchDialect(tb.implementation);
  const { winner, winDetail, losers, misses, skipped } = scanInPrecedenceOrder(
    buckets.flatMap((b) => b.entries),
    programmedOnly(cluster, tb.implementation, (e: GrpcEntry) => (e.match ? grpcMatchHolds(cluster, e.match, req, dialect) : { ok: true, detail: 'the rule has no matches: every gRPC call' })),
  );
  const candidates = ruleCandidates({ winner, winDetail, losers, misses, skipped }, {
    label: grpcLabel,
    source: (e) => e.match?.source ?? e.rule.source,
    whyLost: (w, l) => explainGrpcWin(w, l, compareGrpc(w, l).step),
  });
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
  return runWinningRule(cluster, tb, winner, listener.port);
}
