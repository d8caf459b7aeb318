// Ingress -> Gateway API, the way a user would write it by hand: one Gateway per
// IngressClass with an HTTP listener and an HTTPS listener per TLS host, one HTTPRoute
// per Ingress host, filters for the common ingress-nginx annotations. Whatever cannot
// be expressed exactly is declared (a Deviation naming the rules and hosts it affects),
// so the proof (proveConversion) can tell declared differences from real regressions.
import { dump } from 'js-yaml';
import type { Cluster } from '../model/cluster.js';
import type { ControllerName } from '../model/request.js';
import type { Ingress, IngressBackend, IngressPath } from '../model/resources.js';
import type { SourceRef } from '../model/source.js';
import { CONTROLLER_PROFILES, selectIngresses } from '../ingress/classes.js';
import { findService } from '../cluster/services.js';
import { refAt } from '../model/source.js';
import { annotationController, NGINX_PREFIX } from '../ingress/controllers/annotations.js';
import { nginxConfigOf } from '../ingress/controllers/nginx/annotations.js';
import { authDenied } from '../ingress/controllers/nginx.js';
import { haproxyConfigOf } from '../ingress/controllers/haproxy/paths.js';
import { traefikConfigOf } from '../ingress/controllers/traefik/routers.js';
import { isWildcardHost } from '../match/hostname.js';
import { RequestError } from '../model/request.js';
import { findImplementation, implementationChoices, lackedUses, lackSentence } from '../gateway/implementations/index.js';
import { configFeatures } from '../gateway/implementations/features.js';
import { loadManifests } from '../parse/manifests.js';
import { simulate } from '../simulate.js';
import { hostSamples } from './requests.js';

interface QuirkContext {
  cluster: Cluster;
  choices: Record<ConvertQuirk, QuirkChoice>;
  quirks: Map<ConvertQuirk, QuirkDecision>;
  target: string;
  /** the target's own resources written for what the portable API cannot say */
  vendorObjects: Array<Record<string, unknown>>;
}

/** A filter in the target's own resource for a regex rewrite (pattern in RE2, substitution with \N), or undefined when it has none. */
type VendorRewrite = (pattern: string, substitution: string) => Record<string, unknown>;

export interface Deviation {
  /** machine-readable kind of difference */
  code:
    | 'WildcardDepth'
    | 'CaseSensitivity'
    | 'PrefixByCharacters'
    | 'RegexPath'
    | 'RewriteApproximated'
    | 'AnnotationNotConverted'
    | 'RedirectLocation'
    | 'HostFallthrough'
    | 'PortByName'
    | 'ResourceBackend'
    | 'CanaryNotConverted'
    | 'DefaultBackendScope'
    | 'ControllerSpecific'
    | 'QuirkDropped'
    | 'Blocker'
    | 'TargetLacks';
  message: string;
  object?: string;
  source?: SourceRef;
  /** Ingress rule ids whose requests may route differently */
  ruleIds?: string[];
  /** request hosts (exact, or "*.domain" for any host under it) that may route differently */
  hosts?: string[];
  /** limits `hosts` to requests of this scheme */
  scheme?: 'http' | 'https';
  /** the ingress-nginx quirk a QuirkDropped deviation is about */
  quirk?: ConvertQuirk;
}

/**
 * ingress-nginx behaviours the user keeps (explicit rules reproduce them) or drops (the
 * difference is declared): the trailing-slash 301 of prefix locations ending in "/", and
 * the case-insensitive, unbounded regex locations of hosts with use-regex or rewrite-target.
 */
export type ConvertQuirk = 'slash-redirect' | 'case-insensitive';
export const CONVERT_QUIRKS: readonly ConvertQuirk[] = ['slash-redirect', 'case-insensitive'];
export type QuirkChoice = 'keep' | 'drop';
/** keep the 301 (an Exact redirect rule is exact everywhere); drop case-insensitivity (regex matches are implementation-specific) */
export const DEFAULT_QUIRKS: Record<ConvertQuirk, QuirkChoice> = { 'slash-redirect': 'keep', 'case-insensitive': 'drop' };

export interface ConvertOptions {
  /** implementation profile the output is written for (default portable) */
  target?: string;
  quirks?: Partial<Record<ConvertQuirk, QuirkChoice>>;
}

/** What was done with each quirk, and where it applied. */
export interface QuirkDecision {
  quirk: ConvertQuirk;
  choice: QuirkChoice;
  /** Ingress rule ids it applied to */
  ruleIds: string[];
  /** requests whose answer depends on it ("GET http://host/docs") */
  requests: string[];
}

/**
 * ingress-nginx annotations with no Gateway API form and no resource RouteLab writes for
 * them: the Ingress cannot move without a decision about each. Where the target has a
 * documented resource for it, `instead` names it.
 */
const NGINX_BLOCKERS: Record<string, string> = {
  'auth-url': 'external authentication',
  'auth-signin': 'external authentication sign-in redirect',
  'auth-snippet': 'an NGINX snippet in the auth location',
  'configuration-snippet': 'raw NGINX configuration in the location',
  'server-snippet': 'raw NGINX configuration in the server',
  'affinity': 'session affinity (sticky sessions)',
  'session-cookie-name': 'session affinity cookie',
  'limit-rps': 'rate limit (requests per second)',
  'limit-rpm': 'rate limit (requests per minute)',
  'limit-connections': 'connection limit',
  'whitelist-source-range': 'client address allow list',
  'allowlist-source-range': 'client address allow list',
  'denylist-source-range': 'client address deny list',
  'enable-modsecurity': 'ModSecurity WAF',
  'custom-http-errors': 'custom error pages',
};

