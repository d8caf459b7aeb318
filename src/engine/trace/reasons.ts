// The closed set of reasons a trace gives for a decision. Each code has one
// generic sentence (legends, tooltips, docs); the step or candidate adds the
// specific detail ("/cart does not match /Cart: Prefix matching is case-sensitive").
// Codes are grouped by where they are decided; add new codes to the right group.

const COMMON = {
  RequestReceived: 'the request as the client sends it',
  InvalidRequest: 'the request cannot be sent as written',
  DnsExternal: 'the hostname resolves to the address of an entry point',
  DnsInCluster: 'the name is a Service DNS name, resolved by cluster DNS to the ClusterIP',
  DnsIpLiteral: 'the URL names an IP address, so no DNS lookup happens',
  DnsNoEntryPoint: 'no entry point accepts this hostname',
  DnsNxDomain: 'the in-cluster name does not resolve: no such Service',
  ServiceResolved: 'the Service and port exist and resolve to a target port',
  ServiceNotFound: 'the backend Service does not exist',
  ServicePortNotFound: 'the Service has no port with that number or name',
  ServiceExternalName: 'an ExternalName Service is a DNS alias (CNAME); it has no Pods',
  ServiceNoSelector: 'the Service has no selector; its endpoints come from EndpointSlices',
  PodsSelected: 'Pods matched by the Service selector and ready',
  NoReadyEndpoints: 'no ready Pod backs the Service port, so the proxy answers 503',
  TargetPortUnresolved: 'no container port has the name the Service targetPort refers to',
  PodChosen: 'the Pod that serves this request (a deterministic sample of the ready endpoints)',
  Proxied: 'the request is proxied to a backend',
  NotFound: 'nothing matched, so the entry point answers 404',
  Redirected: 'the entry point answers with a redirect',
  BackendInvalid: 'the selected backend is invalid, so the entry point answers with an error',
  TimeLimit: 'the trace hit its time limit',
  Note: 'an explanatory note',
} as const;

const INGRESS = {
  ControllerSelected: 'the Ingress controller whose semantics apply',
  IngressServed: 'this Ingress belongs to the controller through its IngressClass',
  IngressClassNameMatch: 'spec.ingressClassName names an IngressClass of this controller',
  IngressClassLegacyAnnotation: 'the deprecated kubernetes.io/ingress.class annotation names this controller\'s class',
  IngressClassDefault: 'no class given; the default IngressClass applies',
  IngressClassAssumed: 'no IngressClass objects in the manifests; the controller is assumed to serve this Ingress',
  IngressClassOtherController: 'the IngressClass belongs to another controller',
  IngressClassMissing: 'the named IngressClass does not exist',
  IngressClassNone: 'no class given and no default IngressClass, so no controller serves this Ingress',
  HostExact: 'the rule host equals the request host',
  HostWildcard: 'the wildcard host covers the request host (one DNS label)',
  HostCatchAll: 'the rule has no host, so it applies to every host',
  HostMismatch: 'the rule host does not match the request host',
  HostLessSpecific: 'a more specific host matched, so this host is not used',
  PathExactMatch: 'Exact path equals the request path',
  PathPrefixMatch: 'Prefix path matches the request path element by element',
  PathRegexMatch: 'the regular expression path matches the request path',
  PathMismatch: 'the path does not match the request path',
  PathCaseMismatch: 'the path differs only in case; matching is case-sensitive',
  PathLonger: 'a longer matching path takes precedence',
  PathExactPreferred: 'an Exact path takes precedence over a Prefix path of the same length',
  PathOlderWins: 'the same path is claimed by an older Ingress, which wins',
  PathFirstRegexWins: 'regular expression locations are tried in order and the first match wins',
  PathPriority: 'a rule with a higher priority is tried first',
  PathTypeUnsupported: 'the pathType is not supported, so this path never matches',
  DefaultBackend: 'no rule matched; the Ingress defaultBackend handles the request',
  ControllerDefaultBackend: 'no rule matched; the controller default backend answers 404',
  ResourceBackend: 'the backend is a resource (not a Service), which the controller serves itself',
  CanaryChosen: 'the canary Ingress takes this request',
  CanarySkipped: 'the canary Ingress does not take this request',
  CanaryWeighted: 'the request is split by canary weight',
  AnnotationIgnored: 'this annotation has no effect under the chosen controller',
  RewriteApplied: 'the path is rewritten before it reaches the backend',
  SslRedirect: 'plain HTTP is redirected to HTTPS',
  AppRootRedirect: 'requests for / are redirected to the application root',
  AnnotationRedirect: 'a redirect annotation answers the request',
  HeaderMatchFailed: 'a header condition of the rule does not hold',
} as const;

const GATEWAY = {
  GatewaySelected: 'the Gateway the request enters',
  GatewayNotSelected: 'this Gateway does not receive the request',
  GatewayClassMissing: 'the Gateway\'s GatewayClass does not exist',
  ListenerSelected: 'the listener that accepts the request',
  ListenerPortMismatch: 'the listener port differs from the request port',
  ListenerProtocolMismatch: 'the listener protocol does not carry this request',
  ListenerHostnameMismatch: 'the listener hostname does not match the request host',
  ListenerLessSpecific: 'a listener with a more specific hostname takes the request (listener isolation)',
  ListenerInvalid: 'the listener is not usable',
  RouteAttached: 'the route is attached to the listener',
  RouteNotAttached: 'the route is not attached to this listener',
  RouteHostnameMismatch: 'no route hostname matches the request host',
  RuleMatched: 'the rule\'s match holds for the request',
  RuleNotMatched: 'a condition of the rule\'s match does not hold',
  RuleLostPrecedence: 'another matching rule takes precedence',
  FilterApplied: 'the filter changes the request or response',
  FilterUnsupported: 'the filter is implementation-specific',
  BackendWeighted: 'backends share the traffic by weight',
  BackendRefNotPermitted: 'the cross-namespace reference has no ReferenceGrant',
  BackendRefInvalidKind: 'the backend kind is not supported',
  BackendRefNotFound: 'the referenced backend does not exist',
  NoBackends: 'the rule has no usable backend, so the Gateway answers 500',
  Mirrored: 'a copy of the request is sent to the mirror backend',
  MisdirectedRequest: 'the Host header does not belong to the TLS connection\'s listener (421)',
  ConnectionRejected: 'no listener accepts the connection',
} as const;

export const REASONS = { ...COMMON, ...INGRESS, ...GATEWAY } as const;

export type ReasonCode = keyof typeof REASONS;

export function reasonSentence(code: ReasonCode): string {
  return REASONS[code];
}
