// Traefik's ingress-nginx provider (providers.kubernetesIngressNGINX, Traefik v3.7): it reads
// Ingresses written for ingress-nginx, with their nginx.ingress.kubernetes.io/* annotations,
// and turns each path into Traefik routers. Source read: traefik/traefik at fd5a576df2
// (v3.7.9), pkg/provider/kubernetes/ingress-nginx/ (annotations.go, build.go,
// translator.go, middleware.go) and pkg/middlewares/ingressnginx/; docs
// reference/routing-configuration/kubernetes/ingress-nginx.md.
// - translator.go buildRule: Exact -> Path("/p"); Prefix and ImplementationSpecific ->
//   (Path("/p") || PathPrefix("/p/")), whole path elements (PathPrefix("/") for "/"); on a
//   host where any Ingress sets use-regex or a non-empty rewrite-target (build.go
//   hostsWithUseRegex), every Prefix path is PathRegexp("(?i)^<path>"), case-insensitive and
//   anchored at the start only; Host("h") for the host, one label for a wildcard.
// - No router priority is set, so Traefik's default applies: the length of the rule string
//   (pkg/server/router/router.go, GetRulePriority), longest first. Unlike NGINX, there is no
//   "host first, then the longest location": an Exact path can lose to a shorter Prefix path
//   whose rule string is longer.
// - build.go validate: with strictValidatePathType (default true) a Prefix or Exact path
//   that does not match (?i)^/[[:alnum:]._\-/]*$ drops the whole Ingress; a snippet
//   annotation drops it too (allowSnippetAnnotations defaults to false).
// - Any annotation the provider does not know is silently ignored (annotations.go reads
//   only the keys of IngressConfig).
import type { Ingress, IngressBackend } from '../../../model/resources.js';
import type { HostTable, PathEntry } from '../../table.js';
import { NGINX_PREFIX, readAnnotation, type Annotation } from '../annotations.js';
import { compileRegex, type CompiledRegex } from '../regex.js';
import { goQuote } from '../traefik/routers.js';

const PREFIXES = [NGINX_PREFIX] as const;

/** The provider's IngressConfig keys (annotations.go), without the prefix: what it reads. */
export const TRAEFIK_NGINX_READS = new Set(
  (
    'auth-type auth-secret auth-realm auth-secret-type auth-url auth-signin auth-response-headers auth-snippet auth-method ' +
    'enable-global-auth auth-tls-secret auth-tls-verify-client auth-tls-pass-certificate-to-upstream force-ssl-redirect ' +
    'ssl-redirect ssl-passthrough use-regex rewrite-target app-root permanent-redirect permanent-redirect-code ' +
    'temporal-redirect temporal-redirect-code from-to-www-redirect server-alias affinity affinity-canary-behavior ' +
    'session-cookie-name session-cookie-secure session-cookie-path session-cookie-domain session-cookie-samesite ' +
    'session-cookie-max-age session-cookie-expires service-upstream upstream-hash-by backend-protocol proxy-ssl-secret ' +
    'proxy-ssl-verify proxy-ssl-name proxy-ssl-server-name proxy-connect-timeout proxy-read-timeout proxy-send-timeout ' +
    'proxy-next-upstream proxy-next-upstream-tries proxy-next-upstream-timeout proxy-http-version enable-cors ' +
    'cors-allow-credentials cors-expose-headers cors-allow-headers cors-allow-methods cors-allow-origin cors-max-age ' +
    'enable-access-log whitelist-source-range allowlist-source-range limit-rpm limit-rps limit-burst-multiplier ' +
    'limit-connections custom-headers upstream-vhost x-forwarded-prefix custom-http-errors default-backend ' +
    'proxy-request-buffering client-body-buffer-size proxy-body-size proxy-buffering proxy-buffer-size proxy-buffers-number ' +
    'proxy-max-temp-file-size configuration-snippet server-snippet canary canary-by-cookie canary-by-header ' +
    'canary-by-header-value canary-by-header-pattern canary-weight canary-weight-total enable-modsecurity ' +
    'enable-owasp-core-rules modsecurity-transaction-id modsecurity-snippet'
  ).split(' '),
);

