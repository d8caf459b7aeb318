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
import { isWildcardHost } from '../match/hostname.js';

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
    | 'ControllerSpecific';
  message: string;
  object?: string;
  source?: SourceRef;
  /** Ingress rule ids whose requests may route differently */
  ruleIds?: string[];
  /** request hosts (exact, or "*.domain" for any host under it) that may route differently */
  hosts?: string[];
}

export interface Conversion {
  controller: ControllerName;
  /** complete scenario: Gateway API objects plus the Services and workloads carried over */
  yaml: string;
  objects: Array<Record<string, unknown>>;
  deviations: Deviation[];
  gateways: Array<{ namespace: string; name: string }>;
}

const NGINX = 'nginx.ingress.kubernetes.io/';
const GW = 'gateway.networking.k8s.io/v1';
/** controllerName of the generated GatewayClass: replace with your implementation's. */
export const CONVERTED_CONTROLLER_NAME = 'example.com/gateway-controller';

/** The controller whose semantics the Ingresses were written for: from their IngressClass, else their annotations. */
export function inferController(cluster: Cluster): ControllerName {
  for (const name of ['ingress-nginx', 'traefik', 'haproxy'] as const) {
    const strings = CONTROLLER_PROFILES[name].controllerStrings;
    if (cluster.ingressClasses.some((c) => strings.includes(c.controller))) return name;
  }
  const annotations = cluster.ingresses.flatMap((i) => Object.keys(i.meta.annotations));
  if (annotations.some((a) => a.startsWith(NGINX))) return 'ingress-nginx';
  if (annotations.some((a) => a.startsWith('traefik.ingress.kubernetes.io/'))) return 'traefik';
  if (annotations.some((a) => a.startsWith('haproxy-ingress.github.io/'))) return 'haproxy';
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

export function convertIngresses(cluster: Cluster, controller: ControllerName = inferController(cluster)): Conversion {
  const deviations: Deviation[] = [];
  const served = selectIngresses(cluster, CONTROLLER_PROFILES[controller]).served;
  const objects: Array<Record<string, unknown>> = [];
  const routes: Array<Record<string, unknown>> = [];
  const grants = new Map<string, Record<string, unknown>>();

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
    objects.push({ apiVersion: GW, kind: 'GatewayClass', metadata: meta(gwName, undefined), spec: { controllerName: CONVERTED_CONTROLLER_NAME } });
    objects.push({ apiVersion: GW, kind: 'Gateway', metadata: meta(gwName, gwNs), spec: { gatewayClassName: gwName, listeners } });

    const parent = (ns: string, sectionName?: string) => ({ name: gwName, ...(ns !== gwNs ? { namespace: gwNs } : {}), ...(sectionName ? { sectionName } : {}) });
    for (const ing of ingresses) {
      convertIngress(cluster, ing, controller, parent, tlsHosts, routes, deviations);
    }
  }
  if (cluster.ingresses.length > served.length) {
    deviations.push({
      code: 'ControllerSpecific',
      message: `${cluster.ingresses.length - served.length} Ingress(es) are not served by ${controller} and were not converted`,
    });
  }

  const all = [...objects, ...grants.values(), ...routes, ...carriedOver(cluster)];
  const header = `# Converted by RouteLab from ${served.length} Ingress(es) (${controller} semantics).\n# GatewayClass controllerName ${CONVERTED_CONTROLLER_NAME} is a placeholder: use your Gateway implementation's.\n`;
  const yaml = header + all.map((o) => dump(o, { lineWidth: -1, noRefs: true })).join('---\n');
  return { controller, yaml, objects: all, deviations, gateways };
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

function convertIngress(
  cluster: Cluster,
  ing: Ingress,
  controller: ControllerName,
  parent: ParentFn,
  tlsHosts: Map<string, { secret?: string; ns: string }>,
  routes: Array<Record<string, unknown>>,
  deviations: Deviation[],
): void {
  const a = ing.meta.annotations;
  const ns = ing.meta.namespace;
  const label = `Ingress ${ns}/${ing.meta.name}`;
  const nginx = controller === 'ingress-nginx';
  const ann = (k: string) => (nginx ? a[NGINX + k] : undefined);
  if (ann('canary') === 'true') {
    deviations.push({ code: 'CanaryNotConverted', message: `canary Ingress ${ing.meta.name}: its weight/header is merged into the mainline routes where it applies`, object: label, source: ing.source, ruleIds: ing.rules.flatMap((r) => r.paths.map((p) => p.id)), hosts: ing.rules.map((r) => r.host ?? '') });
    return;
  }
  const useRegex = ann('use-regex') === 'true' || ann('rewrite-target') !== undefined;
  const rewrite = ann('rewrite-target');
  const sslRedirect = ann('ssl-redirect') !== 'false';
  const forceSsl = ann('force-ssl-redirect') === 'true';
  const permanent = ann('permanent-redirect');
  const temporal = ann('temporal-redirect');
  const appRoot = ann('app-root');
  const handled = new Set(['use-regex', 'rewrite-target', 'ssl-redirect', 'force-ssl-redirect', 'permanent-redirect', 'permanent-redirect-code', 'temporal-redirect', 'temporal-redirect-code', 'app-root']);
  for (const key of Object.keys(a)) {
    const known = key.startsWith(NGINX) && handled.has(key.slice(NGINX.length));
    const controllerAnnotation = /^(nginx\.ingress\.kubernetes\.io|traefik\.ingress\.kubernetes\.io|haproxy-ingress\.github\.io|ingress\.kubernetes\.io)\//.test(key);
    if (controllerAnnotation && !known) {
      deviations.push({ code: 'AnnotationNotConverted', message: `annotation ${key}: ${a[key]} is not converted`, object: label, source: ing.source, ruleIds: ing.rules.flatMap((r) => r.paths.map((p) => p.id)) });
    }
  }

  const hosts = new Map<string, IngressPath[]>();
  for (const r of ing.rules) hosts.set(r.host?.toLowerCase() ?? '', [...(hosts.get(r.host?.toLowerCase() ?? '') ?? []), ...r.paths]);
  const single = hosts.size === 1;
  for (const [host, paths] of hosts) {
    const name = single ? ing.meta.name : `${ing.meta.name}-${host ? slug(host) : 'any-host'}`;
    const rules: RouteRule[] = [];
    const redirectAll = permanent ?? temporal;
    if (host && isWildcardHost(host)) {
      deviations.push({ code: 'WildcardDepth', message: `${host}: an Ingress wildcard covers one DNS label, a Gateway API hostname wildcard one or more`, object: label, source: ing.source, hosts: [`*.${host.slice(2)}`] });
    }
    if (appRoot) {
      rules.push({ matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: appRoot }, statusCode: 302 } }] });
    }
    for (const p of paths) {
      const backend = backendRef(cluster, ing, p.backend, deviations, p.id);
      const rule: RouteRule = {};
      rule.matches = [pathMatch(p, controller, useRegex, label, deviations)];
      if (redirectAll) {
        rule.filters = [redirectFilter(redirectAll, permanent ? Number(ann('permanent-redirect-code') ?? 301) : Number(ann('temporal-redirect-code') ?? 302))];
        deviations.push({ code: 'RedirectLocation', message: `${permanent ? 'permanent' : 'temporal'}-redirect ${redirectAll}: Gateway API builds the Location from its parts, so it may differ in form (a trailing "/")`, object: label, source: ing.source, ruleIds: [p.id] });
      } else {
        if (rewrite !== undefined) rule.filters = [rewriteFilter(rewrite, p, label, deviations)];
        if (backend) rule.backendRefs = [backend];
      }
      if (nginx) addCanaries(cluster, ing, host, p, rule, deviations);
      rules.push(rule);
    }
    if (ing.defaultBackend && host) {
      // Ingress: unmatched paths of this host go to the defaultBackend; say so on the host's route.
      const backend = backendRef(cluster, ing, ing.defaultBackend, deviations, ing.defaultBackend.id);
      if (backend) rules.push({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [backend] });
    }
    const tls = host ? tlsHosts.has(host) : false;
    const redirectHttp = tls && ((nginx && sslRedirect) || forceSsl || controller === 'haproxy');
    const hostnames = host ? [host] : undefined;
    if (redirectHttp) {
      routes.push({
        apiVersion: GW,
        kind: 'HTTPRoute',
        metadata: meta(`${name}-https-redirect`, ns),
        spec: {
          parentRefs: [parent(ns, 'http')],
          hostnames,
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: controller === 'haproxy' ? 302 : 308 } }] }],
        },
      });
    }
    routes.push({
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: meta(name, ns),
      spec: { parentRefs: redirectHttp ? [parent(ns, `https-${slug(host)}`)] : [parent(ns)], ...(hostnames ? { hostnames } : {}), rules },
    });
  }
  if (ing.defaultBackend) {
    const backend = backendRef(cluster, ing, ing.defaultBackend, deviations, ing.defaultBackend.id);
    if (backend) {
      routes.push({ apiVersion: GW, kind: 'HTTPRoute', metadata: meta(`${ing.meta.name}-default-backend`, ns), spec: { parentRefs: [parent(ns)], rules: [{ backendRefs: [backend] }] } });
      deviations.push({ code: 'DefaultBackendScope', message: `defaultBackend of ${label} becomes a route without hostnames: it also takes unmatched requests for hosts of other routes on the Gateway`, object: label, source: ing.defaultBackend.source, ruleIds: [ing.defaultBackend.id] });
    }
  }
}

