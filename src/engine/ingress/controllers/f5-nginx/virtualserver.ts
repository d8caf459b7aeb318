// F5 NGINX Ingress Controller's VirtualServer and VirtualServerRoute (k8s.nginx.org/v1):
// their status, their locations, and what a request that reaches one gets.
//
// Sources (nginx/kubernetes-ingress):
// - pkg/apis/configuration/validation/virtualserver.go: host required; route paths start
//   with "/", "=", "^~", "~" or "~*" and are unique; a route has exactly one of action,
//   splits or route; an action exactly one of pass, proxy, redirect, return; pass and
//   proxy.upstream name an upstream; redirect.url holds "://" and code is 301, 302, 307 or
//   308; return needs a body; splits are at least two with weights summing to 100; a match
//   has conditions and exactly one of action or splits; a VirtualServerRoute's host is the
//   VirtualServer's and its subroute paths start with the route path that references it.
//   A spec error makes the VirtualServer Invalid ("Rejected"); a bad VirtualServerRoute
//   leaves it Warning, without that route.
// - internal/configs/virtualserver.go: generatePath (regexes are not anchored), pass is
//   proxy_pass with no URI, proxy.rewritePath replaces the matched prefix (a regex path gets
//   `rewrite "^<regex>" "<rewritePath>" break`), redirect defaults to 301, return to 200 and
//   text/plain; matches become maps where the first match whose conditions all hold wins and
//   a value starting with "!" negates; splits use split_clients; tls.redirect.enable sends
//   `if ($scheme = http) { return <code, default 301> https://$host$request_uri; }`.
import type { Cluster } from '../../../model/cluster.js';
import { cached } from '../../../model/cluster.js';
import type { VirtualServer, VirtualServerRoute, VsAction, VsCondition, VsRoute, VsSplit, VsUpstream } from '../../../model/f5.js';
import type { NormalizedRequest } from '../../../model/request.js';
import type { Ingress } from '../../../model/resources.js';
import { makeLocation, type F5Location, type NginxModifier } from './locations.js';

export type VsState = 'Valid' | 'Warning' | 'Invalid';

export interface VsStatus {
  state: VsState;
  reason: string;
  message: string;
}

/** One location of a VirtualServer server: a VS route, or a subroute of a VirtualServerRoute. */
export interface VsLocationValue {
  kind: 'vs';
  route: VsRoute;
  /** the object that holds the route, and whose upstreams it names */
  holder: VirtualServer | VirtualServerRoute;
  vs: VirtualServer;
}

export interface VsServerModel {
  vs: VirtualServer;
  status: VsStatus;
  warnings: string[];
  locations: Array<F5Location<VsLocationValue>>;
  /** VirtualServerRoutes that name this host but are not used, with why */
  unusedRoutes: Array<{ vsr: VirtualServerRoute; why: string }>;
}

const REDIRECT_CODES = [301, 302, 307, 308];

/** "=/x" / "= /x" -> ['=', '/x']; "~ re" -> ['~', 're']; "/x" -> ['', '/x']. */
export function splitRoutePath(path: string): { modifier: NginxModifier; rest: string } | undefined {
  const p = path.trim();
  for (const m of ['^~', '~*', '~', '='] as const) {
    if (p.startsWith(m)) return { modifier: m, rest: p.slice(m.length).trim() };
  }
  return p.startsWith('/') ? { modifier: '', rest: p } : undefined;
}

function actionProblem(a: VsAction | undefined, where: string, upstreams: VsUpstream[]): string | undefined {
  if (!a) return `${where}: must specify an action`;
  const names = new Set(upstreams.map((u) => u.name));
  switch (a.kind) {
    case 'invalid':
      return `${where}: must specify exactly one of pass, proxy, redirect, return${a.fields.length ? ` (has ${a.fields.join(', ')})` : ''}`;
    case 'pass':
    case 'proxy':
      return names.has(a.upstream) ? undefined : `${where}.${a.kind === 'pass' ? 'pass' : 'proxy.upstream'}: Not found: "${a.upstream}" is not an upstream`;
    case 'redirect':
      if (!a.url.includes('://')) return `${where}.redirect.url: "${a.url}" must contain "://"`;
      if (a.code !== undefined && !REDIRECT_CODES.includes(a.code)) return `${where}.redirect.code: ${a.code} is not one of 301, 302, 307, 308`;
      return undefined;
    case 'return':
      if (!a.body) return `${where}.return.body: Required value`;
      if (a.code !== undefined && !((a.code >= 200 && a.code < 300) || (a.code >= 400 && a.code < 600))) return `${where}.return.code: ${a.code} must be 2xx, 4xx or 5xx`;
      return undefined;
  }
}

