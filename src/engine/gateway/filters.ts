// HTTPRoute / GRPCRoute filters, applied in the order written (HTTPRouteRule.Filters:
// "Wherever possible, implementations SHOULD implement filters in the order they are
// specified"), rule filters first, then the filters of the backendRef the request goes
// to ("Filters defined at this level should be executed if and only if the request is
// being forwarded to the backend defined here"). Each filter writes one trace step.
import type { Cluster } from '../model/cluster.js';
import { cached as cachedValue } from '../model/cluster.js';
import type { BackendObjectRef, GatewayRoute, HeaderModifier, PathModifier, RouteFilter } from '../model/gateway.js';
import type { NormalizedRequest } from '../model/request.js';
import { headerValue } from '../model/request.js';
import { trimTrailingSlashes } from '../match/path.js';
import type { TraceBuilder } from '../trace/builder.js';
import type { ObjectRef } from '../model/resources.js';
import { checkBackendRef, describeBackendRef, type BackendCheck } from './backends.js';
import { ENVOY_GATEWAY_GROUP } from '../model/envoy.js';
import type { SourceRef } from '../model/source.js';
import type { ReasonCode } from '../trace/reasons.js';
import { RE2JS } from 're2js';

/** The request as it is being forwarded, and the response headers the Gateway adds. */
export interface Exchange {
  scheme: string;
  host: string;
  /** path without query */
  path: string;
  query: string;
  /** lower-case names, in order; repeated names are kept (HTTP folds them with ",") */
  headers: Array<[string, string]>;
  responseHeaders: Array<[string, string]>;
  mirrors: Array<{ ref: BackendObjectRef; check: BackendCheck; percent: number }>;
  redirect?: { location: string; status: number };
  /** the Gateway answers itself (CORS preflight, a filter it cannot program) */
  respond?: { status: number; why: string; reason?: ReasonCode };
  rewrites: string[];
}

export interface FilterContext {
  cluster: Cluster;
  tb: TraceBuilder;
  request: NormalizedRequest;
  route: GatewayRoute;
  routeRef: ObjectRef;
  ruleId: string;
  /** the PathPrefix value of the match that selected the rule (ReplacePrefixMatch) */
  matchedPrefix?: string;
  /** the port of the listener that took the request (redirect port default) */
  listenerPort: number;
  /** "rule" or "backendRef name" */
  level: string;
}

export function newExchange(req: NormalizedRequest): Exchange {
  return {
    scheme: req.scheme === 'grpc' ? 'http' : req.scheme === 'grpcs' ? 'https' : req.scheme,
    host: req.host,
    path: req.path,
    query: req.query,
    headers: req.headers.filter(([n]) => n !== 'host' && n !== ':authority'),
    responseHeaders: [],
    mirrors: [],
    rewrites: [],
  };
}

/** HTTPHeaderFilter: set overwrites every value, add appends, remove drops; names are case-insensitive. */
export function modifyHeaders(list: Array<[string, string]>, m: HeaderModifier): { list: Array<[string, string]>; changes: string[] } {
  let out = list;
  const changes: string[] = [];
  for (const { name, value } of m.set) {
    const n = name.toLowerCase();
    const had = out.some(([k]) => k === n);
    out = out.filter(([k]) => k !== n);
    out.push([n, value]);
    changes.push(`set ${name}: ${value}${had ? ' (replaces the value sent)' : ''}`);
  }
  for (const { name, value } of m.add) {
    const n = name.toLowerCase();
    const had = headerValue(out, n);
    out = [...out, [n, value]];
    changes.push(`add ${name}: ${value}${had !== undefined ? ` (appended: ${had},${value})` : ''}`);
  }
  for (const name of m.remove) {
    const n = name.toLowerCase();
    const had = out.some(([k]) => k === n);
    out = out.filter(([k]) => k !== n);
    changes.push(`remove ${name}${had ? '' : ' (not present)'}`);
  }
  return { list: out, changes };
}

