// An ingress-nginx "server" (one per host) and its NGINX locations, built the way the
// controller writes nginx.conf, then matched the way NGINX selects a location.
//
// Sources, each rule below cites one:
// - docs/user-guide/ingress-path-matching.md ("Regular Expression Support", "Path Priority",
//   "IMPORTANT NOTES", "Warning");
// - docs/user-guide/nginx-configuration/annotations.md ("Use Regex", "Rewrite", "Canary");
// - docs/how-it-works.md: "If the same path for the same host is defined in more than one
//   Ingress, the oldest rule wins";
// - NGINX core docs, "location": exact (=) match first, then the longest prefix, and
//   regular expressions "in the order of their appearance", first match wins;
// - where the docs are silent, the controller source that writes nginx.conf
//   (internal/ingress/controller/location.go, template/template.go), named at the rule.
import type { Ingress } from '../../../model/resources.js';
import type { HostEntry, PathEntry } from '../../table.js';
import { compileRegex, type CompiledRegex } from '../regex.js';
import { nginxConfigOf, type NginxIngressConfig } from './annotations.js';

export type NginxLocationKind = 'exact' | 'prefix';

export interface NginxLocation {
  /** the Ingress path this location serves; undefined for the root location of the default backend */
  entry?: PathEntry;
  cfg?: NginxIngressConfig;
  /** the path NGINX matches (a Prefix path gets a trailing "/") */
  path: string;
  kind: NginxLocationKind;
  /** as-written: the Ingress path; prefix-dir / prefix-exact: the two locations a Prefix path becomes */
  origin: 'as-written' | 'prefix-dir' | 'prefix-exact' | 'default-root';
  /** `~* "^<path>"` when the server enforces regular expressions */
  regex?: CompiledRegex;
  /** this location repeats an earlier one (same NGINX location), so it never serves */
  shadowedBy?: NginxLocation;
}

export interface NginxCanaryLink {
  canary: PathEntry;
  cfg: NginxIngressConfig;
}

export interface NginxServer {
  /** the table entry this server is built from; undefined for a server with no rules */
  host?: HostEntry;
  /** server_name: the host, or "_" for the default server */
  name: string;
  /** in nginx.conf order: longest Ingress path first */
  locations: NginxLocation[];
  /** a location with rewrite-target or use-regex turns every location into `~* "^path"` */
  enforceRegex: boolean;
  /** the Ingress whose annotation enforced regular expressions (first in order) */
  enforcedBy?: { cfg: NginxIngressConfig; by: 'rewrite-target' | 'use-regex' };
  /** same path and pathType as an older Ingress's path: "the oldest rule wins" */
  dropped: Array<{ entry: PathEntry; winner: PathEntry }>;
  /** canary paths attached to the mainline path with the same path and pathType */
  canaries: Map<PathEntry, NginxCanaryLink>;
  /** canary paths that serve nothing, with why */
  unusedCanaries: Array<{ entry: PathEntry; why: string }>;
  /** paths that get no location at all (invalid pathType, resource backend), with why */
  unusable: Array<{ entry: PathEntry; reason: 'PathTypeUnsupported' | 'ResourceBackend'; why: string }>;
  /** the Ingress that created the server: its spec.defaultBackend serves unmatched paths */
  creator?: Ingress;
  /** app-root of the first location that sets it (a server-level `if ($uri = /)`) */
  appRoot?: NginxIngressConfig;
}

/** ingress-nginx needsRewrite(): a rewrite-target that differs from the path itself. */
export function needsRewrite(cfg: NginxIngressConfig | undefined, path: string): boolean {
  const t = cfg?.rewriteTarget?.value;
  return !!t && t !== path;
}

function validPathType(t: string): boolean {
  return t === 'Exact' || t === 'Prefix' || t === 'ImplementationSpecific';
}

