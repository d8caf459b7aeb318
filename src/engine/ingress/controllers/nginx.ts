// ingress-nginx (kubernetes/ingress-nginx), modelled on its documentation:
// https://kubernetes.github.io/ingress-nginx/ — docs/user-guide/ingress-path-matching.md,
// docs/user-guide/nginx-configuration/annotations.md, docs/user-guide/default-backend.md,
// docs/how-it-works.md. A request goes through the steps NGINX takes:
// 1. server: the exact server_name, else a from-to-www redirect server, else the
//    longest wildcard server_name, else the default server "_" (rules without host);
// 2. server-level app-root redirect for "/";
// 3. location selection (nginx/locations.ts): exact, longest prefix, or, when any
//    Ingress of the host uses rewrite-target or use-regex, case-insensitive regular
//    expressions in order of descending path length, first match wins;
// 4. in the location: permanent/temporal redirect, then the HTTPS redirect, then the
//    canary decision, then rewrite-target; the backend Service, else the default backend.
import { resolveServiceBackend } from '../../cluster/services.js';
import type { Cluster } from '../../model/cluster.js';
import type { Ingress, IngressBackend } from '../../model/resources.js';
import { refAt } from '../../model/source.js';
import type { TraceCandidate } from '../../trace/types.js';
import { lazyStep, type LazyStepParts } from '../../trace/builder.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { capCandidates, hostLabel, ingressRef, pathLabel, pathTarget } from '../steps.js';
import { describeBackend, type HostEntry, type HostTable, type PathEntry } from '../table.js';
import type { ControllerContext, IngressControllerModel, IngressDecision, IngressTarget } from '../types.js';
import { ingressName, noteUnreadAnnotations, NGINX_PREFIX, type Annotation } from './annotations.js';
import { decideCanary } from './nginx/canary.js';
import { nginxConfigOf, NGINX_CONFIGMAP_ONLY, NGINX_SIMULATED, type NginxIngressConfig } from './nginx/annotations.js';
import { buildNginxServer, locationMatches, locationText, needsRewrite, selectLocation, type NginxCanaryLink, type NginxLocation, type NginxServer } from './nginx/locations.js';
import { nearMisses, requestOrigin, requestUri, tlsHostsOf } from './shared.js';
import { nginxUri } from './nginx/uri.js';
import { compileRegex, describeCaptures, type CompiledRegex } from './regex.js';

const DOCS_PATH_MATCHING = 'ingress-nginx docs, ingress-path-matching.md';

/** HTTP-to-HTTPS redirects use the ConfigMap http-redirect-code, default 308 (configmap.md; annotations.md "Server-side HTTPS enforcement through redirect"). */
const HTTP_REDIRECT_CODE = 308;

// Servers are built once per host entry (host entries live as long as their config).
const serverCache = new WeakMap<HostEntry, NginxServer>();
const emptyServerCache = new WeakMap<HostTable, NginxServer>();

function serverFor(table: HostTable, entry: HostEntry | undefined): NginxServer {
  if (!entry) {
    let s = emptyServerCache.get(table);
    if (!s) emptyServerCache.set(table, (s = buildNginxServer(undefined, '_')));
    return s;
  }
  let s = serverCache.get(entry);
  if (!s) serverCache.set(entry, (s = buildNginxServer(entry, entry.kind === 'any' ? '_' : entry.host)));
  return s;
}

/**
 * NGINX server_name wildcards: "*.example.org" matches "www.example.org" and
 * "www.sub.example.org" alike, and the longest matching wildcard wins (NGINX docs,
 * "Server names", Wildcard names).
 */
function longestWildcard(table: HostTable, host: string): HostEntry | undefined {
  if (table.wildcard.size === 0) return undefined;
  // Each suffix after a dot, longest first, leaving at least two labels: "*.b.c" for "a.b.c".
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    if (host.indexOf('.', dot + 1) < 0) break;
    const e = table.wildcard.get(`*${host.slice(dot)}`);
    if (e && hasServer(e)) return e;
  }
  return undefined;
}

/**
 * Canary Ingresses create no server: createServers skips them ("Ingress ... is marked as
 * Canary, ignoring"), so a host that only canaries name has no server_name.
 */
function hasServer(entry: HostEntry | undefined): entry is HostEntry {
  return !!entry && entry.ingresses.some((i) => !nginxConfigOf(i).canary);
}

/** The host a from-to-www redirect server named `host` sends to, if an Ingress asks for one. */
function fromToWwwTarget(table: HostTable, host: string): { target: string; cfg: NginxIngressConfig } | undefined {
  // annotations.md, Redirect from/to www: www.domain.com <-> domain.com, and the redirect is
  // dropped once an Ingress defines the other name itself; callers only ask when no server
  // has this name.
  const target = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
  const entry = table.exact.get(target);
  const ing = entry?.ingresses.find((i) => nginxConfigOf(i).fromToWww && !nginxConfigOf(i).canary);
  return ing ? { target, cfg: nginxConfigOf(ing) } : undefined;
}

/** A server_name added by server-alias: the server it belongs to, and the annotation that added it. */
interface ServerAlias {
  entry: HostEntry;
  ingress: Ingress;
  annotation: Annotation;
}

const aliasCache = new WeakMap<HostTable, { byName: Map<string, ServerAlias>; dropped: Array<{ name: string; alias: ServerAlias; why: string }> }>();

/**
 * server-alias (annotations.md "Server Alias"): each name joins the server_name of the
 * servers of the Ingress's hosts. The controller takes one Ingress's aliases per server,
 * the oldest Ingress's ("Aliases already configured for server ..., skipping"), and drops
 * an alias that is the name of an existing server ("A server-alias name cannot conflict
 * with the hostname of an existing server. If it does, the server-alias annotation will be
 * ignored"). When two servers claim the same alias, NGINX keeps the first server_name in
 * the configuration, whose servers are sorted by hostname. Exact names only: a wildcard
 * or regex alias is reported, not matched.
 */
