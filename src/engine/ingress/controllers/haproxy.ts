// HAProxy Ingress (jcmoraisjr/haproxy-ingress), modelled on its configuration keys
// (https://haproxy-ingress.github.io/docs/configuration/keys/). A request goes through:
// 1. redirect-from: a host named by redirect-from is redirected to the Ingress host;
// 2. the paths of the precise host (exact, then prefix/begin longest first, then regex),
//    then, with strict-host false (the default), the matching wildcard host and the rules
//    without host ("Strict host");
// 3. app-root for "/", ssl-redirect when the host has TLS, redirect-to, rewrite-target;
// 4. nothing matched: the oldest spec.defaultBackend, else "An internal 404 error page"
//    ("Default Redirect").
// Paths whose http-header-match does not hold are passed over (keys.md "HTTP Match"; the
// doc does not say what a non-matching request gets, RouteLab tries the next path).
import { cached } from '../../model/cluster.js';
import type { Ingress } from '../../model/resources.js';
import type { TraceCandidate } from '../../trace/types.js';
import { lazyStep, type LazyStepParts } from '../../trace/builder.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { capCandidates, ingressRef } from '../steps.js';
import { compareIngressAge, describeBackend, lookupHost, type HostEntry } from '../table.js';
import type { ControllerContext, IngressControllerModel, IngressDecision, IngressTarget } from '../types.js';
import { ingressName, noteUnreadAnnotations } from './annotations.js';
import { buildHostPaths, compareRegexKeys, HAPROXY_GLOBAL_KEYS, HAPROXY_SIMULATED, haproxyConfigOf, pathMatches, rewritePath, testPath, type HaproxyIngressConfig, type HaproxyPath, type PathTest } from './haproxy/paths.js';
import { nearMisses, requestUri, tlsHostsOf } from './shared.js';
import { describeCaptures } from './regex.js';
import { pathTarget } from '../steps.js';
import { ingressHostMatches } from '../../match/hostname.js';

/** ssl-redirect-code, redirect-to-code, redirect-from-code and app-root all default to 302 (keys.md). */
const REDIRECT_CODE = 302;
/** no-tls-redirect-locations default (keys.md "SSL redirect"). */
const NO_TLS_REDIRECT = ['/.well-known/acme-challenge'];

const pathsCache = new WeakMap<HostEntry, HaproxyPath[]>();
function pathsOf(entry: HostEntry): HaproxyPath[] {
  let v = pathsCache.get(entry);
  if (!v) pathsCache.set(entry, (v = buildHostPaths(entry)));
  return v;
}

const NO_PATHS: HaproxyPath[] = [];
const orderCache = new WeakMap<HaproxyPath[], WeakMap<HaproxyPath[], WeakMap<HaproxyPath[], HaproxyPath[]>>>();

/**
 * The paths a request for a host is tested against, in HAProxy's lookup order: the precise
 * host's non-regex paths, then its regex paths with the wildcard host's entries, longest key
 * first, then the host-less rules. The same for every request to the host: made once.
 */
function lookupOrder(exact: HostEntry | undefined, wildcard: HostEntry | undefined, any: HostEntry | undefined): HaproxyPath[] {
  const own = exact ? pathsOf(exact) : NO_PATHS;
  const wild = wildcard ? pathsOf(wildcard) : NO_PATHS;
  const rest = any ? pathsOf(any) : NO_PATHS;
  let byWild = orderCache.get(own);
  if (!byWild) orderCache.set(own, (byWild = new WeakMap()));
  let byRest = byWild.get(wild);
  if (!byRest) byWild.set(wild, (byRest = new WeakMap()));
  let ordered = byRest.get(rest);
  if (!ordered) {
    ordered = [...own.filter((p) => !p.regex), ...[...own.filter((p) => p.regex), ...wild].sort(compareRegexKeys), ...rest];
    byRest.set(rest, ordered);
  }
  return ordered;
}

interface RedirectFrom {
  cfg: HaproxyIngressConfig;
  from: string;
  to: string;
}