/** What RouteLab simulates of those. */
export const TRAEFIK_NGINX_SIMULATED = new Set([
  'use-regex', 'rewrite-target', 'app-root', 'ssl-redirect', 'force-ssl-redirect', 'permanent-redirect', 'permanent-redirect-code',
  'temporal-redirect', 'temporal-redirect-code', 'canary', 'canary-by-header', 'canary-by-header-value', 'canary-by-header-pattern',
  'canary-by-cookie', 'canary-weight', 'canary-weight-total', 'from-to-www-redirect', 'configuration-snippet', 'server-snippet', 'auth-snippet',
]);

/**
 * ingress-nginx annotations the provider does not read, with why it matters (docs,
 * "Unsupported Annotations", and the ones its "supported" tables list but the code never reads).
 */
export function unsupportedWhy(name: string): string {
  if (name === 'preserve-trailing-slash') return 'Traefik does not support it (docs: "Traefik preserves trailing slash by default")';
  if (name === 'load-balance' || name === 'affinity-mode' || name === 'auth-tls-verify-depth') return 'the provider does not read it (docs: "Not implemented; silently ignored")';
  return "Traefik's ingress-nginx provider does not support it (docs, Unsupported Annotations) and ignores it silently";
}

const STRICT_PATH = /^\/[A-Za-z0-9._\-/]*$/;

export interface TraefikNginxConfig {
  ingress: Ingress;
  useRegex: boolean;
  rewriteTarget?: Annotation;
  appRoot?: Annotation;
  sslRedirect: boolean;
  forceSslRedirect: boolean;
  sslAnnotation?: Annotation;
  redirect?: { url: string; code: number; annotation: Annotation };
  canary?: {
    annotation: Annotation;
    header?: string;
    headerValue?: string;
    headerPattern?: CompiledRegex & { text: string };
    cookie?: string;
    weight: number;
    total: number;
  };
  /** why the provider skips the whole Ingress ("Invalid Ingress, skipping") */
  rejected?: { annotation?: Annotation; why: string };
}

const configs = new WeakMap<Ingress, TraefikNginxConfig>();

export function traefikNginxConfigOf(ing: Ingress): TraefikNginxConfig {
  let c = configs.get(ing);
  if (!c) configs.set(ing, (c = readConfig(ing)));
  return c;
}

// annotations.go parseIngressConfig: *bool is strings.EqualFold(v, "true"); *int is strconv.Atoi, unset on error.
const isTrue = (a: Annotation | undefined) => !!a && a.value.trim().toLowerCase() === 'true';
const atoi = (a: Annotation | undefined) => (a && /^[+-]?\d+$/.test(a.value.trim()) ? Number(a.value.trim()) : undefined);

