// A generated request set that probes a config where routing decisions change:
// each host (and, for wildcards, one label deeper and the bare domain), each path
// at its boundaries (itself, trailing slash, a sub-path, a longer string, another
// case), and the header, query and method conditions of Gateway API routes.
// Comparison, conversion proofs, diffs and lint all trace this same set, so a
// difference found by one is reproducible by the others.
import type { Cluster } from '../model/cluster.js';
import type { RequestInput } from '../model/request.js';
import { asArray, asRecord, asString } from '../parse/context.js';

export interface GeneratedRequest extends RequestInput {
  /** why this request is in the set ("boundary of Prefix /api on shop.example.com") */
  why: string;
}

export interface GenerateOptions {
  /** most requests returned (default 2000); the set is cut deterministically */
  limit?: number;
}

/** Host used for requests that name no configured host. */
export const UNKNOWN_HOST = 'unmatched-host.example.net';

interface Probe {
  host: string;
  path: string;
  tls: boolean;
  why: string;
  method?: string;
  headers?: Record<string, string>;
  query?: string;
}

/** Concrete hosts that exercise a configured host: itself, or for `*.d` one label, two labels and the bare domain. */
export function hostSamples(host: string | undefined): string[] {
  if (!host) return [UNKNOWN_HOST];
  const h = host.toLowerCase();
  if (!h.startsWith('*.')) return [h];
  const domain = h.slice(2);
  return [`app.${domain}`, `a.b.${domain}`, domain];
}

/** Best-effort concrete path for a regular expression path (nginx/HAProxy/Gateway API regex). */
export function regexSample(path: string): string {
  let s = path.replace(/^\^/, '').replace(/\$$/, '');
  s = s.replace(/\(\?i\)/g, '');
  s = s.replace(/\(\/\|\$\)/g, '/');
  s = s.replace(/\((?:\?:)?([^()|]*)\|[^()]*\)/g, '$1');
  s = s.replace(/\[[^\]]*0-9[^\]]*\][+*]?(\{\d+(,\d*)?\})?/g, '1');
  s = s.replace(/\[[^\]]*a-z[^\]]*\][+*]?(\{\d+(,\d*)?\})?/gi, 'a');
  s = s.replace(/\[[^\]]*\][+*]?/g, 'a');
  s = s.replace(/\\d[+*]?(\{\d+(,\d*)?\})?/g, '1');
  s = s.replace(/\\w[+*]?/g, 'a');
  s = s.replace(/\.\*|\.\+/g, 'x');
  s = s.replace(/\(([^()]*)\)[?*]/g, '$1');
  s = s.replace(/[()]/g, '').replace(/\\(.)/g, '$1').replace(/[?*+]/g, '').replace(/\{\d+(,\d*)?\}/g, '');
  s = s.replace(/\.(?=[/]|$)/g, 'x');
  if (!s.startsWith('/')) s = `/${s}`;
  return s.replace(/\/{2,}/g, '/');
}

const REGEX_CHARS = /[()[\]{}*+?|^$\\]/;

/** Paths on both sides of each boundary of a rule path. */
export function pathSamples(path: string, kind: 'exact' | 'prefix' | 'regex'): Array<[string, string]> {
  if (kind === 'regex' || REGEX_CHARS.test(path)) {
    const p = regexSample(path);
    return [
      [p, `a path the regular expression ${path} matches`],
      [`${p}/sub`, `a longer path under ${path}`],
      [p.toUpperCase(), `${path} in other case`],
    ];
  }
  const base = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const out: Array<[string, string]> = [[path, `the path ${path} itself`]];
  if (base === '/' || base === '') {
    out.push(['/', 'the root path'], ['/anything', 'a path under /']);
    return out;
  }
  out.push(
    [path.endsWith('/') ? base : `${base}/`, `${path} with${path.endsWith('/') ? 'out' : ''} a trailing slash`],
    [`${base}/sub`, `a sub-path of ${path}`],
    [`${base}x`, `${path} followed by more characters (not a path element boundary)`],
    [base.toUpperCase(), `${path} in upper case`],
  );
  if (kind === 'exact') out.push([`${base}/`, `${path} plus a trailing slash`]);
  return out;
}