function splitsProblem(splits: VsSplit[], where: string, upstreams: VsUpstream[]): string | undefined {
  if (splits.length < 2) return `${where}.splits: must have at least 2 splits`;
  let sum = 0;
  for (const [i, s] of splits.entries()) {
    if (s.weight < 0 || s.weight > 100) return `${where}.splits[${i}].weight: must be between 0 and 100`;
    sum += s.weight;
    const p = actionProblem(s.action, `${where}.splits[${i}].action`, upstreams);
    if (p) return p;
  }
  return sum === 100 ? undefined : `${where}.splits: the sum of the weights of all splits must be equal to 100 (it is ${sum})`;
}

/** validateRoute: the problems of one route (a VS route when `allowRoute`, else a subroute). */
function routeProblem(r: VsRoute, where: string, upstreams: VsUpstream[], allowRoute: boolean): string | undefined {
  if (!splitRoutePath(r.path)) return `${where}.path: "${r.path}" must start with /, ~, = or ^~`;
  const sp = splitRoutePath(r.path)!;
  if ((sp.modifier === '~' || sp.modifier === '~*') && !makeLocation(sp.modifier, sp.rest, null).regex?.ok) return `${where}.path: "${sp.rest}" is not a valid regular expression`;
  const ways = [r.action && 'action', r.splits && 'splits', r.route !== undefined && 'route'].filter(Boolean);
  if (ways.length !== 1) return `${where}: must specify exactly one of: action, splits or route${ways.length ? ` (has ${ways.join(', ')})` : ''}`;
  if (r.route !== undefined && !allowRoute) return `${where}.route: is not allowed in a VirtualServerRoute`;
  if (r.route !== undefined && r.matches.length) return `${where}.matches: not allowed together with route`;
  if (r.action) {
    const p = actionProblem(r.action, `${where}.action`, upstreams);
    if (p) return p;
  }
  if (r.splits) {
    const p = splitsProblem(r.splits, where, upstreams);
    if (p) return p;
  }
  for (const [j, m] of r.matches.entries()) {
    const w = `${where}.matches[${j}]`;
    if (m.conditions.length === 0) return `${w}.conditions: must specify at least one condition`;
    for (const [k, c] of m.conditions.entries()) {
      const n = [c.header, c.cookie, c.argument, c.variable].filter((x) => x !== undefined).length;
      if (n !== 1) return `${w}.conditions[${k}]: must specify exactly one of header, cookie, argument or variable`;
    }
    if (!!m.action === !!m.splits) return `${w}: must specify exactly one of action or splits`;
    const p = m.action ? actionProblem(m.action, `${w}.action`, upstreams) : splitsProblem(m.splits!, w, upstreams);
    if (p) return p;
  }
  return undefined;
}

function vsProblem(vs: VirtualServer): string | undefined {
  if (!vs.host) return 'spec.host: Required value';
  if (vs.tls?.redirect?.code !== undefined && !REDIRECT_CODES.includes(vs.tls.redirect.code)) return `spec.tls.redirect.code: ${vs.tls.redirect.code} is not one of 301, 302, 307, 308`;
  const names = new Set<string>();
  for (const [i, u] of vs.upstreams.entries()) {
    if (!u.name) return `spec.upstreams[${i}].name: Required value`;
    if (names.has(u.name)) return `spec.upstreams[${i}].name: Duplicate value "${u.name}"`;
    names.add(u.name);
    if (u.port === undefined || u.port < 1 || u.port > 65535) return `spec.upstreams[${i}].port: must be a port number between 1 and 65535`;
  }
  const paths = new Set<string>();
  for (const r of vs.routes) {
    const where = `spec.routes[${r.index}]`;
    const p = routeProblem(r, where, vs.upstreams, true);
    if (p) return p;
    const norm = r.path.replace(/^(\^~|~\*|~|=)\s+/, '$1');
    if (paths.has(norm)) return `${where}.path: Duplicate value "${r.path}"`;
    paths.add(norm);
  }
  return undefined;
}