function serverAliases(table: HostTable) {
  let v = aliasCache.get(table);
  if (v) return v;
  v = { byName: new Map(), dropped: [] };
  const hosts = [...table.exact.keys()].sort();
  for (const host of hosts) {
    const entry = table.exact.get(host)!;
    if (!hasServer(entry)) continue;
    const ing = entry.ingresses.find((i) => !nginxConfigOf(i).canary && nginxConfigOf(i).serverAlias);
    const sa = ing && nginxConfigOf(ing).serverAlias;
    if (!ing || !sa) continue;
    for (const name of sa.names) {
      const alias: ServerAlias = { entry, ingress: ing, annotation: sa.annotation };
      if (name === host) continue;
      if (hasServer(table.exact.get(name))) v.dropped.push({ name, alias, why: `${name} is the name of an existing server, so the alias is ignored` });
      else if (/[*~]/.test(name)) v.dropped.push({ name, alias, why: `${name} is a wildcard or regex server name; RouteLab matches server-alias names exactly` });
      else if (v.byName.has(name)) v.dropped.push({ name, alias, why: `server ${v.byName.get(name)!.entry.host} already has the alias ${name} and comes first (servers are sorted by hostname)` });
      else v.byName.set(name, alias);
    }
  }
  aliasCache.set(table, v);
  return v;
}

export const nginxController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES['ingress-nginx'],
  unavailableStatus: 503,
  unavailableWhy: 'ingress-nginx answers 503 Service Temporarily Unavailable for a location whose Service has no active endpoints',
  route(ctx: ControllerContext): IngressDecision {
    const { request: req, table, trace } = ctx;

    // 1. Server selection.
    const named = table.exact.get(req.host);
    const exact = hasServer(named) ? named : undefined;
    if (!exact) {
      const www = fromToWwwTarget(table, req.host);
      if (www) return fromToWwwRedirect(ctx, www.target, www.cfg);
    }
    // NGINX tries exact server names (aliases are exact names too) before wildcards.
    const alias = exact ? undefined : serverAliases(table).byName.get(req.host);
    const wildcard = exact || alias ? undefined : longestWildcard(table, req.host);
    const any = hasServer(table.any) ? table.any : undefined;
    const entry = exact ?? alias?.entry ?? wildcard ?? any;
    const server = serverFor(table, entry);
    writeHostStep(ctx, exact, wildcard ?? longestWildcard(table, req.host), any, server, named && !exact ? named : undefined, alias);

    // 1b. $uri: NGINX matches against the normalized URI (nginx/uri.ts).
    const uri = nginxUri(req.path);
    if (uri.invalid) {
      trace.add({ kind: 'note', summary: uri.invalid, reason: 'UriInvalid', status: 'fail', notes: ['ngx_http_parse_complex_uri: a ".." segment with nothing left to remove is an invalid request'] });
      return { kind: 'respond', status: 400, reason: 'UriInvalid', message: `400 Bad Request from NGINX: ${uri.invalid}` };
    }
    if (uri.changes.length) {
      trace.add({
        kind: 'note',
        summary: `NGINX matches locations against $uri ${uri.path}, not ${req.path}: ${uri.changes.join('; ')}`,
        reason: 'UriNormalized',
        status: 'warn',
        facts: { uri: uri.path, sent: req.path },
        notes: [
          'NGINX "location" docs: matching is performed against a normalized URI (decoded %XX, "." and ".." resolved, adjacent slashes merged with merge_slashes on, the default)',
          'without a rewrite the backend still receives the path as sent: proxy_pass names no URI, so the request URI is passed in the same form as the client sent it',
        ],
      });
    }

    // 2. app-root: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }` in the
    //    server block (annotations.md "Rewrite"; the e2e test checks exactly this Location).
    if (server.appRoot && uri.path === '/') {
      const a = server.appRoot.appRoot!;
      const location = `${requestOrigin(req)}${a.value}`;
      trace.add({
        kind: 'redirect',
        summary: `app-root ${a.value}: a request for / is redirected to ${location} (302), before any location is chosen`,
        reason: 'AppRootRedirect',
        status: 'ok',
        object: ingressRef(server.appRoot.ingress),
        source: a.source,
        notes: ['ingress-nginx annotations.md, section Rewrite: app-root sends requests for / to the application root'],
      });
      return { kind: 'redirect', status: 302, location, reason: 'AppRootRedirect', message: `302 redirect to the application root ${location}` };
    }

    // 3. Location selection.
    const chosen = selectLocation(server, uri.path);
    writeLocationStep(ctx, server, chosen?.location, chosen?.match, uri.path, !!chosen?.slashRedirect);
    // 3a. NGINX's auto_redirect: a prefix location that ends in "/" and proxies answers the
    //     same path without the slash with 301 to the path with it, unless an exact location
    //     is that path (NGINX "location" docs; ngx_http_core_find_static_location returns
    //     NGX_DONE, and no regex location is tried). Regex locations never do it.
    if (chosen?.slashRedirect) {
      const l = chosen.slashRedirect;
      // port_in_redirect is off in ingress-nginx (use-port-in-redirects: false); the Host
      // header names the host (server_name_in_redirect off).
      const location = `${req.scheme}://${req.host}${uri.path}/${req.query}`;
      trace.add({
        kind: 'redirect',
        summary: `${uri.path} is location ${l.path} without its trailing slash, so NGINX answers 301 to ${location}`,
        reason: 'TrailingSlashRedirect',
        status: 'ok',
        object: l.entry ? ingressRef(l.entry.ingress) : undefined,
        source: l.entry?.path.source,
        notes: [`NGINX "location" docs: for a prefix location ending with "/" whose requests go to proxy_pass, "in response to a request with URI equal to this string, but without the trailing slash, a permanent redirect with the code 301 will be returned"; an Exact path ${uri.path} would answer it instead`],
      });
      return { kind: 'redirect', status: 301, location, reason: 'TrailingSlashRedirect', message: `301 redirect to ${location} (the location ${l.path} ends in "/")`, target: l.entry ? pathTarget(l.entry) : undefined };
    }
    const loc = chosen?.location;
    if (!loc?.entry || !loc.cfg) {
      for (const u of server.unusedCanaries.slice(0, 5)) {
        trace.add({ kind: 'canary', summary: `canary Ingress ${ingressName(u.entry.ingress)} (${u.entry.path.path} ${u.entry.path.pathType}) is not used: ${u.why}`, reason: 'CanarySkipped', status: 'warn', object: ingressRef(u.entry.ingress), source: u.entry.path.source, notes: ['a canary Ingress adds no location of its own; it only splits the traffic of the mainline path with the same host, path and pathType (annotations.md "Canary")'] });
      }
      return nginxDefaultBackend(ctx, server, `no location of server ${server.name} other than the root location / matches ${uri.path}`);
    }
    const cfg = loc.cfg;
    const main = loc.entry;
    const link = server.canaries.get(main);
    noteUnreadAnnotations(trace, [main.ingress], 'ingress-nginx', NGINX_SIMULATED, NGINX_CONFIGMAP_ONLY);
    noteProblems(ctx, cfg);

    // 4. A location whose auth annotations cannot be applied is denied: `return 503`.
    const denied = authDenied(ctx.cluster, cfg);
    if (denied) {
      trace.add({ kind: 'response', summary: `location denied: ${denied.why}, so every request to this location gets 503`, reason: 'LocationDenied', status: 'fail', object: ingressRef(main.ingress), source: denied.source, notes: ['ingress-nginx turns an auth annotation it cannot apply into a denied location rather than serving it unprotected'] });
      return { kind: 'respond', status: 503, reason: 'LocationDenied', message: `503 from ingress-nginx: the location of Ingress ${ingressName(main.ingress)} is denied (${denied.why})`, target: pathTarget(main) };
    }

    // 4a. permanent-redirect / temporal-redirect: `return <code> <url>` in the location
    //     (annotations.md "Permanent Redirect", "Temporal Redirect"); the URL is used as
    //     written, so path and query are not appended.
    if (cfg.redirect) {
      const r = cfg.redirect;
      trace.add({
        kind: 'redirect',
        summary: `${r.kind}-redirect on Ingress ${ingressName(main.ingress)}: every request of this location gets ${r.code} to ${r.url}`,
        reason: 'AnnotationRedirect',
        status: 'ok',
        object: ingressRef(main.ingress),
        source: r.annotation.source,
        notes: [r.codeAnnotation ? `${r.codeAnnotation.key}: ${r.code}` : `default code ${r.code} (${r.kind === 'permanent' ? 'Return Code 301' : 'Return Code 302'}, annotations.md)`],
      });
      return { kind: 'redirect', status: r.code, location: r.url, reason: 'AnnotationRedirect', message: `${r.code} ${r.kind} redirect to ${r.url}`, target: pathTarget(main) };
    }

    // 4b. HTTPS enforcement (annotations.md, Server-side HTTPS enforcement through
    //     redirect): TLS for the host means a 308 to HTTPS by default, ssl-redirect "false"
    //     turns it off, force-ssl-redirect redirects even without TLS. The redirect
    //     drops a trailing slash unless preserve-trailing-slash is set, and names the host
    //     without its port (lua_ingress.lua).
    const https = sslRedirect(ctx, cfg, main.ingress, pathTarget(main));
    if (https) return https;

    // 4b'. Authentication runs in NGINX's access phase, after the rewrite-phase redirects.
    const challenge = authChallenge(ctx, cfg, main);
    if (challenge) return challenge;

    // 4c. Canary.
    let decision: Extract<IngressDecision, { kind: 'proxy' }> = { kind: 'proxy', ...pathTarget(main) };
    if (link) decision = applyCanary(ctx, main, link);
    else noteUnusedCanaries(ctx, server, main);

    // 4d. rewrite-target on the mainline location.
    if (needsRewrite(cfg, main.path.path)) {
      const r = applyRewrite(ctx, loc, cfg, uri.path);
      if (r.kind === 'redirect') return r;
      decision.upstreamPath = r.upstreamPath;
      if (cfg.xForwardedPrefix) decision.setRequestHeaders = [['X-Forwarded-Prefix', cfg.xForwardedPrefix.value]];
    }
    if (cfg.upstreamVhost) {
      decision.upstreamHost = cfg.upstreamVhost.value;
      trace.add({ kind: 'note', summary: `upstream-vhost: the backend sees Host ${cfg.upstreamVhost.value}`, reason: 'Note', status: 'info', object: ingressRef(main.ingress), source: cfg.upstreamVhost.source });
    }
    return withDefaultBackendAnnotation(ctx, decision, cfg);
  },
};

