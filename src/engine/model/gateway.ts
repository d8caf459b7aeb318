// Gateway API objects as RouteLab reads them (gateway.networking.k8s.io). Only the
// fields that decide routing are typed; `raw` keeps the whole object. Every rule,
// match, filter and backendRef keeps its source range, so a trace points at the
// line behind each decision. Defaults are applied by the readers (parse/gateway.ts)
// exactly as the CRD schema defaults them, and recorded as defaulted.
import type { K8sObject, LabelSelector } from './resources.js';
import type { SourceRef } from './source.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The experimental group that carried ListenerSet as XListenerSet (GEP-1713). */
export const GATEWAY_X_GROUP = 'gateway.networking.x-k8s.io';

export type RouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute';
export const ROUTE_KINDS: readonly RouteKind[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

export interface GatewayClass extends K8sObject {
  kind: 'GatewayClass';
  controllerName: string;
}

/** A reference as written (SecretObjectReference, BackendObjectReference, ...), with the schema defaults applied. */
export interface ObjectReference {
  group: string;
  kind: string;
  name: string;
  /** undefined: the referrer's namespace */
  namespace?: string;
  source: SourceRef;
}

/** spec.listeners[].tls (gateway_types.go ListenerTLSConfig). */
export interface ListenerTLS {
  /** Terminate (the schema default) or Passthrough; anything else is kept as written */
  mode: string;
  modeDefaulted: boolean;
  certificateRefs: ObjectReference[];
  source: SourceRef;
}

/** allowedRoutes.namespaces / allowedListeners.namespaces (FromNamespaces). */
export interface FromNamespaces {
  /** Same | All | Selector | None, as written (schema default applied by the reader) */
  from: string;
  selector?: LabelSelector;
  defaulted: boolean;
  source?: SourceRef;
}

export interface RouteGroupKind {
  group: string;
  kind: string;
}

/** spec.listeners[].allowedRoutes; `kinds` undefined means "the kinds the protocol carries". */
export interface AllowedRoutes {
  namespaces: FromNamespaces;
  kinds?: RouteGroupKind[];
  source?: SourceRef;
}

/** Who declares a listener: the Gateway itself or a ListenerSet attached to it. */
export interface ListenerOwner {
  kind: 'Gateway' | 'ListenerSet' | 'XListenerSet';
  namespace: string;
  name: string;
}

export interface Listener {
  name: string;
  port: number;
  /** upper-cased for the core protocols (they are case-insensitive); implementation protocols as written */
  protocol: string;
  /** lower-case; undefined matches every hostname */
  hostname?: string;
  tls?: ListenerTLS;
  allowedRoutes: AllowedRoutes;
  /** position in its owner's spec.listeners */
  index: number;
  owner: ListenerOwner;
  source: SourceRef;
}

export interface GatewayAddress {
  type: string;
  value: string;
}

export interface Gateway extends K8sObject {
  kind: 'Gateway';
  gatewayClassName: string;
  listeners: Listener[];
  /** spec.addresses (values may be empty: "assign one of this type") */
  addresses: GatewayAddress[];
  /** status.addresses[].value, when the manifests carry status */
  statusAddresses: string[];
  /** spec.allowedListeners.namespaces; `None` (no ListenerSets) by default */
  allowedListeners: FromNamespaces;
}

export interface ParentGatewayReference {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  source: SourceRef;
}

export interface ListenerSet extends K8sObject {
  kind: 'ListenerSet' | 'XListenerSet';
  parentRef: ParentGatewayReference;
  listeners: Listener[];
}

/** spec.parentRefs[] of a Route (shared_types.go ParentReference), defaults applied. */
export interface ParentReference {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  index: number;
  source: SourceRef;
}

export interface HTTPPathMatch {
  /** Exact | PathPrefix | RegularExpression (anything else makes the rule invalid) */
  type: string;
  value: string;
  /** the match had no path: PathPrefix "/" */
  defaulted: boolean;
}

/** A header or query parameter condition. */
export interface ValueMatch {
  /** Exact | RegularExpression */
  type: string;
  name: string;
  value: string;
}

export interface HTTPRouteMatch {
  index: number;
  path: HTTPPathMatch;
  headers: ValueMatch[];
  queryParams: ValueMatch[];
  method?: string;
  source: SourceRef;
}

export interface GRPCMethodMatch {
  type: string;
  service?: string;
  method?: string;
}

export interface GRPCRouteMatch {
  index: number;
  method?: GRPCMethodMatch;
  headers: ValueMatch[];
  source: SourceRef;
}

export interface HeaderValue {
  name: string;
  value: string;
}

export interface HeaderModifier {
  set: HeaderValue[];
  add: HeaderValue[];
  remove: string[];
}

export interface PathModifier {
  /** ReplaceFullPath | ReplacePrefixMatch */
  type: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export interface BackendObjectRef {
  group: string;
  kind: string;
  name: string;
  /** undefined: the route's namespace */
  namespace?: string;
  port?: number;
  source: SourceRef;
}

interface FilterBase {
  index: number;
  source: SourceRef;
}

export type RouteFilter =
  | (FilterBase & { type: 'RequestHeaderModifier' | 'ResponseHeaderModifier'; modifier: HeaderModifier })
  | (FilterBase & { type: 'RequestRedirect'; scheme?: string; hostname?: string; path?: PathModifier; port?: number; statusCode: number })
  | (FilterBase & { type: 'URLRewrite'; hostname?: string; path?: PathModifier })
  | (FilterBase & { type: 'RequestMirror'; backendRef: BackendObjectRef; percent: number; fraction?: { numerator: number; denominator: number } })
  | (FilterBase & {
      type: 'CORS';
      allowOrigins: string[];
      allowMethods: string[];
      allowHeaders: string[];
      exposeHeaders: string[];
      allowCredentials: boolean;
      maxAge: number;
    })
  | (FilterBase & { type: 'ExtensionRef'; extensionRef: { group: string; kind: string; name: string } })
  /** a filter type RouteLab (or the spec) does not know */
  | (FilterBase & { type: 'Unsupported'; typeName: string });

export interface BackendRef extends BackendObjectRef {
  /** defaults to 1 */
  weight: number;
  filters: RouteFilter[];
  index: number;
}

interface RuleBase {
  index: number;
  /** "HTTPRoute ns/name rules[0]": stable id for coverage and the UI */
  id: string;
  name?: string;
  backendRefs: BackendRef[];
  /** reasons the rule is invalid (the route's Accepted reason UnsupportedValue); empty when valid */
  invalid: string[];
  source: SourceRef;
}

export interface HTTPRouteRule extends RuleBase {
  matches: HTTPRouteMatch[];
  /** no matches written: one PathPrefix "/" match */
  matchesDefaulted: boolean;
  filters: RouteFilter[];
  /** fields set on the rule whose effect is at run time (timeouts, retry, sessionPersistence): read, not simulated */
  runtimeFields: readonly string[];
}

export interface GRPCRouteRule extends RuleBase {
  /** empty: every gRPC request */
  matches: GRPCRouteMatch[];
  filters: RouteFilter[];
  /** as HTTPRouteRule.runtimeFields */
  runtimeFields: readonly string[];
}

export type L4RouteRule = RuleBase;

interface RouteBase extends K8sObject {
  parentRefs: ParentReference[];
  /** lower-case, as written; empty for TCPRoute/UDPRoute */
  hostnames: string[];
  /** how many rules are invalid (rule.invalid not empty): counted once, when the route is read */
  invalidRules: number;
  /** how many rules set fields RouteLab does not simulate (runtimeFields not empty), counted when read */
  runtimeFieldRules: number;
}

export interface HTTPRoute extends RouteBase {
  kind: 'HTTPRoute';
  rules: HTTPRouteRule[];
}
export interface GRPCRoute extends RouteBase {
  kind: 'GRPCRoute';
  rules: GRPCRouteRule[];
}
export interface TLSRoute extends RouteBase {
  kind: 'TLSRoute';
  rules: L4RouteRule[];
}
export interface TCPRoute extends RouteBase {
  kind: 'TCPRoute';
  rules: L4RouteRule[];
}
export interface UDPRoute extends RouteBase {
  kind: 'UDPRoute';
  rules: L4RouteRule[];
}

export type GatewayRoute = HTTPRoute | GRPCRoute | TLSRoute | TCPRoute | UDPRoute;
export type AnyRouteRule = HTTPRouteRule | GRPCRouteRule | L4RouteRule;

export interface ReferenceGrantFrom {
  group: string;
  kind: string;
  namespace: string;
}
export interface ReferenceGrantTo {
  group: string;
  kind: string;
  /** undefined: every object of the kind in the grant's namespace */
  name?: string;
}

export interface ReferenceGrant extends K8sObject {
  kind: 'ReferenceGrant';
  from: ReferenceGrantFrom[];
  to: ReferenceGrantTo[];
}

export interface GatewayApiModel {
  gatewayClasses: GatewayClass[];
  gateways: Gateway[];
  routes: GatewayRoute[];
  referenceGrants: ReferenceGrant[];
  listenerSets: ListenerSet[];
}

export function emptyGatewayApiModel(): GatewayApiModel {
  return { gatewayClasses: [], gateways: [], routes: [], referenceGrants: [], listenerSets: [] };
}

/** "Gateway ns/name" style label of any Gateway API object. */
export function gatewayObjectLabel(o: { kind: string; meta: { namespace: string; name: string } }): string {
  return o.meta.namespace ? `${o.kind} ${o.meta.namespace}/${o.meta.name}` : `${o.kind} ${o.meta.name}`;
}