function readConfig(ing: Ingress): TraefikNginxConfig {
  const a = (n: string) => readAnnotation(ing, PREFIXES, n);
  const rt = a('rewrite-target');
  const ssl = a('ssl-redirect');
  const force = a('force-ssl-redirect');
  const cfg: TraefikNginxConfig = {
    ingress: ing,
    useRegex: isTrue(a('use-regex')),
    rewriteTarget: rt && rt.value !== '' ? rt : undefined,
    sslRedirect: !ssl || ssl.value.trim().toLowerCase() !== 'false',
    forceSslRedirect: isTrue(force),
    sslAnnotation: force ?? ssl,
  };
  const root = a('app-root');
  if (root && root.value.trim().startsWith('/')) cfg.appRoot = root;
  // middleware.go: temporal-redirect takes precedence; codes outside 300..308 fall back.
  const temporal = a('temporal-redirect');
  const permanent = a('permanent-redirect');
  const pick = temporal ?? permanent;
  if (pick && pick.value.trim()) {
    const codeA = temporal ? a('temporal-redirect-code') : a('permanent-redirect-code');
    const fallback = temporal ? 302 : 301;
    const n = atoi(codeA);
    cfg.redirect = { url: pick.value.trim(), code: n !== undefined && n >= 300 && n <= 308 ? n : fallback, annotation: pick };
  }
  const canary = a('canary');
  if (isTrue(canary)) {
    const pattern = a('canary-by-header-pattern');
    const w = atoi(a('canary-weight')) ?? 0;
    const total = Math.max(atoi(a('canary-weight-total')) ?? 100, 100);
    cfg.canary = {
      annotation: canary!,
      header: a('canary-by-header')?.value.trim() || undefined,
      headerValue: a('canary-by-header-value')?.value || undefined,
      headerPattern: pattern ? { ...compileRegex(pattern.value), text: pattern.value } : undefined,
      cookie: a('canary-by-cookie')?.value.trim() || undefined,
      weight: Math.min(Math.max(w, 0), total),
      total,
    };
  }
  // build.go validate: snippets need allowSnippetAnnotations (default false).
  for (const n of ['server-snippet', 'configuration-snippet', 'auth-snippet']) {
    const s = a(n);
    if (s) cfg.rejected ??= { annotation: s, why: `${s.key} is set and allowSnippetAnnotations is false (the default), so the provider skips the Ingress ("Invalid Ingress, skipping")` };
  }
  for (const r of ing.rules) {
    for (const p of r.paths) {
      if ((p.pathType === 'Prefix' || p.pathType === 'Exact') && !STRICT_PATH.test(p.path)) {
        cfg.rejected ??= { why: `path ${p.path} (${p.pathType}) is not a plain path and strictValidatePathType is true (the default), so the provider skips the whole Ingress; use pathType ImplementationSpecific for regular expressions` };
      }
    }
  }
  return cfg;
}

export interface NginxRouter {
  name: string;
  rule: string;
  priority: number;
  ingress: Ingress;
  backend: IngressBackend & { id?: string };
  entry?: PathEntry;
  /** Path, element-wise prefix, regex, any path (per-host default backend) */
  matcher: 'Path' | 'Prefix' | 'PathRegexp' | 'Any';
  path: string;
  regex?: CompiledRegex;
  host: string;
  cfg: TraefikNginxConfig;
  /** a canary router: its extra condition, and whether it is the "-non-canary" one */
  canary?: { of: NginxRouter; condition: string; nonCanary: boolean };
}

export interface NginxRouterIndex {
  /** routers by host key ("" for no host, "*.x" wildcard), already sorted by priority */
  byHost: Map<string, NginxRouter[]>;
  /** canaries attached to a production path (same namespace, host, path, pathType) */
  canaries: Map<PathEntry, { canary: PathEntry; cfg: TraefikNginxConfig }>;
  rejected: Array<{ ingress: Ingress; why: string; annotation?: Annotation }>;
  /** the rule-less Ingress whose spec.defaultBackend is the global catch-all (priority MinInt32) */
  catchAll?: Ingress;
  /** from-to-www-redirect: the extra host -> the Ingress host it redirects to */
  wwwRedirects: Map<string, { to: string; ingress: Ingress; annotation: Annotation }>;
}

function prefixRule(path: string): string {
  if (path === '/') return 'PathPrefix("/")';
  const p = path.replace(/\/$/, '');
  return `(Path(${goQuote(p)}) || PathPrefix(${goQuote(`${p}/`)}))`;
}