function pathMatch(p: IngressPath, controller: ControllerName, useRegex: boolean, label: string, deviations: Deviation[]): Record<string, unknown> {
  const regexy = /[()[\]{}*+?|^$\\]/.test(p.path);
  if (controller === 'ingress-nginx' && useRegex) {
    const m = /^(\/[^()[\]{}*+?|^$\\]*?)\(\/\|\$\)\(\.\*\)$/.exec(p.path);
    if (m) {
      deviations.push({ code: 'CaseSensitivity', message: `${p.path}: ingress-nginx matches it case-insensitively (~*); the Gateway API PathPrefix ${trimSlash(m[1])} is case-sensitive`, object: label, source: p.source, ruleIds: [p.id] });
      return { path: { type: 'PathPrefix', value: trimSlash(m[1]) } };
    }
    if (regexy) {
      deviations.push({ code: 'RegexPath', message: `${p.path}: ingress-nginx matches it as a case-insensitive regex prefix (~*); Gateway API RegularExpression is implementation-specific and case-sensitive here`, object: label, source: p.source, ruleIds: [p.id] });
      // nginx `location ~* "^path"` is a case-insensitive match at the start; RE2 spells that (?i)^path.*
      const body = p.path.replace(/^\^/, '');
      return { path: { type: 'RegularExpression', value: `(?i)${body.endsWith('$') ? body.slice(0, -1) : `${body}.*`}` } };
    }
    deviations.push({ code: 'CaseSensitivity', message: `${p.path}: with use-regex/rewrite-target ingress-nginx matches every path of the host case-insensitively; Gateway API PathPrefix is case-sensitive`, object: label, source: p.source, ruleIds: [p.id] });
    return { path: { type: p.pathType === 'Exact' ? 'Exact' : 'PathPrefix', value: p.pathType === 'Exact' ? p.path : trimSlash(p.path) } };
  }
  if (p.pathType === 'Exact') return { path: { type: 'Exact', value: p.path } };
  if (controller === 'traefik') {
    deviations.push({ code: 'PrefixByCharacters', message: `${p.path}: Traefik matches Prefix by characters (/foo also matches /foobar); Gateway API PathPrefix by path elements`, object: label, source: p.source, ruleIds: [p.id] });
  }
  if (controller === 'haproxy' && p.pathType === 'ImplementationSpecific') {
    deviations.push({ code: 'CaseSensitivity', message: `${p.path}: HAProxy's default "begin" path type is a case-insensitive string prefix; Gateway API PathPrefix is case-sensitive and element-wise`, object: label, source: p.source, ruleIds: [p.id] });
  }
  if (regexy) {
    deviations.push({ code: 'RegexPath', message: `${p.path}: a regular expression path under ${controller}; converted to RegularExpression, which is implementation-specific`, object: label, source: p.source, ruleIds: [p.id] });
    return { path: { type: 'RegularExpression', value: p.path } };
  }
  return { path: { type: 'PathPrefix', value: trimSlash(p.path) } };
}

