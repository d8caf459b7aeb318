// Which conformance features a configuration uses, named as the suite names them
// (kubernetes-sigs/gateway-api pkg/features/*.go), each with the object and line that
// uses it. Two readers: the per-implementation trace (does the winning rule use a feature
// this implementation lacks?) and the Capabilities analysis (which implementations can
// run this config at all?).
import type { Cluster } from '../../model/cluster.js';
import { cached, cachedFor } from '../../model/cluster.js';
import type { AnyRouteRule, GatewayRoute, HTTPRouteRule, GRPCRouteRule, RouteFilter } from '../../model/gateway.js';
import type { SourceRef } from '../../model/source.js';
import { refAt } from '../../model/source.js';
import type { ConformanceProfileName } from './types.js';
import { pushAll } from '../../model/arrays.js';

export interface FeatureUse {
  /** suite feature name, e.g. HTTPRouteQueryParamMatching */
  feature: string;
  /** the conformance profile whose report lists the feature */
  profile: ConformanceProfileName;
  object: { kind: string; namespace: string; name: string };
  source: SourceRef;
  /** the rule that uses it (rule-level features) */
  ruleId?: string;
  /** what in the YAML uses it, e.g. "queryParams match on version" */
  what: string;
  /** filter: a filter (or one of its fields); match: a condition of a match or parentRef; field: another rule field; config: Gateways, ListenerSets, policies */
  category: FeatureCategory;
}

export type FeatureCategory = 'filter' | 'match' | 'field' | 'config';

/** Features RouteLab reads but does not simulate: the trace says so wherever one is used. */
export const UNSIMULATED_FEATURES: ReadonlySet<string> = new Set([
  'HTTPRouteRequestTimeout',
  'HTTPRouteBackendTimeout',
  'HTTPRouteRetry',
  'HTTPRouteRetryBackendTimeout',
  'HTTPRouteBackendProtocolH2C',
  'HTTPRouteBackendProtocolWebSocket',
  'BackendTLSPolicy',
  'GatewayInfrastructurePropagation',
]);

/** Profile of a route kind's features; Service parents make an HTTPRoute a mesh route. */
function profileOf(route: GatewayRoute, mesh: boolean): ConformanceProfileName {
  if (route.kind === 'GRPCRoute') return mesh ? 'MESH-GRPC' : 'GATEWAY-GRPC';
  if (route.kind === 'TLSRoute') return 'GATEWAY-TLS';
  return mesh ? 'MESH-HTTP' : 'GATEWAY-HTTP';
}

function objOf(o: { kind: string; meta: { namespace: string; name: string } }) {
  return { kind: o.kind, namespace: o.meta.namespace, name: o.meta.name };
}

/** The features a filter needs (HTTPRoute filters; GRPCRoute shares the types). */
export function filterFeatures(f: RouteFilter, backendLevel: boolean): Array<{ feature: string; what: string }> {
  switch (f.type) {
    case 'RequestHeaderModifier':
      return backendLevel ? [{ feature: 'HTTPRouteBackendRequestHeaderModification', what: 'RequestHeaderModifier on a backendRef' }] : [];
    case 'ResponseHeaderModifier':
      return [{ feature: 'HTTPRouteResponseHeaderModification', what: 'ResponseHeaderModifier filter' }];
    case 'RequestRedirect': {
      const out: Array<{ feature: string; what: string }> = [];
      if (f.path) out.push({ feature: 'HTTPRoutePathRedirect', what: `RequestRedirect path ${f.path.type}` });
      if (f.port !== undefined) out.push({ feature: 'HTTPRoutePortRedirect', what: `RequestRedirect port ${f.port}` });
      if (f.scheme !== undefined) out.push({ feature: 'HTTPRouteSchemeRedirect', what: `RequestRedirect scheme ${f.scheme}` });
      if (f.statusCode === 303 || f.statusCode === 307 || f.statusCode === 308) out.push({ feature: `HTTPRoute${f.statusCode}RedirectStatusCode`, what: `RequestRedirect statusCode ${f.statusCode}` });
      return out;
    }
    case 'URLRewrite': {
      const out: Array<{ feature: string; what: string }> = [];
      if (f.hostname !== undefined) out.push({ feature: 'HTTPRouteHostRewrite', what: `URLRewrite hostname ${f.hostname}` });
      if (f.path) out.push({ feature: 'HTTPRoutePathRewrite', what: `URLRewrite path ${f.path.type}` });
      return out;
    }
    case 'RequestMirror': {
      const out = [{ feature: 'HTTPRouteRequestMirror', what: `RequestMirror to ${f.backendRef.name}` }];
      if (f.fraction || f.percent !== 100) out.push({ feature: 'HTTPRouteRequestPercentageMirror', what: `RequestMirror of ${f.fraction ? `${f.fraction.numerator}/${f.fraction.denominator}` : `${f.percent}%`} of requests` });
      return out;
    }
    case 'CORS':
      return [{ feature: 'HTTPRouteCORS', what: 'CORS filter' }];
    default:
      return [];
  }
}