function writeHostStep(ctx: ControllerContext, exact: HostEntry | undefined, wildcard: HostEntry | undefined, any: HostEntry | undefined, server: NginxServer, canaryOnly: HostEntry | undefined, alias?: ServerAlias): void {
  const { request: req, table } = ctx;
  const chosen = server.host;
  ctx.trace.add(
    lazyStep(
      {
        kind: 'host',
        summary: chosen
          ? chosen.kind === 'any'
            ? `no server_name is ${req.host}; the default server "_" with the rules without host answers`
            : alias
              ? `server ${hostLabel(chosen)}, through its server-alias ${req.host}`
              : `server ${hostLabel(chosen)} (${chosen.kind === 'exact' ? 'exact server_name' : 'wildcard server_name'})`
          : `no server_name is ${req.host} and no rule is without host; the default server "_" answers`,
        reason: chosen ? (chosen.kind === 'exact' ? 'HostExact' : chosen.kind === 'wildcard' ? 'HostWildcard' : 'HostCatchAll') : 'HostMismatch',
        status: chosen ? 'ok' : 'warn',
        object: chosen?.ingresses[0] ? ingressRef(chosen.ingresses[0]) : undefined,
        source: chosen?.paths[0]?.rule.source,
      },
      () => ({ candidates: hostCandidates(req, table, exact, wildcard, any, server, canaryOnly, alias) }),
    ),
  );
}