/** Per target: the documented resource that covers a blocker (not written by RouteLab). */
const TARGET_ALTERNATIVES: Record<string, Record<string, string>> = {
  'envoy-gateway': {
    'auth-url': 'SecurityPolicy extAuth', 'auth-signin': 'SecurityPolicy oidc', affinity: 'BackendTrafficPolicy loadBalancer consistentHash / sessionPersistence', 'session-cookie-name': 'BackendTrafficPolicy sessionPersistence',
    'limit-rps': 'BackendTrafficPolicy rateLimit', 'limit-rpm': 'BackendTrafficPolicy rateLimit', 'limit-connections': 'BackendTrafficPolicy circuitBreaker', 'whitelist-source-range': 'SecurityPolicy authorization (clientCIDRs)', 'allowlist-source-range': 'SecurityPolicy authorization (clientCIDRs)', 'denylist-source-range': 'SecurityPolicy authorization (clientCIDRs)',
  },
  kgateway: { 'auth-url': 'TrafficPolicy extAuth (GatewayExtension)', 'limit-rps': 'TrafficPolicy rateLimit', 'limit-rpm': 'TrafficPolicy rateLimit' },
};

export interface Conversion {
  controller: ControllerName;
  /** the implementation profile the output is for ("portable" by default) */
  target: string;
  quirks: QuirkDecision[];
  /** annotations that stop the move until decided (also in deviations, code Blocker) */
  blockers: Deviation[];
  /** complete scenario: Gateway API objects plus the Services and workloads carried over */
  yaml: string;
  objects: Array<Record<string, unknown>>;
  deviations: Deviation[];
  gateways: Array<{ namespace: string; name: string }>;
  /** generated route rule id ("HTTPRoute ns/name rules[2]") -> the Ingress rule ids it came from */
  origins: Record<string, string[]>;
}

const GW = 'gateway.networking.k8s.io/v1';
/** controllerName of the generated GatewayClass: replace with your implementation's. */
export const CONVERTED_CONTROLLER_NAME = 'example.com/gateway-controller';

/** The controller whose semantics the Ingresses were written for: from their IngressClass, else their annotations. */
export function inferController(cluster: Cluster): ControllerName {
  for (const name of ['ingress-nginx', 'traefik', 'haproxy'] as const) {
    const strings = CONTROLLER_PROFILES[name].controllerStrings;
    if (cluster.ingressClasses.some((c) => strings.includes(c.controller))) return name;
  }
  for (const i of cluster.ingresses) {
    for (const key of Object.keys(i.meta.annotations)) {
      const owner = annotationController(key);
      if (owner) return owner;
    }
  }
  return 'spec';
}

function slug(text: string): string {
  const s = text.toLowerCase().replace(/^\*\./, 'wildcard-').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 50) || 'x';
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') || '/' : p;
}

function meta(name: string, namespace: string | undefined, annotations?: Record<string, string>): Record<string, unknown> {
  return { name, ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) };
}

/** Objects carried over unchanged: everything that is not an Ingress or IngressClass. */
function carriedOver(cluster: Cluster): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const o of cluster.objects) {
    if (o.kind === 'Ingress' || o.kind === 'IngressClass') continue;
    const { status: _status, ...rest } = o.raw as Record<string, unknown> & { status?: unknown };
    const m = { ...(rest.metadata as Record<string, unknown> | undefined) };
    delete m.managedFields;
    delete m.resourceVersion;
    delete m.uid;
    out.push({ ...rest, metadata: m });
  }
  return out;
}

interface RouteRule {
  matches?: Array<Record<string, unknown>>;
  filters?: Array<Record<string, unknown>>;
  backendRefs?: Array<Record<string, unknown>>;
}

