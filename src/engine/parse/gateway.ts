// Readers for Gateway API kinds (gateway.networking.k8s.io): raw objects -> the typed
// model of model/gateway.ts, with the CRD schema defaults applied (apis/v1 *_types.go
// "+kubebuilder:default" markers) and every sub-object's source range kept.
//
// Values the API server would reject (CEL rules in the CRDs) are read anyway and
// reported, so a user sees what is wrong instead of an empty trace. Values the
// spec says "MUST result in the Accepted condition ... UnsupportedValue" make the
// rule invalid (HTTPRouteRule.invalid) instead of failing the whole object.
import type { LabelSelector } from '../model/resources.js';
import {
  GATEWAY_GROUP,
  GATEWAY_X_GROUP,
  type AllowedRoutes,
  type BackendObjectRef,
  type BackendRef,
  type FromNamespaces,
  type Gateway,
  type GatewayClass,
  type GatewayRoute,
  type GRPCRouteMatch,
  type GRPCRouteRule,
  type HeaderModifier,
  type HTTPRouteMatch,
  type HTTPRouteRule,
  type L4RouteRule,
  type Listener,
  type ListenerOwner,
  type ListenerSet,
  type ListenerTLS,
  type ObjectReference,
  type ParentReference,
  type PathModifier,
  type ReferenceGrant,
  type RouteFilter,
  type RouteKind,
  type ValueMatch,
} from '../model/gateway.js';
import type { K8sObject } from '../model/resources.js';
import { asArray, asInt, asRecord, asString, asStringMap, isRecord, exact, objectWith, type Path, type ReadContext } from './context.js';
import type { ClusterBuilder, KindReader } from './manifests.js';

export const GATEWAY_API_GROUP = GATEWAY_GROUP;

/** Core protocols are case-insensitive (gateway_types.go ProtocolType); RouteLab keeps them upper-case. */
const CORE_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);
/** httproute_types.go HTTPMethod enum. */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);
/** shared_types.go Hostname pattern. */
const HOSTNAME_PATTERN = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function hostnameOf(v: unknown, ctx: ReadContext, path: Path): string | undefined {
  const h = asString(v);
  if (h === undefined || h === '') return undefined;
  const lower = h.toLowerCase();
  if (!HOSTNAME_PATTERN.test(lower)) {
    ctx.warn(path, `hostname "${h}" is not a valid Gateway API hostname (RFC 1123, optionally prefixed by a single "*." label; no IPs, no port)`);
  } else if (lower !== h) {
    ctx.warn(path, `hostname "${h}" must be lower-case (the API server rejects upper-case letters); read as ${lower}`);
  }
  return lower;
}

function readSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  return {
    matchLabels: asStringMap(v.matchLabels),
    matchExpressions: asArray(v.matchExpressions).map((e) => {
      const x = asRecord(e);
      return { key: asString(x.key) ?? '', operator: asString(x.operator) ?? '', values: asArray(x.values).map((y) => asString(y) ?? '') };
    }),
  };
}

function readFrom(v: unknown, ctx: ReadContext, path: Path, fallback: string): FromNamespaces {
  const ns = asRecord(v);
  const written = asString(ns.from);
  const from = written ?? fallback;
  if (!['Same', 'All', 'Selector', 'None'].includes(from)) ctx.warn([...path, 'from'], `from "${from}" is not Same, All, Selector or None`, 'UnsupportedValue');
  const selector = readSelector(ns.selector);
  if (from === 'Selector' && !selector) ctx.warn(path, 'from: Selector needs a selector; no namespace is selected');
  return { from, selector, defaulted: written === undefined, source: isRecord(v) ? ctx.ref(path) : undefined };
}

function readObjectReference(v: unknown, ctx: ReadContext, path: Path, defaults: { group: string; kind: string }): ObjectReference {
  const r = asRecord(v);
  return {
    group: asString(r.group) ?? defaults.group,
    kind: asString(r.kind) ?? defaults.kind,
    name: asString(r.name) ?? '',
    namespace: asString(r.namespace) || undefined,
    source: ctx.ref(path),
  };
}