function rewriteFilter(target: string, p: IngressPath, label: string, deviations: Deviation[]): Record<string, unknown> {
  // `path(/|$)(.*)` + `/$2` keeps the rest of the path: exactly ReplacePrefixMatch "/".
  if (/\(\/\|\$\)\(\.\*\)$/.test(p.path) && /^\/?\$2$/.test(target)) {
    return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } };
  }
  if (!target.includes('$')) {
    // nginx replaces the whole URI with a static rewrite-target.
    return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: target } } };
  }
  deviations.push({ code: 'RewriteApproximated', message: `rewrite-target ${target} with capture groups on ${p.path} has no exact Gateway API form; approximated with ReplacePrefixMatch`, object: label, source: p.source, ruleIds: [p.id] });
  return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: target.replace(/\$\d+/g, '').replace(/\/{2,}/g, '/') || '/' } } };
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

/** ingress-nginx canaries for the same host and path: weights become backendRefs weights, a header becomes a preceding rule. */
function addCanaries(cluster: Cluster, mainline: Ingress, host: string, p: IngressPath, rule: RouteRule, deviations: Deviation[]): void {
  for (const c of cluster.ingresses) {
    const ca = c.meta.annotations;
    if (c === mainline || ca[`${NGINX}canary`] !== 'true' || c.meta.namespace !== mainline.meta.namespace) continue;
    const cp = c.rules.find((r) => (r.host?.toLowerCase() ?? '') === host)?.paths.find((x) => x.path === p.path);
    if (!cp) continue;
    const weight = Number(ca[`${NGINX}canary-weight`] ?? 0);
    const total = Number(ca[`${NGINX}canary-weight-total`] ?? 100);
    const canaryRef = backendRef(cluster, c, cp.backend, deviations, cp.id);
    if (weight > 0 && canaryRef && rule.backendRefs?.[0]) {
      rule.backendRefs = [{ ...rule.backendRefs[0], weight: Math.max(0, total - weight) }, { ...canaryRef, weight }];
    }
    if (ca[`${NGINX}canary-by-header`] || ca[`${NGINX}canary-by-cookie`]) {
      deviations.push({ code: 'CanaryNotConverted', message: `canary by header/cookie on Ingress ${c.meta.namespace}/${c.meta.name}: add a rule with a header match by hand (the "always"/"never" values have no Gateway API form)`, object: `Ingress ${c.meta.namespace}/${c.meta.name}`, source: c.source, ruleIds: [p.id, cp.id] });
    }
  }
}
