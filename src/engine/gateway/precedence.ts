// Precedence between matching rules on one listener, as one comparator written as
// numbered steps, each quoting the spec sentence it implements, and the per-listener
// index built from it once per config:
//
//   hostname bucket (exact, then wildcards with more labels, then no hostname)
//     -> entries sorted by the rest of the comparator
//     -> looked up by path (Exact paths by value, PathPrefix paths by each ancestor of
//        the request path, RegularExpression paths always), so a request only evaluates
//        the rules that could match it, however many routes the listener has.
import type { Cluster } from '../model/cluster.js';
import { cachedFor } from '../model/cluster.js';
import type { AnyRouteRule, GRPCRoute, GRPCRouteMatch, GRPCRouteRule, GatewayRoute, HTTPRoute, HTTPRouteMatch, HTTPRouteRule, L4RouteRule, TCPRoute, TLSRoute, UDPRoute } from '../model/gateway.js';
import { trimTrailingSlashes } from '../match/path.js';
import { routeAttachments, compareRouteAge, type RouteHostname } from './attach.js';
import { coveringWildcards, hostnameRank, isWildcard } from './hostnames.js';
import type { ResolvedListener } from './listeners.js';
import { pushAll } from '../model/arrays.js';

export interface HttpEntry {
  kind: 'HTTPRoute';
  route: HTTPRoute;
  rule: HTTPRouteRule;
  match: HTTPRouteMatch;
  hostname: RouteHostname;
  /** position in its hostname bucket's precedence order */
  seq: number;
}

export interface GrpcEntry {
  kind: 'GRPCRoute';
  route: GRPCRoute;
  rule: GRPCRouteRule;
  /** undefined: the rule has no matches (every gRPC call) */
  match?: GRPCRouteMatch;
  hostname: RouteHostname;
  seq: number;
}

export interface L4Entry {
  route: TLSRoute | TCPRoute | UDPRoute;
  rule: L4RouteRule;
  hostname: RouteHostname;
  seq: number;
}

/** One step of the comparator, for the trace: which criterion decided between two rules. */
export interface PrecedenceStep {
  step: number;
  /** short name shown to users */
  name: string;
  /** the spec sentence (or implementation choice) behind it */
  rule: string;
}

export const HTTP_PRECEDENCE: PrecedenceStep[] = [
  { step: 1, name: 'hostname', rule: 'HTTPRouteSpec.Hostnames: precedence to the route with the most "characters in a matching non-wildcard hostname", then "characters in a matching hostname"' },
  { step: 2, name: 'route hostname', rule: 'HTTPRouteSpec.Hostnames: for identical listener/route intersections, "evaluate precedence using the original hostnames configured on the Route" (GatewayRouteHostnameIntersectionPrecedence)' },
  { step: 3, name: 'path', rule: 'HTTPRouteRule.Matches: "Exact" path match, then "Prefix" path match with largest number of characters (RegularExpression is implementation-specific: after Exact, before PathPrefix, as Envoy Gateway orders it)' },
  { step: 4, name: 'method', rule: 'HTTPRouteRule.Matches: "Method match"' },
  { step: 5, name: 'headers', rule: 'HTTPRouteRule.Matches: "Largest number of header matches"' },
  { step: 6, name: 'query params', rule: 'HTTPRouteRule.Matches: "Largest number of query param matches"' },
  { step: 7, name: 'age', rule: 'HTTPRouteRule.Matches: "The oldest Route based on creation timestamp"' },
  { step: 8, name: 'name', rule: 'HTTPRouteRule.Matches: "The Route appearing first in alphabetical order by {namespace}/{name}"' },
  { step: 9, name: 'rule order', rule: 'HTTPRouteRule.Matches: "precedence MUST be granted to the FIRST matching rule (in list order)"' },
  { step: 10, name: 'match order', rule: 'the first match of the rule, in list order' },
];