export function convertIngresses(cluster: Cluster, controller: ControllerName = inferController(cluster), options: ConvertOptions = {}): Conversion {
  const deviations: Deviation[] = [];
  const profile = findImplementation(options.target ?? 'portable');
  if (!profile) throw new RequestError(`unknown target "${options.target}": choose one of ${implementationChoices()}`);
  const choices = { ...DEFAULT_QUIRKS, ...options.quirks };
  const quirks = new Map<ConvertQuirk, QuirkDecision>(CONVERT_QUIRKS.map((q) => [q, { quirk: q, choice: choices[q], ruleIds: [], requests: [] }]));
  const qctx: QuirkContext = { cluster, choices, quirks, target: profile.name, vendorObjects: [] };
  const served = selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served;
  const objects: Array<Record<string, unknown>> = [];
  const routes: Array<Record<string, unknown>> = [];
  const grants = new Map<string, Record<string, unknown>>();
  const origins: Record<string, string[]> = {};

  // One Gateway per IngressClass (or one for unclassed Ingresses), in the namespace of its oldest Ingress.
  const byClass = new Map<string, Ingress[]>();
  for (const ing of served) {
    const cls = ing.ingressClassName ?? ing.legacyClass ?? cluster.ingressClasses.find((c) => c.isDefault)?.meta.name ?? 'ingress';
    byClass.set(cls, [...(byClass.get(cls) ?? []), ing]);
  }
  const gateways: Conversion['gateways'] = [];
  for (const [cls, ingresses] of byClass) {
    const gwNs = ingresses[0].meta.namespace;
    const gwName = slug(cls);
    gateways.push({ namespace: gwNs, name: gwName });
    const multiNs = new Set(ingresses.map((i) => i.meta.namespace)).size > 1;
    const listeners: Array<Record<string, unknown>> = [
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: multiNs ? 'All' : 'Same' } } },
    ];
    const tlsHosts = new Map<string, { secret?: string; ns: string }>();
    for (const ing of ingresses) {
      for (const t of ing.tls) {
        const hosts = t.hosts.length ? t.hosts : [''];
        for (const h of hosts) if (!tlsHosts.has(h.toLowerCase())) tlsHosts.set(h.toLowerCase(), { secret: t.secretName, ns: ing.meta.namespace });
      }
    }
    for (const [host, { secret, ns }] of tlsHosts) {
      if (!secret) {
        deviations.push({ code: 'ControllerSpecific', message: `TLS for ${host || 'every host'} names no Secret: the controller would present its default certificate; a Gateway API HTTPS listener needs a certificateRef, so this listener stays unusable until you add one`, hosts: [host], scheme: 'https' });
      } else if (!cluster.secrets.has(`${ns}/${secret}`)) {
        deviations.push({ code: 'ControllerSpecific', message: `TLS Secret ${ns}/${secret} is not in the manifests: the Ingress trace assumes it exists, the HTTPS listener of the Gateway reports it missing`, hosts: [host], scheme: 'https' });
      }
      const certificateRefs = secret ? [{ kind: 'Secret', name: secret, ...(ns !== gwNs ? { namespace: ns } : {}) }] : [];
      listeners.push({
        name: host ? `https-${slug(host)}` : 'https',
        port: 443,
        protocol: 'HTTPS',
        ...(host ? { hostname: host } : {}),
        tls: { mode: 'Terminate', certificateRefs },
        allowedRoutes: { namespaces: { from: multiNs ? 'All' : 'Same' } },
      });
      if (secret && ns !== gwNs) {
        grants.set(`${ns}/gateway-certs`, {
          apiVersion: 'gateway.networking.k8s.io/v1beta1',
          kind: 'ReferenceGrant',
          metadata: meta(`${gwName}-certificates`, ns),
          spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: gwNs }], to: [{ group: '', kind: 'Secret' }] },
        });
      }
    }
    objects.push({ apiVersion: GW, kind: 'GatewayClass', metadata: meta(gwName, undefined), spec: { controllerName: profile.controllerName ?? CONVERTED_CONTROLLER_NAME } });
    objects.push({ apiVersion: GW, kind: 'Gateway', metadata: meta(gwName, gwNs), spec: { gatewayClassName: gwName, listeners } });

    const parent = (ns: string, sectionName?: string) => ({ name: gwName, ...(ns !== gwNs ? { namespace: gwNs } : {}), ...(sectionName ? { sectionName } : {}) });
    // ingress-nginx: use-regex or rewrite-target on any Ingress of a host makes all its paths regex locations.
    const regexHosts = new Set<string>();
    if (controller === 'ingress-nginx') {
      for (const ing of ingresses) {
        const cfg = nginxConfigOf(ing);
        if (cfg.useRegex || cfg.rewriteTarget) for (const r of ing.rules) regexHosts.add(r.host?.toLowerCase() ?? '');
      }
    }
    for (const ing of ingresses) {
      convertIngress(cluster, ing, controller, parent, tlsHosts, regexHosts, routes, deviations, origins, qctx);
    }
  }
  if (cluster.ingresses.length > served.length) {
    const skipped = cluster.ingresses.filter((i) => !served.includes(i));
    deviations.push({
      code: 'ControllerSpecific',
      message: `${skipped.length} Ingress(es) are not served by ${controller} and were not converted: ${skipped.map((i) => `${i.meta.namespace}/${i.meta.name}`).join(', ')}`,
      hosts: skipped.flatMap((i) => i.rules.map((r) => r.host?.toLowerCase() ?? '')),
    });
  }

  const all = [...objects, ...grants.values(), ...routes, ...qctx.vendorObjects, ...carriedOver(cluster)];
  const header = profile.controllerName
    ? `# Converted by RouteLab from ${served.length} Ingress(es) (${controller} semantics) for ${profile.title}${profile.report ? ` ${profile.report.version}` : ''}.\n`
    : `# Converted by RouteLab from ${served.length} Ingress(es) (${controller} semantics).\n# GatewayClass controllerName ${CONVERTED_CONTROLLER_NAME} is a placeholder: use your Gateway implementation's.\n`;
  const yaml = header + all.map((o) => dump(o, { lineWidth: -1, noRefs: true })).join('---\n');
  if (profile.report) {
    // What the output uses that the target's conformance report says it lacks: declared at the rules it came from.
    const converted = loadManifests([{ file: 'converted.yaml', text: yaml }]);
    for (const u of lackedUses(profile, configFeatures(converted))) {
      const ruleIds = u.ruleId ? origins[u.ruleId] : undefined;
      const h = u.category === 'filter' ? profile.unsupportedFilter : u.category === 'match' ? profile.unsupportedMatch : undefined;
      deviations.push({ code: 'TargetLacks', message: `${lackSentence(profile, u)}${h ? `; there ${h.summary}` : ''}`, object: `${u.object.kind} ${u.object.namespace}/${u.object.name}`, ...(ruleIds ? { ruleIds } : { hosts: [''] }) });
    }
  }
  const blockers = deviations.filter((d) => d.code === 'Blocker');
  return { controller, target: profile.name, quirks: [...quirks.values()], blockers, yaml, objects: all, deviations, gateways, origins };
}

