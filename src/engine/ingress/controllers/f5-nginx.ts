// F5 NGINX Ingress Controller (nginx/kubernetes-ingress, v5.5), modelled on its code and
// docs (https://docs.nginx.com/nginx-ingress-controller/). Unlike ingress-nginx it does not
// merge the Ingresses of a host: each host belongs to one resource (the oldest Ingress or
// VirtualServer; mergeable master/minion Ingresses are the way to split a host), and it
// writes the paths as NGINX locations without rewriting them. A request goes through:
// 1. server: the exact server_name, else the longest leading wildcard, else the default
//    server, which answers 404 (config_params.go DefaultServerReturn "404");
// 2. $uri: NGINX matches the normalized URI (shared with ingress-nginx, nginx/uri.ts);
// 3. Ingress servers: the HTTPS redirects and app-root in the server block
//    (nginx.ingress.tmpl), then NGINX location selection (f5-nginx/locations.ts), then
//    nginx.org/rewrites or nginx.org/rewrite-target; VirtualServers: f5-nginx/virtualserver.ts;
// 4. a host whose locations do not cover the path has no catch-all: NGINX answers 404.
// It reads no nginx.ingress.kubernetes.io/* annotation (a grep of internal/, cmd/ and pkg/
// finds them only in test data), which the trace lists as ignored.
import type { VsAction, VsRoute, VsSplit, VsUpstream } from '../../model/f5.js';
import { toHostname, type Hostname, type NormalizedRequest } from '../../model/request.js';
import type { Ingress, IngressBackend } from '../../model/resources.js';
import type { TraceCandidate } from '../../trace/types.js';
import { lazyStep } from '../../trace/builder.js';
import { ingressHostMatches } from '../../match/hostname.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { capCandidates, ingressRef, pathTarget } from '../steps.js';
import { describeBackend } from '../table.js';
import type { ControllerContext, IngressControllerModel, IngressDecision, IngressTarget } from '../types.js';
import { ingressName, noteUnreadAnnotations } from './annotations.js';
import { f5ConfigOf, F5_SIMULATED, type F5IngressConfig } from './f5-nginx/annotations.js';
import { locationMatches, locationText, selectNginxLocation, type F5Location, type LocationChoice } from './f5-nginx/locations.js';
import { f5Index, findServer, type F5IngressLocationValue, type F5IngressServer, type F5Index } from './f5-nginx/servers.js';
import { conditionHolds, shimIngress, vsServer, type VsLocationValue, type VsServerModel } from './f5-nginx/virtualserver.js';
import { nginxUri } from './nginx/uri.js';
import { compileRegex, describeCaptures } from './regex.js';
import { requestUri } from './shared.js';

function indexOf(ctx: ControllerContext): F5Index {
  const classNames = new Set([...ctx.profile.legacyClassNames, ...ctx.selection.classes.map((c) => c.meta.name)]);
  // VirtualServers with no ingressClassName are processed by every F5 controller
  // (HasCorrectIngressClass: class == ingressClass || class == "").
  const vss = ctx.cluster.virtualServers.filter((v) => !v.ingressClassName || classNames.has(v.ingressClassName));
  return f5Index(ctx.cluster, ctx.selection.served, vss);
}

function vsRef(o: { kind: string; meta: { namespace: string; name: string } }) {
  return { kind: o.kind, namespace: o.meta.namespace, name: o.meta.name };
}

