// Traefik middlewares on an Ingress router: the router.middlewares annotation names
// them, Traefik runs them in that order after the router has matched, and each may
// change the request the backend sees or answer the request itself.
// Sources (traefik/traefik):
// - reference/routing-configuration/kubernetes/ingress.md: router.middlewares, a
//   comma-separated list of "name@provider"; a Middleware of the Kubernetes CRD
//   provider is named "<namespace>-<name>@kubernetescrd";
// - reference/routing-configuration/kubernetes/crd/http/middleware.md: the Middleware
//   kind; chain references resolve in the Middleware's namespace, and other namespaces
//   need allowCrossNamespace (false by default);
// - reference/routing-configuration/http/middlewares/*.md and pkg/middlewares/* for the
//   exact behaviour of each type (stripPrefix compares characters and keeps a leading
//   "/", redirects answer 302/307, or 301/308 when permanent, and only when the URL
//   changes; replacePathRegex needs a non-empty replacement);
// - a router whose middleware does not exist or cannot be built is not created, so
//   the request falls to the next router (or 404) (pkg/server/router: errors on the
//   router's middlewares are critical).
import type { Cluster } from '../../../model/cluster.js';
import type { NormalizedRequest } from '../../../model/request.js';
import type { ObjectRef } from '../../../model/resources.js';
import type { SourceRef } from '../../../model/source.js';
import type { MiddlewareConfig, TraefikMiddleware } from '../../../model/traefik.js';
import type { ReasonCode } from '../../../trace/reasons.js';
import type { TraceBuilder } from '../../../trace/builder.js';
import { cached } from '../../../model/cluster.js';
import type { Annotation } from '../annotations.js';
import { compileRegex, type CompiledRegex, type SafeRegExp } from '../regex.js';

/** The Ingress provider's own name: a reference without "@provider" is looked up there. */
const INGRESS_PROVIDER = 'kubernetes';
const CRD_PROVIDER = 'kubernetescrd';
const MAX_CHAIN_DEPTH = 20;

/** One middleware in the order Traefik runs it, with what the trace needs to show it. */
export interface ResolvedMiddleware {
  /** the name as Traefik knows it ("apps-strip@kubernetescrd") */
  name: string;
  /** undefined: defined by a provider outside the manifests (file, docker ...) */
  object?: TraefikMiddleware;
  config?: MiddlewareConfig;
  /** compiled once per config, for the regex types */
  regexes?: CompiledRegex[];
  /** "chain apps-secure > " when it runs as part of a chain */
  via: string;
}

export type MiddlewareResolution =
  | { ok: true; chain: ResolvedMiddleware[] }
  | { ok: false; reason: Extract<ReasonCode, 'MiddlewareMissing' | 'MiddlewareInvalid'>; why: string; source?: SourceRef };

export function middlewareRef(m: TraefikMiddleware): ObjectRef {
  return { kind: 'Middleware', namespace: m.meta.namespace, name: m.meta.name };
}

/** Middlewares by the name the CRD provider gives them ("<namespace>-<name>"); names can collide. */
function crdNames(cluster: Cluster): Map<string, TraefikMiddleware[]> {
  return cached(cluster, 'traefik middlewares', () => {
    const byName = new Map<string, TraefikMiddleware[]>();
    for (const m of cluster.traefikMiddlewares) {
      const key = `${m.meta.namespace}-${m.meta.name}`;
      const list = byName.get(key);
      if (list) list.push(m);
      else byName.set(key, [m]);
    }
    return byName;
  });
}

function byObjectName(cluster: Cluster, namespace: string, name: string): TraefikMiddleware | undefined {
  return cluster.traefikMiddlewares.find((m) => m.meta.namespace === namespace && m.meta.name === name);
}

/** Why Traefik cannot build this middleware, if it cannot; regexes compiled on the way. */
function buildProblem(cluster: Cluster, m: TraefikMiddleware, out: ResolvedMiddleware): string | undefined {
  const c = m.config;
  if (!c) return 'it names no single middleware type under spec';
  const compile = (sources: string[]) => {
    out.regexes = sources.map((s) => compileRegex(goRegex(s.trim())));
    const bad = out.regexes.find((r) => !r.ok);
    return bad && !bad.ok ? `the regular expression ${bad.source} does not compile (${bad.error})` : undefined;
  };
  switch (c.type) {
    case 'addPrefix':
      return c.prefix ? undefined : 'addPrefix.prefix is empty ("prefix cannot be empty")';
    case 'redirectScheme':
      return c.scheme ? undefined : 'redirectScheme.scheme is empty ("you must provide a target scheme")';
    case 'stripPrefixRegex':
      return compile(c.regex);
    case 'replacePathRegex':
    case 'redirectRegex':
      return compile([c.regex]);
    case 'basicAuth':
    case 'digestAuth':
      if (!c.secret) return `${c.type}.secret is not set`;
      return cluster.secrets.has(`${m.meta.namespace}/${c.secret}`) ? undefined : `${c.type}.secret names Secret ${m.meta.namespace}/${c.secret}, which is not in the manifests`;
    default:
      return undefined;
  }
}