function backendRef(cluster: Cluster, ing: Ingress, b: IngressBackend, deviations: Deviation[], ruleId: string, weight?: number): Record<string, unknown> | undefined {
  if (!b.service) {
    deviations.push({ code: 'ResourceBackend', message: `resource backend ${b.resource?.kind} ${b.resource?.name} has no Gateway API equivalent`, object: `Ingress ${ing.meta.namespace}/${ing.meta.name}`, source: b.source, ruleIds: [ruleId] });
    return undefined;
  }
  let port = b.service.port.number;
  if (port === undefined && b.service.port.name) {
    // backendRefs take a port number; look the name up on the Service.
    const svc = findService(cluster, ing.meta.namespace, b.service.name);
    port = svc?.ports.find((p) => p.name === b.service!.port.name)?.port;
    if (port === undefined) {
      deviations.push({ code: 'PortByName', message: `port "${b.service.port.name}" of Service ${b.service.name} is not in the manifests; backendRefs need a number`, object: `Ingress ${ing.meta.namespace}/${ing.meta.name}`, source: b.source, ruleIds: [ruleId] });
    }
  }
  return { name: b.service.name, ...(port !== undefined ? { port } : {}), ...(weight !== undefined ? { weight } : {}) };
}

type ParentFn = (ns: string, sectionName?: string) => Record<string, unknown>;

/** What the Ingress asks for, read with the chosen controller's own annotation parser. */
interface IngressIntent {
  pathKind(p: IngressPath): { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string; notes: Array<[Deviation['code'], string]> };
  rewrite?: { target: string; source: SourceRef };
  appRoot?: { path: string; status: number; relative: boolean };
  redirectAll?: { url: string; status: number; exactLocation: boolean };
  httpsRedirect?: { status: number; dropsRootSlash: boolean };
  headers?: Array<{ name: string; value: string; regex: boolean }>;
  canary: boolean;
  /** annotations of this controller that have no Gateway API form here */
  unconverted: string[];
}