function readListeners(list: unknown, ctx: ReadContext, path: Path, owner: ListenerOwner): Listener[] {
  const out: Listener[] = [];
  const seen = new Set<string>();
  asArray(list).forEach((l, i) => {
    const x = asRecord(l);
    const lp: Path = [...path, i];
    const name = asString(x.name) ?? '';
    if (!name) ctx.warn(lp, `listeners[${i}] has no name (required; routes attach to it by sectionName)`);
    if (seen.has(name)) ctx.warn([...lp, 'name'], `listener name "${name}" is used twice (must be unique)`);
    seen.add(name);
    const port = asInt(x.port) ?? 0;
    if (!(port >= 1 && port <= 65535)) ctx.warn([...lp, 'port'], `listeners[${i}].port must be 1-65535`);
    const written = asString(x.protocol) ?? '';
    const protocol = CORE_PROTOCOLS.has(written.toUpperCase()) ? written.toUpperCase() : written;
    if (!written) ctx.warn(lp, `listeners[${i}] has no protocol (required)`);
    const hostname = hostnameOf(x.hostname, ctx, [...lp, 'hostname']);
    if (hostname && (protocol === 'TCP' || protocol === 'UDP')) ctx.warn([...lp, 'hostname'], `hostname must not be set on a ${protocol} listener (the API server rejects it)`);
    let tls: ListenerTLS | undefined;
    if (isRecord(x.tls)) {
      const t = x.tls;
      const mode = asString(t.mode);
      tls = {
        mode: mode ?? 'Terminate',
        modeDefaulted: mode === undefined,
        certificateRefs: asArray(t.certificateRefs).map((c, ci) => readObjectReference(c, ctx, [...lp, 'tls', 'certificateRefs', ci], { group: '', kind: 'Secret' })),
        source: ctx.ref([...lp, 'tls']),
      };
      if (protocol === 'HTTP' || protocol === 'TCP' || protocol === 'UDP') ctx.warn([...lp, 'tls'], `tls must not be set on a ${protocol} listener (the API server rejects it)`);
      if (protocol === 'TLS' && mode === undefined) ctx.warn([...lp, 'tls'], 'tls.mode must be set on a TLS listener (the API server rejects it); read as Terminate');
      if (protocol === 'HTTPS' && tls.mode !== 'Terminate') ctx.warn([...lp, 'tls', 'mode'], 'tls mode must be Terminate for protocol HTTPS');
    }
    const ar = asRecord(x.allowedRoutes);
    const arPath: Path = [...lp, 'allowedRoutes'];
    const allowedRoutes: AllowedRoutes = {
      // +kubebuilder:default={namespaces:{from: Same}}
      namespaces: readFrom(ar.namespaces, ctx, [...arPath, 'namespaces'], 'Same'),
      kinds: Array.isArray(ar.kinds) && ar.kinds.length > 0
        ? ar.kinds.map((k) => ({ group: asString(asRecord(k).group) ?? GATEWAY_GROUP, kind: asString(asRecord(k).kind) ?? '' }))
        : undefined,
      source: isRecord(x.allowedRoutes) ? ctx.ref(arPath) : undefined,
    };
    out.push({ name, port, protocol, hostname, tls, allowedRoutes, index: i, owner, source: ctx.ref(lp) });
  });
  return out;
}

export function readGatewayClass(base: K8sObject, _ctx: ReadContext, b: ClusterBuilder): void {
  const gc: GatewayClass = objectWith(base, { kind: 'GatewayClass' as const, controllerName: asString(asRecord(base.raw.spec).controllerName) ?? '' });
  b.cluster.gatewayApi.gatewayClasses.push(gc);
}