/** Fields of the raw rule RouteLab does not model but the suite names (timeouts, retry). */
function rawRuleFeatures(route: GatewayRoute, index: number): Array<{ feature: string; what: string; path: Array<string | number> }> {
  const rules = (route.raw.spec as { rules?: unknown[] } | undefined)?.rules;
  const r = Array.isArray(rules) ? (rules[index] as Record<string, unknown> | undefined) : undefined;
  if (!r || typeof r !== 'object') return [];
  const out: Array<{ feature: string; what: string; path: Array<string | number> }> = [];
  const t = r.timeouts as Record<string, unknown> | undefined;
  if (t && typeof t === 'object') {
    if (t.request !== undefined) out.push({ feature: 'HTTPRouteRequestTimeout', what: `timeouts.request ${String(t.request)}`, path: ['spec', 'rules', index, 'timeouts'] });
    if (t.backendRequest !== undefined) out.push({ feature: 'HTTPRouteBackendTimeout', what: `timeouts.backendRequest ${String(t.backendRequest)}`, path: ['spec', 'rules', index, 'timeouts'] });
  }
  const retry = r.retry as Record<string, unknown> | undefined;
  if (retry && typeof retry === 'object') {
    out.push({ feature: 'HTTPRouteRetry', what: 'retry', path: ['spec', 'rules', index, 'retry'] });
    if (retry.backoff !== undefined && t?.backendRequest !== undefined) out.push({ feature: 'HTTPRouteRetryBackendTimeout', what: 'retry with timeouts.backendRequest', path: ['spec', 'rules', index, 'retry'] });
  }
  return out;
}

/** Features one rule needs, each with where it is written. Cached per config. */
export function ruleFeatures(cluster: Cluster, route: GatewayRoute, rule: AnyRouteRule): FeatureUse[] {
  return cachedFor(cluster, 'features:rule', rule, () => computeRuleFeatures(cluster, route, rule));
}