function intentOf(ing: Ingress, controller: ControllerName, tls: boolean, hostRegex: boolean): IngressIntent {
  const unconverted: string[] = [];
  const own = (key: string) => annotationController(key) === controller;
  const plain = (p: IngressPath) => (p.pathType === 'Exact' ? { type: 'Exact' as const, value: p.path, notes: [] } : { type: 'PathPrefix' as const, value: trimSlash(p.path), notes: [] as Array<[Deviation['code'], string]> });
  if (controller === 'ingress-nginx') {
    const cfg = nginxConfigOf(ing);
    const handled = new Set(['use-regex', 'rewrite-target', 'app-root', 'ssl-redirect', 'force-ssl-redirect', 'permanent-redirect', 'permanent-redirect-code', 'temporal-redirect', 'temporal-redirect-code', 'canary', 'canary-weight', 'canary-weight-total', 'canary-by-header', 'canary-by-header-value', 'canary-by-header-pattern', 'canary-by-cookie', 'preserve-trailing-slash']);
    for (const key of Object.keys(ing.meta.annotations)) if (own(key) && !handled.has(key.slice(NGINX_PREFIX.length))) unconverted.push(key);
    return {
      // With use-regex or rewrite-target anywhere on the host, ingress-nginx makes every path of it a ~* regex location.
      pathKind: (p) => nginxPathKind(p, hostRegex),
      rewrite: cfg.rewriteTarget ? { target: cfg.rewriteTarget.value, source: cfg.rewriteTarget.source } : undefined,
      appRoot: cfg.appRoot ? { path: cfg.appRoot.value, status: 302, relative: false } : undefined,
      redirectAll: cfg.redirect ? { url: cfg.redirect.url, status: cfg.redirect.code, exactLocation: false } : undefined,
      httpsRedirect: (tls && cfg.sslRedirect) || cfg.forceSslRedirect ? { status: 308, dropsRootSlash: !cfg.preserveTrailingSlash } : undefined,
      canary: !!cfg.canary,
      unconverted,
    };
  }
  if (controller === 'haproxy') {
    const cfg = haproxyConfigOf(ing);
    const handled = new Set(['path-type', 'rewrite-target', 'ssl-redirect', 'redirect-to', 'app-root', 'http-header-match', 'http-header-match-regex']);
    for (const key of Object.keys(ing.meta.annotations)) {
      if (own(key) && !handled.has(key.replace(/^[^/]+\//, ''))) unconverted.push(key);
    }
    return {
      pathKind: (p) => {
        // keys.md "Path type": ImplementationSpecific uses path-type (default begin).
        const match = p.pathType === 'Exact' ? 'exact' : p.pathType === 'Prefix' ? 'prefix' : cfg.pathType?.match ?? 'begin';
        if (match === 'exact') return { type: 'Exact', value: p.path, notes: [] };
        if (match === 'prefix') return { type: 'PathPrefix', value: trimSlash(p.path), notes: [] };
        if (match === 'regex') return { type: 'RegularExpression', value: `${p.path.replace(/^\^/, '')}${p.path.endsWith('$') ? '' : '.*'}`.replace(/\$\.\*$/, '').replace(/\$$/, ''), notes: [['RegexPath', `${p.path}: HAProxy regex paths have no end anchor; converted to RegularExpression, which is implementation-specific`]] };
        return { type: 'PathPrefix', value: trimSlash(p.path), notes: [['CaseSensitivity', `${p.path}: HAProxy's begin path type is a case-insensitive string prefix (/app also matches /APP and /app1); Gateway API PathPrefix is case-sensitive and element-wise`]] };
      },
      rewrite: cfg.rewriteTarget ? { target: cfg.rewriteTarget.value, source: cfg.rewriteTarget.source } : undefined,
      appRoot: cfg.appRoot ? { path: cfg.appRoot.value, status: 302, relative: true } : undefined,
      redirectAll: cfg.redirectTo ? { url: cfg.redirectTo.value, status: 302, exactLocation: true } : undefined,
      httpsRedirect: tls && cfg.sslRedirect ? { status: 302, dropsRootSlash: false } : undefined,
      headers: cfg.headerMatch?.conditions.map((c) => ({ name: c.name, value: c.value, regex: !!c.regex })),
      canary: false,
      unconverted,
    };
  }
  if (controller === 'traefik') {
    const cfg = traefikConfigOf(ing);
    for (const key of Object.keys(ing.meta.annotations)) if (own(key) && !/router\.(pathmatcher)$/.test(key)) unconverted.push(key);
    return {
      pathKind: (p) => {
        const matcher = p.pathType === 'Exact' ? 'Path' : p.pathType === 'Prefix' ? 'PathPrefix' : cfg.pathMatcher?.value ?? 'PathPrefix';
        if (matcher === 'Path') return { type: 'Exact', value: p.path, notes: [] };
        if (matcher === 'PathRegexp') return { type: 'RegularExpression', value: p.path, notes: [['RegexPath', `${p.path}: Traefik PathRegexp; converted to RegularExpression, which is implementation-specific`]] };
        return { type: 'PathPrefix', value: trimSlash(p.path), notes: [['PrefixByCharacters', `${p.path}: Traefik's PathPrefix matches by characters (/foo also matches /foobar); Gateway API PathPrefix by path elements`]] };
      },
      canary: false,
      unconverted,
    };
  }
  return { pathKind: plain, canary: false, unconverted };
}

function nginxPathKind(p: IngressPath, hostRegex: boolean): ReturnType<IngressIntent['pathKind']> {
  if (!hostRegex) {
    if (p.pathType === 'Exact') return { type: 'Exact', value: p.path, notes: [] };
    if (p.pathType === 'Prefix' || !REGEX_CHARS.test(p.path)) return { type: 'PathPrefix', value: trimSlash(p.path), notes: [] };
  }
  const m = /^(\/[^()[\]{}*+?|^$\\]*?)\(\/\|\$\)\(\.\*\)$/.exec(p.path);
  if (m) {
    return { type: 'PathPrefix', value: trimSlash(m[1]), notes: [['CaseSensitivity', `${p.path}: ingress-nginx matches it as a case-insensitive regex (~*); the Gateway API PathPrefix ${trimSlash(m[1])} is case-sensitive`]] };
  }
  if (!REGEX_CHARS.test(p.path)) {
    return { type: p.pathType === 'Exact' ? 'Exact' : 'PathPrefix', value: p.pathType === 'Exact' ? p.path : trimSlash(p.path), notes: [['CaseSensitivity', `${p.path}: with use-regex/rewrite-target on the host, ingress-nginx matches every path of it as a case-insensitive regex prefix; Gateway API paths are case-sensitive and element-wise`]] };
  }
  // nginx `location ~* "^path"`: case-insensitive, anchored at the start only; RE2 spells it (?i)path.*
  const body = p.path.replace(/^\^/, '');
  return { type: 'RegularExpression', value: `(?i)${body.endsWith('$') ? body.slice(0, -1) : `${body}.*`}`, notes: [['RegexPath', `${p.path}: ingress-nginx tries regex locations longest first and takes the first match; Gateway API leaves the order of RegularExpression matches to the implementation`]] };
}

const REGEX_CHARS = /[()[\]{}*+?|^$\\]/;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const swapCase = (s: string) => s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

/**
 * Does ingress-nginx answer this path's location without its slash with 301? Asked of the
 * engine's ingress-nginx model (which knows when an Exact or same-length location is there
 * instead), with one traced request.
 */
function slashRedirectOf(q: QuirkContext, host: string, p: IngressPath): { path: string; url: string } | undefined {
  if (p.path.length < 2 || !p.path.endsWith('/') || p.pathType === 'Exact' || REGEX_CHARS.test(p.path)) return undefined;
  const path = p.path.replace(/\/+$/, '');
  const url = `http://${hostSamples(host || undefined)[0]}${path}`;
  const t = simulate(q.cluster, { url, controller: 'ingress-nginx' }, { mode: 'ingress' });
  return t.outcome.reason === 'TrailingSlashRedirect' && t.steps.some((s) => s.reason === 'TrailingSlashRedirect' && s.source === p.source) ? { path, url } : undefined;
}

function convertIngress(
  cluster: Cluster,
  ing: Ingress,
  controller: ControllerName,
  parent: ParentFn,
  tlsHosts: Map<string, { secret?: string; ns: string }>,
  regexHosts: Set<string>,
  routes: Array<Record<string, unknown>>,
  deviations: Deviation[],
  origins: Record<string, string[]>,
  qctx: QuirkContext,
): void {
  const ns = ing.meta.namespace;
  const label = `Ingress ${ns}/${ing.meta.name}`;
  const allRules = ing.rules.flatMap((r) => r.paths.map((p) => p.id));
  const declare = (code: Deviation['code'], message: string, extra: Partial<Deviation> = {}) => deviations.push({ code, message, object: label, source: ing.source, ...extra });

  const hosts = new Map<string, IngressPath[]>();
  for (const r of ing.rules) hosts.set(r.host?.toLowerCase() ?? '', [...(hosts.get(r.host?.toLowerCase() ?? '') ?? []), ...r.paths]);
  const single = hosts.size === 1;
  for (const [host, paths] of hosts) {
    const tls = host ? tlsHosts.has(host) || [...tlsHosts.keys()].some((t) => t.startsWith('*.') && host.endsWith(t.slice(1)) && !host.slice(0, -t.length + 1).includes('.')) : false;
    const intent = intentOf(ing, controller, tls, regexHosts.has(host));
    if (intent.canary) {
      declare('CanaryNotConverted', `canary Ingress ${ing.meta.name}: its weight becomes backendRefs weights on the mainline route; header and cookie rules are not converted`, { ruleIds: paths.map((p) => p.id), hosts: [host] });
      continue;
    }
    // Envoy Gateway: ingress-nginx basic auth becomes a SecurityPolicy on this host's route.
    const basic = qctx.target === 'envoy-gateway' && controller === 'ingress-nginx' ? nginxBasicAuth(cluster, ing) : undefined;
    for (const key of intent.unconverted.filter((k) => !(basic && BASIC_AUTH_KEYS.has(k.slice(NGINX_PREFIX.length))))) {
      const short = key.slice(key.indexOf('/') + 1);
      const blocker = controller === 'ingress-nginx' ? NGINX_BLOCKERS[short] : undefined;
      const instead = blocker ? TARGET_ALTERNATIVES[qctx.target]?.[short] : undefined;
      if (blocker) {
        declare('Blocker', `annotation ${key}: ${ing.meta.annotations[key]} (${blocker}) has no Gateway API form${instead ? `; ${qctx.target} documents ${instead} for it, which RouteLab does not write` : ' and no resource of the target covers it'}: decide before the move`, { source: refAt(ing, ['metadata', 'annotations', key]), ruleIds: allRules });
      } else declare('AnnotationNotConverted', `annotation ${key}: ${ing.meta.annotations[key]} is not converted`, { source: refAt(ing, ['metadata', 'annotations', key]), ruleIds: allRules });
    }
    const name = single ? ing.meta.name : `${ing.meta.name}-${host ? slug(host) : 'any-host'}`;
    const rules: RouteRule[] = [];
    const ruleOrigins: string[][] = [];
    // ingress-nginx follows NGINX server_name wildcards (any depth); the others cover one label.
    if (host && isWildcardHost(host) && controller !== 'ingress-nginx') {
      declare('WildcardDepth', `${host}: an Ingress wildcard covers one DNS label, a Gateway API hostname wildcard one or more`, { hosts: [`*.${host.slice(2)}`] });
    }
    const slashRules: RouteRule[] = [];
    const headerMatches = intent.headers?.map((h) => ({ type: h.regex ? 'RegularExpression' : 'Exact', name: h.name, value: h.value }));
    if (intent.appRoot) {
      rules.push({ matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: intent.appRoot.path }, statusCode: intent.appRoot.status } }] });
      if (intent.appRoot.relative) declare('RedirectLocation', `app-root ${intent.appRoot.path}: ${controller} answers with a relative Location; Gateway API RequestRedirect gives an absolute URL`, { hosts: [host] });
    }
    for (const p of paths) {
      const backend = backendRef(cluster, ing, p.backend, deviations, p.id);
      let kind = intent.pathKind(p);
      if (controller === 'ingress-nginx') {
        const slash = slashRedirectOf(qctx, host, p);
        if (slash) {
          const d = qctx.quirks.get('slash-redirect')!;
          d.ruleIds.push(p.id);
          d.requests.push(`GET ${slash.url}`);
          if (qctx.choices['slash-redirect'] === 'keep') {
            // NGINX's 301 for the path without its slash, written as a rule: Exact beats PathPrefix.
            const rule = { matches: [{ path: { type: 'Exact', value: slash.path } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: `${slash.path}/` }, statusCode: 301 } }] };
            ruleOrigins[rules.length] = [p.id];
            rules.push(rule);
            // NGINX answers the 301 before the HTTPS redirect: the plain-HTTP route needs it too.
            slashRules.push(rule);
          } else {
            declare('QuirkDropped', `${host || '(any host)'} ${p.path}: ingress-nginx answers ${slash.path} with 301 to ${slash.path}/ (a prefix location ending in "/"); dropped, so ${slash.path} is served by the route directly`, { source: p.source, ruleIds: [p.id], quirk: 'slash-redirect' });
          }
        }
        if (regexHosts.has(host) && !REGEX_CHARS.test(p.path)) {
          const d = qctx.quirks.get('case-insensitive')!;
          d.ruleIds.push(p.id);
          d.requests.push(`GET http://${hostSamples(host || undefined)[0]}${swapCase(p.path)}`);
          if (qctx.choices['case-insensitive'] === 'keep') {
            // location ~* "^<path>": case-insensitive, anchored at the start only.
            kind = { type: 'RegularExpression', value: `(?i)${escapeRegex(p.path)}.*`, notes: [['RegexPath', `${p.path}: kept as ingress-nginx matches it (case-insensitive, any path that starts with it) with a RegularExpression match; the order of RegularExpression matches is implementation-specific, where ingress-nginx tries the longest path first`]] };
          }
        }
      }
      for (const [code, message] of kind.notes) declare(code, message, { source: p.source, ruleIds: [p.id] });
      const rule: RouteRule = { matches: [{ path: { type: kind.type, value: kind.value }, ...(headerMatches ? { headers: headerMatches } : {}) }] };
      if (intent.redirectAll) {
        rule.filters = [redirectFilter(intent.redirectAll.url, intent.redirectAll.status)];
        declare('RedirectLocation', `redirect to ${intent.redirectAll.url}: Gateway API builds the Location from scheme, host and path${intent.redirectAll.exactLocation ? '' : ' (a bare host gets a trailing "/")'}, and keeps the request's query`, { ruleIds: [p.id], hosts: [host] });
      } else {
        if (intent.rewrite) rule.filters = [rewriteFilter(controller, intent.rewrite.target, p, kind, label, deviations, vendorRewrite(qctx, name, ns, rules.length))];
        if (backend) rule.backendRefs = [backend];
      }
      if (controller === 'ingress-nginx') addCanaries(cluster, ing, host, p, rule, deviations);
      ruleOrigins[rules.length] = [p.id];
      rules.push(rule);
    }
    if (ing.defaultBackend && host) {
      // Ingress: unmatched paths of this host go to the defaultBackend; say so on the host's route.
      const backend = backendRef(cluster, ing, ing.defaultBackend, deviations, ing.defaultBackend.id);
      if (backend) {
        ruleOrigins[rules.length] = [ing.defaultBackend.id];
        rules.push({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [backend] });
      }
    }
    ruleOrigins.forEach((ids, i) => {
      if (ids) origins[`HTTPRoute ${ns}/${name} rules[${i}]`] = ids;
    });
    const hostnames = host ? [host] : undefined;
    const https = intent.httpsRedirect && host ? intent.httpsRedirect : undefined;
    if (https) {
      routes.push({
        apiVersion: GW,
        kind: 'HTTPRoute',
        metadata: meta(`${name}-https-redirect`, ns),
        spec: { parentRefs: [parent(ns, 'http')], hostnames, rules: [...slashRules, { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: https.status } }] }] },
      });
      if (https.dropsRootSlash) declare('RedirectLocation', `HTTPS redirect on ${host}: ingress-nginx drops the trailing "/" of the root path in the Location (https://${host}); Gateway API keeps it`, { hosts: [host], scheme: 'http' });
    }
    const listener = https ? listenerNameFor(host, tlsHosts) : undefined;
    routes.push({
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: meta(name, ns),
      spec: { parentRefs: listener ? [parent(ns, listener)] : [parent(ns)], ...(hostnames ? { hostnames } : {}), rules },
    });
    if (basic) {
      qctx.vendorObjects.push({
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'SecurityPolicy',
        metadata: meta(slug(`${name}-basic-auth`), ns),
        spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name }], basicAuth: { users: { name: basic.secret } } },
      });
      if (basic.copy && !qctx.vendorObjects.some((o) => o.kind === 'Secret' && (o.metadata as { name: string }).name === basic.secret && (o.metadata as { namespace?: string }).namespace === ns)) {
        qctx.vendorObjects.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(basic.secret, ns), type: 'Opaque', ...basic.copy });
      }
      declare('ControllerSpecific', `basic auth of ${label} becomes a SecurityPolicy with the users of Secret ${ns}/${basic.secret} (the htpasswd file under .htpasswd, where ingress-nginx reads "auth"); Envoy Gateway accepts only SHA-hashed entries (htpasswd -s), so users hashed with apr1 or bcrypt must be re-hashed${basic.copy ? '' : `; create Secret ${ns}/${basic.secret} from ${basic.from}`}`);
    }
  }
  if (ing.defaultBackend) {
    const backend = backendRef(cluster, ing, ing.defaultBackend, deviations, ing.defaultBackend.id);
    if (backend) {
      routes.push({ apiVersion: GW, kind: 'HTTPRoute', metadata: meta(`${ing.meta.name}-default-backend`, ns), spec: { parentRefs: [parent(ns)], rules: [{ backendRefs: [backend] }] } });
      origins[`HTTPRoute ${ns}/${ing.meta.name}-default-backend rules[0]`] = [ing.defaultBackend.id];
      declare('DefaultBackendScope', `defaultBackend of ${label} becomes a route without hostnames: it also takes unmatched requests for hosts of other routes on the Gateway`, { source: ing.defaultBackend.source, ruleIds: [ing.defaultBackend.id] });
    }
  }
}