export function readGateway(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const className = asString(spec.gatewayClassName) ?? '';
  if (!className) ctx.warn(['spec'], 'spec.gatewayClassName is required');
  const listeners = readListeners(spec.listeners, ctx, ['spec', 'listeners'], { kind: 'Gateway', namespace: base.meta.namespace, name: base.meta.name });
  if (listeners.length === 0) ctx.warn(['spec'], 'a Gateway needs at least one listener');
  const gw: Gateway = objectWith(base, {
    kind: 'Gateway',
    gatewayClassName: className,
    listeners,
    addresses: asArray(spec.addresses).map((a) => ({ type: asString(asRecord(a).type) ?? 'IPAddress', value: asString(asRecord(a).value) ?? '' })),
    statusAddresses: asArray(asRecord(base.raw.status).addresses).map((a) => asString(asRecord(a).value) ?? '').filter(Boolean),
    // AllowedListeners: "The default value is to allow no ListenerSets."
    allowedListeners: readFrom(asRecord(spec.allowedListeners).namespaces, ctx, ['spec', 'allowedListeners', 'namespaces'], 'None'),
  });
  b.cluster.gatewayApi.gateways.push(gw);
}

export function readListenerSet(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const pr = asRecord(spec.parentRef);
  if (!asString(pr.name)) ctx.warn(['spec'], 'spec.parentRef.name is required: the Gateway these listeners join');
  const kind = base.kind === 'XListenerSet' ? 'XListenerSet' : 'ListenerSet';
  const ls: ListenerSet = objectWith(base, {
    kind,
    parentRef: {
      group: asString(pr.group) ?? GATEWAY_GROUP,
      kind: asString(pr.kind) ?? 'Gateway',
      name: asString(pr.name) ?? '',
      namespace: asString(pr.namespace) || base.meta.namespace,
      source: ctx.ref(['spec', 'parentRef']),
    },
    listeners: readListeners(spec.listeners, ctx, ['spec', 'listeners'], { kind, namespace: base.meta.namespace, name: base.meta.name }),
  });
  b.cluster.gatewayApi.listenerSets.push(ls);
}

export function readReferenceGrant(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const rg: ReferenceGrant = objectWith(base, {
    kind: 'ReferenceGrant',
    from: asArray(spec.from).map((f) => ({ group: asString(asRecord(f).group) ?? '', kind: asString(asRecord(f).kind) ?? '', namespace: asString(asRecord(f).namespace) ?? '' })),
    to: asArray(spec.to).map((t) => ({ group: asString(asRecord(t).group) ?? '', kind: asString(asRecord(t).kind) ?? '', name: asString(asRecord(t).name) || undefined })),
  });
  if (rg.from.length === 0 || rg.to.length === 0) ctx.warn(['spec'], 'a ReferenceGrant needs at least one "from" and one "to" entry; this one allows nothing');
  b.cluster.gatewayApi.referenceGrants.push(rg);
}

// ------------------------------------------------------------------ routes

function readParentRefs(v: unknown, ctx: ReadContext, routeNs: string): ParentReference[] {
  return asArray(v).map((p, i) => {
    const x = asRecord(p);
    const port = asInt(x.port);
    return {
      // ParentReference: group defaults to gateway.networking.k8s.io, kind to Gateway, namespace to the Route's.
      group: asString(x.group) ?? GATEWAY_GROUP,
      kind: asString(x.kind) ?? 'Gateway',
      namespace: asString(x.namespace) || routeNs,
      name: asString(x.name) ?? '',
      sectionName: asString(x.sectionName) || undefined,
      port,
      index: i,
      source: ctx.ref(['spec', 'parentRefs', i]),
    };
  });
}

function readBackendObjectRef(v: unknown, ctx: ReadContext, path: Path): BackendObjectRef {
  const x = asRecord(v);
  return {
    // BackendObjectReference: group defaults to "" (core), kind to Service.
    group: asString(x.group) ?? '',
    kind: asString(x.kind) ?? 'Service',
    name: asString(x.name) ?? '',
    namespace: asString(x.namespace) || undefined,
    port: asInt(x.port),
    source: ctx.ref(path),
  };
}

function readValueMatches(v: unknown, ctx: ReadContext, path: Path, what: string, invalid: string[]): ValueMatch[] {
  const out: ValueMatch[] = [];
  const seen = new Set<string>();
  asArray(v).forEach((h, i) => {
    const x = asRecord(h);
    const name = asString(x.name) ?? '';
    const type = asString(x.type) ?? 'Exact';
    if (type !== 'Exact' && type !== 'RegularExpression') invalid.push(`${what} match type "${type}" is not Exact or RegularExpression`);
    // "If multiple entries specify equivalent ... names, only the first entry ... MUST be considered."
    const key = what === 'header' ? name.toLowerCase() : name;
    if (seen.has(key)) {
      ctx.warn([...path, i], `${what} "${name}" is matched twice; only the first entry counts`);
      return;
    }
    seen.add(key);
    out.push({ type, name, value: asString(x.value) ?? '' });
  });
  return exact(out);
}