/**
 * The middlewares a router runs, chains expanded, or why the router cannot exist.
 * `namespace` is the Ingress's (a chain's members are looked up in the chain's namespace).
 */
export function resolveMiddlewares(cluster: Cluster, annotation: Annotation): MiddlewareResolution {
  const chain: ResolvedMiddleware[] = [];
  const fail = (reason: 'MiddlewareMissing' | 'MiddlewareInvalid', why: string, source?: SourceRef): MiddlewareResolution => ({ ok: false, reason, why, source: source ?? annotation.source });

  const add = (ref: string, via: string, depth: number, chainNs?: string): MiddlewareResolution | undefined => {
    const at = ref.lastIndexOf('@');
    const provider = at === -1 ? INGRESS_PROVIDER : ref.slice(at + 1);
    const name = at === -1 ? ref : ref.slice(0, at);
    let found: TraefikMiddleware | undefined;
    if (chainNs !== undefined && at === -1) {
      // Inside a chain: a plain name is a Middleware of the chain's provider and namespace.
      found = byObjectName(cluster, chainNs, name);
      if (!found) return fail('MiddlewareMissing', `${via}${name}: no Middleware ${chainNs}/${name} in the manifests`);
    } else if (provider === CRD_PROVIDER) {
      const hits = crdNames(cluster).get(name) ?? [];
      found = hits[0];
      if (!found) return fail('MiddlewareMissing', `${via}middleware "${name}@${CRD_PROVIDER}" does not exist: no Middleware whose "<namespace>-<name>" is ${name} in the manifests`);
    } else if (provider === INGRESS_PROVIDER) {
      return fail('MiddlewareMissing', `${via}middleware "${name}@${INGRESS_PROVIDER}" does not exist: a name without "@provider" is looked up in the Ingress provider, which defines no middlewares; a Middleware object is "<namespace>-<name>@kubernetescrd"`);
    } else {
      chain.push({ name: `${name}@${provider}`, via });
      return undefined;
    }
    const qualified = `${found.meta.namespace}-${found.meta.name}@${CRD_PROVIDER}`;
    const entry: ResolvedMiddleware = { name: qualified, object: found, config: found.config, via };
    const problem = buildProblem(cluster, found, entry);
    if (problem) return fail('MiddlewareInvalid', `${via}Middleware ${found.meta.namespace}/${found.meta.name} cannot be built: ${problem}`, found.configSource);
    if (found.config?.type === 'chain') {
      if (depth >= MAX_CHAIN_DEPTH) return fail('MiddlewareInvalid', `${via}chain ${qualified} nests more than ${MAX_CHAIN_DEPTH} deep (a chain that includes itself?)`, found.configSource);
      for (const member of found.config.middlewares) {
        if (member.namespace && member.namespace !== found.meta.namespace) {
          return fail('MiddlewareInvalid', `${via}chain ${qualified} names ${member.namespace}/${member.name} in another namespace; the CRD provider refuses cross-namespace references unless allowCrossNamespace is on (off by default)`, found.configSource);
        }
        const r = add(member.name, `${via}chain ${found.meta.namespace}/${found.meta.name} > `, depth + 1, found.meta.namespace);
        if (r) return r;
      }
      return undefined;
    }
    chain.push(entry);
    return undefined;
  };

  for (const ref of annotation.value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const r = add(ref, '', 0);
    if (r) return r;
  }
  return { ok: true, chain };
}

// ---------------------------------------------------------------- per request