const BASIC_AUTH_KEYS = new Set(['auth-type', 'auth-secret', 'auth-secret-type', 'auth-realm']);

/**
 * ingress-nginx basic auth that Envoy Gateway's SecurityPolicy can carry: auth-type basic
 * with an auth-file Secret that ingress-nginx can read (otherwise the location is denied,
 * which stays declared). The users move to a Secret with the key ".htpasswd", copied from
 * the "auth" key when the Secret is in the manifests.
 */
function nginxBasicAuth(cluster: Cluster, ing: Ingress): { secret: string; from: string; copy?: Record<string, unknown> } | undefined {
  const cfg = nginxConfigOf(ing);
  const a = cfg.auth;
  if (!a || a.type.value.trim() !== 'basic' || !a.secret || a.secretType?.value.trim() === 'auth-map' || authDenied(cluster, cfg)) return undefined;
  const value = a.secret.value.trim();
  const [ns, name] = value.includes('/') ? value.split('/', 2) : [ing.meta.namespace, value];
  if (ns !== ing.meta.namespace) return undefined;
  const raw = cluster.secrets.get(`${ns}/${name}`)?.raw as { data?: Record<string, unknown>; stringData?: Record<string, unknown> } | undefined;
  const copy = raw?.data?.auth !== undefined ? { data: { '.htpasswd': raw.data.auth } } : raw?.stringData?.auth !== undefined ? { stringData: { '.htpasswd': raw.stringData.auth } } : undefined;
  return { secret: `${name}-htpasswd`, from: `${ns}/${name}`, copy };
}