function readHeaderModifier(v: unknown): HeaderModifier {
  const x = asRecord(v);
  const pairs = (list: unknown) => asArray(list).map((h) => ({ name: asString(asRecord(h).name) ?? '', value: asString(asRecord(h).value) ?? '' }));
  return { set: pairs(x.set), add: pairs(x.add), remove: asArray(x.remove).map((r) => asString(r) ?? '').filter(Boolean) };
}

function readPathModifier(v: unknown, invalid: string[]): PathModifier | undefined {
  if (!isRecord(v)) return undefined;
  const type = asString(v.type) ?? '';
  const pm: PathModifier = { type, replaceFullPath: asString(v.replaceFullPath), replacePrefixMatch: asString(v.replacePrefixMatch) };
  if (type === 'ReplaceFullPath' && pm.replaceFullPath === undefined) invalid.push('path type ReplaceFullPath needs replaceFullPath');
  else if (type === 'ReplacePrefixMatch' && pm.replacePrefixMatch === undefined) invalid.push('path type ReplacePrefixMatch needs replacePrefixMatch');
  else if (type !== 'ReplaceFullPath' && type !== 'ReplacePrefixMatch') invalid.push(`path modifier type "${type}" is not ReplaceFullPath or ReplacePrefixMatch`);
  return pm;
}

const HTTP_FILTERS = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'RequestMirror', 'CORS', 'ExtensionRef']);
const GRPC_FILTERS = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef']);

function readFilters(v: unknown, ctx: ReadContext, path: Path, kind: 'HTTPRoute' | 'GRPCRoute', invalid: string[]): RouteFilter[] {
  const known = kind === 'HTTPRoute' ? HTTP_FILTERS : GRPC_FILTERS;
  return asArray(v).map((f, i): RouteFilter => {
    const x = asRecord(f);
    const type = asString(x.type) ?? '';
    const base = { index: i, source: ctx.ref([...path, i]) };
    if (!known.has(type)) {
      // "Unknown values here must result in ... Accepted ... False, with a Reason of UnsupportedValue."
      invalid.push(`filter type "${type}" is not a ${kind} filter`);
      return { index: base.index, source: base.source, type: 'Unsupported', typeName: type };
    }
    switch (type) {
      case 'RequestHeaderModifier':
      case 'ResponseHeaderModifier':
        return { index: base.index, source: base.source, type, modifier: readHeaderModifier(type === 'RequestHeaderModifier' ? x.requestHeaderModifier : x.responseHeaderModifier) };
      case 'RequestRedirect': {
        const r = asRecord(x.requestRedirect);
        const statusCode = asInt(r.statusCode) ?? 302; // +kubebuilder:default=302
        if (!REDIRECT_CODES.has(statusCode)) invalid.push(`redirect statusCode ${statusCode} is not 301, 302, 303, 307 or 308`);
        const scheme = asString(r.scheme);
        if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') invalid.push(`redirect scheme "${scheme}" is not http or https`);
        return { index: base.index, source: base.source, type, scheme, hostname: asString(r.hostname)?.toLowerCase(), path: readPathModifier(r.path, invalid), port: asInt(r.port), statusCode };
      }
      case 'URLRewrite': {
        const r = asRecord(x.urlRewrite);
        return { index: base.index, source: base.source, type, hostname: asString(r.hostname)?.toLowerCase(), path: readPathModifier(r.path, invalid) };
      }
      case 'RequestMirror': {
        const r = asRecord(x.requestMirror);
        const fr = isRecord(r.fraction) ? { numerator: asInt(r.fraction.numerator) ?? 0, denominator: asInt(r.fraction.denominator) ?? 100 } : undefined;
        const pct = asInt(r.percent);
        // "If neither field is specified, 100% of requests will be mirrored."
        const percent = pct !== undefined ? pct : fr ? (fr.denominator > 0 ? (100 * fr.numerator) / fr.denominator : 0) : 100;
        return { index: base.index, source: base.source, type, backendRef: readBackendObjectRef(r.backendRef, ctx, [...path, i, 'requestMirror', 'backendRef']), percent, fraction: fr };
      }
      case 'CORS': {
        const r = asRecord(x.cors);
        const list = (l: unknown) => asArray(l).map((s) => asString(s) ?? '').filter(Boolean);
        return {
          index: base.index,
          source: base.source,
          type,
          allowOrigins: list(r.allowOrigins),
          allowMethods: list(r.allowMethods),
          allowHeaders: list(r.allowHeaders),
          exposeHeaders: list(r.exposeHeaders),
          allowCredentials: r.allowCredentials === true || r.allowCredentials === 'true',
          maxAge: asInt(r.maxAge) ?? 5, // +kubebuilder:default=5
        };
      }
      default: {
        const r = asRecord(x.extensionRef);
        return { index: base.index, source: base.source, type: 'ExtensionRef', extensionRef: { group: asString(r.group) ?? '', kind: asString(r.kind) ?? '', name: asString(r.name) ?? '' } };
      }
    }
  });
}