/** The servers NGINX weighed for the request's host, with why each won, lost or was skipped. */
function hostCandidates(req: ControllerContext['request'], table: HostTable, exact: HostEntry | undefined, wildcard: HostEntry | undefined, any: HostEntry | undefined, server: NginxServer, canaryOnly: HostEntry | undefined, alias: ServerAlias | undefined): TraceCandidate[] {
  const candidates: TraceCandidate[] = [];
  if (alias) {
    candidates.push({
      label: `server_name ${req.host} (server-alias of ${alias.entry.host})`,
      verdict: 'won',
      reason: 'HostExact',
      detail: `Ingress ${ingressName(alias.ingress)} adds ${req.host} to the server_name of server ${alias.entry.host} with server-alias, so that server and its ${alias.entry.paths.length} path(s) answer`,
      object: ingressRef(alias.ingress),
      source: alias.annotation.source,
    });
  }
  for (const d of serverAliases(table).dropped) {
    if (d.name !== req.host) continue;
    candidates.push({ label: `server-alias ${d.name} of server ${d.alias.entry.host}`, verdict: 'skip', reason: 'AnnotationIgnored', detail: d.why, object: ingressRef(d.alias.ingress), source: d.alias.annotation.source });
  }
  const chosen = server.host;
  const push = (e: HostEntry | undefined, won: string, lost: string, reason: 'HostExact' | 'HostWildcard' | 'HostCatchAll') => {
    if (!e) return;
    candidates.push({
      label: e.kind === 'any' ? 'server _ (rules without host)' : `server_name ${e.host}`,
      verdict: e === chosen ? 'won' : 'lost',
      reason: e === chosen ? reason : 'HostLessSpecific',
      detail: e === chosen ? won : lost,
      object: e.ingresses[0] ? ingressRef(e.ingresses[0]) : undefined,
      source: e.paths[0]?.rule.source,
    });
  };
  push(exact, `equals the request host; ${exact?.paths.length} path(s) from ${exact?.ingresses.length} Ingress(es)`, '', 'HostExact');
  push(wildcard, `NGINX wildcard server names match any number of labels in front of ${wildcard?.host.slice(2)}, and the longest wildcard wins`, `also matches, but the exact server_name ${req.host} wins`, 'HostWildcard');
  push(any, 'no server_name matches, so the default server "_" (which holds the rules without host) answers', `rules without host only serve requests no server_name matches`, 'HostCatchAll');
  if (canaryOnly) {
    candidates.push({
      label: `host ${canaryOnly.host} (canary Ingresses only)`,
      verdict: 'skip',
      reason: 'CanarySkipped',
      detail: 'only canary Ingresses name this host, and canary Ingresses create no server ("marked as Canary, ignoring"), so no server_name is this host',
      object: canaryOnly.ingresses[0] ? ingressRef(canaryOnly.ingresses[0]) : undefined,
      source: canaryOnly.paths[0]?.rule.source,
    });
  } else if (!exact && !wildcard && !alias) candidates.push(...nearMisses(table, req.host));
  return candidates;
}

function locationLabel(loc: NginxLocation, server: NginxServer): string {
  const text = `location ${locationText(loc, server.enforceRegex)}`;
  const e = loc.entry;
  if (!e) return `${text} (root location: default backend)`;
  const part = loc.origin === 'prefix-exact' ? ' (its exact location)' : loc.origin === 'prefix-dir' ? ' (its prefix location)' : '';
  return `${text}  <- ${e.path.path} ${e.path.pathType}${part} -> ${describeBackend(e.path.backend)} (Ingress ${ingressName(e.ingress)})`;
}

function originNote(loc: NginxLocation): string {
  if (loc.origin === 'prefix-dir') return ` (Prefix ${loc.entry!.path.path} is written as the prefix location ${loc.path} plus an exact location)`;
  if (loc.origin === 'prefix-exact') return ` (the exact location of Prefix ${loc.path})`;
  return '';
}

function writeLocationStep(ctx: ControllerContext, server: NginxServer, winner: NginxLocation | undefined, match: RegExpExecArray | undefined, path: string, slashRedirect = false): void {
  const regex = server.enforceRegex;
  const winnerEntry = winner?.entry;
  ctx.trace.add(
    lazyStep(
      {
        kind: 'rule',
        summary: winner
          ? winnerEntry
            ? `${server.locations.length} location(s) on server ${server.name}${regex ? ' tried in order as ~* regular expressions' : ''}; ${locationText(winner, regex)} wins`
            : `no location of server ${server.name} matches ${path} except the root location / (default backend)`
          : `no location of server ${server.name} matches ${path}`,
        reason: winnerEntry ? (regex ? 'PathRegexMatch' : winner!.kind === 'exact' ? 'PathExactMatch' : 'PathPrefixMatch') : 'PathMismatch',
        status: winnerEntry ? 'ok' : 'warn',
        object: winnerEntry ? ingressRef(winnerEntry.ingress) : undefined,
        source: winnerEntry?.path.source,
      },
      () => locationCandidates(server, winner, match, path, slashRedirect),
    ),
  );
}