/** Builds the server of one host entry. Deterministic; callers memoise it per config. */
export function buildNginxServer(host: HostEntry | undefined, name: string): NginxServer {
  const server: NginxServer = { host, name, locations: [], enforceRegex: false, dropped: [], canaries: new Map(), unusedCanaries: [], unusable: [] };
  const mainline: PathEntry[] = [];
  const canaries: PathEntry[] = [];
  for (const p of host?.paths ?? []) {
    if (!validPathType(p.path.pathType)) {
      server.unusable.push({ entry: p, reason: 'PathTypeUnsupported', why: `pathType "${p.path.pathType}" is not Exact, Prefix or ImplementationSpecific, so the path gets no location` });
      continue;
    }
    if (p.path.backend.service === undefined) {
      // The controller builds upstreams from Services only.
      server.unusable.push({ entry: p, reason: 'ResourceBackend', why: 'ingress-nginx proxies to Services only; a resource backend gets no location' });
      continue;
    }
    (nginxConfigOf(p.ingress).canary ? canaries : mainline).push(p);
  }
  // Canary Ingresses add no locations; they only shape traffic of a mainline location
  // (annotations.md "Canary"). The server's root location uses the default backend of
  // the Ingress that created the server (controller.go createServers).
  server.creator = host?.ingresses.find((i) => !nginxConfigOf(i).canary);

  // 1. "the oldest rule wins": a path whose path and pathType an older Ingress (or an
  //    earlier path) already defines is dropped. table.ts orders paths oldest Ingress first.
  const seen = new Map<string, PathEntry>();
  const kept: PathEntry[] = [];
  for (const p of mainline) {
    const key = `${p.path.pathType} ${p.path.path}`;
    const winner = seen.get(key);
    if (winner) server.dropped.push({ entry: p, winner });
    else {
      seen.set(key, p);
      kept.push(p);
    }
  }

  // 2. "ingress-nginx first orders the paths by descending length before writing them to
  //    the NGINX template as location blocks" (ingress-path-matching.md, Path Priority);
  //    the sort is stable, so equally long paths keep the age order.
  kept.sort((a, b) => b.path.path.length - a.path.path.length);

  // 3. A Prefix path becomes a prefix location ending in "/" plus an exact location, so
  //    /foo matches /foo and /foo/... but not /foobar (location.go updateServerLocations);
  //    not for "/", not when an Exact path already claims it, and not for a location with
  //    rewrite-target or use-regex, which stays as written.
  const exactPaths = new Set(kept.filter((p) => p.path.pathType === 'Exact').map((p) => p.path.path));
  let hasRoot = false;
  for (const p of kept) {
    const cfg = nginxConfigOf(p.ingress);
    const path = p.path.path;
    if (p.path.pathType === 'Exact') {
      server.locations.push({ entry: p, cfg, path, kind: 'exact', origin: 'as-written' });
      continue;
    }
    if (path === '/') hasRoot = true;
    if (p.path.pathType === 'ImplementationSpecific' || path === '/' || needsRewrite(cfg, path) || cfg.useRegex) {
      server.locations.push({ entry: p, cfg, path, kind: 'prefix', origin: 'as-written' });
      continue;
    }
    const dir = path.endsWith('/') ? path : `${path}/`;
    server.locations.push({ entry: p, cfg, path: dir, kind: 'prefix', origin: 'prefix-dir' });
    if (!exactPaths.has(path)) server.locations.push({ entry: p, cfg, path, kind: 'exact', origin: 'prefix-exact' });
  }
  // Every server has a root location; without a path "/" it proxies to the default
  // backend (controller.go createServers: "initialize ... root location").
  if (!hasRoot) server.locations.push({ path: '/', kind: 'prefix', origin: 'default-root' });

  // 4. "If the use-regex OR rewrite-target annotation is used on any Ingress for a given
  //    host, then the case insensitive regular expression location modifier will be
  //    enforced on ALL paths for a given host regardless of what Ingress they are defined
  //    on" (ingress-path-matching.md, IMPORTANT NOTES); template.go buildLocation writes
  //    `~* "^<path>"` for every location, Exact ones included.
  for (const loc of server.locations) {
    if (!loc.cfg || !loc.entry) continue;
    if (needsRewrite(loc.cfg, loc.entry.path.path)) {
      server.enforceRegex = true;
      server.enforcedBy ??= { cfg: loc.cfg, by: 'rewrite-target' };
    } else if (loc.cfg.useRegex) {
      server.enforceRegex = true;
      server.enforcedBy ??= { cfg: loc.cfg, by: 'use-regex' };
    }
  }
  if (server.enforceRegex) {
    // NGINX compiles `~*` case-insensitively (PCRE caseless); JS RegExp with "i" is the model.
    for (const loc of server.locations) loc.regex = compileRegex(`^${loc.path}`, 'i');
  }

  // 5. Two paths that end up as the same NGINX location (under ~*, the same regex): the
  //    first one written serves it.
  const byLocation = new Map<string, NginxLocation>();
  for (const loc of server.locations) {
    const key = server.enforceRegex ? loc.path : `${loc.kind} ${loc.path}`;
    const first = byLocation.get(key);
    if (first) loc.shadowedBy = first;
    else byLocation.set(key, loc);
  }

  // app-root: the template writes `if ($uri = /) { return 302 ... }` in the server block
  // for the first location that has it.
  server.appRoot = server.locations.find((l) => l.cfg?.appRoot)?.cfg;

  // 6. Canaries: "a maximum of one canary ingress can be applied per Ingress rule"
  //    (annotations.md, Known Limitations); the canary joins the mainline path with the
  //    same path and pathType (controller.go mergeAlternativeBackends), and not when both
  //    name the same Service.
  for (const c of canaries) {
    const cfg = nginxConfigOf(c.ingress);
    const main = kept.find((p) => p.path.path === c.path.path && p.path.pathType === c.path.pathType);
    if (!main) {
      server.unusedCanaries.push({ entry: c, why: `no mainline (non-canary) Ingress defines ${c.path.path} ${c.path.pathType} on ${name === '_' ? 'rules without host' : `host ${name}`}, so the canary serves nothing` });
      continue;
    }
    if (main.path.backend.service?.name === c.path.backend.service?.name && main.ingress.meta.namespace === c.ingress.meta.namespace) {
      server.unusedCanaries.push({ entry: c, why: `the canary names the same Service as the mainline path, so there is nothing to split` });
      continue;
    }
    const existing = server.canaries.get(main);
    if (existing) {
      server.unusedCanaries.push({ entry: c, why: `Ingress ${existing.canary.ingress.meta.namespace}/${existing.canary.ingress.meta.name} is already the canary of this path (one canary per rule)` });
      continue;
    }
    server.canaries.set(main, { canary: c, cfg });
  }
  return server;
}