function readBackendRefs(v: unknown, ctx: ReadContext, path: Path, kind: RouteKind, invalid: string[]): BackendRef[] {
  return asArray(v).map((b, i) => {
    const x = asRecord(b);
    const ref = readBackendObjectRef(b, ctx, [...path, i]);
    const w = asInt(x.weight);
    const filters = kind === 'HTTPRoute' || kind === 'GRPCRoute' ? readFilters(x.filters, ctx, [...path, i, 'filters'], kind, invalid) : [];
    // A literal, not a spread of ref: see objectWith (parse/context.ts).
    return { group: ref.group, kind: ref.kind, name: ref.name, namespace: ref.namespace, port: ref.port, source: ref.source, weight: w === undefined ? 1 : Math.max(0, w), filters, index: i };
  });
}

/** Cross-field rules of HTTPRouteRule (CEL in httproute_types.go) that make a rule invalid. */
function checkHttpRule(rule: HTTPRouteRule): void {
  const all = [...rule.filters, ...rule.backendRefs.flatMap((b) => b.filters)];
  const has = (t: string, list: RouteFilter[] = rule.filters) => list.some((f) => f.type === t);
  if (has('RequestRedirect') && has('URLRewrite')) rule.invalid.push('RequestRedirect and URLRewrite may not be combined');
  if (has('RequestRedirect') && rule.backendRefs.length > 0) rule.invalid.push('RequestRedirect filter must not be used together with backendRefs');
  for (const t of ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'CORS']) {
    if (rule.filters.filter((f) => f.type === t).length > 1) rule.invalid.push(`${t} filter cannot be repeated`);
  }
  const prefixReplace = all.some((f) => (f.type === 'RequestRedirect' || f.type === 'URLRewrite') && f.path?.type === 'ReplacePrefixMatch');
  if (prefixReplace && !(rule.matches.length === 1 && rule.matches[0].path.type === 'PathPrefix')) {
    rule.invalid.push('ReplacePrefixMatch needs exactly one PathPrefix match in the rule');
  }
}

const NO_FIELDS: readonly string[] = [];
/** HTTPRouteRule timeouts, retry and sessionPersistence: their effect depends on the backend at run time. */
function runtimeFieldsOf(rule: Record<string, unknown>): readonly string[] {
  if (rule.timeouts == null && rule.retry == null && rule.sessionPersistence == null) return NO_FIELDS;
  return ['timeouts', 'retry', 'sessionPersistence'].filter((k) => rule[k] != null);
}

