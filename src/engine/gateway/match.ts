// Whether one HTTPRouteMatch / GRPCRouteMatch holds for a request, with the sentence
// that says why (or which condition failed). Conditions of one match are ANDed
// (HTTPRouteMatch: "Multiple match types are ANDed together"); the matches of a rule
// are ORed, which the precedence index handles by ranking each match on its own.
//
// RegularExpression is implementation-specific in the spec: it runs in the dialect and
// anchoring of the trace's implementation profile (implementations/regex.ts); the portable
// default is RE2 with a full match, as Envoy's safe_regex does. Patterns are compiled once
// per config (cached on the cluster).
import type { Cluster } from '../model/cluster.js';
import type { GRPCRouteMatch, HTTPRouteMatch, ValueMatch } from '../model/gateway.js';
import { headerValue, type NormalizedRequest } from '../model/request.js';
import { prefixPathMatches, trimTrailingSlashes } from '../match/path.js';
import { dialectRegexMatch } from './implementations/regex.js';
import type { RegexDialect } from './implementations/types.js';

/** RE2, whole value: the portable profile's dialect, and the default of every match function. */
const PORTABLE_DIALECT: Pick<RegexDialect, 'engine' | 'path' | 'value'> = { engine: 're2', path: 'full', value: 'full' };
export type MatchDialect = Pick<RegexDialect, 'engine' | 'path' | 'value'> & {
  /** conditions the implementation does not program (it lacks the feature and ignores it): the sentence that says so */
  ignoreMethod?: string;
  ignoreQuery?: string;
};

export interface MatchVerdict {
  ok: boolean;
  /** why it holds, or the first condition that does not */
  detail: string;
}

/**
 * The verdicts of a check without words (`words` false): the same decision, no sentence. A
 * trace decides on these and writes the sentences when its candidates are read.
 */
export const HOLDS: MatchVerdict = Object.freeze({ ok: true, detail: '' });
export const FAILS: MatchVerdict = Object.freeze({ ok: false, detail: '' });

/** HTTPPathMatch: Exact (case-sensitive, whole path), PathPrefix (element-wise), RegularExpression (in the dialect; portable: RE2, whole path). */
export function pathMatches(cluster: Cluster, type: string, value: string, path: string, dialect: MatchDialect = PORTABLE_DIALECT, words = true): MatchVerdict {
  switch (type) {
    case 'Exact':
      if (value === path) return words ? { ok: true, detail: `Exact ${value} equals the path` } : HOLDS;
      if (!words) return FAILS;
      if (value.toLowerCase() === path.toLowerCase()) return { ok: false, detail: `Exact ${value} differs from ${path} in case; path matching is case-sensitive` };
      if (trimTrailingSlashes(value) === trimTrailingSlashes(path)) return { ok: false, detail: `Exact ${value} does not match ${path}: the trailing slash counts` };
      return { ok: false, detail: `Exact ${value} is not ${path}` };
    case 'PathPrefix': {
      if (prefixPathMatches(value, path)) return words ? { ok: true, detail: value === '/' || value === '' ? 'PathPrefix / matches every path' : `PathPrefix ${value} matches ${path} element by element` } : HOLDS;
      if (!words) return FAILS;
      if (prefixPathMatches(value.toLowerCase(), path.toLowerCase())) return { ok: false, detail: `PathPrefix ${value} differs from ${path} in case; path matching is case-sensitive` };
      const p = trimTrailingSlashes(value);
      if (path.startsWith(p)) return { ok: false, detail: `PathPrefix ${value} does not match ${path}: prefixes match whole path elements` };
      return { ok: false, detail: `PathPrefix ${value} is not a prefix of ${path}` };
    }
    case 'RegularExpression': {
      const r = dialectRegexMatch(cluster, dialect.engine, dialect.path, value, path);
      if (!words) return r.ok && !r.error ? HOLDS : FAILS;
      if (r.error) return { ok: false, detail: r.error };
      return r.ok ? { ok: true, detail: `RegularExpression ${value} matches ${r.how} path ${path}` } : { ok: false, detail: `RegularExpression ${value} does not match ${r.how} path ${path}` };
    }
    default:
      return words ? { ok: false, detail: `path match type ${type} is not supported` } : FAILS;
  }
}

function valueMatches(cluster: Cluster, m: ValueMatch, got: string | undefined, what: string, dialect: MatchDialect, words = true): MatchVerdict {
  if (got === undefined) return words ? { ok: false, detail: `${what} ${m.name} is absent` } : FAILS;
  if (m.type === 'RegularExpression') {
    const r = dialectRegexMatch(cluster, dialect.engine, dialect.value, m.value, got);
    if (!words) return r.ok && !r.error ? HOLDS : FAILS;
    if (r.error) return { ok: false, detail: `${what} ${m.name}: ${r.error}` };
    const partial = dialect.value === 'full' ? '' : ` (${r.how} value)`;
    return r.ok ? { ok: true, detail: `${what} ${m.name} ~ ${m.value}${partial}` } : { ok: false, detail: `${what} ${m.name}: "${got}" does not match ${m.value}${partial}` };
  }
  if (!words) return got === m.value ? HOLDS : FAILS;
  return got === m.value ? { ok: true, detail: `${what} ${m.name}=${m.value}` } : { ok: false, detail: `${what} ${m.name}: expected "${m.value}", got "${got}"` };
}