/**
 * HTTPPathModifier. ReplacePrefixMatch replaces the matched prefix element-wise, following
 * the table in httproute_types.go (/foo/bar with prefix /foo and replacement /xyz/ ->
 * /xyz/bar; /foo with replacement "" -> /).
 */
export function modifyPath(path: string, m: PathModifier, matchedPrefix: string | undefined): string {
  if (m.type === 'ReplaceFullPath') return m.replaceFullPath ?? path;
  if (m.type === 'ReplacePrefixMatch' && matchedPrefix !== undefined) {
    const prefix = trimTrailingSlashes(matchedPrefix);
    const rest = path.slice(prefix.length);
    const out = trimTrailingSlashes(m.replacePrefixMatch ?? '') + rest;
    if (out === '') return '/';
    return out.startsWith('/') ? out : `/${out}`;
  }
  return path;
}

const WELL_KNOWN_PORTS: Record<string, number> = { http: 80, https: 443 };

/**
 * RequestRedirect Location: scheme, hostname and path default to the request's; the port
 * "MUST be the well-known port associated with the redirect scheme" when a scheme is set,
 * else "the Gateway Listener port"; and it is left out for http:80 and https:443.
 */
export function redirectLocation(
  ex: Exchange,
  f: Extract<RouteFilter, { type: 'RequestRedirect' }>,
  listenerPort: number,
  matchedPrefix: string | undefined,
): { location: string; portWhy: string } {
  const scheme = f.scheme ?? ex.scheme;
  const host = f.hostname ?? ex.host;
  let port: number;
  let portWhy: string;
  if (f.port !== undefined) {
    port = f.port;
    portWhy = `port ${port} from the filter`;
  } else if (f.scheme !== undefined) {
    port = WELL_KNOWN_PORTS[f.scheme] ?? listenerPort;
    portWhy = `no port given: the well-known port ${port} of scheme ${f.scheme}`;
  } else {
    port = listenerPort;
    portWhy = `no port or scheme given: the listener port ${port}`;
  }
  const omit = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  const path = f.path ? modifyPath(ex.path, f.path, matchedPrefix) : ex.path;
  return { location: `${scheme}://${host}${omit ? '' : `:${port}`}${path}${ex.query}`, portWhy: omit ? `${portWhy} (left out of the Location, the default for ${scheme})` : portWhy };
}