function readHttpMatches(v: unknown, ctx: ReadContext, path: Path, invalid: string[]): HTTPRouteMatch[] {
  return asArray(v).map((m, i) => {
    const x = asRecord(m);
    const mp: Path = [...path, i];
    const p = asRecord(x.path);
    const pathWritten = isRecord(x.path);
    // HTTPRouteMatch.path: +kubebuilder:default={type: "PathPrefix", value: "/"}
    const type = asString(p.type) ?? 'PathPrefix';
    const value = asString(p.value) ?? '/';
    if (type !== 'Exact' && type !== 'PathPrefix' && type !== 'RegularExpression') invalid.push(`path match type "${type}" is not Exact, PathPrefix or RegularExpression`);
    else if (type !== 'RegularExpression' && !value.startsWith('/')) invalid.push(`${type} path "${value}" must start with "/"`);
    else if (type !== 'RegularExpression' && value.includes('//')) invalid.push(`${type} path "${value}" must not contain "//"`);
    const method = asString(x.method);
    if (method !== undefined && !HTTP_METHODS.has(method)) invalid.push(`method "${method}" is not an HTTP method the API accepts (upper case: GET, POST, ...)`);
    return {
      index: i,
      path: { type, value, defaulted: !pathWritten },
      headers: readValueMatches(x.headers, ctx, [...mp, 'headers'], 'header', invalid),
      queryParams: readValueMatches(x.queryParams, ctx, [...mp, 'queryParams'], 'query parameter', invalid),
      method,
      source: ctx.ref(mp),
    };
  });
}

function readGrpcMatches(v: unknown, ctx: ReadContext, path: Path, invalid: string[]): GRPCRouteMatch[] {
  return asArray(v).map((m, i) => {
    const x = asRecord(m);
    const mp: Path = [...path, i];
    let method: GRPCRouteMatch['method'];
    if (isRecord(x.method)) {
      const type = asString(x.method.type) ?? 'Exact';
      method = { type, service: asString(x.method.service) || undefined, method: asString(x.method.method) || undefined };
      if (type !== 'Exact' && type !== 'RegularExpression') invalid.push(`gRPC method match type "${type}" is not Exact or RegularExpression`);
      if (!method.service && !method.method) invalid.push('a gRPC method match needs a service, a method or both');
    }
    return { index: i, method, headers: readValueMatches(x.headers, ctx, [...mp, 'headers'], 'header', invalid), source: ctx.ref(mp) };
  });
}