export const GRPC_PRECEDENCE: PrecedenceStep[] = [
  { step: 1, name: 'hostname', rule: 'GRPCRouteRule.Matches: "Characters in a matching non-wildcard hostname", then "Characters in a matching hostname"' },
  { step: 2, name: 'route hostname', rule: 'the original route hostname, as for HTTPRoute' },
  { step: 3, name: 'service', rule: 'GRPCRouteRule.Matches: "Characters in a matching service"' },
  { step: 4, name: 'method', rule: 'GRPCRouteRule.Matches: "Characters in a matching method"' },
  { step: 5, name: 'headers', rule: 'GRPCRouteRule.Matches: "Header matches"' },
  { step: 7, name: 'age', rule: 'GRPCRouteRule.Matches: "The oldest Route based on creation timestamp"' },
  { step: 8, name: 'name', rule: 'GRPCRouteRule.Matches: "The Route appearing first in alphabetical order by {namespace}/{name}"' },
  { step: 9, name: 'rule order', rule: 'GRPCRouteRule.Matches: "the first matching rule meeting the above criteria"' },
  { step: 10, name: 'match order', rule: 'the first match of the rule, in list order' },
];

/** PathMatchType rank: Exact, then RegularExpression (implementation-specific), then PathPrefix. */
function pathTypeRank(type: string): number {
  return type === 'Exact' ? 3 : type === 'RegularExpression' ? 2 : type === 'PathPrefix' ? 1 : 0;
}

function ageAndName(a: GatewayRoute, b: GatewayRoute): { cmp: number; step: number } {
  const ta = a.meta.creationTimestamp ?? '';
  const tb = b.meta.creationTimestamp ?? '';
  if (ta !== tb) return { cmp: compareRouteAge(a, b), step: 7 };
  if (a !== b) return { cmp: compareRouteAge(a, b), step: 8 };
  return { cmp: 0, step: 0 };
}

/** Negative when `a` takes precedence; `step` is the comparator step that decided (0: equal). */
export function compareHttp(a: HttpEntry, b: HttpEntry): { cmp: number; step: number } {
  // 1. hostname of the listener/route intersection: exact before wildcard, more labels first.
  let d = hostnameRank(b.hostname.effective) - hostnameRank(a.hostname.effective);
  if (d) return { cmp: d, step: 1 };
  // 2. the hostname as written on the route.
  d = hostnameRank(b.hostname.original) - hostnameRank(a.hostname.original);
  if (d) return { cmp: d, step: 2 };
  // 3. Exact path, then the longest prefix.
  d = pathTypeRank(b.match.path.type) - pathTypeRank(a.match.path.type);
  if (d) return { cmp: d, step: 3 };
  d = b.match.path.value.length - a.match.path.value.length;
  if (d) return { cmp: d, step: 3 };
  // 4. method match.
  d = Number(b.match.method !== undefined) - Number(a.match.method !== undefined);
  if (d) return { cmp: d, step: 4 };
  // 5. most header matches; 6. most query param matches.
  d = b.match.headers.length - a.match.headers.length;
  if (d) return { cmp: d, step: 5 };
  d = b.match.queryParams.length - a.match.queryParams.length;
  if (d) return { cmp: d, step: 6 };
  // 7. oldest route; 8. namespace/name.
  const an = ageAndName(a.route, b.route);
  if (an.cmp) return an;
  // 9. rule order; 10. match order.
  d = a.rule.index - b.rule.index;
  if (d) return { cmp: d, step: 9 };
  d = a.match.index - b.match.index;
  return { cmp: d, step: d ? 10 : 0 };
}

/**
 * compareHttp's steps 3-6 (path type and length, method, headers, query params) without
 * saying which step decided: the order of entries that tie on steps 1-2.
 */
function sortsBeforeOnHostname(a: HttpEntry, b: HttpEntry): number {
  return (
    pathTypeRank(b.match.path.type) - pathTypeRank(a.match.path.type) ||
    b.match.path.value.length - a.match.path.value.length ||
    Number(b.match.method !== undefined) - Number(a.match.method !== undefined) ||
    b.match.headers.length - a.match.headers.length ||
    b.match.queryParams.length - a.match.queryParams.length
  );
}

