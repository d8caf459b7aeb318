// Traefik's ingress-nginx provider (Traefik v3.7, providers.kubernetesIngressNGINX): the
// Ingresses of ingress-nginx, read by Traefik. Routers are built in
// traefik-nginx/routers.ts; here a request is matched as Traefik matches it (every router
// whose host fits, longest rule string first, the first whose rule matches wins), then the
// middlewares the provider attaches run in its order (translator.go): the HTTPS redirect,
// app-root, the redirect annotations, rewrite-target. Nothing matching is Traefik's 404.
import { cached } from '../../model/cluster.js';
import type { NormalizedRequest } from '../../model/request.js';
import type { TraceCandidate } from '../../trace/types.js';
import { lazyStep, type LazyStepParts } from '../../trace/builder.js';
import { singleLabelWildcardFor } from '../../match/hostname.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { capCandidates, ingressRef, pathTarget } from '../steps.js';
import { describeBackend } from '../table.js';
import type { ControllerContext, IngressControllerModel, IngressDecision, IngressTarget } from '../types.js';
import { ingressName, noteUnreadAnnotations } from './annotations.js';
import { compileRegex, describeCaptures } from './regex.js';
import { buildNginxRouters, TRAEFIK_NGINX_READS, TRAEFIK_NGINX_SIMULATED, unsupportedWhy, type NginxRouter, type NginxRouterIndex } from './traefik-nginx/routers.js';
import { requestUri } from './shared.js';

function indexOf(ctx: ControllerContext): NginxRouterIndex {
  return cached(ctx.cluster, 'traefik-nginx routers', () => buildNginxRouters(ctx.table));
}

/** ingress-nginx annotations the provider does not read, with why (annotations.go reads only its IngressConfig keys). */
const NOT_READ = { get: (name: string) => (TRAEFIK_NGINX_READS.has(name) ? undefined : unsupportedWhy(name)) };

function routerMatches(r: NginxRouter, req: NormalizedRequest): { ok: boolean; detail: string; m?: RegExpExecArray } {
  const path = req.path;
  switch (r.matcher) {
    case 'Any':
      return { ok: true, detail: 'the host matches (the defaultBackend router has no path)' };
    case 'Path':
      return path === r.path ? { ok: true, detail: `Path equals ${path}` } : { ok: false, detail: `Path(${r.path}) is exactly ${r.path}, not ${path}` };
    case 'Prefix': {
      const p = r.path.replace(/\/$/, '');
      const ok = r.path === '/' || path === p || path.startsWith(`${p}/`);
      return ok ? { ok, detail: `${path} is ${p} or below it, element by element` } : { ok, detail: `${path} is neither ${p} nor below ${p}/ (whole path elements)` };
    }
    case 'PathRegexp': {
      if (!r.regex?.ok) return { ok: false, detail: 'the regular expression does not compile' };
      const m = r.regex.re.exec(path);
      return m ? { ok: true, detail: `(?i)^${r.path} matches ${path}`, m } : { ok: false, detail: `(?i)^${r.path} does not match ${path}` };
    }
  }
}

function headerValue(req: NormalizedRequest, name: string): string | undefined {
  const n = name.toLowerCase();
  return req.headers.find(([k]) => k === n)?.[1];
}

function cookieValue(req: NormalizedRequest, name: string): string | undefined {
  for (const [k, v] of req.headers) {
    if (k !== 'cookie') continue;
    for (const part of v.split(';')) {
      const t = part.trim();
      if (t.startsWith(`${name}=`)) return t.slice(name.length + 1);
    }
  }
  return undefined;
}

