// Traefik's Kubernetes Ingress provider turns every Ingress path into an HTTP router:
// a rule string such as Host("a") && PathPrefix("/x"), a priority, entry points and TLS.
// The version modelled is Traefik v3.7 (source read at commit fd5a576df2, v3.7 branch),
// with the default v3 rule syntax.
// Sources (traefik/traefik docs):
// - reference/routing-configuration/kubernetes/ingress.md: the annotations
//   router.priority, router.entrypoints, router.pathmatcher ("Overrides the default router
//   rule type used for a path ... Default PathPrefix"), router.tls, and "Global Default
//   Backend Ingresses";
// - reference/install-configuration/providers/kubernetes/kubernetes-ingress.md:
//   strictPrefixMatching, default false ("path-element-wise matching instead of
//   character-by-character string matching" only when enabled), allowEmptyServices and
//   allowExternalNameServices, both false by default;
// - reference/routing-configuration/http/routing/rules-and-priority.md: matchers and
//   the default priority is the length of the rule string (Priority Calculation).
// Where the docs do not spell out the rule string, the provider's loadRouter/buildRule
// (pkg/provider/kubernetes/ingress) is the reference: Exact -> Path, Prefix -> PathPrefix,
// ImplementationSpecific -> the router.pathmatcher (default PathPrefix), each written with
// Go's %q (fmt.Sprintf("%s(%q)", matcher, path)): double quotes, backslashes and quotes
// escaped. Since v3.7.0 (commit ea92a3e150, "Add wildcard host in Host and HostSNI
// matchers") a wildcard host is written as Host("*.domain") too, which matches exactly one
// label (muxer.DomainMatchHostExpression); before it was the longer
// HostRegexp(`^[a-zA-Z0-9-]+\.domain$`), so a wildcard router's default priority is now
// shorter.
import { resolveServiceBackend } from '../../../cluster/services.js';
import type { Cluster } from '../../../model/cluster.js';
import type { Ingress, IngressBackend } from '../../../model/resources.js';
import type { ReasonCode } from '../../../trace/reasons.js';
import type { HostEntry, HostTable, PathEntry } from '../../table.js';
import { parseBool, parseInteger, readAnnotation, TRAEFIK_PREFIX, type Annotation } from '../annotations.js';
import { compileRegex, type CompiledRegex } from '../regex.js';
import { resolveMiddlewares, type MiddlewareResolution, type ResolvedMiddleware } from './middlewares.js';

const PREFIXES = [TRAEFIK_PREFIX] as const;

/** Annotation names (without prefix) the Traefik model reads. */
export const TRAEFIK_SIMULATED = new Set(['router.priority', 'router.entrypoints', 'router.pathmatcher', 'router.tls', 'router.middlewares']);

export type PathMatcher = 'Path' | 'PathPrefix' | 'PathRegexp';

export interface TraefikIngressConfig {
  ingress: Ingress;
  priority?: { value: number; annotation: Annotation };
  entryPoints?: { names: string[]; annotation: Annotation };
  pathMatcher?: Annotation;
  tls?: Annotation;
  /** router.middlewares: the middlewares every router of the Ingress runs, in order */
  middlewares?: Annotation;
  /** "Failed to parse annotations": Traefik skips the whole Ingress */
  rejected?: { annotation: Annotation; message: string };
}

export interface TraefikRouter {
  /** <namespace>-<ingress>-<host><path>, normalised, as the provider names it */
  name: string;
  rule: string;
  priority: number;
  priorityAnnotation?: Annotation;
  ingress: Ingress;
  backend: IngressBackend & { id?: string };
  /** the Ingress path, or undefined for the default router */
  entry?: PathEntry;
  matcher: PathMatcher;
  path: string;
  regex?: CompiledRegex;
  cfg: TraefikIngressConfig;
  /** the middlewares it runs after matching, chains expanded */
  middlewares: ResolvedMiddleware[];
  /** why the provider did not create this router, if it did not */
  skipped?: { reason: ReasonCode; why: string };
}

const configs = new WeakMap<Ingress, TraefikIngressConfig>();

export function traefikConfigOf(ing: Ingress): TraefikIngressConfig {
  let c = configs.get(ing);
  if (!c) configs.set(ing, (c = parseTraefikAnnotations(ing)));
  return c;
}

function parseTraefikAnnotations(ing: Ingress): TraefikIngressConfig {
  const read = (name: string) => readAnnotation(ing, PREFIXES, name);
  const cfg: TraefikIngressConfig = { ingress: ing };
  const priority = read('router.priority');
  if (priority) {
    const n = parseInteger(priority.value);
    if (n === undefined) cfg.rejected = { annotation: priority, message: `router.priority "${priority.value}" is not an integer` };
    else if (n !== 0) cfg.priority = { value: n, annotation: priority }; // "A value of 0 for the priority is ignored"
  }
  const eps = read('router.entrypoints');
  if (eps) cfg.entryPoints = { names: eps.value.split(',').map((s) => s.trim()).filter(Boolean), annotation: eps };
  cfg.pathMatcher = read('router.pathmatcher');
  cfg.middlewares = read('router.middlewares');
  const tls = read('router.tls');
  if (tls) {
    const b = parseBool(tls.value);
    if (b === undefined) cfg.rejected ??= { annotation: tls, message: `router.tls "${tls.value}" is not a boolean` };
    else if (b) cfg.tls = tls;
  }
  return cfg;
}