/** CORS origin matching (HTTPCORSFilter.AllowOrigins): `*` in the host is a greedy match to the left. */
export function corsOriginAllowed(pattern: string, origin: string): boolean {
  if (pattern === '*') return true;
  const parse = (o: string) => {
    const m = /^([a-z][a-z0-9+.-]*):\/\/([^/:]+)(?::(\d+))?\/?$/i.exec(o.trim());
    if (!m) return undefined;
    const scheme = m[1].toLowerCase();
    return { scheme, host: m[2].toLowerCase(), port: m[3] ? Number(m[3]) : WELL_KNOWN_PORTS[scheme] };
  };
  const p = parse(pattern);
  const o = parse(origin);
  if (!p || !o || p.scheme !== o.scheme || p.port !== o.port) return false;
  if (!p.host.includes('*')) return p.host === o.host;
  const re = new RegExp(`^${p.host.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(o.host);
}

function corsHeaders(f: Extract<RouteFilter, { type: 'CORS' }>, req: NormalizedRequest, preflight: boolean): { allowed: boolean; headers: Array<[string, string]>; why: string } {
  const origin = headerValue(req.headers, 'origin')!;
  const pattern = f.allowOrigins.find((p) => corsOriginAllowed(p, origin));
  if (!pattern) return { allowed: false, headers: [], why: `Origin ${origin} is not in allowOrigins (${f.allowOrigins.join(', ') || 'none'}); no CORS headers are added` };
  const h: Array<[string, string]> = [];
  // "If the request Origin matches ... the gateway sets Access-Control-Allow-Origin to the same value as the Origin header."
  h.push(['access-control-allow-origin', origin]);
  if (f.allowCredentials) h.push(['access-control-allow-credentials', 'true']);
  if (preflight) {
    const reqMethod = headerValue(req.headers, 'access-control-request-method');
    if (f.allowMethods.includes('*')) {
      // With a wildcard the header may be "*" or echo the requested method; with credentials it must echo.
      if (reqMethod) h.push(['access-control-allow-methods', reqMethod]);
    } else if (f.allowMethods.length) h.push(['access-control-allow-methods', f.allowMethods.join(', ')]);
    const reqHeaders = headerValue(req.headers, 'access-control-request-headers');
    if (f.allowHeaders.includes('*')) {
      if (reqHeaders) h.push(['access-control-allow-headers', reqHeaders]);
    } else if (f.allowHeaders.length) h.push(['access-control-allow-headers', f.allowHeaders.join(', ')]);
    h.push(['access-control-max-age', String(f.maxAge)]);
  } else if (f.exposeHeaders.length) {
    h.push(['access-control-expose-headers', f.exposeHeaders.join(', ')]);
  }
  return { allowed: true, headers: h, why: `Origin ${origin} matches allowOrigins entry ${pattern}` };
}

/** Applies filters in order; stops at a redirect or a Gateway-generated response. */
export function applyFilters(ctx: FilterContext, ex: Exchange, filters: RouteFilter[]): void {
  const { tb, request: req } = ctx;
  const at = ctx.level === 'rule' ? '' : ` on ${ctx.level}`;
  for (const f of filters) {
    if (ex.redirect || ex.respond) {
      tb.add({ kind: 'filter', summary: `${f.type === 'Unsupported' ? f.typeName : f.type}${at}: not applied, the request was already answered`, reason: 'FilterApplied', status: 'info', object: ctx.routeRef, source: f.source });
      continue;
    }
    switch (f.type) {
      case 'RequestHeaderModifier': {
        const r = modifyHeaders(ex.headers, f.modifier);
        ex.headers = r.list;
        tb.add({ kind: 'filter', summary: `RequestHeaderModifier${at}: ${r.changes.join('; ') || 'no changes'}`, reason: 'FilterApplied', status: 'ok', object: ctx.routeRef, source: f.source });
        break;
      }
      case 'ResponseHeaderModifier': {
        const r = modifyHeaders(ex.responseHeaders, f.modifier);
        ex.responseHeaders = r.list;
        tb.add({
          kind: 'filter',
          summary: `ResponseHeaderModifier${at}: ${r.changes.join('; ') || 'no changes'}`,
          reason: 'FilterApplied',
          status: 'ok',
          object: ctx.routeRef,
          source: f.source,
          notes: ['applies to the backend response: set and remove also act on headers the backend sends, which RouteLab cannot see'],
        });
        break;
      }
      case 'RequestRedirect': {
        const { location, portWhy } = redirectLocation(ex, f, ctx.listenerPort, ctx.matchedPrefix);
        ex.redirect = { location, status: f.statusCode };
        tb.add({
          kind: 'redirect',
          summary: `RequestRedirect${at}: ${f.statusCode} to ${location}`,
          reason: 'Redirected',
          status: 'ok',
          object: ctx.routeRef,
          source: f.source,
          notes: [
            `scheme ${f.scheme ?? `${ex.scheme} (the request's)`}, hostname ${f.hostname ?? `${ex.host} (the request Host)`}, ${portWhy}`,
            f.path ? `path ${f.path.type} -> ${modifyPath(ex.path, f.path, ctx.matchedPrefix)}` : 'path unchanged',
          ],
          facts: { status: f.statusCode, location },
        });
        break;
      }
      case 'URLRewrite': {
        const changes: string[] = [];
        if (f.hostname) {
          changes.push(`Host ${ex.host} -> ${f.hostname}`);
          ex.host = f.hostname;
        }
        if (f.path) {
          const next = modifyPath(ex.path, f.path, ctx.matchedPrefix);
          changes.push(f.path.type === 'ReplacePrefixMatch' ? `path ${ex.path} -> ${next} (prefix ${ctx.matchedPrefix} replaced by "${f.path.replacePrefixMatch}")` : `path ${ex.path} -> ${next} (ReplaceFullPath)`);
          ex.path = next;
        }
        ex.rewrites.push(...changes);
        tb.add({ kind: 'rewrite', summary: `URLRewrite${at}: ${changes.join('; ') || 'no changes'}`, reason: 'FilterApplied', status: 'ok', object: ctx.routeRef, source: f.source });
        break;
      }
      case 'RequestMirror': {
        const check = checkBackendRef(ctx.cluster, ctx.route, f.backendRef);
        const target = describeBackendRef(f.backendRef, ctx.route.meta.namespace);
        const share = f.fraction ? `${f.fraction.numerator}/${f.fraction.denominator} (${+f.percent.toFixed(2)}%)` : `${+f.percent.toFixed(2)}%`;
        if (check.ok) ex.mirrors.push({ ref: f.backendRef, check, percent: f.percent });
        tb.add({
          kind: 'mirror',
          summary: check.ok
            ? `RequestMirror${at}: ${share} of requests are copied to ${target}; its responses are ignored`
            : `RequestMirror${at}: nothing is mirrored to ${target}: ${check.message}`,
          reason: check.ok ? 'Mirrored' : check.reason === 'RefNotPermitted' ? 'BackendRefNotPermitted' : 'BackendRefNotFound',
          status: check.ok ? 'ok' : 'warn',
          object: ctx.routeRef,
          source: f.source,
          notes: check.ok ? ['the copy carries the request as modified by the filters before this one, and goes to a single endpoint of the backend'] : undefined,
        });
        break;
      }
      case 'CORS': {
        const origin = headerValue(req.headers, 'origin');
        if (origin === undefined) {
          tb.add({ kind: 'filter', summary: `CORS${at}: the request has no Origin header, so it is not a cross-origin request`, reason: 'FilterApplied', status: 'info', object: ctx.routeRef, source: f.source });
          break;
        }
        const preflight = req.method === 'OPTIONS' && headerValue(req.headers, 'access-control-request-method') !== undefined;
        const c = corsHeaders(f, req, preflight);
        ex.responseHeaders = [...ex.responseHeaders, ...c.headers];
        if (preflight) ex.respond = { status: 200, why: `the Gateway answers the CORS preflight itself (${c.why})` };
        tb.add({
          kind: 'filter',
          summary: `CORS${at}: ${preflight ? 'preflight' : 'cross-origin request'}; ${c.why}${c.headers.length ? `: ${c.headers.map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}`,
          reason: 'FilterApplied',
          status: c.allowed ? 'ok' : 'warn',
          object: ctx.routeRef,
          source: f.source,
          notes: preflight ? ['a preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered by the Gateway with 200 and never reaches the backend'] : undefined,
        });
        break;
      }
      case 'ExtensionRef': {
        const e = f.extensionRef;
        if (e.group === ENVOY_GATEWAY_GROUP && e.kind === 'HTTPRouteFilter' && applyEnvoyFilter(ctx, ex, e.name, at, f.source)) break;
        const known = ctx.cluster.ignored.some((o) => o.kind === e.kind && o.name === e.name && (o.namespace ?? '') === ctx.route.meta.namespace);
        tb.add({
          kind: 'filter',
          summary: `ExtensionRef${at}: ${e.group ? `${e.group}/` : ''}${e.kind} ${e.name} is implementation-specific; RouteLab forwards the request unchanged`,
          reason: 'FilterUnsupported',
          status: 'warn',
          object: ctx.routeRef,
          source: f.source,
          notes: [
            known
              ? `the ${e.kind} object is in the manifests, but what it does depends on the Gateway implementation`
              : `the ${e.kind} object is not in the manifests; if it does not exist, the filter "MUST NOT be skipped" and requests get an error response`,
          ],
        });
        break;
      }
      case 'Unsupported':
        // Never reached: rules with unknown filters are dropped (Accepted: UnsupportedValue).
        break;
    }
  }
}