/** Every location of the server with why it won, lost or missed, and the notes on how NGINX chose. */
function locationCandidates(server: NginxServer, winner: NginxLocation | undefined, match: RegExpExecArray | undefined, path: string, slashRedirect: boolean): LazyStepParts {
  const regex = server.enforceRegex;
  const candidates: TraceCandidate[] = [];
  let passedWinner = false;
  for (const loc of server.locations) {
    const base = {
      label: locationLabel(loc, server),
      object: loc.entry ? ingressRef(loc.entry.ingress) : undefined,
      ruleId: loc.entry?.path.id,
      source: loc.entry?.path.source,
    };
    if (loc === winner) {
      passedWinner = true;
      candidates.push({
        ...base,
        verdict: 'won',
        reason: regex ? 'PathRegexMatch' : loc.kind === 'exact' ? 'PathExactMatch' : 'PathPrefixMatch',
        detail: slashRedirect
          ? `${path} is ${loc.path} without its trailing slash and no exact location is ${path}, so NGINX redirects to the path with the slash (auto_redirect)`
          : regex
          ? `first location in order that matches ${path} (case-insensitive)${match && match.length > 1 ? `; ${describeCaptures(match)}` : ''}`
          : loc.kind === 'exact'
            ? `= ${loc.path} equals ${path}; an exact location ends the search`
            : `${loc.path} is the longest prefix location that ${path} starts with`,
      });
      continue;
    }
    if (loc.shadowedBy) {
      const first = loc.shadowedBy.entry;
      candidates.push({ ...base, verdict: 'skip', reason: 'PathOlderWins', detail: `the same NGINX location as the path ${first ? `${first.path.path} ${first.path.pathType} of Ingress ${ingressName(first.ingress)}` : '/'}, which is written first and serves it` });
      continue;
    }
    if (regex && loc.regex && !loc.regex.ok) {
      candidates.push({ ...base, verdict: 'skip', reason: 'RegexInvalid', detail: `^${loc.path} is not a valid regular expression here (${loc.regex.error}); NGINX would refuse the configuration` });
      continue;
    }
    const m = locationMatches(loc, regex, path);
    if (m) {
      candidates.push({
        ...base,
        verdict: 'lost',
        reason: regex ? 'PathFirstRegexWins' : winner?.kind === 'exact' ? 'PathExactPreferred' : 'PathLonger',
        detail: regex
          ? passedWinner
            ? `also matches, but comes after ${winner ? locationText(winner, true) : 'the winner'} (paths are written longest first and the first match wins)`
            : 'also matches'
          : winner?.kind === 'exact'
            ? `also matches, but the exact location = ${winner.path} is chosen first`
            : `also matches, but the longer prefix ${winner?.path} wins`,
      });
      continue;
    }
    candidates.push({ ...base, verdict: 'miss', ...locationMiss(loc, regex, path) });
  }
  for (const d of server.dropped) {
    candidates.push({
      label: `${pathLabel(d.entry)} (Ingress ${ingressName(d.entry.ingress)})`,
      verdict: 'skip',
      reason: 'PathOlderWins',
      detail: `Ingress ${ingressName(d.winner.ingress)} is older and defines the same path and pathType; "the oldest rule wins", so this path gets no location`,
      object: ingressRef(d.entry.ingress),
      ruleId: d.entry.path.id,
      source: d.entry.path.source,
    });
  }
  for (const u of server.unusable) {
    candidates.push({ label: `${pathLabel(u.entry)} (Ingress ${ingressName(u.entry.ingress)})`, verdict: 'skip', reason: u.reason, detail: u.why, object: ingressRef(u.entry.ingress), ruleId: u.entry.path.id, source: u.entry.path.source });
  }
  const { shown, hidden } = capCandidates(candidates);
  const notes: string[] = [];
  if (regex && server.enforcedBy) {
    const e = server.enforcedBy;
    const a = e.by === 'rewrite-target' ? e.cfg.rewriteTarget! : e.cfg.useRegex!;
    notes.push(`${a.key} on Ingress ${ingressName(e.cfg.ingress)} makes every path of this host a case-insensitive regular expression location (~*), written longest path first; the first match wins, not the longest (${DOCS_PATH_MATCHING}, IMPORTANT NOTES and Warning)`);
    if (server.locations.some((l) => l.entry?.path.pathType === 'Exact')) notes.push('under ~* an Exact path is matched as a regular expression anchored only at its start, so it also matches longer paths');
  } else {
    notes.push(
      server.locations.some((l) => l.origin === 'prefix-dir')
        ? 'NGINX picks an exact (=) location that equals the path, else the longest matching prefix location; prefix locations compare characters and case, which is why a Prefix path is written as "<path>/" plus "= <path>"'
        : 'NGINX picks an exact (=) location that equals the path, else the longest matching prefix location (case-sensitive, character by character)',
    );
  }
  if (hidden) notes.push(`${hidden} more location(s) did not match`);
  return { candidates: shown, notes };
}

function locationMiss(loc: NginxLocation, regex: boolean, path: string): Pick<TraceCandidate, 'reason' | 'detail'> {
  if (regex) return { reason: 'PathMismatch', detail: `~* "^${loc.path}" does not match ${path}` };
  const lower = path.toLowerCase();
  const caseOnly = loc.kind === 'exact' ? lower === loc.path.toLowerCase() : lower.startsWith(loc.path.toLowerCase());
  if (caseOnly) return { reason: 'PathCaseMismatch', detail: `${loc.kind === 'exact' ? `= ${loc.path}` : loc.path} differs from ${path} only in case; NGINX location matching is case-sensitive${originNote(loc)}` };
  if (loc.kind === 'exact') return { reason: 'PathMismatch', detail: `= ${loc.path} does not equal ${path}${originNote(loc)}` };
  return { reason: 'PathMismatch', detail: `${path} does not start with ${loc.path}${originNote(loc)}` };
}

/**
 * No path location matched: the root location proxies to the default backend. For a
 * named server that is spec.defaultBackend of the Ingress that created the server, for
 * the default server "_" the defaultBackend of an Ingress without rules ("catch-all"),
 * else the controller's default backend, which "returns 404" (default-backend.md).
 */