/** provider.Normalize: runs of characters other than letters and digits become "-". */
export function normalizeRouterName(name: string): string {
  return name.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');
}

/** Go's strconv.Quote (fmt %q) for the strings Ingress hosts and paths hold. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** loadRouter, v3 syntax: Host(%q) for every host, a wildcard included (v3.7.0). */
export function hostRule(host: string): string {
  return `Host(${goQuote(host)})`;
}

/** Why the provider would not create a router for this backend (loadService), if so. */
function serviceProblem(cluster: Cluster, namespace: string, backend: IngressBackend, memo: Map<string, TraefikRouter['skipped'] | null>): TraefikRouter['skipped'] {
  if (backend.resource) return { reason: 'ResourceBackend', why: 'resource backends are not supported by the Traefik Ingress provider ("resource backends are not supported"), so no router is created' };
  const svc = backend.service;
  if (!svc) return { reason: 'ServiceNotFound', why: 'the path has no Service backend' };
  const key = `${namespace}/${svc.name}:${svc.port.number ?? svc.port.name ?? ''}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const res = resolveServiceBackend(cluster, namespace, svc.name, svc.port);
  let p: TraefikRouter['skipped'] | null = null;
  if (res.reason === 'ServiceNotFound') p = { reason: 'ServiceNotFound', why: `Service ${namespace}/${svc.name} does not exist ("Cannot create service: service not found"), so the provider skips this router` };
  else if (res.reason === 'ServicePortNotFound') p = { reason: 'ServicePortNotFound', why: `${res.message} ("service port not found"), so the provider skips this router` };
  else if (res.reason === 'ServiceExternalName') p = { reason: 'ServiceExternalName', why: `Service ${namespace}/${svc.name} is ExternalName and allowExternalNameServices is false by default, so the provider skips this router` };
  else if (!res.ok) p = { reason: res.reason, why: `${res.message}; with allowEmptyServices false (the default) the provider skips a Service without endpoints ("Skipping service: no endpoints found"), so no router exists` };
  memo.set(key, p);
  return p ?? undefined;
}

/** Per config: service checks by backend, middleware resolutions by Ingress. */
interface RouterMemo {
  services: Map<string, TraefikRouter['skipped'] | null>;
  middlewares: Map<Ingress, MiddlewareResolution>;
}

function middlewaresOf(cluster: Cluster, ing: Ingress, cfg: TraefikIngressConfig, memo: RouterMemo): MiddlewareResolution {
  if (!cfg.middlewares) return { ok: true, chain: [] };
  let r = memo.middlewares.get(ing);
  if (!r) memo.middlewares.set(ing, (r = resolveMiddlewares(cluster, cfg.middlewares)));
  return r;
}

/** Router for one Ingress path (loadRouter); skipped routers are kept for the trace. */
export function routerForPath(cluster: Cluster, p: PathEntry, memo: RouterMemo): TraefikRouter {
  const cfg = traefikConfigOf(p.ingress);
  const ing = p.ingress;
  const host = p.rule.host?.toLowerCase() ?? '';
  const pathType = p.path.pathType;
  let matcher: string = 'PathPrefix';
  if (pathType === 'Exact') matcher = 'Path';
  else if (pathType === 'ImplementationSpecific' && cfg.pathMatcher) matcher = cfg.pathMatcher.value.trim();
  const parts = host ? [hostRule(host)] : [];
  if (p.path.path) parts.push(`${matcher}(${goQuote(p.path.path)})`);
  const rule = parts.join(' && ');
  const router: TraefikRouter = {
    name: `${normalizeRouterName(`${ing.meta.namespace}-${ing.meta.name}-${host}${p.path.path}`)}@kubernetes`,
    rule,
    priority: cfg.priority?.value ?? rule.length,
    priorityAnnotation: cfg.priority?.annotation,
    ingress: ing,
    backend: p.path.backend,
    entry: p,
    matcher: (matcher === 'Path' || matcher === 'PathRegexp' ? matcher : 'PathPrefix') as PathMatcher,
    path: p.path.path,
    cfg,
    middlewares: [],
  };
  if (cfg.rejected) {
    router.skipped = { reason: 'IngressRejected', why: `${cfg.rejected.message}: "Failed to parse annotations", so Traefik skips Ingress ${ing.meta.namespace}/${ing.meta.name} entirely` };
    return router;
  }
  if (pathType !== 'Exact' && pathType !== 'Prefix' && pathType !== 'ImplementationSpecific') {
    router.skipped = { reason: 'PathTypeUnsupported', why: `pathType "${pathType}" is not valid` };
    return router;
  }
  if (matcher !== 'Path' && matcher !== 'PathPrefix' && matcher !== 'PathRegexp') {
    router.skipped = { reason: 'PathTypeUnsupported', why: `router.pathmatcher "${matcher}" is not Path, PathPrefix or PathRegexp; the rule ${rule} does not parse, so the router is in error and serves nothing` };
    return router;
  }
  if (matcher === 'PathRegexp') {
    // Go regexp (RE2), unanchored, as rules-and-priority.md shows with PathRegexp(`\.(jpeg|jpg|png)$`).
    router.regex = compileRegex(p.path.path);
    if (!router.regex.ok) {
      router.skipped = { reason: 'RegexInvalid', why: `PathRegexp(${goQuote(p.path.path)}) does not compile (${router.regex.error}), so the router is in error` };
      return router;
    }
  }
  const mw = middlewaresOf(cluster, ing, cfg, memo);
  if (!mw.ok) {
    router.skipped = { reason: mw.reason, why: `${mw.why}, so the router is in error and Traefik does not serve it` };
    return router;
  }
  router.middlewares = mw.chain;
  const problem = serviceProblem(cluster, ing.meta.namespace, p.path.backend, memo.services);
  if (problem) router.skipped = problem;
  return router;
}

/** Routers sorted as Traefik tries them: priority, highest first. */
export function compareRouters(a: TraefikRouter, b: TraefikRouter): number {
  // Equal priorities have no defined order in Traefik (the muxer sorts by priority only);
  // RouteLab breaks the tie by router name so traces are stable, and says so.
  return b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export interface TraefikIndex {
  routersOf(entry: HostEntry): TraefikRouter[];
  /** the router of the first Ingress without rules whose defaultBackend loads */
  defaultRouter?: TraefikRouter;
  /** default backends that did not become the default router, with why */
  defaultNotes: string[];
}

/** Routers of the served Ingresses, built per host entry on first use. */
export function buildTraefikIndex(cluster: Cluster, table: HostTable): TraefikIndex {
  const memo: RouterMemo = { services: new Map(), middlewares: new Map() };
  const byEntry = new WeakMap<HostEntry, TraefikRouter[]>();
  const index: TraefikIndex = {
    routersOf(entry) {
      let list = byEntry.get(entry);
      if (!list) {
        list = entry.paths.map((p) => routerForPath(cluster, p, memo)).sort(compareRouters);
        byEntry.set(entry, list);
      }
      return list;
    },
    defaultNotes: [],
  };
  // "Global Default Backend Ingresses": an Ingress with a defaultBackend and no rules makes
  // a "default router" that "will match all unmatched requests": PathPrefix(`/`) with the
  // lowest priority (math.MinInt32); a second one is refused ("The default backend already
  // exists"). An Ingress with rules does not turn its defaultBackend into a router.
  for (const d of table.defaultBackends) {
    const ing = d.ingress;
    const cfg = traefikConfigOf(ing);
    if (ing.rules.length > 0) {
      index.defaultNotes.push(`Ingress ${ing.meta.namespace}/${ing.meta.name} has rules, so Traefik does not use its spec.defaultBackend (only an Ingress without rules makes the default router)`);
      continue;
    }
    if (index.defaultRouter) {
      index.defaultNotes.push(`Ingress ${ing.meta.namespace}/${ing.meta.name}: "The default backend already exists" (Ingress ${index.defaultRouter.ingress.meta.namespace}/${index.defaultRouter.ingress.meta.name} provides it)`);
      continue;
    }
    if (cfg.rejected) {
      index.defaultNotes.push(`Ingress ${ing.meta.namespace}/${ing.meta.name} is skipped: ${cfg.rejected.message}`);
      continue;
    }
    const problem = serviceProblem(cluster, ing.meta.namespace, d.backend, memo.services);
    if (problem) {
      index.defaultNotes.push(`Ingress ${ing.meta.namespace}/${ing.meta.name}: ${problem.why}`);
      continue;
    }
    // The Ingress's router annotations, middlewares included, apply to its default router too.
    const mw = middlewaresOf(cluster, ing, cfg, memo);
    if (!mw.ok) {
      index.defaultNotes.push(`Ingress ${ing.meta.namespace}/${ing.meta.name}: ${mw.why}, so the default router is in error`);
      continue;
    }
    index.defaultRouter = {
      name: 'default-router@kubernetes',
      rule: 'PathPrefix(`/`)',
      priority: -2147483648,
      ingress: ing,
      backend: d.backend,
      matcher: 'PathPrefix',
      path: '/',
      cfg,
      middlewares: mw.chain,
    };
  }
  return index;
}