export function buildNginxRouters(table: HostTable): NginxRouterIndex {
  const index: NginxRouterIndex = { byHost: new Map(), canaries: new Map(), rejected: [], wwwRedirects: new Map() };
  // build.go sorts by creationTimestamp, ties by namespace/name descending; table.ts orders by age.
  const ok = table.served.filter((ing) => {
    const c = traefikNginxConfigOf(ing);
    if (c.rejected) index.rejected.push({ ingress: ing, why: c.rejected.why, annotation: c.rejected.annotation });
    return !c.rejected;
  });
  const regexHosts = new Set<string>();
  for (const ing of ok) {
    const c = traefikNginxConfigOf(ing);
    if (c.canary) continue;
    if (c.useRegex || c.rewriteTarget) for (const r of ing.rules) regexHosts.add((r.host ?? '').toLowerCase());
  }
  const production = new Map<string, PathEntry>();
  const push = (host: string, r: NginxRouter) => {
    const list = index.byHost.get(host) ?? [];
    list.push(r);
    index.byHost.set(host, list);
  };
  const canaryEntries: Array<{ p: PathEntry; cfg: TraefikNginxConfig }> = [];
  let seq = 0;
  for (const ing of ok) {
    const cfg = traefikNginxConfigOf(ing);
    if (ing.rules.length === 0 && ing.defaultBackend && !index.catchAll) index.catchAll = ing;
    for (const rule of ing.rules) {
      const host = (rule.host ?? '').toLowerCase();
      const hostPart = host ? `Host(${goQuote(host)})` : '';
      for (const path of rule.paths) {
        if (!path.backend.service) continue; // build.go: resource backends are skipped
        const entry: PathEntry = { ingress: ing, rule, path, host, seq: seq++ };
        if (cfg.canary) {
          canaryEntries.push({ p: entry, cfg });
          continue;
        }
        const type = path.pathType === 'Exact' ? 'Exact' : 'Prefix';
        let matcher: NginxRouter['matcher'];
        let pathRule: string;
        let regex: CompiledRegex | undefined;
        if (type === 'Exact') {
          matcher = 'Path';
          pathRule = `Path(${goQuote(path.path)})`;
        } else if (regexHosts.has(host)) {
          matcher = 'PathRegexp';
          pathRule = `PathRegexp(${goQuote(`(?i)^${path.path}`)})`;
          regex = compileRegex(`^${path.path}`, 'i');
        } else {
          matcher = 'Prefix';
          pathRule = prefixRule(path.path);
        }
        const ruleText = [hostPart, pathRule].filter(Boolean).join(' && ');
        const r: NginxRouter = { name: `${ing.meta.namespace}-${ing.meta.name}-rule-${rule.index}-path-${path.pathIndex}`, rule: ruleText, priority: ruleText.length, ingress: ing, backend: path.backend, entry, matcher, path: path.path, regex, host, cfg };
        push(host, r);
        production.set(`${ing.meta.namespace} ${host} ${path.path} ${path.pathType}`, entry);
      }
      // translator.go: spec.defaultBackend with rules: a Host("h") router per rule host.
      if (ing.defaultBackend && host) {
        const ruleText = hostPart;
        push(host, { name: `${ing.meta.namespace}-${ing.meta.name}-default-backend`, rule: ruleText, priority: ruleText.length, ingress: ing, backend: ing.defaultBackend, matcher: 'Any', path: '', host, cfg });
      }
    }
  }
  // Canaries: the production path with the same namespace, host, path and pathType (build.go ingressPathKey).
  for (const { p, cfg } of canaryEntries) {
    const main = production.get(`${p.ingress.meta.namespace} ${p.host} ${p.path.path} ${p.path.pathType}`);
    if (main && !index.canaries.has(main) && !(main.path.backend.service?.name === p.path.backend.service?.name)) index.canaries.set(main, { canary: p, cfg });
  }
  // middleware.go / translator.go: from-to-www-redirect adds a router for the other name
  // (www.<h>, or <h> without www.) that redirects to the Ingress host with 308; not for
  // wildcard hosts, nor when an Ingress defines the other name itself.
  for (const ing of ok) {
    const a = readAnnotation(ing, PREFIXES, 'from-to-www-redirect');
    if (!a || a.value.trim().toLowerCase() !== 'true' || traefikNginxConfigOf(ing).canary) continue;
    for (const r of ing.rules) {
      const h = (r.host ?? '').toLowerCase();
      if (!h || h.startsWith('*.')) continue;
      const other = h.startsWith('www.') ? h.slice(4) : `www.${h}`;
      if (!index.byHost.has(other) && !index.wwwRedirects.has(other)) index.wwwRedirects.set(other, { to: h, ingress: ing, annotation: a });
    }
  }
  for (const list of index.byHost.values()) list.sort((a, b) => b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return index;
}