/** redirect-from names, indexed once per config; the oldest Ingress wins a conflict ("Scope"). */
function redirectFromIndex(ctx: ControllerContext): { exact: Map<string, RedirectFrom>; wildcard: RedirectFrom[] } {
  return cached(ctx.cluster, 'haproxy redirect-from', () => {
    const exact = new Map<string, RedirectFrom>();
    const wildcard: RedirectFrom[] = [];
    for (const ing of ctx.table.served) {
      const cfg = haproxyConfigOf(ing);
      const to = ing.rules.find((r) => r.host)?.host;
      if (!cfg.redirectFrom || !to) continue;
      const from = cfg.redirectFrom.value.trim().toLowerCase();
      const r = { cfg, from, to: to.toLowerCase() };
      if (from.startsWith('*.')) wildcard.push(r);
      else if (!exact.has(from)) exact.set(from, r);
    }
    return { exact, wildcard };
  });
}

function groupLabel(p: HaproxyPath): string {
  return p.group === 'host' ? '' : p.group === 'wildcard' ? ` [wildcard host ${p.entry.host}]` : ' [rule without host]';
}

function pathLabel(p: HaproxyPath): string {
  const how = p.matchFrom === 'pathType' ? `pathType ${p.entry.path.pathType}` : p.matchFrom === 'annotation' ? 'path-type annotation' : 'ImplementationSpecific default';
  const key = p.key ? ` as ${p.key}` : '';
  return `${p.entry.path.path} ${p.match} (${how})${key}${groupLabel(p)} -> ${describeBackend(p.entry.path.backend)} (Ingress ${ingressName(p.entry.ingress)})`;
}

function headerCheck(ctx: ControllerContext, cfg: HaproxyIngressConfig): string | undefined {
  const hm = cfg.headerMatch;
  if (!hm) return undefined;
  for (const c of hm.conditions) {
    const n = c.name.toLowerCase();
    const values = ctx.request.headers.filter(([k]) => k === n).map(([, v]) => v);
    if (values.length === 0) return `the request has no ${c.name} header (http-header-match)`;
    if (c.regex) {
      if (!c.regex.ok) return `http-header-match-regex ${c.value} does not compile (${c.regex.error})`;
      const re = c.regex.re;
      if (!values.some((v) => ((re.lastIndex = 0), re.test(v)))) return `${c.name}: ${values.join(',')} does not match ${c.value}`;
    } else if (!values.includes(c.value)) return `${c.name}: ${values.join(',')} is not "${c.value}"`;
  }
  return undefined;
}

/** Every path in lookup order with why it won, lost, missed or was skipped, and how HAProxy orders them. */
function pathCandidates(ctx: ControllerContext, ordered: HaproxyPath[], wildcard: HostEntry | undefined): LazyStepParts {
  const req = ctx.request;
  let winner: HaproxyPath | undefined;
  const candidates: TraceCandidate[] = [];
  for (const p of ordered) {
    const base = { label: pathLabel(p), object: ingressRef(p.entry.ingress), ruleId: p.entry.path.id, source: p.entry.path.source };
    if (p.regex && !p.regex.ok) {
      candidates.push({ ...base, verdict: 'skip', reason: 'RegexInvalid', detail: `the map key ${p.key} is not a valid regular expression (${p.regex.error})` });
      continue;
    }
    const t = testPath(p, req.host, req.path);
    if (!t.matched) {
      candidates.push({ ...base, verdict: 'miss', reason: t.caseOnly ? 'PathCaseMismatch' : 'PathMismatch', detail: t.detail });
      continue;
    }
    const headerMiss = headerCheck(ctx, p.cfg);
    if (headerMiss) {
      candidates.push({ ...base, verdict: 'miss', reason: 'HeaderMatchFailed', detail: `the path matches, but ${headerMiss}; the next path is tried`, source: p.cfg.headerMatch!.annotation.source });
      continue;
    }
    if (!winner) {
      winner = p;
      candidates.push({
        ...base,
        verdict: 'won',
        reason: p.regex ? 'PathRegexMatch' : p.match === 'exact' ? 'PathExactMatch' : 'PathPrefixMatch',
        detail: `${t.detail}${t.m && t.m.length > 1 ? `; ${describeCaptures(t.m)}` : ''}${p.cfg.headerMatch ? '; http-header-match holds' : ''}`,
      });
      continue;
    }
    candidates.push({ ...base, verdict: 'lost', reason: winner.group !== p.group ? 'HostLessSpecific' : winner.match === 'exact' && p.match !== 'exact' ? 'PathExactPreferred' : p.regex ? 'PathFirstRegexWins' : 'PathLonger', detail: `also matches, but ${winner.entry.path.path} ${winner.match}${groupLabel(winner)} is looked up first` });
  }
  const { shown, hidden } = capCandidates(candidates);
  const notes = ['lookup order per host: exact paths, then prefix and begin paths (longer first, prefix before begin on a tie), then regex paths (longest map key first); keys.md "Path type" and path-type-order exact,prefix,begin,regex'];
  if (wildcard) notes.push(`the paths of wildcard host ${wildcard.host} become regular expression map entries ^[^.]+\\.<domain>#<path>: they match case-sensitively, and only after the precise host's other paths`);
  if (hidden) notes.push(`${hidden} more path(s) did not match`);
  return { candidates: shown, notes };
}