/** The HTTPS listener that serves a TLS host: its own, or the wildcard one that covers it. */
function listenerNameFor(host: string, tlsHosts: Map<string, { secret?: string; ns: string }>): string {
  if (tlsHosts.has(host)) return `https-${slug(host)}`;
  const wc = [...tlsHosts.keys()].find((t) => t.startsWith('*.') && host.endsWith(t.slice(1)));
  return wc ? `https-${slug(wc)}` : 'https';
}

/**
 * Envoy Gateway documents HTTPRouteFilter urlRewrite.path ReplaceRegexMatch for rewrites the
 * portable API cannot express (api/v1alpha1 HTTPPathModifier; docs "HTTP URL Rewrite"),
 * referenced from the rule with an ExtensionRef filter.
 */
function vendorRewrite(q: QuirkContext, routeName: string, ns: string, ruleIndex: number): VendorRewrite | undefined {
  if (q.target !== 'envoy-gateway') return undefined;
  return (pattern, substitution) => {
    const name = slug(`${routeName}-rewrite-${ruleIndex}`);
    q.vendorObjects.push({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'HTTPRouteFilter', metadata: meta(name, ns), spec: { urlRewrite: { path: { type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern, substitution } } } } });
    return { type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name } };
  };
}

function rewriteFilter(controller: ControllerName, target: string, p: IngressPath, kind: { type: string }, label: string, deviations: Deviation[], vendor?: VendorRewrite): Record<string, unknown> {
  const prefixRewrite = (to: string) => ({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: to } } });
  if (controller === 'haproxy' && kind.type === 'PathPrefix') {
    // keys.md "Rewrite target": the matching prefix of the path is replaced by the target.
    return prefixRewrite(target);
  }
  // ingress-nginx: `path(/|$)(.*)` + `/$2` keeps the rest of the path, exactly ReplacePrefixMatch "/".
  if (/\(\/\|\$\)\(\.\*\)$/.test(p.path) && /^\/?\$2$/.test(target)) return prefixRewrite('/');
  // A $N the path has no group for is empty in NGINX's rewrite: a static target after all.
  const groups = captureGroups(p.path);
  if (target.includes('$') && groups !== undefined && [...target.matchAll(/\$(\d)/g)].every((m) => Number(m[1]) > groups)) target = target.replace(/\$\d/g, '') || '/';
  if (!target.includes('$')) {
    // ingress-nginx `rewrite <path> <target> break`: a static target replaces the whole path.
    return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: target } } };
  }
  if (vendor && controller === 'ingress-nginx') {
    // ingress-nginx writes `rewrite "(?i)<path>" <target> break;`: the first match anywhere in
    // the URI replaces the whole URI, $N being its groups. As a regex_rewrite that replaces
    // what matches: the whole path, from its start, through the first match of the path.
    return vendor(`(?i)^.*?(?:${p.path}).*$`, target.replace(/\\/g, '\\\\').replace(/\$(\d)/g, '\\$1'));
  }
  deviations.push({ code: 'RewriteApproximated', message: `rewrite-target ${target} with capture groups on ${p.path} has no exact Gateway API form; approximated with ReplacePrefixMatch`, object: label, source: p.source, ruleIds: [p.id] });
  return prefixRewrite(target.replace(/\$\d+/g, '').replace(/\/{2,}/g, '/') || '/');
}