function computeRuleFeatures(cluster: Cluster, route: GatewayRoute, rule: AnyRouteRule): FeatureUse[] {
  const out: FeatureUse[] = [];
  const mesh = route.parentRefs.length > 0 && route.parentRefs.every((p) => p.kind === 'Service');
  const profile = profileOf(route, mesh);
  const object = objOf(route);
  const add = (feature: string, what: string, source: SourceRef, category: FeatureCategory) => {
    const name = mesh && feature.startsWith('HTTPRoute') ? meshName(feature) : feature;
    if (!out.some((u) => u.feature === name)) out.push({ feature: name, profile, object, source, ruleId: rule.id, what, category });
  };
  if (rule.name !== undefined) add(route.kind === 'GRPCRoute' ? 'GRPCRouteNamedRouteRule' : 'HTTPRouteNamedRouteRule', `rule name "${rule.name}"`, rule.source, 'field');
  if (route.kind === 'HTTPRoute') {
    const r = rule as HTTPRouteRule;
    for (const m of r.matches) {
      if (m.queryParams.length) add('HTTPRouteQueryParamMatching', `queryParams match on ${m.queryParams.map((q) => q.name).join(', ')}`, m.source, 'match');
      if (m.method !== undefined) add('HTTPRouteMethodMatching', `method ${m.method}`, m.source, 'match');
    }
  }
  if (route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute') {
    const r = rule as HTTPRouteRule | GRPCRouteRule;
    const mirrors = r.filters.filter((f) => f.type === 'RequestMirror').length;
    for (const f of r.filters) for (const x of filterFeatures(f, false)) add(x.feature, x.what, f.source, 'filter');
    if (mirrors > 1) add('HTTPRouteRequestMultipleMirrors', `${mirrors} RequestMirror filters`, r.source, 'filter');
    for (const b of r.backendRefs) for (const f of b.filters) for (const x of filterFeatures(f, true)) add(x.feature, x.what, f.source, 'filter');
    if (route.kind === 'GRPCRoute' && r.filters.some((f) => f.type === 'RequestHeaderModifier')) add('GRPCRouteRequestHeaderModifier', 'RequestHeaderModifier filter', r.filters.find((f) => f.type === 'RequestHeaderModifier')!.source, 'filter');
    // Backend protocols (Service port appProtocol, GEP-1911).
    if (usesBackendProtocols(cluster)) for (const b of r.backendRefs) {
      if (b.kind !== 'Service' || b.group !== '') continue;
      const svc = cluster.services.get(`${b.namespace ?? route.meta.namespace}/${b.name}`);
      const port = svc?.ports.find((p) => p.port === b.port);
      if (port?.appProtocol === 'kubernetes.io/h2c') add('HTTPRouteBackendProtocolH2C', `backend ${b.name}:${b.port} appProtocol kubernetes.io/h2c`, b.source, 'field');
      if (port?.appProtocol === 'kubernetes.io/ws') add('HTTPRouteBackendProtocolWebSocket', `backend ${b.name}:${b.port} appProtocol kubernetes.io/ws`, b.source, 'field');
    }
  }
  if (route.kind === 'HTTPRoute') {
    for (const x of rawRuleFeatures(route, rule.index)) add(x.feature, x.what, refAt(route, x.path) ?? rule.source, 'field');
  }
  return out;
}

/** Does any Service port name an appProtocol the suite has a feature for? Once per config. */
function usesBackendProtocols(cluster: Cluster): boolean {
  return cached(cluster, 'features:app-protocols', () => {
    for (const svc of cluster.services.values()) for (const p of svc.ports) if (p.appProtocol === 'kubernetes.io/h2c' || p.appProtocol === 'kubernetes.io/ws') return true;
    return false;
  });
}

/** GAMMA names some HTTPRoute features separately (pkg/features/mesh.go). */
function meshName(feature: string): string {
  const map: Record<string, string> = {
    HTTPRoutePathRewrite: 'MeshHTTPRouteRewritePath',
    HTTPRouteSchemeRedirect: 'MeshHTTPRouteSchemeRedirect',
    HTTPRoutePortRedirect: 'MeshHTTPRouteRedirectPort',
    HTTPRoutePathRedirect: 'MeshHTTPRouteRedirectPath',
    HTTPRouteBackendRequestHeaderModification: 'MeshHTTPRouteBackendRequestHeaderModification',
    HTTPRouteQueryParamMatching: 'MeshHTTPRouteQueryParamMatching',
    HTTPRouteNamedRouteRule: 'MeshHTTPRouteNamedRouteRule',
  };
  return map[feature] ?? feature;
}