function nginxDefaultBackend(ctx: ControllerContext, server: NginxServer, why: string): IngressDecision {
  let pick: Ingress | undefined;
  let role = '';
  if (server.name === '_') {
    pick = ctx.table.defaultBackends.find((d) => d.ingress.rules.length === 0 && !nginxConfigOf(d.ingress).canary)?.ingress;
    role = 'the Ingress without rules (catch-all) sets the default server\'s backend';
  } else if (server.creator?.defaultBackend) {
    pick = server.creator;
    role = `Ingress ${ingressName(server.creator)} created server ${server.name}, so its defaultBackend serves the paths no location matches`;
  }
  if (pick?.defaultBackend) {
    const dbe = pick.defaultBackend;
    const target: IngressTarget = { ingress: pick, backend: dbe, ruleId: dbe.id, rule: 'defaultBackend', source: dbe.source };
    ctx.trace.add({ kind: 'rule', summary: `${why}; defaultBackend of Ingress ${ingressName(pick)} -> ${describeBackend(dbe)}`, reason: 'DefaultBackend', status: 'ok', object: ingressRef(pick), source: dbe.source, notes: [role] });
    noteUnreadAnnotations(ctx.trace, [pick], 'ingress-nginx', NGINX_SIMULATED, NGINX_CONFIGMAP_ONLY);
    return { kind: 'proxy', ...target };
  }
  const hint = server.creator
    ? `Ingress ${ingressName(server.creator)} created server ${server.name}; a spec.defaultBackend there, or a path that covers the request, would serve it`
    : 'an Ingress without rules but with spec.defaultBackend would serve unmatched requests';
  ctx.trace.add({ kind: 'rule', summary: `${why}; the controller's default backend answers 404`, reason: 'ControllerDefaultBackend', status: 'fail', notes: [hint, 'ingress-nginx default-backend.md: requests no Ingress maps go to the default backend, whose / answers 404'] });
  return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from the ingress-nginx default backend: ${why}` };
}

function fromToWwwRedirect(ctx: ControllerContext, target: string, cfg: NginxIngressConfig): IngressDecision {
  const req = ctx.request;
  // The redirect server strips one trailing slash from $request_uri and keeps scheme and
  // server port: "%s://%s:%s%s" (the from-to-www e2e test expects http://<host>:80/foo).
  let uri = requestUri(req);
  if (uri.endsWith('/')) uri = uri.slice(0, -1);
  const scheme = req.protocol === 'https' ? 'https' : 'http';
  const location = `${scheme}://${target}:${req.port}${uri}`;
  const a = cfg.fromToWww!;
  ctx.trace.add({
    kind: 'host',
    summary: `no server_name is ${req.host}; Ingress ${ingressName(cfg.ingress)} has from-to-www-redirect on ${target}, which adds a server ${req.host} that redirects to it`,
    reason: 'HostExact',
    status: 'ok',
    object: ingressRef(cfg.ingress),
    source: a.source,
  });
  ctx.trace.add({
    kind: 'redirect',
    summary: `from-to-www-redirect: ${req.host} -> ${target}, ${HTTP_REDIRECT_CODE} to ${location}`,
    reason: 'AnnotationRedirect',
    status: 'ok',
    object: ingressRef(cfg.ingress),
    source: a.source,
    notes: ['annotations.md "Redirect from/to www": redirects www.domain.com to domain.com or vice versa; the code is the ConfigMap http-redirect-code (default 308)'],
  });
  return { kind: 'redirect', status: HTTP_REDIRECT_CODE, location, reason: 'AnnotationRedirect', message: `${HTTP_REDIRECT_CODE} redirect from ${req.host} to ${target}` };
}

function sslRedirect(ctx: ControllerContext, cfg: NginxIngressConfig, ing: Ingress, target: IngressTarget): IngressDecision | undefined {
  const req = ctx.request;
  if (req.protocol !== 'http' || req.scheme !== 'http') return undefined;
  const tls = tlsHostsOf(ctx).coveredBy(req.host);
  const force = cfg.forceSslRedirect;
  if (!force && !(cfg.sslRedirect && tls)) {
    if (tls && !cfg.sslRedirect) {
      ctx.trace.add({ kind: 'note', summary: `TLS is configured for ${req.host} (Ingress ${ingressName(tls)}), but ssl-redirect "false" on Ingress ${ingressName(ing)} keeps plain HTTP`, reason: 'Note', status: 'info', object: ingressRef(ing), source: cfg.sslRedirectAnnotation?.source });
    }
    return undefined;
  }
  let uri = requestUri(req);
  const keepSlash = !!cfg.preserveTrailingSlash;
  if (!keepSlash && uri.endsWith('/')) uri = uri.slice(0, -1);
  const location = `https://${req.host}${uri}`;
  const why = force
    ? `force-ssl-redirect on Ingress ${ingressName(ing)} redirects plain HTTP even without TLS`
    : `Ingress ${ingressName(tls!)} configures TLS for ${req.host}, and ssl-redirect defaults to true`;
  ctx.trace.add({
    kind: 'redirect',
    summary: `HTTPS enforcement: ${why}; ${HTTP_REDIRECT_CODE} to ${location}`,
    reason: 'SslRedirect',
    status: 'ok',
    object: ingressRef(ing),
    source: force?.source ?? cfg.sslRedirectAnnotation?.source ?? tls?.tls[0]?.source,
    notes: [
      keepSlash
        ? `preserve-trailing-slash keeps the trailing slash of ${requestUri(req)}`
        : requestUri(req).endsWith('/')
          ? `the trailing slash of ${requestUri(req)} is dropped (set preserve-trailing-slash to keep it)`
          : 'the redirect keeps the path and query',
      'annotations.md, section Server-side HTTPS enforcement through redirect: with TLS enabled for the Ingress host the controller redirects to HTTPS with 308 by default',
    ],
  });
  return { kind: 'redirect', status: HTTP_REDIRECT_CODE, location, reason: 'SslRedirect', message: `${HTTP_REDIRECT_CODE} redirect to HTTPS: ${location}`, target };
}