function vsrFor(cluster: Cluster, vs: VirtualServer, ref: string): VirtualServerRoute | undefined {
  const [ns, name] = ref.includes('/') ? ref.split('/', 2) : [vs.meta.namespace, ref];
  return cluster.virtualServerRoutes.find((r) => r.meta.namespace === ns && r.meta.name === name);
}

/** Builds the server of a VirtualServer that owns its host. Memoised per config. */
export function vsServer(cluster: Cluster, vs: VirtualServer): VsServerModel {
  return cached(cluster, `f5-nginx vs ${vs.key}`, () => buildVsServer(cluster, vs));
}

function buildVsServer(cluster: Cluster, vs: VirtualServer): VsServerModel {
  const model: VsServerModel = { vs, status: { state: 'Valid', reason: 'AddedOrUpdated', message: `Configuration for ${vs.meta.namespace}/${vs.meta.name} was added or updated` }, warnings: [], locations: [], unusedRoutes: [] };
  const problem = vsProblem(vs);
  if (problem) {
    model.status = { state: 'Invalid', reason: 'Rejected', message: `VirtualServer ${vs.meta.namespace}/${vs.meta.name} was rejected with error: ${problem}` };
    return model;
  }
  const used = new Set<VirtualServerRoute>();
  const subPaths = new Map<string, VirtualServerRoute>();
  for (const r of vs.routes) {
    const sp = splitRoutePath(r.path)!;
    if (r.route === undefined) {
      model.locations.push(makeLocation(sp.modifier, sp.rest, { kind: 'vs', route: r, holder: vs, vs }));
      continue;
    }
    const vsr = vsrFor(cluster, vs, r.route);
    const ref = r.route.includes('/') ? r.route : `${vs.meta.namespace}/${r.route}`;
    if (!vsr) {
      model.warnings.push(`VirtualServerRoute ${ref} doesn't exist or invalid`);
      continue;
    }
    const bad = vsrProblem(vsr, vs, sp.modifier, sp.rest);
    if (bad) {
      model.warnings.push(`VirtualServerRoute ${ref} is invalid: ${bad}`);
      model.unusedRoutes.push({ vsr, why: bad });
      continue;
    }
    used.add(vsr);
    for (const sub of vsr.subroutes) {
      const ssp = splitRoutePath(sub.path)!;
      const key = `${ssp.modifier}${ssp.rest}`;
      const other = subPaths.get(key);
      if (other && other !== vsr) {
        model.warnings.push(`path ${sub.path} has conflicting subroutes on ${other.meta.namespace}/${other.meta.name} and ${vsr.meta.namespace}/${vsr.meta.name}`);
        continue;
      }
      subPaths.set(key, vsr);
      model.locations.push(makeLocation(ssp.modifier, ssp.rest, { kind: 'vs', route: sub, holder: vsr, vs }));
    }
  }
  for (const vsr of cluster.virtualServerRoutes) {
    if (used.has(vsr) || vsr.host?.toLowerCase() !== vs.host!.toLowerCase() || model.unusedRoutes.some((u) => u.vsr === vsr)) continue;
    model.unusedRoutes.push({ vsr, why: `VirtualServer ${vs.meta.namespace}/${vs.meta.name} ignores VirtualServerRoute (no route references it)` });
  }
  if (model.warnings.length) model.status = { state: 'Warning', reason: 'AddedOrUpdatedWithWarning', message: `Configuration for ${vs.meta.namespace}/${vs.meta.name} was added or updated ; with warning(s): ${model.warnings.join('; ')}` };
  return model;
}