/** Features of a route as a whole (not of one rule). */
export function routeFeatures(route: GatewayRoute): FeatureUse[] {
  const out: FeatureUse[] = [];
  const mesh = route.parentRefs.length > 0 && route.parentRefs.every((p) => p.kind === 'Service');
  const profile = profileOf(route, mesh);
  for (const p of route.parentRefs) {
    if (p.port !== undefined && p.kind === 'Gateway' && route.kind === 'HTTPRoute') {
      out.push({ feature: 'HTTPRouteParentRefPort', profile, object: objOf(route), source: p.source, what: `parentRef port ${p.port}`, category: 'match' });
      break;
    }
  }
  return out;
}

/** Every feature use of the config: routes, rules, Gateways, ListenerSets, policies. Cached. */
export function configFeatures(cluster: Cluster): FeatureUse[] {
  return cached(cluster, 'features:config', () => {
    const out: FeatureUse[] = [];
    for (const route of cluster.gatewayApi.routes) {
      out.push(...routeFeatures(route));
      for (const rule of route.rules) if (mayUseFeatures(cluster, route, rule)) out.push(...ruleFeatures(cluster, route, rule));
    }
    pushAll(out, objectFeatures(cluster));
    return out;
  });
}

/**
 * The uses of features RouteLab does not simulate (UNSIMULATED_FEATURES), without
 * computing every other feature of every rule: what a trace on an implementation without
 * a conformance report says. Cached.
 */
export function unsimulatedFeatures(cluster: Cluster): FeatureUse[] {
  return cached(cluster, 'features:unsimulated', () => {
    const out: FeatureUse[] = [];
    const protocols = usesBackendProtocols(cluster);
    for (const route of cluster.gatewayApi.routes) {
      if (route.kind !== 'HTTPRoute' && !(protocols && route.kind === 'GRPCRoute')) continue;
      // Without backend protocols only runtime fields count; how many rules set them was counted when read.
      if (!protocols && route.runtimeFieldRules === 0) continue;
      for (const rule of route.rules) {
        if (!protocols && !(route.kind === 'HTTPRoute' && (rule as HTTPRouteRule).runtimeFields.length > 0)) continue;
        for (const u of ruleFeatures(cluster, route, rule)) if (UNSIMULATED_FEATURES.has(u.feature)) out.push(u);
      }
    }
    for (const u of objectFeatures(cluster)) if (UNSIMULATED_FEATURES.has(u.feature)) out.push(u);
    return out;
  });
}

/** False when computeRuleFeatures surely finds nothing: a cheap test, so configFeatures skips most rules of a big config. */
function mayUseFeatures(cluster: Cluster, route: GatewayRoute, rule: AnyRouteRule): boolean {
  if (rule.name !== undefined) return true;
  if (route.kind === 'HTTPRoute') {
    const r = rule as HTTPRouteRule;
    for (const m of r.matches) if (m.queryParams.length || m.method !== undefined) return true;
    if (r.runtimeFields.length > 0) return true;
  }
  if (route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute') {
    const r = rule as HTTPRouteRule | GRPCRouteRule;
    if (r.filters.length) return true;
    for (const b of r.backendRefs) if (b.filters.length) return true;
    if (usesBackendProtocols(cluster)) return true;
  }
  return false;
}