function applyCanary(ctx: ControllerContext, main: PathEntry, link: NginxCanaryLink): Extract<IngressDecision, { kind: 'proxy' }> {
  const { trace, request: req } = ctx;
  const mainTarget = pathTarget(main);
  const mainline: Extract<IngressDecision, { kind: 'proxy' }> = { kind: 'proxy', ...mainTarget };
  const mainIngress = main.ingress;
  const c = link.cfg.canary!;
  const canaryTarget = pathTarget(link.canary);
  const label = `canary Ingress ${ingressName(link.canary.ingress)} -> ${describeBackend(link.canary.path.backend)}`;
  noteCanaryOwnAnnotations(ctx, link.cfg);
  noteUnreadAnnotations(trace, [link.canary.ingress], 'ingress-nginx', NGINX_SIMULATED, NGINX_CONFIGMAP_ONLY);

  // The balancer uses the canary when the mainline upstream has no endpoints at all
  // (balancer.lua get_balancer: no primary balancer, so the alternative one).
  const svc = mainline.backend.service;
  if (svc) {
    const res = resolveServiceBackend(ctx.cluster, mainIngress.meta.namespace, svc.name, svc.port);
    if (!res.ok && res.service) {
      trace.add({ kind: 'canary', summary: `${label}: the mainline Service ${svc.name} has no ready endpoints, so every request goes to the canary`, reason: 'CanaryChosen', status: 'ok', object: ingressRef(link.canary.ingress), source: c.enabled.source, notes: [res.message] });
      return { ...mainline, ...canaryTarget };
    }
  }

  const d = decideCanary(c, req);
  const notes = ['annotations.md, section Canary: canary-by-header is evaluated first, then canary-by-cookie, then canary-weight'];
  if (d.outcome === 'split') {
    const [mw, cw] = d.weights!;
    const chosen = d.sampleToCanary ? canaryTarget : mainTarget;
    trace.add({
      kind: 'canary',
      summary: `${label}: ${d.why}: ${cw} of ${mw + cw} requests go to the canary; this request (deterministic sample) goes to the ${d.sampleToCanary ? 'canary' : 'mainline'}`,
      reason: 'CanaryWeighted',
      status: 'ok',
      object: ingressRef(link.canary.ingress),
      source: c.enabled.source,
      candidates: d.rules,
      notes,
      facts: { mainlineWeight: mw, canaryWeight: cw },
    });
    return {
      ...mainline,
      ...chosen,
      split: [
        { ...mainTarget, weight: mw },
        { ...canaryTarget, weight: cw },
      ],
    };
  }
  trace.add({
    kind: 'canary',
    summary: `${label}: ${d.why}, so the ${d.outcome === 'canary' ? 'canary' : 'mainline'} takes the request`,
    reason: d.reason,
    status: 'ok',
    object: ingressRef(link.canary.ingress),
    source: c.enabled.source,
    candidates: d.rules,
    notes,
  });
  return d.outcome === 'canary' ? { ...mainline, ...canaryTarget } : mainline;
}

function noteCanaryOwnAnnotations(ctx: ControllerContext, cfg: NginxIngressConfig): void {
  // "when you mark an ingress as canary, then all the other non-canary annotations will be
  // ignored (inherited from the corresponding main ingress)" (annotations.md, Canary).
  const ing = cfg.ingress;
  for (const key of Object.keys(ing.meta.annotations)) {
    if (!key.startsWith(NGINX_PREFIX)) continue;
    const name = key.slice(NGINX_PREFIX.length);
    if (name === 'canary' || name.startsWith('canary-') || name === 'load-balance' || name === 'upstream-hash-by' || name.startsWith('affinity') || name.startsWith('session-cookie')) continue;
    ctx.trace.add({ kind: 'note', summary: `${key} on the canary Ingress ${ingressName(ing)} is ignored: a canary inherits the mainline Ingress's annotations`, reason: 'AnnotationIgnored', status: 'warn', object: ingressRef(ing), source: refAt(ing, ['metadata', 'annotations', key]) });
  }
}

function noteUnusedCanaries(ctx: ControllerContext, server: NginxServer, main: PathEntry): void {
  for (const u of server.unusedCanaries) {
    if (u.entry.path.path !== main.path.path) continue;
    ctx.trace.add({ kind: 'canary', summary: `canary Ingress ${ingressName(u.entry.ingress)} is not used: ${u.why}`, reason: 'CanarySkipped', status: 'warn', object: ingressRef(u.entry.ingress), source: u.entry.path.source });
  }
}

const rewriteRegexes = new WeakMap<NginxLocation, CompiledRegex>();

/**
 * rewrite-target: the location gets `rewrite "(?i)<path>" <target> break;` (template.go
 * buildProxyPass; annotations.md "Rewrite", docs/examples/rewrite). NGINX's rewrite
 * replaces the whole URI with the target when the (unanchored, case-insensitive) path
 * regex matches, with $1..$9 taken from its capture groups; the query string is kept.
 * A target starting with http:// or https:// makes NGINX answer with a redirect instead.
 */
function applyRewrite(ctx: ControllerContext, loc: NginxLocation, cfg: NginxIngressConfig, uriPath: string): { kind: 'rewrite'; upstreamPath: string } | Extract<IngressDecision, { kind: 'redirect' }> {
  const req = ctx.request;
  const entry = loc.entry!;
  const a: Annotation = cfg.rewriteTarget!;
  let re = rewriteRegexes.get(loc);
  if (!re) rewriteRegexes.set(loc, (re = compileRegex(entry.path.path, 'i')));
  const before = req.path + req.query;
  if (!re.ok) {
    ctx.trace.add({ kind: 'rewrite', summary: `rewrite-target ${a.value} is not applied: the path ${entry.path.path} is not a valid regular expression (${re.error})`, reason: 'RegexInvalid', status: 'warn', object: ingressRef(entry.ingress), source: a.source });
    return { kind: 'rewrite', upstreamPath: before };
  }
  re.re.lastIndex = 0;
  // rewrite runs on $uri, the normalized path.
  const m = re.re.exec(uriPath);
  if (!m) {
    ctx.trace.add({ kind: 'rewrite', summary: `rewrite-target ${a.value}: the rewrite regex (?i)${entry.path.path} does not match ${uriPath}, so the URI is unchanged`, reason: 'RewriteApplied', status: 'info', object: ingressRef(entry.ingress), source: a.source });
    return { kind: 'rewrite', upstreamPath: before };
  }
  const replaced = a.value.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
  const captures = m.length > 1 ? `; ${describeCaptures(m)}` : '';
  if (/^https?:\/\//i.test(replaced)) {
    const location = replaced.includes('?') ? replaced : replaced + req.query;
    ctx.trace.add({ kind: 'redirect', summary: `rewrite-target ${a.value} yields a URL, so NGINX answers 302 to ${location}${captures}`, reason: 'RewriteApplied', status: 'ok', object: ingressRef(entry.ingress), source: a.source });
    return { kind: 'redirect', status: 302, location, reason: 'RewriteApplied', message: `302 redirect to ${location} (rewrite-target is a URL)`, target: pathTarget(entry) };
  }
  // "If a replacement string includes the new request arguments, the previous request
  // arguments are appended after them" (NGINX rewrite docs).
  let after: string;
  const q = replaced.indexOf('?');
  if (q === -1) after = replaced + req.query;
  else after = replaced + (req.query ? `&${req.query.slice(1)}` : '');
  ctx.trace.add({
    kind: 'rewrite',
    summary: `rewrite-target ${a.value}: ${before} -> ${after}${captures}`,
    reason: 'RewriteApplied',
    status: 'ok',
    object: ingressRef(entry.ingress),
    source: a.source,
    notes: [`NGINX runs rewrite "(?i)${entry.path.path}" ${a.value} break; the whole URI becomes the target, with $n from the path's capture groups`],
    facts: { before, after },
  });
  return { kind: 'rewrite', upstreamPath: after };
}