/**
 * A bucket's entries in compareHttp's order. Step 1 ties: every entry of a bucket has the
 * bucket's effective hostname. Step 2 (the route hostname as written) groups them, highest
 * rank first (one group on most buckets), and each group is sorted by steps 3-6. Steps 7-10
 * (age, namespace/name, rule order, match order) come from the order the entries were added
 * in, oldest route first, each route's rules and matches in list order: Array.prototype.sort
 * is stable, so ties keep that order. precedence.test.ts checks it sorts as compareHttp does.
 */
function sortBucketEntries(entries: HttpEntry[]): HttpEntry[] {
  const groups = new Map<number, HttpEntry[]>();
  for (const e of entries) {
    const rank = hostnameRank(e.hostname.original);
    const g = groups.get(rank);
    if (g) g.push(e);
    else groups.set(rank, [e]);
  }
  if (groups.size === 1) return entries.sort(sortsBeforeOnHostname);
  const out: HttpEntry[] = [];
  for (const [, g] of [...groups].sort((x, y) => y[0] - x[0])) pushAll(out, g.sort(sortsBeforeOnHostname));
  return out;
}

export function compareGrpc(a: GrpcEntry, b: GrpcEntry): { cmp: number; step: number } {
  let d = hostnameRank(b.hostname.effective) - hostnameRank(a.hostname.effective);
  if (d) return { cmp: d, step: 1 };
  d = hostnameRank(b.hostname.original) - hostnameRank(a.hostname.original);
  if (d) return { cmp: d, step: 2 };
  d = (b.match?.method?.service?.length ?? 0) - (a.match?.method?.service?.length ?? 0);
  if (d) return { cmp: d, step: 3 };
  d = (b.match?.method?.method?.length ?? 0) - (a.match?.method?.method?.length ?? 0);
  if (d) return { cmp: d, step: 4 };
  d = (b.match?.headers.length ?? 0) - (a.match?.headers.length ?? 0);
  if (d) return { cmp: d, step: 5 };
  const an = ageAndName(a.route, b.route);
  if (an.cmp) return an;
  d = a.rule.index - b.rule.index;
  if (d) return { cmp: d, step: 9 };
  d = (a.match?.index ?? 0) - (b.match?.index ?? 0);
  return { cmp: d, step: d ? 10 : 0 };
}

function hostnameWords(h: string): string {
  if (!h) return 'no hostname (every host)';
  return isWildcard(h) ? `wildcard ${h}` : `exact hostname ${h}`;
}

function ts(r: GatewayRoute): string {
  return r.meta.creationTimestamp ?? 'no creationTimestamp (treated as newest)';
}

/** The steps HTTPRoute and GRPCRoute share: hostnames (1, 2), age and name (7, 8), rule and match order (9, 10). */
function explainSharedStep(w: HttpEntry | GrpcEntry, l: HttpEntry | GrpcEntry, step: number): string | undefined {
  switch (step) {
    case 1:
      return `${hostnameWords(w.hostname.effective)} is more specific than ${hostnameWords(l.hostname.effective)}`;
    case 2:
      return `the winner's route hostname ${w.hostname.original || '(none)'} is more specific than ${l.hostname.original || '(none)'}`;
    case 7:
      return `${w.route.kind} ${w.route.meta.namespace}/${w.route.meta.name} is older (${ts(w.route)} vs ${ts(l.route)})`;
    case 8:
      return `${w.route.meta.namespace}/${w.route.meta.name} sorts before ${l.route.meta.namespace}/${l.route.meta.name}`;
    case 9:
      return `rules[${w.rule.index}] comes before rules[${l.rule.index}] in the same route`;
    case 10:
      return `matches[${w.match?.index ?? 0}] comes before matches[${l.match?.index ?? 0}] of the same rule`;
    default:
      return undefined;
  }
}