/** Header names are case-insensitive; a repeated header is compared as HTTP folds it (joined with ","). */
function headerMatches(cluster: Cluster, m: ValueMatch, req: NormalizedRequest, dialect: MatchDialect, words = true): MatchVerdict {
  return valueMatches(cluster, m, headerValue(req.headers, m.name), 'header', dialect, words);
}

/**
 * Query parameter names are exact (case-sensitive); for a repeated parameter the first
 * value counts (HTTPQueryParamMatch: "it is *recommended* that implementations should
 * match against the first value of the param").
 */
function queryMatches(cluster: Cluster, m: ValueMatch, req: NormalizedRequest, dialect: MatchDialect, words = true): MatchVerdict {
  const first = req.queryParams.find(([k]) => k === m.name);
  return valueMatches(cluster, m, first?.[1], 'query', dialect, words);
}

/** `words` false: the same decision as with them (HOLDS or FAILS), without the sentence. */
export function httpMatchHolds(cluster: Cluster, m: HTTPRouteMatch, req: NormalizedRequest, dialect: MatchDialect = PORTABLE_DIALECT, words = true): MatchVerdict {
  if (!words) {
    if (!pathMatches(cluster, m.path.type, m.path.value, req.path, dialect, false).ok) return FAILS;
    if (m.method !== undefined && !dialect.ignoreMethod && m.method !== req.method) return FAILS;
    for (const h of m.headers) if (!headerMatches(cluster, h, req, dialect, false).ok) return FAILS;
    if (!(m.queryParams.length && dialect.ignoreQuery)) for (const q of m.queryParams) if (!queryMatches(cluster, q, req, dialect, false).ok) return FAILS;
    return HOLDS;
  }
  const parts: string[] = [];
  const p = pathMatches(cluster, m.path.type, m.path.value, req.path, dialect);
  if (!p.ok) return p;
  parts.push(m.path.defaulted ? 'no path condition (PathPrefix /)' : p.detail);
  if (m.method !== undefined && dialect.ignoreMethod) parts.push(`method ${m.method} not checked: ${dialect.ignoreMethod}`);
  else if (m.method !== undefined) {
    if (m.method !== req.method) return { ok: false, detail: `method ${m.method} is required, the request is ${req.method}` };
    parts.push(`method ${m.method}`);
  }
  for (const h of m.headers) {
    const v = headerMatches(cluster, h, req, dialect);
    if (!v.ok) return v;
    parts.push(v.detail);
  }
  if (m.queryParams.length && dialect.ignoreQuery) parts.push(`query ${m.queryParams.map((q) => q.name).join(', ')} not checked: ${dialect.ignoreQuery}`);
  else for (const q of m.queryParams) {
    const v = queryMatches(cluster, q, req, dialect);
    if (!v.ok) return v;
    parts.push(v.detail);
  }
  return { ok: true, detail: parts.join('; ') };
}

/** GRPCMethodMatch: Exact compares service and method as written; RegularExpression matches each whole. */
export function grpcMatchHolds(cluster: Cluster, m: GRPCRouteMatch, req: NormalizedRequest, dialect: MatchDialect = PORTABLE_DIALECT): MatchVerdict {
  const call = req.grpc;
  if (!call) return { ok: false, detail: 'the request is not a gRPC call (no /package.Service/Method path with content-type application/grpc)' };
  const parts: string[] = [];
  if (m.method) {
    const { type, service, method } = m.method;
    for (const [what, want, got] of [['service', service, call.service], ['method', method, call.method]] as const) {
      if (want === undefined) continue;
      if (type === 'RegularExpression') {
        const r = dialectRegexMatch(cluster, dialect.engine, dialect.value, want, got);
        if (r.error) return { ok: false, detail: `${what}: ${r.error}` };
        if (!r.ok) return { ok: false, detail: `${what} ${got} does not match ${want}` };
      } else if (want !== got) {
        return { ok: false, detail: `${what} ${want} is required, the call is ${what === 'service' ? call.service : call.method}` };
      }
      parts.push(`${what} ${type === 'RegularExpression' ? '~ ' : ''}${want}`);
    }
  } else {
    parts.push('any service and method');
  }
  for (const h of m.headers) {
    const v = headerMatches(cluster, h, req, dialect);
    if (!v.ok) return v;
    parts.push(v.detail);
  }
  return { ok: true, detail: parts.join('; ') };
}

/** One-line label of a match, e.g. "PathPrefix /v2, header version=two, GET". */
export function describeHttpMatch(m: HTTPRouteMatch): string {
  const parts = [`${m.path.type} ${m.path.value}`];
  if (m.method) parts.push(m.method);
  for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'RegularExpression' ? '~' : '='}${h.value}`);
  for (const q of m.queryParams) parts.push(`query ${q.name}${q.type === 'RegularExpression' ? '~' : '='}${q.value}`);
  return parts.join(', ');
}

export function describeGrpcMatch(m: GRPCRouteMatch | undefined): string {
  if (!m) return 'every gRPC call';
  const parts: string[] = [];
  if (m.method) parts.push(`${m.method.service ?? '*'}/${m.method.method ?? '*'}${m.method.type === 'RegularExpression' ? ' (regex)' : ''}`);
  for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'RegularExpression' ? '~' : '='}${h.value}`);
  return parts.join(', ') || 'every gRPC call';
}