/**
 * nginx.ingress.kubernetes.io/default-backend: "This service will be used to handle the
 * response when the configured service in the Ingress rule does not have any active
 * endpoints"; with several ports "the first one" receives the traffic (annotations.md).
 */
function withDefaultBackendAnnotation(ctx: ControllerContext, d: Extract<IngressDecision, { kind: 'proxy' }>, cfg: NginxIngressConfig): IngressDecision {
  const a = cfg.defaultBackend;
  const svc = d.backend.service;
  if (!a || !svc) return d;
  const ns = d.ingress.meta.namespace;
  const res = resolveServiceBackend(ctx.cluster, ns, svc.name, svc.port);
  if (res.ok) return d;
  const alt = ctx.cluster.services.get(`${ns}/${a.value}`);
  const port = alt?.ports[0]?.port;
  const backend: IngressBackend = { service: { name: a.value, port: { number: port } }, source: a.source };
  ctx.trace.add({ kind: 'backend', summary: `${svc.name} has no active endpoints, so the default-backend annotation sends the request to Service ${a.value}${port ? ` port ${port} (its first port)` : ''}`, reason: 'DefaultBackend', status: 'ok', object: ingressRef(d.ingress), source: a.source, notes: [res.message] });
  return { ...d, backend, split: undefined };
}

/**
 * Why the auth annotations deny the location, if they do. The auth annotation parser
 * returns a LocationDenied error for an auth-type other than basic or digest, a missing
 * auth-secret, a Secret it cannot read, or (auth-file, the default) a Secret without an
 * "auth" key; the location then answers `return 503` (nginx.tmpl, "Location denied").
 */
export function authDenied(cluster: Cluster, cfg: NginxIngressConfig): { why: string; source: Annotation['source'] } | undefined {
  const a = cfg.auth;
  if (!a) return undefined;
  const type = a.type.value.trim();
  if (type !== 'basic' && type !== 'digest') return { why: `auth-type "${a.type.value}" is not basic or digest ("invalid authentication type")`, source: a.type.source };
  if (!a.secret) return { why: 'auth-type is set without auth-secret', source: a.type.source };
  const value = a.secret.value.trim();
  const [ns, name] = value.includes('/') ? value.split('/', 2) : [cfg.ingress.meta.namespace, value];
  const secret = cluster.secrets.get(`${ns}/${name}`);
  if (!secret) return { why: `auth-secret ${ns}/${name} is not in the manifests ("unexpected error reading secret")`, source: a.secret.source };
  const keys = [...Object.keys((secret.raw.data as Record<string, unknown> | undefined) ?? {}), ...Object.keys((secret.raw.stringData as Record<string, unknown> | undefined) ?? {})];
  const mapType = a.secretType?.value.trim() === 'auth-map';
  if (!mapType && !keys.includes('auth')) return { why: `Secret ${ns}/${name} has no key "auth" (auth-secret-type auth-file, the default, reads the htpasswd file from it)`, source: a.secret.source };
  if (mapType && keys.length === 0) return { why: `Secret ${ns}/${name} has no users (auth-secret-type auth-map)`, source: a.secret.source };
  return undefined;
}

/** basic / digest auth: without an Authorization header NGINX answers 401 with WWW-Authenticate. */
function authChallenge(ctx: ControllerContext, cfg: NginxIngressConfig, main: PathEntry): IngressDecision | undefined {
  const a = cfg.auth;
  if (!a) return undefined;
  const scheme = a.type.value.trim() === 'digest' ? 'Digest' : 'Basic';
  if (ctx.request.headers.some(([n]) => n === 'authorization')) {
    ctx.trace.add({ kind: 'note', summary: `auth-type ${a.type.value.trim()}: the request carries an Authorization header; RouteLab does not check credentials and lets it through`, reason: 'Note', status: 'info', object: ingressRef(main.ingress), source: a.type.source });
    return undefined;
  }
  const realm = a.realm?.value ?? '';
  ctx.trace.add({
    kind: 'response',
    summary: `auth-type ${a.type.value.trim()}: the request carries no Authorization header, so NGINX answers 401 with WWW-Authenticate: ${scheme} realm="${realm}"`,
    reason: 'AuthenticationRequired',
    status: 'fail',
    object: ingressRef(main.ingress),
    source: a.type.source,
    notes: ['annotations.md "Authentication": basic or digest authentication with the users of auth-secret'],
  });
  return { kind: 'respond', status: 401, reason: 'AuthenticationRequired', message: `401 Unauthorized: Ingress ${ingressName(main.ingress)} asks for ${scheme} credentials`, target: pathTarget(main) };
}

function noteProblems(ctx: ControllerContext, cfg: NginxIngressConfig): void {
  for (const p of cfg.problems) {
    ctx.trace.add({ kind: 'note', summary: `${p.annotation.key}: ${p.message}`, reason: 'Note', status: 'warn', object: ingressRef(cfg.ingress), source: p.annotation.source });
  }
}