function routeReader(kind: RouteKind): KindReader {
  return (base: K8sObject, ctx: ReadContext, b: ClusterBuilder) => {
    const spec = asRecord(base.raw.spec);
    const ns = base.meta.namespace;
    const label = `${kind} ${ns}/${base.meta.name}`;
    const parentRefs = readParentRefs(spec.parentRefs, ctx, ns);
    if (parentRefs.length === 0) ctx.warn(['spec'], `${kind} has no parentRefs: it attaches to no Gateway`);
    if (kind === 'TLSRoute' && asArray(spec.hostnames).length === 0) ctx.warn(['spec'], 'a TLSRoute needs at least one hostname (the API server rejects it); RouteLab reads it as matching every SNI of its listeners');
    const hostnames = kind === 'TCPRoute' || kind === 'UDPRoute'
      ? []
      : exact(asArray(spec.hostnames).map((h, i) => hostnameOf(h, ctx, ['spec', 'hostnames', i])).filter((h): h is string => !!h));
    const rulesRaw = asArray(spec.rules);
    const ruleBase = (i: number) => {
      const r = asRecord(rulesRaw[i]);
      return { index: i, id: `${label} rules[${i}]`, name: asString(r.name) || undefined, invalid: [] as string[], source: ctx.ref(['spec', 'rules', i]) };
    };
    let route: GatewayRoute;
    if (kind === 'HTTPRoute') {
      // HTTPRouteSpec.rules: +kubebuilder:default={{matches: {{path: {type: "PathPrefix", value: "/"}}}}}
      const count = Math.max(rulesRaw.length, 1);
      const rules: HTTPRouteRule[] = [];
      for (let i = 0; i < count; i++) {
        const r = asRecord(rulesRaw[i]);
        const rb = ruleBase(i);
        const rp: Path = ['spec', 'rules', i];
        const written = readHttpMatches(r.matches, ctx, [...rp, 'matches'], rb.invalid);
        const matches = written.length > 0 ? written : [{ index: 0, path: { type: 'PathPrefix', value: '/', defaulted: true }, headers: [], queryParams: [], source: rb.source }];
        const rule: HTTPRouteRule = {
          index: rb.index,
          id: rb.id,
          name: rb.name,
          invalid: rb.invalid,
          source: rb.source,
          matches,
          matchesDefaulted: written.length === 0,
          filters: readFilters(r.filters, ctx, [...rp, 'filters'], 'HTTPRoute', rb.invalid),
          backendRefs: readBackendRefs(r.backendRefs, ctx, [...rp, 'backendRefs'], kind, rb.invalid),
          runtimeFields: runtimeFieldsOf(r),
        };
        checkHttpRule(rule);
        rules.push(rule);
      }
      route = objectWith(base, { kind, parentRefs, hostnames, invalidRules: 0, runtimeFieldRules: 0, rules: exact(rules) });
    } else if (kind === 'GRPCRoute') {
      const rules: GRPCRouteRule[] = rulesRaw.map((_, i) => {
        const r = asRecord(rulesRaw[i]);
        const rb = ruleBase(i);
        const rp: Path = ['spec', 'rules', i];
        return {
          index: rb.index,
          id: rb.id,
          name: rb.name,
          invalid: rb.invalid,
          source: rb.source,
          matches: readGrpcMatches(r.matches, ctx, [...rp, 'matches'], rb.invalid),
          filters: readFilters(r.filters, ctx, [...rp, 'filters'], 'GRPCRoute', rb.invalid),
          backendRefs: readBackendRefs(r.backendRefs, ctx, [...rp, 'backendRefs'], kind, rb.invalid),
          runtimeFields: runtimeFieldsOf(r),
        };
      });
      route = objectWith(base, { kind, parentRefs, hostnames, invalidRules: 0, runtimeFieldRules: 0, rules });
    } else {
      const rules: L4RouteRule[] = rulesRaw.map((_, i) => {
        const rb = ruleBase(i);
        return { index: rb.index, id: rb.id, name: rb.name, invalid: rb.invalid, source: rb.source, backendRefs: readBackendRefs(asRecord(rulesRaw[i]).backendRefs, ctx, ['spec', 'rules', i, 'backendRefs'], kind, []) };
      });
      if (rules.length === 0) ctx.warn(['spec'], `${kind} has no rules: it forwards nothing`);
      route = objectWith(base, { kind, parentRefs, hostnames, invalidRules: 0, runtimeFieldRules: 0, rules }) as GatewayRoute;
    }
    for (const rule of route.rules) {
      if (rule.invalid.length > 0) route.invalidRules++;
      if ('runtimeFields' in rule && rule.runtimeFields.length > 0) route.runtimeFieldRules++;
      for (const why of rule.invalid) ctx.warn(['spec', 'rules', rule.index], `rules[${rule.index}] is invalid: ${why}`, 'UnsupportedValue');
      for (const br of rule.backendRefs) {
        if (br.group === '' && br.kind === 'Service' && br.port === undefined) {
          ctx.warn(['spec', 'rules', rule.index, 'backendRefs', br.index], `backendRef to Service ${br.name} has no port (required for a Service; the API server rejects it)`);
        }
      }
    }
    b.cluster.gatewayApi.routes.push(route);
  };
}

export const GATEWAY_READERS: Record<string, KindReader> = {
  [`${GATEWAY_GROUP}/GatewayClass`]: readGatewayClass,
  [`${GATEWAY_GROUP}/Gateway`]: readGateway,
  [`${GATEWAY_GROUP}/HTTPRoute`]: routeReader('HTTPRoute'),
  [`${GATEWAY_GROUP}/GRPCRoute`]: routeReader('GRPCRoute'),
  [`${GATEWAY_GROUP}/TLSRoute`]: routeReader('TLSRoute'),
  [`${GATEWAY_GROUP}/TCPRoute`]: routeReader('TCPRoute'),
  [`${GATEWAY_GROUP}/UDPRoute`]: routeReader('UDPRoute'),
  [`${GATEWAY_GROUP}/ReferenceGrant`]: readReferenceGrant,
  [`${GATEWAY_GROUP}/ListenerSet`]: readListenerSet,
  [`${GATEWAY_X_GROUP}/XListenerSet`]: readListenerSet,
  [`${GATEWAY_X_GROUP}/ListenerSet`]: readListenerSet,
};