/** Features of Gateways, ListenerSets and policies (not of routes). */
function objectFeatures(cluster: Cluster): FeatureUse[] {
  return cached(cluster, 'features:objects', () => {
    const out: FeatureUse[] = [];
    const api = cluster.gatewayApi;
    for (const gw of api.gateways) {
      const object = objOf(gw);
      const http = gw.listeners.filter((l) => l.protocol === 'HTTP' || l.protocol === 'HTTPS');
      const p8080 = gw.listeners.find((l) => l.port === 8080);
      if (p8080) out.push({ feature: 'GatewayPort8080', profile: 'GATEWAY-HTTP', object, source: p8080.source, what: `listener ${p8080.name} on port 8080`, category: 'config' });
      if (gw.addresses.some((a) => a.value)) out.push({ feature: 'GatewayStaticAddresses', profile: 'GATEWAY-HTTP', object, source: refAt(gw, ['spec', 'addresses']) ?? gw.source, what: `spec.addresses ${gw.addresses.map((a) => a.value).filter(Boolean).join(', ')}`, category: 'config' });
      else if (gw.addresses.length) out.push({ feature: 'GatewayAddressEmpty', profile: 'GATEWAY-HTTP', object, source: refAt(gw, ['spec', 'addresses']) ?? gw.source, what: 'spec.addresses with an empty value', category: 'config' });
      if ((gw.raw.spec as Record<string, unknown> | undefined)?.infrastructure !== undefined) out.push({ feature: 'GatewayInfrastructurePropagation', profile: 'GATEWAY-HTTP', object, source: refAt(gw, ['spec', 'infrastructure']) ?? gw.source, what: 'spec.infrastructure', category: 'config' });
      // Listener isolation matters when two HTTP(S) listeners share a port and one hostname covers the other's.
      const byPort = new Map<string, number>();
      for (const l of http) byPort.set(`${l.port}/${l.protocol}`, (byPort.get(`${l.port}/${l.protocol}`) ?? 0) + 1);
      const shared = http.find((l) => (byPort.get(`${l.port}/${l.protocol}`) ?? 0) > 1 && (l.hostname === undefined || l.hostname.startsWith('*.')));
      if (shared) out.push({ feature: 'GatewayHTTPListenerIsolation', profile: 'GATEWAY-HTTP', object, source: shared.source, what: `listener ${shared.name} shares port ${shared.port} with more specific listeners`, category: 'config' });
      const terminate = gw.listeners.find((l) => l.protocol === 'TLS' && l.tls && l.tls.mode === 'Terminate' && !l.tls.modeDefaulted);
      if (terminate) {
        const mixed = gw.listeners.some((l) => l !== terminate && l.port === terminate.port && l.protocol === 'TLS' && l.tls?.mode === 'Passthrough');
        out.push({ feature: mixed ? 'TLSRouteModeMixed' : 'TLSRouteModeTerminate', profile: 'GATEWAY-TLS', object, source: terminate.tls!.source, what: `TLS listener ${terminate.name} in mode Terminate${mixed ? ' beside a Passthrough listener on the same port' : ''}`, category: 'config' });
      }
    }
    for (const s of api.listenerSets) out.push({ feature: 'ListenerSet', profile: 'GATEWAY-HTTP', object: objOf(s), source: s.source, what: `${s.kind} for Gateway ${s.parentRef.name}`, category: 'config' });
    for (const o of cluster.ignored) {
      if (o.kind === 'BackendTLSPolicy') out.push({ feature: 'BackendTLSPolicy', profile: 'GATEWAY-HTTP', object: { kind: o.kind, namespace: o.namespace ?? '', name: o.name }, source: o.source, what: 'BackendTLSPolicy (RouteLab does not simulate backend TLS)', category: 'config' });
    }
    return out;
  });
}

/** Route kinds and the conformance profile each needs. */
export function routeKindProfiles(cluster: Cluster): Map<ConformanceProfileName | 'none', { kinds: Set<string>; count: number }> {
  const out = new Map<ConformanceProfileName | 'none', { kinds: Set<string>; count: number }>();
  for (const r of cluster.gatewayApi.routes) {
    const mesh = r.parentRefs.length > 0 && r.parentRefs.every((p) => p.kind === 'Service');
    const p: ConformanceProfileName | 'none' = r.kind === 'TCPRoute' || r.kind === 'UDPRoute' ? 'none' : profileOf(r, mesh);
    const e = out.get(p) ?? { kinds: new Set<string>(), count: 0 };
    e.kinds.add(r.kind);
    e.count++;
    out.set(p, e);
  }
  return out;
}