export const f5NginxController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES['f5-nginx'],
  unavailableStatus: 502,
  unavailableWhy: 'F5 NGINX Ingress Controller gives an upstream without endpoints the placeholder server 127.0.0.1:8181, and "proxy_pass to an upstream with the default server returns 502" (internal/configs/version1/config.go NewUpstreamWithDefaultServer; VirtualServers use its 502 server socket, virtualserver.go nginx502Server)',
  route(ctx: ControllerContext): IngressDecision {
    const { request: req, trace } = ctx;
    const index = indexOf(ctx);
    const { server, how } = findServer(index, req.host);

    // 1. Server. Candidates: resources that lost this host, or were rejected.
    const vsModel = server?.kind === 'vs' ? vsServer(ctx.cluster, server.owner) : undefined;
    const live = server && !(vsModel && vsModel.status.state === 'Invalid');
    trace.add(
      lazyStep(
        {
          kind: 'host',
          summary: live ? `host ${req.host}: server ${server!.host} of ${server!.owner.kind} ${server!.owner.meta.namespace}/${server!.owner.meta.name}` : `no server has server_name ${req.host}; the default server answers`,
          reason: live ? (how === 'exact' ? 'HostExact' : 'HostWildcard') : 'HostMismatch',
          status: live ? 'ok' : 'warn',
          object: server ? vsRef(server.owner) : undefined,
          source: server?.owner.source,
        },
        () => {
          const candidates: TraceCandidate[] = [];
          if (server) {
            const o = server.owner;
            candidates.push({
              label: `${o.kind} ${o.meta.namespace}/${o.meta.name}`,
              verdict: live ? 'won' : 'skip',
              reason: live ? (how === 'exact' ? 'HostExact' : 'HostWildcard') : 'VirtualServerInvalid',
              detail: live
                ? `owns host ${server.host}${how === 'wildcard' ? ` (server_name ${server.host} covers ${req.host})` : ''}${server.kind === 'ingress' && server.minions.length ? `; master of ${server.minions.length} minion(s): ${server.minions.map(ingressName).join(', ')}` : ''}`
                : `${vsModel!.status.state}: ${vsModel!.status.message}`,
              object: vsRef(o),
              source: o.source,
            });
          }
          for (const l of index.lostHosts.get(server?.host ?? req.host) ?? []) {
            candidates.push({ label: `${l.resource.kind} ${l.resource.meta.namespace}/${l.resource.meta.name}`, verdict: 'lost', reason: 'HostTaken', detail: `host ${server?.host ?? req.host} is taken by another resource: ${l.winner.kind} ${l.winner.meta.namespace}/${l.winner.meta.name} is older, and the oldest resource owns a host (configuration.go chooseObjectMetaWinner)`, object: vsRef(l.resource), source: l.resource.source });
          }
          for (const r of index.rejected.get(server?.host ?? req.host) ?? []) {
            candidates.push({ label: `${r.object.kind} ${r.object.namespace}/${r.object.name}`, verdict: 'skip', reason: r.object.kind === 'VirtualServer' ? 'VirtualServerInvalid' : 'IngressRejected', detail: r.why, object: r.object, source: r.resource.source });
          }
          return {
            candidates: capCandidates(candidates).shown,
            notes: ['F5 NGINX Ingress Controller gives each host to one resource (the oldest Ingress or VirtualServer); several Ingresses share a host only as mergeable master and minions'],
          };
        },
      ),
    );
    if (!live) {
      trace.add({ kind: 'rule', summary: `the default server (server_name _) answers every unknown host with 404`, reason: 'ControllerDefaultBackend', status: 'fail', notes: ['config_params.go: DefaultServerReturn "404" (ConfigMap default-server-return); spec.defaultBackend only adds a location to its own Ingress\'s hosts'] });
      return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from the F5 NGINX Ingress Controller default server: no server for ${req.host}` };
    }

    // 2. $uri.
    const uri = nginxUri(req.path);
    if (uri.invalid) {
      trace.add({ kind: 'note', summary: uri.invalid, reason: 'UriInvalid', status: 'fail' });
      return { kind: 'respond', status: 400, reason: 'UriInvalid', message: `400 Bad Request from NGINX: ${uri.invalid}` };
    }
    if (uri.changes.length) trace.add({ kind: 'note', summary: `NGINX matches locations against $uri ${uri.path}, not ${req.path}: ${uri.changes.join('; ')}`, reason: 'UriNormalized', status: 'warn', facts: { uri: uri.path, sent: req.path } });

    return server!.kind === 'ingress' ? routeIngressServer(ctx, server as F5IngressServer, uri.path) : routeVirtualServer(ctx, vsModel!, uri.path);
  },
};

/** Does the owner's spec.tls list this host (a wildcard entry covers one label)? */
function ownerHasTls(owner: Ingress, host: Hostname): boolean {
  return owner.tls.some((t) => t.hosts.some((h) => h.toLowerCase() === host || (h.startsWith('*.') && ingressHostMatches(h.toLowerCase(), host))));
}

function routeIngressServer(ctx: ControllerContext, server: F5IngressServer, uri: string): IngressDecision {
  const { request: req, trace } = ctx;
  const owner = server.owner;
  const cfg = server.ownerCfg;
  for (const ing of [owner, ...server.minions]) {
    for (const p of f5ConfigOf(ing).problems) trace.add({ kind: 'note', summary: `${p.annotation.key} on Ingress ${ingressName(ing)}: ${p.message}`, reason: 'AnnotationRejected', status: 'warn', object: ingressRef(ing), source: p.annotation.source });
  }

  // 3a. nginx.org/ssl-redirect: `if ($scheme = http) { return <code> https://$host:<ssl port>$request_uri; }`
  //     when the server has TLS (the host is in the Ingress's spec.tls); the port is always written.
  if (req.protocol === 'http' && cfg.sslRedirect && ownerHasTls(owner, toHostname(server.host))) {
    const location = `https://${req.host}:443${requestUri(req)}`;
    trace.add({ kind: 'redirect', summary: `nginx.org/ssl-redirect (default true): host ${server.host} has TLS on Ingress ${ingressName(owner)}, so plain HTTP gets ${cfg.redirectCode} to ${location}`, reason: 'SslRedirect', status: 'ok', object: ingressRef(owner), source: cfg.sslRedirectAnnotation?.source ?? owner.tls[0]?.source, notes: ['nginx.ingress.tmpl: the redirect names the HTTPS port, https://$host:443$request_uri; nginx.org/http-redirect-code sets the status (default 301)'] });
    return { kind: 'redirect', status: cfg.redirectCode, location, reason: 'SslRedirect', message: `${cfg.redirectCode} redirect to HTTPS: ${location}` };
  }
  // 3b. nginx.org/redirect-to-https: decided by the X-Forwarded-Proto header (a load balancer in front terminates TLS).
  const xfp = req.headers.find(([k]) => k === 'x-forwarded-proto')?.[1];
  if (cfg.redirectToHttps && xfp === 'http') {
    const location = `https://${req.host}${requestUri(req)}`;
    trace.add({ kind: 'redirect', summary: `nginx.org/redirect-to-https: X-Forwarded-Proto is http, so ${cfg.redirectCode} to ${location}`, reason: 'SslRedirect', status: 'ok', object: ingressRef(owner), source: cfg.redirectToHttps.source });
    return { kind: 'redirect', status: cfg.redirectCode, location, reason: 'SslRedirect', message: `${cfg.redirectCode} redirect to HTTPS: ${location}` };
  }
  if (cfg.redirectToHttps) trace.note(`nginx.org/redirect-to-https redirects only when X-Forwarded-Proto is http; this request has ${xfp ? `X-Forwarded-Proto ${xfp}` : 'no X-Forwarded-Proto'}`);
  // 3c. nginx.org/app-root: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }`.
  if (cfg.appRoot && uri === '/') {
    const location = `${req.protocol === 'https' ? 'https' : 'http'}://${req.host}${req.portExplicit && req.port !== (req.protocol === 'https' ? 443 : 80) ? `:${req.port}` : ''}${cfg.appRoot.value.trim()}`;
    trace.add({ kind: 'redirect', summary: `nginx.org/app-root ${cfg.appRoot.value}: a request for / gets 302 to ${location}`, reason: 'AppRootRedirect', status: 'ok', object: ingressRef(owner), source: cfg.appRoot.source });
    return { kind: 'redirect', status: 302, location, reason: 'AppRootRedirect', message: `302 redirect to the application root ${location}` };
  }

  // 3d. Locations.
  const chosen = selectNginxLocation(server.locations, uri);
  writeLocationStep(ctx, server.locations, chosen, uri, (l) => `${l.value.label} -> ${describeBackend(l.value.backend)} (Ingress ${ingressName(l.value.ingress)}${l.value.ingress !== owner ? ', minion' : ''})`, (l) => ({ object: ingressRef(l.value.ingress), ruleId: l.value.entry?.path.id, source: l.value.entry?.path.source ?? l.value.backend.source }), server.droppedPaths.map((d) => ({
    label: `${d.entry.path.path} ${d.entry.path.pathType} (Ingress ${ingressName(d.entry.ingress)}, minion)`,
    verdict: 'lost' as const,
    reason: 'PathOlderWins' as const,
    detail: `path ${d.entry.path.path} is taken by another resource: minion ${ingressName(d.winner)} is older (minion paths conflict by path string, whatever the pathType)`,
    object: ingressRef(d.entry.ingress),
    ruleId: d.entry.path.id,
    source: d.entry.path.source,
  })));
  noteUnreadAnnotations(trace, [owner, ...(chosen ? [chosen.location.value.ingress] : [])], 'f5-nginx', F5_SIMULATED);
  if (!chosen) {
    trace.add({ kind: 'rule', summary: `no location of server ${server.host} covers ${uri}; the server has no catch-all, so NGINX answers 404`, reason: 'ControllerDefaultBackend', status: 'fail', notes: ['the controller writes only the Ingress paths (and, for an Ingress with spec.defaultBackend, a location /) into the server; add a path / or a defaultBackend to catch the rest'] });
    return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from NGINX: no location of ${server.host} covers ${uri}` };
  }
  const v = chosen.location.value;
  const target: IngressTarget = v.entry ? pathTarget(v.entry) : { ingress: v.ingress, backend: v.backend, ruleId: v.backend.id ?? `${v.ingress.key} defaultBackend`, rule: 'defaultBackend', source: v.backend.source };
  if (chosen.slashRedirect) {
    const location = `${req.protocol === 'https' ? 'https' : 'http'}://${req.host}${uri}/${req.query}`;
    trace.add({ kind: 'redirect', summary: `${uri} is location ${chosen.location.path} without its trailing slash, so NGINX answers 301 to ${location}`, reason: 'TrailingSlashRedirect', status: 'ok', object: ingressRef(v.ingress), source: target.source, notes: ['NGINX "location" docs: a prefix location ending in a slash that proxies redirects the request without the slash with 301 (examples/ingress-resources/rewrites: "/tea requests are redirected to /tea/")'] });
    return { kind: 'redirect', status: 301, location, reason: 'TrailingSlashRedirect', message: `301 to ${location} (the location ends in "/")`, target };
  }
  return withIngressRewrite(ctx, chosen, v.cfg, target, uri);
}


/** nginx.org/rewrites (proxy_pass with a URI) or nginx.org/rewrite-target (`rewrite <path> <target> break`). */
function withIngressRewrite(ctx: ControllerContext, chosen: LocationChoice<F5IngressLocationValue>, cfg: F5IngressConfig, target: IngressTarget, uri: string): IngressDecision {
  const { request: req, trace } = ctx;
  const decision: Extract<IngressDecision, { kind: 'proxy' }> = { kind: 'proxy', ...target };
  const loc = chosen.location;
  const svc = loc.value.backend.service?.name;
  const rw = svc !== undefined ? cfg.rewrites.get(svc) : undefined;
  if (rw !== undefined) {
    if (loc.modifier === '~' || loc.modifier === '~*') {
      trace.add({ kind: 'note', summary: `nginx.org/rewrites for ${svc} in regex location ${locationText(loc)}: NGINX refuses a URI in proxy_pass inside a regular expression location, so the configuration is not applied; the path is shown unchanged`, reason: 'AnnotationRejected', status: 'warn', object: ingressRef(loc.value.ingress), source: cfg.rewritesAnnotation?.source });
      return decision;
    }
    // proxy_pass http://upstream<rewrite>: the part of the (normalized) URI that matched the
    // location is replaced; an exact location replaces the whole URI.
    const after = (loc.modifier === '=' ? rw : rw + uri.slice(loc.path.length)) + req.query;
    decision.upstreamPath = after;
    trace.add({ kind: 'rewrite', summary: `nginx.org/rewrites serviceName=${svc} rewrite=${rw}: ${req.path + req.query} -> ${after} (proxy_pass replaces the matched ${locationText(loc)})`, reason: 'RewriteApplied', status: 'ok', object: ingressRef(loc.value.ingress), source: cfg.rewritesAnnotation?.source, facts: { before: req.path + req.query, after }, notes: ['examples/ingress-resources/rewrites: /tea/abc -> /abc for rewrite=/ on location /tea/; a location /tea with rewrite=/ sends /tea/abc as //abc'] });
    return decision;
  }
  if (cfg.rewriteTarget) {
    // rewrite <pattern> <target> break: the pattern is the path, ^-anchored (and (?i)) under path-regex.
    const t = cfg.rewriteTarget.value.trim();
    const m = chosen.match ?? (locationMatches(loc, uri) as RegExpExecArray | boolean);
    const groups = Array.isArray(m) ? m : undefined;
    const after = t.replace(/\$(\d)/g, (_, d) => groups?.[Number(d)] ?? '') + req.query;
    decision.upstreamPath = after;
    trace.add({ kind: 'rewrite', summary: `nginx.org/rewrite-target ${t}: ${req.path + req.query} -> ${after}${groups && groups.length > 1 ? `; ${describeCaptures(groups)}` : ''}`, reason: 'RewriteApplied', status: 'ok', object: ingressRef(loc.value.ingress), source: cfg.rewriteTarget.source, facts: { before: req.path + req.query, after } });
  }
  return decision;
}

type Cand = Omit<TraceCandidate, 'label' | 'verdict' | 'reason' | 'detail'>;

function writeLocationStep<T>(ctx: ControllerContext, locations: ReadonlyArray<F5Location<T>>, chosen: LocationChoice<T> | undefined, uri: string, label: (l: F5Location<T>) => string, refs: (l: F5Location<T>) => Cand, extra: TraceCandidate[] = []): void {
  ctx.trace.add(
    lazyStep(
      {
        kind: 'rule',
        summary: chosen ? `location ${locationText(chosen.location)} takes ${uri}` : `no location matches ${uri}`,
        reason: chosen ? (chosen.location.modifier === '=' ? 'PathExactMatch' : chosen.location.regex ? 'PathRegexMatch' : 'PathPrefixMatch') : 'PathMismatch',
        status: chosen ? 'ok' : 'warn',
      },
      () => {
        const { shown, hidden } = capCandidates([...locationCandidates(locations, chosen, uri, label, refs), ...extra]);
        return {
          candidates: shown,
          notes: ['NGINX location order: an exact (=) location equal to the URI, else the longest prefix (^~ stops there), else the first matching regex in the order written, else that prefix; F5 NGINX Ingress Controller writes Prefix and ImplementationSpecific paths as plain prefix locations, so /foo also takes /foobar', ...(hidden ? [`${hidden} more location(s) not listed`] : [])],
        };
      },
    ),
  );
}

/** Every location of the server, with why NGINX took it or not for `uri`. */
function locationCandidates<T>(locations: ReadonlyArray<F5Location<T>>, chosen: LocationChoice<T> | undefined, uri: string, label: (l: F5Location<T>) => string, refs: (l: F5Location<T>) => Cand): TraceCandidate[] {
  const candidates: TraceCandidate[] = [];
  for (const l of locations) {
    const base = { label: `location ${locationText(l)}: ${label(l)}`, ...refs(l) };
    if (l === chosen?.location) {
      const how = chosen.slashRedirect ? `is ${uri} plus a trailing slash` : l.modifier === '=' ? 'equals the URI' : l.modifier === '~' || l.modifier === '~*' ? `matches (${l.modifier === '~*' ? 'case-insensitive' : 'case-sensitive'} regex, the first in order)${chosen.overrode ? `, which overrides the prefix location ${chosen.overrode.path}` : ''}` : `is the longest matching prefix${l.modifier === '^~' ? ' (^~: no regex is tried)' : ''}`;
      candidates.push({ ...base, verdict: 'won', reason: l.modifier === '=' ? 'PathExactMatch' : l.regex ? 'PathRegexMatch' : 'PathPrefixMatch', detail: `${l.path} ${how}` });
      continue;
    }
    if (l.never) {
      candidates.push({ ...base, verdict: 'skip', reason: 'PathMismatch', detail: l.never });
      continue;
    }
    const m = locationMatches(l, uri);
    if (!m) {
      const ci = l.modifier === '' && uri.toLowerCase().startsWith(l.path.toLowerCase());
      candidates.push({ ...base, verdict: 'miss', reason: ci ? 'PathCaseMismatch' : 'PathMismatch', detail: l.modifier === '=' ? `${l.path} is not ${uri}` : l.regex ? `the regex does not match ${uri}` : `${uri} does not start with ${l.path}${ci ? ' (prefix locations are case-sensitive)' : ''}` });
      continue;
    }
    candidates.push({ ...base, verdict: 'lost', reason: chosen?.location.modifier === '=' ? 'PathExactPreferred' : chosen?.location.regex ? 'PathFirstRegexWins' : 'PathLonger', detail: `also matches, but NGINX picks location ${chosen ? locationText(chosen.location) : ''}` });
  }
  return candidates;
}

// ---- VirtualServer ----

function upstreamTarget(_model: VsServerModel, v: VsLocationValue, u: VsUpstream, where: string): IngressTarget {
  const [ns, name] = u.service.includes('/') ? u.service.split('/', 2) : [v.holder.meta.namespace, u.service];
  const backend: IngressBackend = { service: { name, port: { number: u.port } }, source: u.source };
  return { ingress: shimIngress(v.holder), backend, ruleId: `${v.holder.kind} ${v.holder.meta.namespace}/${v.holder.meta.name} ${where}`, rule: where, source: v.route.source, object: vsRef(v.holder), serviceNamespace: ns !== v.holder.meta.namespace ? ns : undefined };
}

function routeVirtualServer(ctx: ControllerContext, model: VsServerModel, uri: string): IngressDecision {
  const { request: req, trace } = ctx;
  const vs = model.vs;
  trace.add({ kind: 'note', summary: `VirtualServer ${vs.meta.namespace}/${vs.meta.name} status: ${model.status.state} (${model.status.reason})`, reason: model.status.state === 'Valid' ? 'Note' : 'VirtualServerInvalid', status: model.status.state === 'Valid' ? 'info' : 'warn', object: vsRef(vs), source: vs.source, notes: [model.status.message, ...model.unusedRoutes.map((u) => `VirtualServerRoute ${u.vsr.meta.namespace}/${u.vsr.meta.name}: ${u.why}`)] });

  // tls.redirect: `if ($scheme = http) { return <code> https://$host$request_uri; }` (basedOn scheme, the default).
  const rd = vs.tls?.redirect;
  if (rd?.enable) {
    const basedOnXfp = rd.basedOn === 'x-forwarded-proto';
    const plain = basedOnXfp ? req.headers.find(([k]) => k === 'x-forwarded-proto')?.[1] === 'http' : req.protocol === 'http';
    if (plain) {
      const code = rd.code ?? 301;
      const location = `https://${req.host}${requestUri(req)}`;
      trace.add({ kind: 'redirect', summary: `tls.redirect: ${basedOnXfp ? 'X-Forwarded-Proto is http' : 'plain HTTP'}, so ${code} to ${location}`, reason: 'SslRedirect', status: 'ok', object: vsRef(vs), source: rd.source });
      return { kind: 'redirect', status: code, location, reason: 'SslRedirect', message: `${code} redirect to HTTPS: ${location}` };
    }
  }

  const chosen = selectNginxLocation(model.locations, uri, (l) => routeProxies(l.value.route));
  writeLocationStep(ctx, model.locations, chosen, uri, (l) => `${l.value.holder.kind} ${l.value.holder.meta.namespace}/${l.value.holder.meta.name} ${l.value.holder.kind === 'VirtualServer' ? 'routes' : 'subroutes'}[${l.value.route.index}]`, (l) => ({ object: vsRef(l.value.holder), ruleId: `${l.value.holder.kind} ${l.value.holder.meta.namespace}/${l.value.holder.meta.name} route ${l.value.route.index}`, source: l.value.route.source }));
  if (!chosen) {
    trace.add({ kind: 'rule', summary: `no route of VirtualServer ${vs.meta.namespace}/${vs.meta.name} covers ${uri}; NGINX answers 404`, reason: 'ControllerDefaultBackend', status: 'fail' });
    return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from NGINX: no route of VirtualServer ${vs.meta.namespace}/${vs.meta.name} covers ${uri}` };
  }
  const v = chosen.location.value;
  const r = v.route;
  const where = `${v.holder.kind === 'VirtualServer' ? 'routes' : 'subroutes'}[${r.index}]`;
  if (chosen.slashRedirect) {
    const location = `${req.protocol === 'https' ? 'https' : 'http'}://${req.host}${uri}/${req.query}`;
    trace.add({ kind: 'redirect', summary: `${uri} is route ${r.path} without its trailing slash, so NGINX answers 301 to ${location}`, reason: 'TrailingSlashRedirect', status: 'ok', object: vsRef(v.holder), source: r.source, notes: ['examples/custom-resources/rewrites: "/tea requests are redirected to /tea/"'] });
    return { kind: 'redirect', status: 301, location, reason: 'TrailingSlashRedirect', message: `301 to ${location}` };
  }

  // matches: the first whose conditions all hold; else the route's own action or splits.
  let action = r.action;
  let splits = r.splits;
  let at = where;
  if (r.matches.length) {
    const cands: TraceCandidate[] = [];
    let hit = -1;
    for (const [j, m] of r.matches.entries()) {
      const results = m.conditions.map((c) => conditionHolds(c, req));
      const ok = results.every((x) => x.holds);
      if (ok && hit < 0) hit = j;
      cands.push({ label: `matches[${j}]`, verdict: ok && hit === j ? 'won' : ok ? 'lost' : 'miss', reason: ok ? 'MatchHolds' : 'HeaderMatchFailed', detail: results.map((x) => x.detail).join('; '), object: vsRef(v.holder), source: m.source });
    }
    if (hit >= 0) {
      action = r.matches[hit].action;
      splits = r.matches[hit].splits;
      at = `${where}.matches[${hit}]`;
    }
    trace.add({ kind: 'rule', summary: hit >= 0 ? `matches[${hit}] holds: its ${action ? 'action' : 'splits'} apply` : `no match holds: the route's own ${action ? 'action' : 'splits'} apply`, reason: hit >= 0 ? 'MatchHolds' : 'DefaultBackend', status: 'ok', candidates: cands, notes: ['virtualserver.go generateMatchesConfig: conditions of one match must all hold (exact values; "!" negates), and the first match in order wins'] });
  }
  if (splits) {
    const best = splits.reduce((a, s) => (s.weight > a.weight ? s : a), splits[0]);
    const i = splits.indexOf(best);
    const shares = splits.map((s, k) => `${s.weight}% ${describeAction(s.action)}${k === i ? ' (shown)' : ''}`).join(', ');
    trace.add({ kind: 'canary', summary: `splits: ${shares}; split_clients assigns each request at random, the largest share is traced`, reason: 'CanaryWeighted', status: 'ok', object: vsRef(v.holder), source: best.source });
    const decision = applyAction(ctx, model, v, best.action!, `${at}.splits[${i}]`, chosen, uri);
    if (decision.kind === 'proxy') {
      decision.split = splits.flatMap((s, k) => {
        const up = upstreamOf(v, s.action);
        return up ? [{ ...upstreamTarget(model, v, up, `${at}.splits[${k}]`), weight: s.weight }] : [];
      });
    }
    return decision;
  }
  return applyAction(ctx, model, v, action!, `${at}.action`, chosen, uri);
}

function routeProxies(r: VsRoute): boolean {
  const a = r.action;
  return !a || a.kind === 'pass' || a.kind === 'proxy';
}

function describeAction(a: VsAction | undefined): string {
  if (!a) return '(no action)';
  switch (a.kind) {
    case 'pass': return `pass ${a.upstream}`;
    case 'proxy': return `proxy ${a.upstream}`;
    case 'redirect': return `redirect ${a.url}`;
    case 'return': return `return ${a.code ?? 200}`;
    default: return 'invalid action';
  }
}

function upstreamOf(v: VsLocationValue, a: VsAction | undefined): VsUpstream | undefined {
  if (!a || (a.kind !== 'pass' && a.kind !== 'proxy')) return undefined;
  return v.holder.upstreams.find((u) => u.name === a.upstream);
}

function substitute(url: string, req: NormalizedRequest): string {
  return url
    .replaceAll('${scheme}', req.protocol === 'https' ? 'https' : 'http')
    .replaceAll('${host}', req.host)
    .replaceAll('${request_uri}', requestUri(req))
    .replaceAll('${http_x_forwarded_proto}', req.headers.find(([k]) => k === 'x-forwarded-proto')?.[1] ?? '');
}

function applyAction(ctx: ControllerContext, model: VsServerModel, v: VsLocationValue, a: VsAction, where: string, chosen: LocationChoice<VsLocationValue>, uri: string): IngressDecision {
  const { request: req, trace } = ctx;
  const obj = vsRef(v.holder);
  switch (a.kind) {
    case 'redirect': {
      const code = a.code ?? 301;
      const location = substitute(a.url, req);
      trace.add({ kind: 'redirect', summary: `action.redirect: ${code} to ${location}`, reason: 'AnnotationRedirect', status: 'ok', object: obj, source: a.source, notes: ['virtualserver.go generateLocationForRedirect: the code defaults to 301'] });
      return { kind: 'redirect', status: code, location, reason: 'AnnotationRedirect', message: `${code} redirect to ${location}` };
    }
    case 'return': {
      const code = a.code ?? 200;
      trace.add({ kind: 'note', summary: `action.return: NGINX answers ${code} (${a.type ?? 'text/plain'}) with the body "${(a.body ?? '').slice(0, 80)}"`, reason: 'DirectResponse', status: 'ok', object: obj, source: a.source });
      return { kind: 'respond', status: code, reason: 'DirectResponse', message: `${code} returned by VirtualServer ${model.vs.meta.namespace}/${model.vs.meta.name} (${where})` };
    }
    case 'pass':
    case 'proxy': {
      const up = upstreamOf(v, a)!;
      const target = upstreamTarget(model, v, up, where);
      trace.add({ kind: 'rule', summary: `action.${a.kind} -> upstream ${up.name} (Service ${up.service}:${up.port})`, reason: 'PathPrefixMatch', status: 'ok', object: obj, source: a.source });
      const decision: Extract<IngressDecision, { kind: 'proxy' }> = { kind: 'proxy', ...target };
      if (a.kind === 'proxy' && a.rewritePath !== undefined) {
        const loc = chosen.location;
        let after: string | undefined;
        if (loc.modifier === '~' || loc.modifier === '~*') {
          // rewrite "^<regex>" "<rewritePath>" break: anchored, the whole URI replaced.
          const anchored = makeAnchored(loc.path, loc.modifier === '~*');
          const m = anchored?.exec(uri);
          after = m ? a.rewritePath.replace(/\$(\d)/g, (_, d) => m[Number(d)] ?? '') : undefined;
          if (!m) trace.note(`rewritePath: the rewrite is anchored (^${loc.path}) and does not match ${uri}, so the path is unchanged`);
        } else after = loc.modifier === '=' ? a.rewritePath : a.rewritePath + uri.slice(loc.path.length);
        if (after !== undefined) {
          decision.upstreamPath = after + req.query;
          trace.add({ kind: 'rewrite', summary: `proxy.rewritePath ${a.rewritePath}: ${req.path + req.query} -> ${decision.upstreamPath}`, reason: 'RewriteApplied', status: 'ok', object: obj, source: a.source, facts: { before: req.path + req.query, after: decision.upstreamPath } });
        }
      }
      return decision;
    }
    default:
      trace.add({ kind: 'rule', summary: 'the action is invalid', reason: 'BackendInvalid', status: 'fail', object: obj, source: a.source });
      return { kind: 'respond', status: 500, reason: 'BackendInvalid', message: '500: invalid action' };
  }
}

function makeAnchored(source: string, ci: boolean) {
  const c = compileRegex(`^(?:${source})`, ci ? 'i' : '');
  return c.ok ? c.re : undefined;
}

export type { VsSplit };