/** Go's regexp syntax where JavaScript spells it differently: named groups (?P<name>...). */
function goRegex(source: string): string {
  return source.replace(/\(\?P</g, '(?<');
}

/**
 * Go's Regexp.Expand: $1, ${1}, $name, ${name}; "$$" is a literal "$". A name is the
 * longest run of letters, digits and "_", so "$1x" names group "1x" (which is empty).
 */
export function expandGoTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]*)\}|([A-Za-z0-9_]+))/g, (whole, _all: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

/** Go's Regexp.ReplaceAllString: every non-overlapping match replaced by the expanded template. */
export function replaceAllGo(re: SafeRegExp, src: string, template: string): string {
  let out = '';
  let last = 0;
  for (const m of re.matchAll(src)) {
    out += src.slice(last, m.index) + expandGoTemplate(template, m);
    last = m.index + m[0].length;
  }
  return out + src.slice(last);
}

const ensureLeadingSlash = (p: string) => (p === '' || p.startsWith('/') ? p : `/${p}`);
/** An empty path goes upstream as "/" (Go's URL.RequestURI). */
const requestPath = (p: string) => (p === '' ? '/' : p);

export interface MiddlewareEffect {
  path: string;
  setRequestHeaders: Array<[string, string]>;
  removeRequestHeaders: string[];
  responseHeaders: Array<[string, string]>;
}

export type MiddlewareOutcome =
  | ({ kind: 'continue' } & MiddlewareEffect)
  | { kind: 'redirect'; status: number; location: string; message: string }
  | { kind: 'respond'; status: number; reason: ReasonCode; message: string };

function defaultPort(scheme: string): number {
  return scheme === 'https' ? 443 : 80;
}

/** The URL as the redirect middlewares see it: scheme://host[:port]/path?query, the port only when not the scheme's default. */
function clientUrl(req: NormalizedRequest, path: string): string {
  const port = req.port !== defaultPort(req.protocol) ? `:${req.port}` : '';
  return `${req.protocol}://${req.host}${port}${path}${req.query}`;
}

function redirectStatus(permanent: boolean, method: string): number {
  const get = method === 'GET';
  return permanent ? (get ? 301 : 308) : get ? 302 : 307;
}

/** Runs the router's middlewares in order; each writes one step to the trace. */
export function applyMiddlewares(tb: TraceBuilder, req: NormalizedRequest, chain: ResolvedMiddleware[]): MiddlewareOutcome {
  const fx: MiddlewareEffect = { path: req.path, setRequestHeaders: [], removeRequestHeaders: [], responseHeaders: [] };
  const setHeader = (name: string, value: string) => {
    fx.setRequestHeaders = fx.setRequestHeaders.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
    fx.removeRequestHeaders = fx.removeRequestHeaders.filter((n) => n !== name.toLowerCase());
    fx.setRequestHeaders.push([name, value]);
  };
  const hasHeader = (name: string) => req.headers.some(([n]) => n === name) && !fx.removeRequestHeaders.includes(name);

  for (const mw of chain) {
    const step = (kind: 'rewrite' | 'redirect' | 'filter' | 'response' | 'note', summary: string, status: 'ok' | 'info' | 'warn' | 'fail', notes?: string[], reason: ReasonCode = 'MiddlewareApplied') =>
      tb.add({ kind, summary: `${mw.via}middleware ${mw.name}: ${summary}`, reason, status, object: mw.object ? middlewareRef(mw.object) : undefined, source: mw.object?.configSource, notes });
    const c = mw.config;
    if (!c) {
      step('note', 'defined outside the manifests (another Traefik provider), so RouteLab assumes it exists and does not simulate it', 'info');
      continue;
    }
    const before = fx.path;
    switch (c.type) {
      case 'stripPrefix': {
        // Characters, not path elements: prefix /api also strips /apiv2 to /v2.
        const prefix = c.prefixes.find((p) => fx.path.startsWith(p));
        if (prefix === undefined) {
          step('rewrite', `none of the prefixes ${c.prefixes.join(', ') || '(none)'} starts ${before}, so the path is unchanged`, 'info');
          break;
        }
        fx.path = requestPath(ensureLeadingSlash(fx.path.slice(prefix.length)));
        setHeader('X-Forwarded-Prefix', prefix.trim());
        step('rewrite', `stripPrefix ${prefix}: ${before} -> ${fx.path}; X-Forwarded-Prefix: ${prefix.trim()}`, 'ok', prefix.endsWith('/') || fx.path === '/' || before[prefix.length] === '/' ? undefined : [`stripPrefix compares characters, not path elements: ${prefix} also strips the start of ${before}`]);
        break;
      }
      case 'stripPrefixRegex': {
        let done = false;
        for (const r of mw.regexes ?? []) {
          if (!r.ok) continue;
          const m = r.re.exec(fx.path);
          if (!m || m[0] === '' || !fx.path.startsWith(m[0])) continue;
          fx.path = requestPath(ensureLeadingSlash(fx.path.replace(m[0], '')));
          setHeader('X-Forwarded-Prefix', m[0]);
          step('rewrite', `stripPrefixRegex ${r.source} matches ${m[0]} at the start: ${before} -> ${fx.path}; X-Forwarded-Prefix: ${m[0]}`, 'ok');
          done = true;
          break;
        }
        if (!done) step('rewrite', `no regex of ${c.regex.join(', ')} matches at the start of ${before}, so the path is unchanged`, 'info');
        break;
      }
      case 'addPrefix':
        fx.path = ensureLeadingSlash(c.prefix + fx.path);
        step('rewrite', `addPrefix ${c.prefix}: ${before} -> ${fx.path}`, 'ok');
        break;
      case 'replacePath':
        setHeader('X-Replaced-Path', before);
        fx.path = requestPath(c.path);
        step('rewrite', `replacePath: ${before} -> ${fx.path}; X-Replaced-Path: ${before}`, 'ok');
        break;
      case 'replacePathRegex': {
        const r = mw.regexes?.[0];
        if (!r?.ok || !c.replacement) {
          step('rewrite', `replacePathRegex has an empty replacement, so Traefik leaves ${before} unchanged`, 'info');
          break;
        }
        if (!r.re.test(before)) {
          step('rewrite', `replacePathRegex ${r.source} does not match ${before}, so the path is unchanged`, 'info');
          break;
        }
        setHeader('X-Replaced-Path', before);
        fx.path = requestPath(replaceAllGo(r.re, before, c.replacement));
        step('rewrite', `replacePathRegex ${r.source} -> ${c.replacement}: ${before} -> ${fx.path}; X-Replaced-Path: ${before}`, 'ok');
        break;
      }
      case 'redirectScheme': {
        const from = clientUrl(req, fx.path);
        const port = c.port && !(c.scheme === 'http' && c.port === '80') && !(c.scheme === 'https' && c.port === '443') ? `:${c.port}` : '';
        const to = `${c.scheme}://${req.host}${port}${fx.path}${req.query}`;
        if (to === from) {
          step('redirect', `the request is already ${from}, so redirectScheme lets it through`, 'info');
          break;
        }
        const status = redirectStatus(c.permanent, req.method);
        step('redirect', `redirectScheme to ${c.scheme}${port}: ${status} to ${to}`, 'ok', [`${c.permanent ? 'permanent: 301 for GET, 308 otherwise' : 'not permanent: 302 for GET, 307 otherwise'}`]);
        return { kind: 'redirect', status, location: to, message: `${status} redirect to ${to} (Traefik middleware ${mw.name})` };
      }
      case 'redirectRegex': {
        const r = mw.regexes?.[0];
        const from = clientUrl(req, fx.path);
        if (!r?.ok) break;
        if (!r.re.test(from)) {
          step('redirect', `redirectRegex ${r.source} does not match ${from}, so no redirect`, 'info');
          break;
        }
        const to = replaceAllGo(r.re, from, c.replacement);
        if (to === from) {
          step('redirect', `redirectRegex rewrites ${from} to itself, so no redirect`, 'info');
          break;
        }
        const status = redirectStatus(c.permanent, req.method);
        step('redirect', `redirectRegex ${r.source} -> ${c.replacement}: ${status} to ${to}`, 'ok');
        return { kind: 'redirect', status, location: to, message: `${status} redirect to ${to} (Traefik middleware ${mw.name})` };
      }
      case 'headers': {
        const parts: string[] = [];
        for (const [n, v] of c.request) {
          if (v === '') {
            fx.setRequestHeaders = fx.setRequestHeaders.filter(([k]) => k.toLowerCase() !== n.toLowerCase());
            fx.removeRequestHeaders.push(n.toLowerCase());
            parts.push(`removes request header ${n}`);
          } else {
            setHeader(n, v);
            parts.push(`sets request header ${n}: ${v}`);
          }
        }
        for (const [n, v] of c.response) {
          if (v !== '') {
            fx.responseHeaders.push([n.toLowerCase(), v]);
            parts.push(`sets response header ${n}: ${v}`);
          } else parts.push(`removes response header ${n}`);
        }
        step('filter', parts.length ? parts.join('; ') : 'no custom headers', parts.length ? 'ok' : 'info', c.other.length ? [`${c.other.join(', ')}: security and CORS header options are not simulated`] : undefined);
        break;
      }
      case 'basicAuth':
      case 'digestAuth':
        if (!hasHeader('authorization')) {
          step('response', `${c.type}: the request carries no Authorization header, so Traefik answers 401 and asks for credentials`, 'fail', undefined, 'AuthenticationRequired');
          return { kind: 'respond', status: 401, reason: 'AuthenticationRequired', message: `401 Unauthorized: the ${c.type} middleware ${mw.name} wants credentials` };
        }
        step('filter', `${c.type}: the request carries an Authorization header; RouteLab does not check credentials and lets it through`, 'info');
        break;
      case 'chain':
        break; // expanded when resolved
      case 'other':
        step('note', `${c.name} runs here; it does not choose the backend, and RouteLab does not simulate it`, 'info');
        break;
    }
  }
  return { kind: 'continue', ...fx };
}