/** Every router that can see the host, by priority, with why it won, lost or missed. */
function routerCandidates(routers: NginxRouter[], req: NormalizedRequest): LazyStepParts {
  let winner: NginxRouter | undefined;
  const candidates: TraceCandidate[] = [];
  for (const r of routers) {
    const t = routerMatches(r, req);
    const base = { label: `${r.rule} (priority ${r.priority}) -> ${describeBackend(r.backend)} (Ingress ${ingressName(r.ingress)})`, object: ingressRef(r.ingress), ruleId: r.entry?.path.id, source: r.entry?.path.source ?? r.backend.source };
    if (!t.ok) candidates.push({ ...base, verdict: 'miss', reason: 'PathMismatch', detail: t.detail });
    else if (!winner) {
      winner = r;
      candidates.push({ ...base, verdict: 'won', reason: 'PathPriority', detail: `${t.detail}; the highest-priority router that matches (priority is the rule's length)` });
    } else candidates.push({ ...base, verdict: 'lost', reason: 'PathPriority', detail: `also matches, but its rule is shorter (${r.priority} < ${winner.priority} characters)` });
  }
  const { shown, hidden } = capCandidates(candidates);
  return {
    candidates: shown,
    notes: [
      "the provider sets no router priority, so Traefik's default applies: the length of the rule string, longest first (no NGINX host-then-longest-location order; an Exact path can lose to a shorter Prefix whose rule is longer)",
      ...(hidden ? [`${hidden} more router(s) not listed`] : []),
    ],
  };
}