/** How many capture groups the path has as a regular expression (undefined if it is not one JavaScript reads). */
function captureGroups(path: string): number | undefined {
  try {
    return (new RegExp(`${path}|`).exec('') ?? []).length - 1;
  } catch {
    return undefined;
  }
}

function redirectFilter(url: string, code: number): Record<string, unknown> {
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(url);
  const statusCode = [301, 302, 303, 307, 308].includes(code) ? code : 302;
  if (!m) return { type: 'RequestRedirect', requestRedirect: { statusCode } };
  return {
    type: 'RequestRedirect',
    requestRedirect: {
      scheme: m[1],
      hostname: m[2],
      ...(m[3] ? { port: Number(m[3]) } : {}),
      path: { type: 'ReplaceFullPath', replaceFullPath: m[4] || '/' },
      statusCode,
    },
  };
}

/** ingress-nginx canaries for the same host and path: weights become backendRefs weights; header and cookie rules are declared. */
function addCanaries(cluster: Cluster, mainline: Ingress, host: string, p: IngressPath, rule: RouteRule, deviations: Deviation[]): void {
  for (const c of cluster.ingresses) {
    const canary = c === mainline ? undefined : nginxConfigOf(c).canary;
    if (!canary || c.meta.namespace !== mainline.meta.namespace) continue;
    const cp = c.rules.find((r) => (r.host?.toLowerCase() ?? '') === host)?.paths.find((x) => x.path === p.path);
    if (!cp) continue;
    const canaryRef = backendRef(cluster, c, cp.backend, deviations, cp.id);
    if (canary.weight > 0 && canaryRef && rule.backendRefs?.[0]) {
      rule.backendRefs = [{ ...rule.backendRefs[0], weight: Math.max(0, canary.weightTotal - canary.weight) }, { ...canaryRef, weight: canary.weight }];
    }
    if (canary.header || canary.cookie) {
      deviations.push({ code: 'CanaryNotConverted', message: `canary by ${canary.header ? `header ${canary.header.value}` : `cookie ${canary.cookie!.value}`} on Ingress ${c.meta.namespace}/${c.meta.name}: add a rule with a header match by hand (the "always"/"never" values have no Gateway API form)`, object: `Ingress ${c.meta.namespace}/${c.meta.name}`, source: c.source, ruleIds: [p.id, cp.id] });
    }
  }
}