/** The NGINX location text as nginx.conf would show it. */
export function locationText(loc: NginxLocation, enforceRegex: boolean): string {
  if (enforceRegex) return `~* "^${loc.path}"`;
  return loc.kind === 'exact' ? `= ${loc.path}` : loc.path;
}

export interface LocationMatch {
  /** the location that answers; for a slash redirect, the one whose path is the request path plus "/" */
  location: NginxLocation;
  /** NGINX answers 301 to the path with a slash (auto_redirect of a prefix location ending in "/") */
  slashRedirect?: NginxLocation;
  /** the regex match, when the server enforces regular expressions */
  match?: RegExpExecArray;
}

/** Does one location match the request path (ignoring order)? */
export function locationMatches(loc: NginxLocation, enforceRegex: boolean, path: string): RegExpExecArray | boolean {
  if (loc.shadowedBy) return false;
  if (enforceRegex) {
    if (!loc.regex?.ok) return false;
    loc.regex.re.lastIndex = 0;
    return loc.regex.re.exec(path) ?? false;
  }
  return loc.kind === 'exact' ? path === loc.path : path.startsWith(loc.path);
}

/** A server's locations that can serve (none shadowed), arranged for the lookups below. */
interface LocationIndex {
  /** exact (=) locations by path */
  exact: Map<string, NginxLocation>;
  /** prefix locations, longest path first (one per path: repeats are shadowed) */
  prefixes: NginxLocation[];
  /** prefix locations of an Ingress path that end in "/" (auto_redirect), by path */
  slash: Map<string, NginxLocation>;
}

const locationIndexes = new WeakMap<NginxServer, LocationIndex>();

/** Built once per server; the server is built once per host entry and never changed after. */
function locationIndex(server: NginxServer): LocationIndex {
  let idx = locationIndexes.get(server);
  if (idx) return idx;
  idx = { exact: new Map(), prefixes: [], slash: new Map() };
  for (const loc of server.locations) {
    if (loc.shadowedBy) continue;
    if (loc.kind === 'exact') {
      if (!idx.exact.has(loc.path)) idx.exact.set(loc.path, loc);
      continue;
    }
    idx.prefixes.push(loc);
    if (loc.entry && loc.path.length > 1 && loc.path.endsWith('/') && !idx.slash.has(loc.path)) idx.slash.set(loc.path, loc);
  }
  // Stable: of two prefixes of one length only one can start the URI, so order among them is moot.
  idx.prefixes.sort((a, b) => b.path.length - a.path.length);
  locationIndexes.set(server, idx);
  return idx;
}

/**
 * NGINX location selection (NGINX docs, "location"):
 * - with regular expressions enforced, locations are tried in the order written and the
 *   first match wins ("regular expressions follow a first match policy");
 * - otherwise an exact (=) location that equals the URI wins at once, else the longest
 *   matching prefix location. Prefix locations are case-sensitive.
 */
export function selectLocation(server: NginxServer, path: string): LocationMatch | undefined {
  if (server.enforceRegex) {
    for (const loc of server.locations) {
      const m = locationMatches(loc, true, path);
      if (m) return { location: loc, match: m as RegExpExecArray };
    }
    return undefined;
  }
  const idx = locationIndex(server);
  // An exact (=) location equal to the URI wins at once.
  const exact = idx.exact.get(path);
  if (exact) return { location: exact };
  // Else the longest prefix location that the URI starts with (prefixes: longest first).
  let best: NginxLocation | undefined;
  for (const loc of idx.prefixes) {
    if (path.startsWith(loc.path)) {
      best = loc;
      break;
    }
  }
  // auto_redirect: set on a prefix location ending in "/" that proxies (every location
  // ingress-nginx writes for a path does); the request is that path without the slash.
  // A prefix location that is the URI itself is found first in NGINX's location tree
  // (ngx_http_core_find_static_location: len == node->len returns before the redirect).
  if (best?.path !== path) {
    const slash = idx.slash.get(`${path}/`);
    if (slash) return { location: slash, slashRedirect: slash };
  }
  return best ? { location: best } : undefined;
}