/**
 * Envoy Gateway's HTTPRouteFilter under the envoy-gateway profile: urlRewrite.path
 * ReplaceRegexMatch becomes Envoy's route regex_rewrite, which replaces every part of the
 * path the RE2 pattern matches with the substitution, \1..\9 naming groups
 * (HTTPPathModifier docs in api/v1alpha1; Envoy RouteAction.regex_rewrite, RE2 GlobalReplace).
 * Returns false when it does not apply (another profile, or no such filter), so the
 * ExtensionRef is reported as implementation-specific.
 */
function applyEnvoyFilter(ctx: FilterContext, ex: Exchange, name: string, at: string, source: SourceRef): boolean {
  if (ctx.tb.implementation.name !== 'envoy-gateway') return false;
  const f = ctx.cluster.envoyFilters.find((x) => x.meta.name === name && x.meta.namespace === ctx.route.meta.namespace);
  if (!f) return false;
  const notes = f.other.length ? [`not simulated: ${f.other.join(', ')}`] : [];
  const r = f.regexRewrite;
  if (!r) {
    ctx.tb.add({ kind: 'filter', summary: `ExtensionRef${at}: Envoy Gateway HTTPRouteFilter ${f.meta.namespace}/${f.meta.name} has no path regex rewrite; the request goes on unchanged`, reason: 'FilterApplied', status: 'warn', object: ctx.routeRef, source, notes });
    return true;
  }
  let re: RE2JS;
  try {
    re = cachedRe2(ctx, r.pattern);
  } catch (err) {
    ctx.tb.add({ kind: 'filter', summary: `ExtensionRef${at}: HTTPRouteFilter ${f.meta.namespace}/${f.meta.name}: "${r.pattern}" is not an RE2 expression (${err instanceof Error ? err.message : String(err)}); Envoy Gateway rejects the filter`, reason: 'FilterUnsupported', status: 'fail', object: ctx.routeRef, source: r.source });
    ex.respond = { status: 500, why: `Envoy Gateway cannot program HTTPRouteFilter ${f.meta.name}: its pattern is not RE2`, reason: 'FilterUnsupported' };
    return true;
  }
  const before = ex.path;
  // \N names group N; any other backslash escapes the next character.
  const after = re.matcher(before).replaceAll((...args: unknown[]) => r.substitution.replace(/\\(\d|.)/g, (_, c: string) => (/\d/.test(c) ? String(args[Number(c)] ?? '') : c)));
  ex.path = after;
  if (after !== before) ex.rewrites.push(`path ${before} -> ${after} (Envoy Gateway HTTPRouteFilter regex rewrite)`);
  ctx.tb.add({
    kind: 'rewrite',
    summary: `ExtensionRef${at}: Envoy Gateway HTTPRouteFilter ${f.meta.namespace}/${f.meta.name} rewrites the path with ReplaceRegexMatch ${r.pattern} -> ${r.substitution}: ${before === after ? `${before} unchanged (no match)` : `${before} -> ${after}`}`,
    reason: 'FilterApplied',
    status: 'ok',
    object: ctx.routeRef,
    source: r.source,
    notes: ['Envoy replaces every part of the path the pattern matches (RE2, as regex_rewrite does); the query string is kept', ...notes],
  });
  return true;
}

function cachedRe2(ctx: FilterContext, pattern: string): RE2JS {
  return cachedValue(ctx.cluster, `envoy:rewrite ${pattern}`, () => RE2JS.compile(pattern));
}