/** validateVirtualServerRouteForVirtualServer. */
function vsrProblem(vsr: VirtualServerRoute, vs: VirtualServer, modifier: NginxModifier, path: string): string | undefined {
  if ((vsr.host ?? '').toLowerCase() !== vs.host!.toLowerCase()) return `spec.host: must be equal to '${vs.host}'`;
  const seen = new Set<string>();
  for (const sub of vsr.subroutes) {
    const where = `spec.subroutes[${sub.index}]`;
    const p = routeProblem(sub, where, vsr.upstreams, false);
    if (p) return p;
    const sp = splitRoutePath(sub.path)!;
    if (modifier === '' || modifier === '^~') {
      if (!`${sp.rest}`.startsWith(path) || sp.modifier !== modifier) return `${where}.path: must start with '${modifier}${path}'`;
    } else if (modifier === '=') {
      if (vsr.subroutes.length !== 1 || sp.modifier !== '=' || sp.rest !== path) return `${where}.path: must be '=${path}' (a route with an exact path takes one subroute with the same path)`;
    } else if (sp.modifier !== modifier || sp.rest !== path) return `${where}.path: must be '${modifier} ${path}' (a route with a regex path takes subroutes with the same regex)`;
    if (seen.has(sub.path)) return `${where}.path: Duplicate value "${sub.path}"`;
    seen.add(sub.path);
  }
  return undefined;
}

/** The value NGINX compares a condition against. */
export function conditionInput(c: VsCondition, req: NormalizedRequest): { name: string; value: string } {
  if (c.header !== undefined) {
    const n = c.header.toLowerCase();
    return { name: `header ${c.header}`, value: req.headers.find(([k]) => k === n)?.[1] ?? '' };
  }
  if (c.cookie !== undefined) {
    const cookies = req.headers.filter(([k]) => k === 'cookie').flatMap(([, v]) => v.split(';'));
    const hit = cookies.map((x) => x.trim()).find((x) => x.startsWith(`${c.cookie}=`));
    return { name: `cookie ${c.cookie}`, value: hit ? hit.slice(c.cookie.length + 1) : '' };
  }
  if (c.argument !== undefined) {
    // $arg_<name>: the first <name>=value of the query string, as sent (not decoded).
    const pair = req.query.replace(/^\?/, '').split('&').find((kv) => kv === c.argument || kv.startsWith(`${c.argument}=`));
    return { name: `argument ${c.argument}`, value: pair?.includes('=') ? pair.slice(pair.indexOf('=') + 1) : '' };
  }
  const v = c.variable ?? '';
  const values: Record<string, string> = {
    $request_method: req.method,
    $scheme: req.protocol === 'https' ? 'https' : 'http',
    $https: req.protocol === 'https' ? 'on' : '',
    $request_uri: req.path + req.query,
    $args: req.query.replace(/^\?/, ''),
    $query_string: req.query.replace(/^\?/, ''),
  };
  return { name: `variable ${v}`, value: values[v] ?? '' };
}

/** A condition holds when the value equals (or, with "!", differs from) what it names. */
export function conditionHolds(c: VsCondition, req: NormalizedRequest): { holds: boolean; detail: string } {
  const { name, value } = conditionInput(c, req);
  const negate = c.value.startsWith('!');
  const want = negate ? c.value.slice(1) : c.value;
  const equal = value === want;
  const holds = negate ? !equal : equal;
  return { holds, detail: `${name} is ${value === '' ? 'empty or absent' : `"${value}"`}; the condition wants ${negate ? `anything but "${want}"` : `"${want}"`}` };
}

/** A stand-in Ingress object for pipeline types that name the object a backend belongs to. */
const shims = new WeakMap<VirtualServer | VirtualServerRoute, Ingress>();
export function shimIngress(o: VirtualServer | VirtualServerRoute): Ingress {
  let s = shims.get(o);
  if (!s) {
    s = { ...o, kind: 'Ingress', rules: [], tls: [], statusAddresses: [], deprecatedApiVersion: false } as unknown as Ingress;
    shims.set(o, s);
  }
  return s;
}