export const haproxyController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES.haproxy,
  unavailableStatus: 503,
  route(ctx: ControllerContext): IngressDecision {
    const { request: req, table, trace } = ctx;
    const lookup = lookupHost(table, req.host);

    // 1. redirect-from ("Redirect"): the source domain redirects to the Ingress host,
    //    "preserving protocol, path and query string"; the template writes
    //    `redirect prefix //<host>`, a protocol-relative Location. A host that an Ingress
    //    declares keeps its own rules.
    if (!lookup.exact) {
      const rf = redirectFromIndex(ctx);
      const hit = rf.exact.get(req.host) ?? rf.wildcard.find((r) => ingressHostMatches(r.from, req.host));
      if (hit) {
        const location = `//${hit.to}${requestUri(req)}`;
        const a = hit.cfg.redirectFrom!;
        trace.add({ kind: 'host', summary: `no Ingress declares host ${req.host}; redirect-from ${a.value} on Ingress ${ingressName(hit.cfg.ingress)} claims it`, reason: 'HostExact', status: 'ok', object: ingressRef(hit.cfg.ingress), source: a.source });
        trace.add({
          kind: 'redirect',
          summary: `redirect-from: ${req.host} -> ${hit.to}, ${REDIRECT_CODE} with Location ${location}`,
          reason: 'AnnotationRedirect',
          status: 'ok',
          object: ingressRef(hit.cfg.ingress),
          source: a.source,
          notes: ['keys.md "Redirect": the request is redirected to the Ingress host, preserving protocol, path and query string (a protocol-relative Location //host/path keeps the client\'s scheme); redirect-from-code defaults to 302'],
        });
        return { kind: 'redirect', status: REDIRECT_CODE, location, reason: 'AnnotationRedirect', message: `${REDIRECT_CODE} redirect from ${req.host} to ${hit.to}` };
      }
    }

    // 2. Host step: the precise host, then the wildcard host, then the rules without host.
    const visit: HostEntry[] = [lookup.exact, lookup.wildcard, lookup.any].filter((e): e is HostEntry => !!e);
    trace.add(
      lazyStep(
        {
          kind: 'host',
          summary: visit.length ? `host ${req.host}: ${visit.map((e) => (e.kind === 'any' ? 'rules without host' : e.host)).join(', then ')}` : `no rule matches host ${req.host}`,
          reason: visit[0] ? (visit[0].kind === 'exact' ? 'HostExact' : visit[0].kind === 'wildcard' ? 'HostWildcard' : 'HostCatchAll') : 'HostMismatch',
          status: visit.length ? 'ok' : 'warn',
          object: visit[0]?.ingresses[0] ? ingressRef(visit[0].ingresses[0]) : undefined,
          source: visit[0]?.paths[0]?.rule.source,
        },
        () => {
          const hostCandidates: TraceCandidate[] = visit.map((e, i) => ({
            label: e.kind === 'any' ? '(rules without host)' : e.host,
            verdict: i === 0 ? 'won' : 'lost',
            reason: e.kind === 'exact' ? 'HostExact' : e.kind === 'wildcard' ? 'HostWildcard' : 'HostCatchAll',
            detail: i === 0
              ? `${e.kind === 'exact' ? 'equals the request host' : e.kind === 'wildcard' ? `covers ${req.host} (one label)` : 'no host rule matches, so the rules without host apply'}; its paths are tried first`
              : `visited next if no path of the previous host matches (strict-host is false by default)`,
            object: e.ingresses[0] ? ingressRef(e.ingresses[0]) : undefined,
            source: e.paths[0]?.rule.source,
          }));
          if (!lookup.exact && !lookup.wildcard) hostCandidates.push(...nearMisses(table, req.host));
          return {
            candidates: hostCandidates,
            notes: visit.length > 1 ? ['keys.md, section Strict host: with strict-host false (the default), matching wildcard hosts are tried too when the precise host has no matching path'] : undefined,
          };
        },
      ),
    );

    // 3. Paths in lookup order. The precise host's regex paths share HAProxy's regex map
    //    with the wildcard host's entries, longest key first.
    const ordered = lookupOrder(lookup.exact, lookup.wildcard, lookup.any);
    // The decision: the first path in lookup order that matches, header conditions included.
    let winner: HaproxyPath | undefined;
    let winnerTest: PathTest | undefined;
    for (const p of ordered) {
      if (p.regex && !p.regex.ok) continue;
      if (!pathMatches(p, req.host, req.path) || headerCheck(ctx, p.cfg)) continue;
      winner = p;
      winnerTest = testPath(p, req.host, req.path);
      break;
    }
    const chosen = winner;
    if (visit.length) trace.add(
      lazyStep(
        {
          kind: 'rule',
          summary: chosen
            ? `${ordered.length} path(s) looked up; ${chosen.entry.path.path} (${chosen.match})${groupLabel(chosen)} matches first`
            : `none of the ${ordered.length} path(s) matches ${req.path}`,
          reason: chosen ? (chosen.regex ? 'PathRegexMatch' : chosen.match === 'exact' ? 'PathExactMatch' : 'PathPrefixMatch') : 'PathMismatch',
          status: chosen ? 'ok' : 'warn',
          object: chosen ? ingressRef(chosen.entry.ingress) : undefined,
          source: chosen?.entry.path.source,
        },
        () => pathCandidates(ctx, ordered, lookup.wildcard && pathsOf(lookup.wildcard).length ? lookup.wildcard : undefined),
      ),
    );
    if (!winner) {
      noteUnreadAnnotations(trace, visit.flatMap((e) => e.ingresses), 'haproxy', HAPROXY_SIMULATED, HAPROXY_GLOBAL_KEYS);
      return haproxyDefaultBackend(ctx, visit.length ? `no path of ${visit.map((e) => (e.kind === 'any' ? 'the rules without host' : e.host)).join(' or ')} matches ${req.path}` : `no rule matches host ${req.host}`);
    }
    const cfg = winner.cfg;
    const ing = winner.entry.ingress;
    noteUnreadAnnotations(trace, [ing], 'haproxy', HAPROXY_SIMULATED, HAPROXY_GLOBAL_KEYS);
    for (const p of cfg.problems) trace.add({ kind: 'note', summary: `${p.annotation.key}: ${p.message}`, reason: 'Note', status: 'warn', object: ingressRef(ing), source: p.annotation.source });
    const target = pathTarget(winner.entry);

    // 4a. app-root ("App root"): a request for the root context is redirected with 302;
    //     the key "binds to the root context path, so it needs to be declared in the same
    //     Ingress that configures it".
    const rootOwner = (lookup.exact ?? lookup.wildcard ?? lookup.any)?.paths.find((p) => p.path.path === '/')?.ingress;
    const appRoot = rootOwner ? haproxyConfigOf(rootOwner).appRoot : undefined;
    if (appRoot && req.path === '/') {
      trace.add({ kind: 'redirect', summary: `app-root ${appRoot.value}: a request for / gets ${REDIRECT_CODE} with Location ${appRoot.value}`, reason: 'AppRootRedirect', status: 'ok', object: ingressRef(rootOwner!), source: appRoot.source, notes: ['keys.md, section App root: a request for the root context of the domain is redirected to app-root with 302'] });
      return { kind: 'redirect', status: REDIRECT_CODE, location: appRoot.value, reason: 'AppRootRedirect', message: `${REDIRECT_CODE} redirect to the application root ${appRoot.value}`, target };
    }

    // 4b. ssl-redirect ("SSL redirect"): default true, "will only make effect if TLS is
    //     configured"; ssl-redirect-code defaults to 302; no-tls-redirect-locations
    //     (/.well-known/acme-challenge) stay on HTTP. HAProxy's `redirect scheme https`
    //     keeps the Host header and the whole URI.
    if (req.protocol === 'http') {
      const tls = tlsHostsOf(ctx).coveredBy(req.host);
      if (tls && cfg.sslRedirect && !NO_TLS_REDIRECT.some((l) => req.path.startsWith(l))) {
        const location = `https://${req.host}${req.portExplicit && req.port !== 80 ? `:${req.port}` : ''}${requestUri(req)}`;
        trace.add({ kind: 'redirect', summary: `ssl-redirect: Ingress ${ingressName(tls)} configures TLS for ${req.host}, so plain HTTP gets ${REDIRECT_CODE} to ${location}`, reason: 'SslRedirect', status: 'ok', object: ingressRef(ing), source: cfg.sslRedirectAnnotation?.source ?? tls.tls[0]?.source, notes: ['keys.md "SSL redirect": ssl-redirect defaults to true and ssl-redirect-code to 302'] });
        return { kind: 'redirect', status: REDIRECT_CODE, location, reason: 'SslRedirect', message: `${REDIRECT_CODE} redirect to HTTPS: ${location}`, target };
      }
      if (tls && !cfg.sslRedirect) trace.note(`TLS is configured for ${req.host}, but ssl-redirect "false" on Ingress ${ingressName(ing)} keeps plain HTTP`);
    }

    // 4c. redirect-to ("Redirect"): the fully qualified URL, as written; redirect-to-code 302.
    if (cfg.redirectTo) {
      const url = cfg.redirectTo.value.trim();
      trace.add({ kind: 'redirect', summary: `redirect-to on Ingress ${ingressName(ing)}: ${REDIRECT_CODE} to ${url} (path and query are not carried over)`, reason: 'AnnotationRedirect', status: 'ok', object: ingressRef(ing), source: cfg.redirectTo.source });
      return { kind: 'redirect', status: REDIRECT_CODE, location: url, reason: 'AnnotationRedirect', message: `${REDIRECT_CODE} redirect to ${url}`, target };
    }

    // 4d. rewrite-target ("Rewrite target").
    const decision: Extract<IngressDecision, { kind: 'proxy' }> = { kind: 'proxy', ...target };
    if (cfg.rewriteTarget) {
      const after = rewritePath(winner, req.path, winnerTest!, cfg.rewriteTarget.value.trim()) + req.query;
      const before = req.path + req.query;
      decision.upstreamPath = after;
      trace.add({
        kind: 'rewrite',
        summary: `rewrite-target ${cfg.rewriteTarget.value}: ${before} -> ${after} (the matched ${winner.entry.path.path} is replaced by the target)`,
        reason: 'RewriteApplied',
        status: 'ok',
        object: ingressRef(ing),
        source: cfg.rewriteTarget.source,
        facts: { before, after },
      });
    }
    return decision;
  },
};