/** Why `w` beat `l` at `step`, in one clause. */
export function explainHttpWin(w: HttpEntry, l: HttpEntry, step: number): string {
  const lead = `step ${step} (${HTTP_PRECEDENCE.find((x) => x.step === step)?.name ?? 'tie'}): `;
  switch (step) {
    case 3:
      if (w.match.path.type !== l.match.path.type) return `${lead}${w.match.path.type} ${w.match.path.value} ranks above ${l.match.path.type} ${l.match.path.value}`;
      return `${lead}${w.match.path.type} ${w.match.path.value} is longer than ${l.match.path.value} (${w.match.path.value.length} vs ${l.match.path.value.length} characters)`;
    case 4:
      return `${lead}the winner matches the method ${w.match.method}; this match has no method condition`;
    case 5:
      return `${lead}${w.match.headers.length} header match(es) vs ${l.match.headers.length}`;
    case 6:
      return `${lead}${w.match.queryParams.length} query param match(es) vs ${l.match.queryParams.length}`;
  }
  const shared = explainSharedStep(w, l, step);
  return shared ? lead + shared : 'the same rule';
}

export function explainGrpcWin(w: GrpcEntry, l: GrpcEntry, step: number): string {
  const lead = `step ${step} (${GRPC_PRECEDENCE.find((x) => x.step === step)?.name ?? 'tie'}): `;
  switch (step) {
    case 3:
      return `${lead}service ${w.match?.method?.service ?? '(any)'} has more characters than ${l.match?.method?.service ?? '(any)'}`;
    case 4:
      return `${lead}method ${w.match?.method?.method ?? '(any)'} has more characters than ${l.match?.method?.method ?? '(any)'}`;
    case 5:
      return `${lead}${w.match?.headers.length ?? 0} header match(es) vs ${l.match?.headers.length ?? 0}`;
  }
  const shared = explainSharedStep(w, l, step);
  return shared ? lead + shared : 'the same rule';
}

// ------------------------------------------------------------------ index

export interface HostBucket<E> {
  /** the effective hostname ("" for every host) */
  hostname: string;
  entries: E[];
  /** how many routes the entries come from (counted once per config, for the trace's host step) */
  routes: number;
  /** rules of routes on this hostname that are invalid and dropped (Accepted/PartiallyInvalid: UnsupportedValue) */
  dropped?: Array<{ route: GatewayRoute; rule: AnyRouteRule }>;
  /**
   * Until a request first reaches the bucket: its routes and the hostname each serves, as
   * pairs in one flat list (route, hostname, route, hostname...), in no defined order.
   */
  pending?: Array<GatewayRoute | RouteHostname>;
}

/** The path lookups and entries of a bucket no request has reached yet (its finish gives each bucket its own). */
const NO_PATHS: ReadonlyMap<string, HttpEntry[]> = new Map();
const NO_ENTRIES: readonly never[] = Object.freeze([]);

export interface HttpBucket extends HostBucket<HttpEntry> {
  exactPaths: Map<string, HttpEntry[]>;
  /** by the prefix without trailing slashes ("" for "/") */
  prefixPaths: Map<string, HttpEntry[]>;
  /** prefixLengths[n]: some key of prefixPaths has n characters (a path's ancestors of other lengths are not looked up) */
  prefixLengths: boolean[];
  /** RegularExpression (and unknown) paths: always evaluated */
  otherPaths: HttpEntry[];
}

/** A hostname's routes before a request first reaches it: pairs (route, hostname, route, hostname...). */
type Pending = Array<GatewayRoute | RouteHostname>;

export interface HostIndex<B> {
  /**
   * By effective hostname: the bucket, or only its pending pairs until a request first
   * reaches it (most of a big listener's hostnames are never asked for: no bucket is made).
   */
  exact: Map<string, B | Pending>;
  wildcard: Map<string, B | Pending>;
  any?: B | Pending;
  /** makes a hostname's bucket from its pending pairs */
  make: (hostname: string, pending: Pending) => B;
  /** completes a bucket (entries in precedence order, path lookups) the first time a request reaches it */
  finish: (b: B) => void;
}