export const traefikNginxController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES['traefik-nginx'],
  unavailableStatus: 503,
  unavailableWhy: 'Traefik keeps the routers of a Service without ready endpoints, with an empty server list, and its load balancer answers 503 "no available server" (build.go, "mirrors ingress-nginx\'s 503-on-no-servers")',
  route(ctx: ControllerContext): IngressDecision {
    const { request: req, trace } = ctx;
    const index = indexOf(ctx);
    for (const r of index.rejected) {
      if (r.ingress.rules.some((x) => !x.host || x.host.toLowerCase() === req.host || singleLabelWildcardFor(req.host) === x.host.toLowerCase())) {
        trace.add({ kind: 'note', summary: `Ingress ${ingressName(r.ingress)} is skipped: ${r.why}`, reason: 'IngressRejected', status: 'warn', object: ingressRef(r.ingress), source: r.annotation?.source ?? r.ingress.source });
      }
    }
    const www = index.byHost.has(req.host) ? undefined : index.wwwRedirects.get(req.host);
    if (www) {
      const location = `${req.protocol === 'https' ? 'https' : 'http'}://${www.to}${requestUri(req)}`;
      trace.add({ kind: 'redirect', summary: `from-to-www-redirect on Ingress ${ingressName(www.ingress)}: the router for ${req.host} answers 308 to ${location}`, reason: 'AnnotationRedirect', status: 'ok', object: ingressRef(www.ingress), source: www.annotation.source, notes: ['translator.go: a router Host("<other name>") with a RedirectRegex to the Ingress host, status 308'] });
      return { kind: 'redirect', status: 308, location, reason: 'AnnotationRedirect', message: `308 redirect to ${location}` };
    }
    // Every router that can see this host: its own, the wildcard's, and the rules without host; by priority.
    const wc = singleLabelWildcardFor(req.host);
    const routers = [...(index.byHost.get(req.host) ?? []), ...(wc ? index.byHost.get(wc) ?? [] : []), ...(index.byHost.get('') ?? [])].sort((a, b) => b.priority - a.priority || (a.name < b.name ? -1 : 1));
    // The decision: the highest-priority router that matches.
    let winner: NginxRouter | undefined;
    let m: RegExpExecArray | undefined;
    for (const r of routers) {
      const t = routerMatches(r, req);
      if (!t.ok) continue;
      winner = r;
      m = t.m;
      break;
    }
    trace.add(
      lazyStep(
        {
          kind: 'rule',
          summary: winner ? `router ${winner.name} takes the request: ${winner.rule}` : `no router matches ${req.host}${req.path}`,
          reason: winner ? 'PathPriority' : 'PathMismatch',
          status: winner ? 'ok' : 'warn',
          object: winner ? ingressRef(winner.ingress) : undefined,
          source: winner?.entry?.path.source,
        },
        () => routerCandidates(routers, req),
      ),
    );
    noteUnreadAnnotations(trace, winner ? [winner.ingress] : routers.map((r) => r.ingress), 'traefik-nginx', TRAEFIK_NGINX_SIMULATED, NOT_READ);
    if (!winner) {
      const all = index.catchAll;
      if (all?.defaultBackend) {
        const dbe = all.defaultBackend;
        trace.add({ kind: 'rule', summary: `no router matches; the catch-all router (priority MinInt32) of Ingress ${ingressName(all)} -> ${describeBackend(dbe)}`, reason: 'DefaultBackend', status: 'ok', object: ingressRef(all), source: dbe.source });
        return { kind: 'proxy', ingress: all, backend: dbe, ruleId: dbe.id, rule: 'defaultBackend', source: dbe.source };
      }
      trace.add({ kind: 'rule', summary: 'no router matches, so Traefik answers 404 page not found', reason: 'ControllerDefaultBackend', status: 'fail' });
      return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from Traefik: no router matches ${req.host}${req.path}` };
    }
    const cfg = winner.cfg;
    const ing = winner.ingress;
    const target: IngressTarget = winner.entry ? pathTarget(winner.entry) : { ingress: ing, backend: winner.backend, ruleId: winner.backend.id ?? `${ing.key} defaultBackend`, rule: 'defaultBackend', source: winner.backend.source };

    // 1. redirect-scheme, on the HTTP router only: an Ingress with spec.tls (per Ingress,
    //    build.go hasTLS), unless ssl-redirect "false"; force-ssl-redirect without TLS. 308.
    if (req.protocol === 'http' && (cfg.forceSslRedirect || (ing.tls.length > 0 && cfg.sslRedirect))) {
      const location = `https://${req.host}${requestUri(req)}`;
      trace.add({ kind: 'redirect', summary: `${cfg.forceSslRedirect ? 'force-ssl-redirect' : `ssl-redirect (default true; Ingress ${ingressName(ing)} has spec.tls)`}: 308 to ${location}`, reason: 'SslRedirect', status: 'ok', object: ingressRef(ing), source: cfg.sslAnnotation?.source ?? ing.tls[0]?.source, notes: ['middleware.go: RedirectScheme https with ForcePermanentRedirect, which answers 308; decided per Ingress (its own spec.tls), not per host'] });
      return { kind: 'redirect', status: 308, location, reason: 'SslRedirect', message: `308 redirect to HTTPS: ${location}`, target };
    }
    // 2. app-root: only when the path is exactly "/" (approot middleware), on this Ingress's routers.
    if (cfg.appRoot && req.path === '/') {
      const location = `${req.protocol === 'https' ? 'https' : 'http'}://${req.host}${cfg.appRoot.value.trim()}`;
      trace.add({ kind: 'redirect', summary: `app-root ${cfg.appRoot.value}: 302 to ${location}`, reason: 'AppRootRedirect', status: 'ok', object: ingressRef(ing), source: cfg.appRoot.source });
      return { kind: 'redirect', status: 302, location, reason: 'AppRootRedirect', message: `302 redirect to the application root ${location}`, target };
    }
    // 3. permanent / temporal redirect: RedirectRegex ".*" -> the URL.
    if (cfg.redirect) {
      let location = cfg.redirect.url;
      if (m) location = location.replace(/\$(\d)/g, (_, d) => m![Number(d)] ?? '');
      trace.add({ kind: 'redirect', summary: `${cfg.redirect.annotation.key}: ${cfg.redirect.code} to ${location}`, reason: 'AnnotationRedirect', status: 'ok', object: ingressRef(ing), source: cfg.redirect.annotation.source, notes: ['middleware.go: temporal-redirect wins over permanent-redirect; a code outside 300-308 falls back to 301 / 302'] });
      return { kind: 'redirect', status: cfg.redirect.code, location, reason: 'AnnotationRedirect', message: `${cfg.redirect.code} redirect to ${location}`, target };
    }

    // 4. canary: a router with the canary's condition (its rule is longer, so it wins).
    let decision: Extract<IngressDecision, { kind: 'proxy' }> = { kind: 'proxy', ...target };
    const canary = winner.entry ? index.canaries.get(winner.entry) : undefined;
    if (canary?.cfg.canary) {
      const c = canary.cfg.canary;
      const h = c.header ? headerValue(req, c.header) : undefined;
      const cookie = c.cookie ? cookieValue(req, c.cookie) : undefined;
      const byHeader = c.header !== undefined && h !== undefined && (c.headerValue !== undefined ? h === c.headerValue : c.headerPattern ? !!(c.headerPattern.ok && c.headerPattern.re.test(h)) : h === 'always');
      const byCookie = cookie === 'always' && !(c.header && h === 'never');
      const never = (c.header !== undefined && h === 'never') || cookie === 'never';
      const ct = pathTarget(canary.canary);
      if (byHeader || byCookie) {
        trace.add({ kind: 'canary', summary: `canary Ingress ${ingressName(canary.canary.ingress)} takes the request (${byHeader ? `header ${c.header}` : `cookie ${c.cookie}=always`})`, reason: 'CanaryChosen', status: 'ok', object: ingressRef(canary.canary.ingress), source: c.annotation.source });
        decision = { kind: 'proxy', ...ct };
      } else if (!never && c.weight > 0) {
        trace.add({ kind: 'canary', summary: `canary weight ${c.weight} of ${c.total}: the production Service gets ${c.total - c.weight}, the canary ${c.weight} (weighted round robin)`, reason: 'CanaryWeighted', status: 'ok', object: ingressRef(canary.canary.ingress), source: c.annotation.source });
        decision.split = [{ ...target, weight: c.total - c.weight }, { ...ct, weight: c.weight }];
      } else trace.add({ kind: 'canary', summary: `canary Ingress ${ingressName(canary.canary.ingress)} does not take the request`, reason: 'CanarySkipped', status: 'info', object: ingressRef(canary.canary.ingress), source: c.annotation.source });
    }

    // 5. rewrite-target: regex (?i)<path>, unanchored, ReplaceAllString on the path; an
    //    absolute URL redirects 302; an empty result is 500; a result JoinPath would change is 400.
    if (cfg.rewriteTarget && winner.entry && cfg.rewriteTarget.value !== winner.path) {
      const t = cfg.rewriteTarget.value.trim();
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
        trace.add({ kind: 'redirect', summary: `rewrite-target ${t} is an absolute URL: the provider's middleware answers 302`, reason: 'AnnotationRedirect', status: 'ok', object: ingressRef(ing), source: cfg.rewriteTarget.source });
        return { kind: 'redirect', status: 302, location: t + req.query, reason: 'AnnotationRedirect', message: `302 redirect to ${t}`, target };
      }
      // ReplaceAllString: every non-overlapping match of the path regex is replaced.
      const re = compileRegex(winner.path, 'i');
      let after = req.path;
      if (re.ok) {
        let out = '';
        let last = 0;
        for (const x of re.re.matchAll(req.path)) {
          out += req.path.slice(last, x.index) + t.replace(/\$(\d)/g, (_, d) => x[Number(d)] ?? '');
          last = x.index + x[0].length;
        }
        after = out + req.path.slice(last);
      }
      if (after === '') {
        trace.add({ kind: 'rewrite', summary: `rewrite-target ${t}: the rewritten path is empty, so the middleware answers 500`, reason: 'BackendInvalid', status: 'fail', object: ingressRef(ing), source: cfg.rewriteTarget.source });
        return { kind: 'respond', status: 500, reason: 'BackendInvalid', message: '500 from Traefik: rewrite-target produced an empty path', target };
      }
      if (/\/\/|(^|\/)\.\.?(\/|$)/.test(after)) {
        trace.add({ kind: 'rewrite', summary: `rewrite-target ${t}: ${req.path} -> ${after}, which URL.JoinPath would change, so the middleware answers 400`, reason: 'BackendInvalid', status: 'fail', object: ingressRef(ing), source: cfg.rewriteTarget.source, notes: ['rewrite_target.go: Go replaces only the part of the path the regex matches (NGINX rewrites the whole URI); a result with "//" or dot segments is refused with 400'] });
        return { kind: 'respond', status: 400, reason: 'BackendInvalid', message: `400 from Traefik: the rewritten path ${after} is not clean`, target };
      }
      decision.upstreamPath = after + req.query;
      trace.add({ kind: 'rewrite', summary: `rewrite-target ${t}: ${req.path} -> ${after}${m && m.length > 1 ? `; ${describeCaptures(m)}` : ''}`, reason: 'RewriteApplied', status: 'ok', object: ingressRef(ing), source: cfg.rewriteTarget.source, facts: { before: req.path + req.query, after: decision.upstreamPath }, notes: ['rewrite_target.go: the path regex (case-insensitive, not anchored) is replaced where it matches, the rest of the path stays'] });
    }
    return decision;
  },
};