/**
 * Nothing matched: an Ingress spec.defaultBackend (the oldest, as conflicting keys resolve
 * to "the Ingress resource that was created first") is HAProxy's default backend; else
 * "An internal 404 error page is used" (keys.md "Default Redirect").
 */
function haproxyDefaultBackend(ctx: ControllerContext, why: string): IngressDecision {
  const pick: Ingress | undefined = cached(ctx.cluster, 'haproxy default backend', () =>
    ctx.table.defaultBackends.reduce<Ingress | undefined>((oldest, d) => (!oldest || compareIngressAge(d.ingress, oldest) < 0 ? d.ingress : oldest), undefined),
  );
  if (pick?.defaultBackend) {
    const dbe = pick.defaultBackend;
    const target: IngressTarget = { ingress: pick, backend: dbe, ruleId: dbe.id, rule: 'defaultBackend', source: dbe.source };
    ctx.trace.add({ kind: 'rule', summary: `${why}; the defaultBackend of Ingress ${ingressName(pick)} -> ${describeBackend(dbe)} is the default backend`, reason: 'DefaultBackend', status: 'ok', object: ingressRef(pick), source: dbe.source });
    return { kind: 'proxy', ...target };
  }
  ctx.trace.add({ kind: 'rule', summary: `${why}; no Ingress has a defaultBackend, so HAProxy answers with its internal 404 page`, reason: 'ControllerDefaultBackend', status: 'fail', notes: ['keys.md, section Default Redirect: without a default backend HAProxy Ingress answers with its internal 404 page'] });
  return { kind: 'respond', status: 404, reason: 'ControllerDefaultBackend', message: `404 from HAProxy Ingress: ${why}` };
}