export interface ListenerIndex {
  http: HostIndex<HttpBucket>;
  grpc: HostIndex<HostBucket<GrpcEntry>>;
  l4: HostIndex<HostBucket<L4Entry>>;
  /** routes attached to the listener, by kind */
  counts: Record<string, number>;
}

/** Adds a route to the pending pairs of its effective hostname (the index is built before any bucket is made). */
function addPending<B extends HostBucket<unknown>>(idx: HostIndex<B>, route: GatewayRoute, hostname: RouteHostname): void {
  const h = hostname.effective;
  const map = !h ? undefined : isWildcard(h) ? idx.wildcard : idx.exact;
  const pending = (map ? map.get(h) : idx.any) as Pending | undefined;
  if (pending) {
    pending.push(route, hostname);
    return;
  }
  // A literal pair: most hostnames keep one route, and a list grown by push holds room for 17.
  if (map) map.set(h, [route, hostname]);
  else idx.any = [route, hostname];
}

/**
 * The hostnames of a listener's HTTPRoutes (http) or TLS/TCP/UDP routes (l4): exact ones,
 * then wildcards, each in the order the routes give them, oldest route first (the index
 * takes its routes in no defined order). For traces that name a few of the hostnames
 * served; once per listener.
 */
export function hostnamesByAge(cluster: Cluster, listener: ResolvedListener, which: 'http' | 'l4'): string[] {
  const orders = cachedFor(cluster, 'gateway:hostnames-by-age', listener, () => {
    const attached = [...(routeAttachments(cluster).byListener.get(listener.key) ?? [])].sort((a, b) => compareRouteAge(a.route, b.route));
    const seen = { http: [new Set<string>(), new Set<string>()], l4: [new Set<string>(), new Set<string>()] };
    for (const a of attached) {
      if (a.route.kind === 'GRPCRoute') continue;
      const sets = a.route.kind === 'HTTPRoute' ? seen.http : seen.l4;
      for (const h of bestByEffective(a.hostnames)) if (h.effective) sets[isWildcard(h.effective) ? 1 : 0].add(h.effective);
    }
    return { http: [...seen.http[0], ...seen.http[1]], l4: [...seen.l4[0], ...seen.l4[1]] };
  });
  return orders[which];
}

/** The bucket of a hostname a request reached, made from its pending pairs and completed the first time. */
function ready<B extends HostBucket<unknown>>(idx: HostIndex<B>, map: Map<string, B | Pending> | undefined, hostname: string, found: B | Pending): B {
  let b: B;
  if (Array.isArray(found)) {
    b = idx.make(hostname, found);
    if (map) map.set(hostname, b);
    else idx.any = b;
  } else b = found;
  if (b.pending) idx.finish(b);
  return b;
}

/** Buckets whose hostname covers `host`, most specific first. */
export function bucketsFor<B extends HostBucket<unknown>>(idx: HostIndex<B>, host: string): B[] {
  const out: B[] = [];
  const exact = idx.exact.get(host);
  if (exact) out.push(ready(idx, idx.exact, host, exact));
  // Most listeners carry no wildcard route: then there is no wildcard to write and look up.
  if (idx.wildcard.size > 0) {
    for (const w of coveringWildcards(host)) {
      const b = idx.wildcard.get(w);
      if (b) out.push(ready(idx, idx.wildcard, w, b));
    }
  }
  if (idx.any) out.push(ready(idx, undefined, '', idx.any));
  return out;
}

/** The bucket of routes without a hostname (every host), completed; TCP and UDP listeners route by it alone. */
export function anyBucket<B extends HostBucket<unknown>>(idx: HostIndex<B>): B | undefined {
  return idx.any && ready(idx, undefined, '', idx.any);
}

/** For each effective hostname, the most specific original hostname of the route (one entry per route and bucket). */
function bestByEffective(hostnames: RouteHostname[]): RouteHostname[] {
  if (hostnames.length === 1) return hostnames;
  const best = new Map<string, RouteHostname>();
  for (const h of hostnames) {
    const cur = best.get(h.effective);
    if (!cur || hostnameRank(h.original) > hostnameRank(cur.original)) best.set(h.effective, h);
  }
  return [...best.values()];
}