function* ingressProbes(cluster: Cluster): Generator<Probe> {
  for (const ing of cluster.ingresses) {
    const tlsHosts = new Set(ing.tls.flatMap((t) => t.hosts.map((h) => h.toLowerCase())));
    for (const rule of ing.rules) {
      const hosts = hostSamples(rule.host);
      const tls = !!rule.host && tlsHosts.has(rule.host.toLowerCase());
      for (const host of hosts) {
        yield { host, path: '/', tls, why: `root of host ${rule.host ?? '(any)'}` };
        for (const p of rule.paths) {
          const kind = p.pathType === 'Exact' ? 'exact' : p.pathType === 'Prefix' ? 'prefix' : REGEX_CHARS.test(p.path) ? 'regex' : 'prefix';
          for (const [path, why] of pathSamples(p.path, kind)) yield { host, path, tls, why: `${why} on ${host}` };
        }
      }
    }
    if (ing.defaultBackend) yield { host: UNKNOWN_HOST, path: '/some/path', tls: false, why: 'a host no rule names (defaultBackend)' };
  }
}

/** HTTPRoute/GRPCRoute probes read from the raw objects, so they do not depend on how the Gateway engine models them. */
function* gatewayProbes(cluster: Cluster): Generator<Probe> {
  for (const route of cluster.gatewayApi.routes) {
    if (route.kind !== 'HTTPRoute') continue;
    const spec = asRecord(route.raw.spec);
    const hostnames = asArray(spec.hostnames).map(asString).filter((h): h is string => !!h);
    const hosts = hostnames.length ? hostnames.flatMap(hostSamples) : [UNKNOWN_HOST];
    for (const host of hosts) {
      yield { host, path: '/', tls: false, why: `root of ${host}` };
      for (const r of asArray(spec.rules)) {
        const matches = asArray(asRecord(r).matches);
        for (const m of matches) {
          const match = asRecord(m);
          const path = asRecord(match.path);
          const type = asString(path.type) ?? 'PathPrefix';
          const value = asString(path.value) ?? '/';
          const headers: Record<string, string> = {};
          for (const h of asArray(match.headers)) {
            const hh = asRecord(h);
            const name = asString(hh.name);
            const v = asString(hh.value);
            if (name && v !== undefined) headers[name] = asString(hh.type) === 'RegularExpression' ? regexSample(v).slice(1) : v;
          }
          const query = asArray(match.queryParams)
            .map((q) => asRecord(q))
            .filter((q) => asString(q.name))
            .map((q) => `${asString(q.name)}=${asString(q.value) ?? ''}`)
            .join('&');
          const method = asString(match.method);
          const kind = type === 'Exact' ? 'exact' : type === 'RegularExpression' ? 'regex' : 'prefix';
          // Path normalization differs between implementations (merged slashes, dot segments).
          if (kind !== 'regex' && value.length > 1 && value.startsWith('/')) {
            yield { host, path: `/${value}`, tls: false, why: `${value} with a doubled leading slash on ${host}: implementations that merge slashes read it as ${value}` };
          }
          for (const [p, why] of pathSamples(value, kind)) {
            yield { host, path: p, tls: false, why: `${why} on ${host}` };
            if (Object.keys(headers).length || query || method) {
              yield { host, path: p, tls: false, why: `${why} on ${host}, with the rule's headers/query/method`, headers, query: query || undefined, method };
            }
          }
        }
      }
    }
  }
}

/** Identity of a request in a set: method, URL and headers. */
export function requestKey(r: RequestInput): string {
  return `${r.method ?? 'GET'} ${r.url} ${JSON.stringify(r.headers ?? {})}`;
}

/** The requests of several sets, each once, in order of first appearance. */
export function mergeRequests<R extends RequestInput>(...sets: R[][]): R[] {
  const seen = new Set<string>();
  return sets.flat().filter((r) => {
    const key = requestKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function generateRequests(cluster: Cluster, options: GenerateOptions = {}): GeneratedRequest[] {
  const limit = options.limit ?? 2000;
  const out: GeneratedRequest[] = [];
  const seen = new Set<string>();
  const push = (r: GeneratedRequest) => {
    const key = requestKey(r);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  // The probes are made as they are read, and reading stops at the limit: a cluster dump
  // has hundreds of thousands of them, and capabilities asks for the first 500.
  for (const probes of [ingressProbes(cluster), gatewayProbes(cluster)]) {
    for (const p of probes) {
      if (out.length >= limit) return out.slice(0, limit);
      const url = `http://${p.host}${p.path}${p.query ? `?${p.query}` : ''}`;
      push({ url, method: p.method, headers: p.headers, why: p.why });
      if (p.tls) push({ url: `https://${p.host}${p.path}`, method: p.method, headers: p.headers, why: `${p.why}, over HTTPS` });
    }
  }
  return out.slice(0, limit);
}