/** Takes a bucket's pending routes: what every `finish` starts with. */
function takePending<E extends { route: GatewayRoute }>(b: HostBucket<E>): Array<{ route: GatewayRoute; hostname: RouteHostname }> {
  const flat = b.pending ?? [];
  b.pending = undefined;
  b.entries = [];
  const out: Array<{ route: GatewayRoute; hostname: RouteHostname }> = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ route: flat[i] as GatewayRoute, hostname: flat[i + 1] as RouteHostname });
  // The listener's routes come in no defined order: oldest first here, so that rules equal
  // in precedence keep the age order (the sorts below are stable) and dropped rules are listed by age.
  if (out.length > 1) out.sort((a, b) => compareRouteAge(a.route, b.route));
  return out;
}

function countRoutes<E extends { route: GatewayRoute }>(b: HostBucket<E>): void {
  b.routes = new Set(b.entries.map((e) => e.route)).size;
}

function finishHttp(b: HttpBucket): void {
  b.exactPaths = new Map();
  b.prefixPaths = new Map();
  b.otherPaths = [];
  // Each route comes once per bucket, so the routes with an entry are counted as they come.
  let routes = 0;
  for (const { route, hostname } of takePending(b)) {
    const before = b.entries.length;
    // The valid rules are those without problems (RouteStatus.validRules); the others are dropped.
    for (const rule of (route as HTTPRoute).rules) {
      if (rule.invalid.length > 0) (b.dropped ??= []).push({ route, rule });
      else for (const match of rule.matches) b.entries.push({ kind: 'HTTPRoute', route: route as HTTPRoute, rule, match, hostname, seq: 0 });
    }
    if (b.entries.length > before) routes++;
  }
  b.entries = sortBucketEntries(b.entries);
  let seq = 0;
  for (const e of b.entries) {
    e.seq = seq++;
    const byValue = e.match.path.type === 'Exact' ? b.exactPaths : e.match.path.type === 'PathPrefix' ? b.prefixPaths : undefined;
    if (!byValue) {
      b.otherPaths.push(e);
      continue;
    }
    const k = e.match.path.type === 'Exact' ? e.match.path.value : trimTrailingSlashes(e.match.path.value);
    const list = byValue.get(k);
    if (list) list.push(e);
    else byValue.set(k, [e]);
  }
  b.prefixLengths = [];
  for (const k of b.prefixPaths.keys()) b.prefixLengths[k.length] = true;
  b.routes = routes;
}

function finishGrpc(b: HostBucket<GrpcEntry>): void {
  for (const { route, hostname } of takePending(b)) {
    for (const rule of (route as GRPCRoute).rules) {
      if (rule.invalid.length > 0) {
        (b.dropped ??= []).push({ route, rule });
        continue;
      }
      if (rule.matches.length === 0) b.entries.push({ kind: 'GRPCRoute', route: route as GRPCRoute, rule, hostname, seq: 0 });
      for (const match of rule.matches) b.entries.push({ kind: 'GRPCRoute', route: route as GRPCRoute, rule, match, hostname, seq: 0 });
    }
  }
  b.entries.sort((x, y) => compareGrpc(x, y).cmp);
  b.entries.forEach((e, i) => (e.seq = i));
  countRoutes(b);
}

function finishL4(b: HostBucket<L4Entry>): void {
  for (const { route, hostname } of takePending(b)) {
    const rule = (route as TLSRoute | TCPRoute | UDPRoute).rules.find((r) => r.invalid.length === 0);
    if (rule) b.entries.push({ route: route as TLSRoute | TCPRoute | UDPRoute, rule, hostname, seq: 0 });
  }
  // TLSRoute/TCPRoute/UDPRoute: the route hostname as written, then the oldest route, then namespace/name.
  b.entries.sort((x, y) => hostnameRank(y.hostname.original) - hostnameRank(x.hostname.original) || compareRouteAge(x.route, y.route));
  b.entries.forEach((e, i) => (e.seq = i));
  countRoutes(b);
}

const makeHttpBucket = (hostname: string, pending: Array<GatewayRoute | RouteHostname>): HttpBucket => ({
  hostname,
  entries: NO_ENTRIES as never[],
  routes: 0,
  dropped: undefined,
  pending,
  exactPaths: NO_PATHS as Map<string, HttpEntry[]>,
  prefixPaths: NO_PATHS as Map<string, HttpEntry[]>,
  prefixLengths: [],
  otherPaths: NO_ENTRIES as never[],
});
const makeBucket = <E>(hostname: string, pending: Array<GatewayRoute | RouteHostname>): HostBucket<E> => ({ hostname, entries: NO_ENTRIES as never[], routes: 0, dropped: undefined, pending });

/**
 * The listener's routes by hostname. Built once per config in one pass over the attached
 * routes; a bucket's rules are put in precedence order the first time a request reaches
 * it, so the first trace on a listener with 10,000 hostnames sorts one bucket, not all.
 */
export function listenerIndex(cluster: Cluster, listener: ResolvedListener): ListenerIndex {
  return cachedFor(cluster, 'gateway:index', listener, () => {
    const attached = routeAttachments(cluster).byListener.get(listener.key) ?? [];
    const idx: ListenerIndex = {
      http: { exact: new Map(), wildcard: new Map(), make: makeHttpBucket, finish: finishHttp },
      grpc: { exact: new Map(), wildcard: new Map(), make: makeBucket<GrpcEntry>, finish: finishGrpc },
      l4: { exact: new Map(), wildcard: new Map(), make: makeBucket<L4Entry>, finish: finishL4 },
      counts: {},
    };
    // Indexed loops: run once per listener, mostly before V8 optimizes them (a for-of step allocates there).
    for (let i = 0; i < attached.length; i++) {
      const route = attached[i].route;
      idx.counts[route.kind] = (idx.counts[route.kind] ?? 0) + 1;
      const hostnames = bestByEffective(attached[i].hostnames);
      for (let h = 0; h < hostnames.length; h++) {
        if (route.kind === 'HTTPRoute') addPending(idx.http, route, hostnames[h]);
        else if (route.kind === 'GRPCRoute') addPending(idx.grpc, route, hostnames[h]);
        else addPending(idx.l4, route, hostnames[h]);
      }
    }
    // Several kinds: they are listed in the order of their oldest route (the routes come in no defined order).
    if (Object.keys(idx.counts).length > 1) {
      const oldest = new Map<string, GatewayRoute>();
      for (let i = 0; i < attached.length; i++) {
        const route = attached[i].route;
        const o = oldest.get(route.kind);
        if (!o || compareRouteAge(route, o) < 0) oldest.set(route.kind, route);
      }
      const counts = idx.counts;
      idx.counts = {};
      for (const [kind] of [...oldest].sort((a, b) => compareRouteAge(a[1], b[1]))) idx.counts[kind] = counts[kind];
    }
    return idx;
  });
}

/** The HTTP entries of a bucket whose path could match `path`, in precedence order. */
export function httpPathCandidates(b: HttpBucket, path: string): HttpEntry[] {
  const lists: HttpEntry[][] = [];
  const exact = b.exactPaths.get(path);
  if (exact) lists.push(exact);
  // Every element-wise ancestor of the path: "/a/b/" -> "", "/a", "/a/b".
  const trimmed = trimTrailingSlashes(path);
  let i = 0;
  const lengths = b.prefixLengths;
  for (;;) {
    // Only ancestors as long as some prefix: no key to write for the others.
    if (lengths[i]) {
      const l = b.prefixPaths.get(trimmed.slice(0, i));
      if (l) lists.push(l);
    }
    if (i >= trimmed.length) break;
    const next = trimmed.indexOf('/', i + 1);
    i = next === -1 ? trimmed.length : next;
  }
  if (b.otherPaths.length) lists.push(b.otherPaths);
  if (lists.length === 1) return lists[0];
  const all = lists.flat();
  all.sort((x, y) => x.seq - y.seq);
  return all;
}
