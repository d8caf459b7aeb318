// JSON schemas (draft-07) for the kinds RouteLab reads, for monaco-yaml: completion,
// hover documentation and validation markers. Written for RouteLab from the
// Kubernetes and Gateway API references: the fields, their enums, one line each.
// Strict (no unknown fields) where typos change routing (Ingress paths, backends,
// listeners, route matches); permissive around workloads, whose Pod spec is huge.
// Unknown kinds validate against nothing: RouteLab lists them as ignored.

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const port = (description: string): Schema => int(description, { minimum: 1, maximum: 65535 });
const intOrString = (description: string): Schema => ({ type: ['integer', 'string'], description });
const arr = (description: string, items: Schema, extra: Schema = {}): Schema => ({ type: 'array', description, items, ...extra });
const map = (description: string, values: Schema = { type: 'string' }): Schema => ({ type: 'object', description, additionalProperties: values });
const enumOf = (description: string, values: Record<string, string>): Schema => ({
  type: 'string',
  description,
  enum: Object.keys(values),
  enumDescriptions: Object.values(values),
  markdownEnumDescriptions: Object.values(values),
});

/** An object whose listed properties are the only ones allowed. */
const strict = (description: string, properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...(required.length ? { required } : {}),
});

/** An object with documented properties that tolerates others. */
const open = (description: string, properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  description,
  properties,
  ...(required.length ? { required } : {}),
});

// ---- shared pieces ----

const labelSelector = open('A label query: objects match when they have all matchLabels and satisfy all matchExpressions.', {
  matchLabels: map('Labels that must all be present with these values.'),
  matchExpressions: arr(
    'Set-based requirements on labels.',
    strict('One requirement.', {
      key: str('The label key.'),
      operator: enumOf('How the values apply to the key.', { In: 'the label value is one of values', NotIn: 'the label value is none of values', Exists: 'the label is present', DoesNotExist: 'the label is absent' }),
      values: arr('Values for In and NotIn.', { type: 'string' }),
    }, ['key', 'operator']),
  ),
});

const metadata = (namespaced: boolean): Schema =>
  open('Standard object metadata: name, namespace, labels and annotations.', {
    name: str('Name of the object, unique per kind (and namespace).'),
    generateName: str('Prefix for a name the API server generates when name is empty.'),
    ...(namespaced ? { namespace: str('Namespace of the object; "default" when omitted.') } : {}),
    labels: map('Key/value pairs that selectors (Services, listeners, ReferenceGrants) match on. Values are strings.'),
    annotations: map('Non-identifying key/value metadata; controllers read their settings here. Values must be strings: quote "true" and numbers.'),
    creationTimestamp: { type: ['string', 'null'], description: 'When the object was created (RFC 3339). Ingress controllers use it to break ties: the oldest rule wins.' },
    uid: str('Unique id assigned by the API server.'),
    resourceVersion: str('Version assigned by the API server.'),
    generation: int('Spec generation assigned by the API server.'),
    ownerReferences: arr('Objects this one belongs to.', { type: 'object' }),
    finalizers: arr('Finalizers that block deletion.', { type: 'string' }),
    managedFields: arr('Server-side apply bookkeeping; ignored by RouteLab.', { type: 'object' }),
  });

const envelope = (kind: string, apiVersions: string[], description: string, spec: Schema | undefined, namespaced = true, extra: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  description,
  properties: {
    apiVersion: { type: 'string', enum: apiVersions, description: `API group and version of ${kind}.` },
    kind: { type: 'string', const: kind, description },
    metadata: metadata(namespaced),
    ...(spec ? { spec } : {}),
    status: { type: 'object', description: 'Set by the cluster; RouteLab reads Ingress load balancer addresses from it and ignores the rest.' },
    ...extra,
  },
  required: ['kind', 'metadata'],
});

// ---- Ingress ----

const serviceBackendPort = strict('The Service port: by number or by name (one of them).', {
  number: port('Port number of the Service (its spec.ports[].port, not the targetPort).'),
  name: str('Name of the Service port (its spec.ports[].name).'),
});

const ingressBackend = strict('Where matching requests go: a Service port, or a resource the controller serves itself.', {
  service: strict('A Service in the Ingress namespace.', { name: str('Name of the Service.'), port: serviceBackendPort }, ['name', 'port']),
  resource: strict('A typed object reference (for example a storage bucket) instead of a Service.', {
    apiGroup: str('API group of the resource.'),
    kind: str('Kind of the resource.'),
    name: str('Name of the resource.'),
  }, ['kind', 'name']),
  // networking.k8s.io/v1beta1 and extensions/v1beta1
  serviceName: str('(v1beta1) Name of the Service; in networking.k8s.io/v1 use service.name.'),
  servicePort: intOrString('(v1beta1) Service port number or name; in networking.k8s.io/v1 use service.port.'),
});

const ingressPath = strict('A path and the backend its requests go to.', {
  path: str('The path to match. Must start with "/" for Exact and Prefix; a regular expression under ingress-nginx use-regex.'),
  pathType: enumOf('How the path matches the request path.', {
    Exact: 'the request path must equal path exactly (case-sensitive)',
    Prefix: 'matches path element by element, split on "/": /foo matches /foo and /foo/bar, not /foobar',
    ImplementationSpecific: 'the controller decides (ingress-nginx: prefix or regex; Traefik: PathPrefix; HAProxy: begin)',
  }),
  backend: ingressBackend,
}, ['backend']);

const ingressSpec = strict('Ingress rules: which host and path go to which Service.', {
  ingressClassName: str('Name of the IngressClass, i.e. which controller serves this Ingress. Without it the default IngressClass applies.'),
  defaultBackend: { ...ingressBackend, description: 'Backend for requests that match no rule (any host, any path).' },
  backend: { ...ingressBackend, description: '(v1beta1) Default backend; in networking.k8s.io/v1 use defaultBackend.' },
  tls: arr(
    'TLS termination: the hosts served over HTTPS and the Secret holding their certificate.',
    strict('One certificate.', {
      hosts: arr('Host names the certificate covers; they should match rule hosts.', { type: 'string' }),
      secretName: str('Name of a kubernetes.io/tls Secret in the same namespace.'),
    }),
  ),
  rules: arr(
    'Host rules, each with its paths. A rule without host applies to every host.',
    strict('A host and its paths.', {
      host: str('Fully qualified host name, or a wildcard "*.example.com" covering exactly one extra DNS label. No IP addresses, no ports.', {
        pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
        patternErrorMessage: 'a lower-case DNS name, optionally starting with "*." (no port, no IP address)',
      }),
      http: strict('HTTP paths of this host.', { paths: arr('Paths, tried by the controller\'s precedence (longest match first under the spec).', ingressPath, { minItems: 1 }) }, ['paths']),
    }),
  ),
});

const ingressClassSpec = strict('Which controller implements this class.', {
  controller: str('Controller name, e.g. k8s.io/ingress-nginx, traefik.io/ingress-controller, haproxy-ingress.github.io/controller, nginx.org/ingress-controller (F5).'),
  parameters: open('Controller-specific configuration object.', {
    apiGroup: str('API group of the parameters resource.'),
    kind: str('Kind of the parameters resource.'),
    name: str('Name of the parameters resource.'),
    namespace: str('Namespace (when scope is Namespace).'),
    scope: enumOf('Scope of the parameters resource.', { Cluster: 'cluster-scoped resource', Namespace: 'namespaced resource' }),
  }, ['kind', 'name']),
});

// ---- Service and workloads ----

const servicePort = strict('A port the Service exposes and where it forwards.', {
  name: str('Port name; required when there are several ports. Ingress backends can refer to it.'),
  port: port('Port the Service listens on; Ingress and HTTPRoute backends name this one.'),
  targetPort: intOrString('Port on the Pods: a number, or the name of a containerPort. Defaults to port.'),
  protocol: enumOf('IP protocol.', { TCP: 'TCP (default)', UDP: 'UDP', SCTP: 'SCTP' }),
  nodePort: port('Port on every node (NodePort and LoadBalancer Services).'),
  appProtocol: str('Application protocol hint, e.g. kubernetes.io/h2c, http, https.'),
}, ['port']);

const serviceSpec = strict('How the Service finds its Pods and which ports it exposes.', {
  selector: map('Pods with all these labels are the endpoints. Without a selector, endpoints come from EndpointSlices.'),
  ports: arr('Ports the Service exposes.', servicePort),
  type: enumOf('How the Service is exposed.', {
    ClusterIP: 'a virtual IP inside the cluster (default)',
    NodePort: 'ClusterIP plus a port on every node',
    LoadBalancer: 'NodePort plus an external load balancer',
    ExternalName: 'a DNS alias (CNAME) to externalName; no Pods, no proxying',
  }),
  clusterIP: str('Virtual IP; "None" makes a headless Service (DNS returns Pod IPs).'),
  clusterIPs: arr('Virtual IPs (dual-stack).', { type: 'string' }),
  externalName: str('DNS name an ExternalName Service aliases.'),
  externalIPs: arr('Extra IPs that route to this Service.', { type: 'string' }),
  sessionAffinity: enumOf('Client IP stickiness.', { None: 'no affinity (default)', ClientIP: 'same client IP, same Pod' }),
  sessionAffinityConfig: { type: 'object', description: 'Settings for ClientIP affinity.' },
  externalTrafficPolicy: enumOf('Routing of external traffic.', { Cluster: 'to any ready endpoint', Local: 'only to endpoints on the receiving node' }),
  internalTrafficPolicy: enumOf('Routing of in-cluster traffic.', { Cluster: 'to any ready endpoint', Local: 'only to endpoints on the same node' }),
  publishNotReadyAddresses: bool('Include Pods that are not ready as endpoints.'),
  loadBalancerIP: str('(deprecated) Requested load balancer IP.'),
  loadBalancerClass: str('Which load balancer implementation provisions this Service.'),
  loadBalancerSourceRanges: arr('Client CIDRs allowed through the load balancer.', { type: 'string' }),
  allocateLoadBalancerNodePorts: bool('Allocate node ports for a LoadBalancer Service.'),
  healthCheckNodePort: port('Health check port for externalTrafficPolicy Local.'),
  ipFamilies: arr('IP families (IPv4, IPv6).', { type: 'string' }),
  ipFamilyPolicy: enumOf('Single or dual stack.', { SingleStack: 'one family', PreferDualStack: 'two when available', RequireDualStack: 'two, or fail' }),
  trafficDistribution: str('Preference for how traffic is spread, e.g. PreferClose.'),
});

const containerPort = strict('A port the container listens on.', {
  name: str('Port name (IANA_SVC_NAME); a Service targetPort can refer to it.'),
  containerPort: port('Port number inside the Pod.'),
  protocol: enumOf('IP protocol.', { TCP: 'TCP (default)', UDP: 'UDP', SCTP: 'SCTP' }),
  hostPort: port('Port on the node, for hostNetwork-like exposure.'),
  hostIP: str('Node IP to bind hostPort to.'),
}, ['containerPort']);

const container = open('A container of the Pod.', {
  name: str('Container name.'),
  image: str('Container image.'),
  ports: arr('Ports the container listens on; named ports let Services use targetPort names.', containerPort),
  readinessProbe: { type: 'object', description: 'When it fails, the Pod is not a ready endpoint of its Services.' },
  livenessProbe: { type: 'object', description: 'Restarts the container when it fails.' },
}, ['name']);

const podSpec = open('The Pod spec: its containers (RouteLab reads their ports).', {
  containers: arr('Containers of the Pod.', container, { minItems: 1 }),
  initContainers: arr('Containers that run to completion first.', container),
  hostNetwork: bool('Use the node\'s network namespace.'),
  nodeName: str('Node the Pod runs on.'),
});

const podTemplate = open('The Pods this workload creates.', {
  metadata: open('Pod metadata; its labels must match the selector, and Services select Pods by them.', {
    labels: map('Pod labels.'),
    annotations: map('Pod annotations (string values).'),
  }),
  spec: podSpec,
});

const workloadSpec = (kind: string, replicas: boolean): Schema =>
  open(`${kind} spec: the selector and the Pod template.`, {
    ...(replicas ? { replicas: int('Number of Pods to run (default 1). RouteLab simulates this many ready Pods.', { minimum: 0 }) } : {}),
    selector: { ...labelSelector, description: 'Which Pods belong to this workload; must match template.metadata.labels.' },
    template: podTemplate,
    ...(kind === 'StatefulSet' ? { serviceName: str('Headless Service that gives the Pods stable DNS names.') } : {}),
  });

// ---- Gateway API ----

const gwGroup = ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1', 'gateway.networking.k8s.io/v1alpha2', 'gateway.networking.k8s.io/v1alpha3'];

const parentRef = strict('A Gateway (or ListenerSet) this route attaches to.', {
  group: str('API group of the parent (default gateway.networking.k8s.io).'),
  kind: str('Kind of the parent (default Gateway).'),
  namespace: str('Namespace of the parent; defaults to the route namespace.'),
  name: str('Name of the parent.'),
  sectionName: str('A listener name: attach to that listener only.'),
  port: port('Attach only to listeners on this port.'),
}, ['name']);

const backendRefFields = {
  group: str('API group ("" for core Services).'),
  kind: str('Kind of the backend (default Service).'),
  name: str('Name of the backend.'),
  namespace: str('Namespace of the backend; another namespace needs a ReferenceGrant there.'),
  port: port('Port of the Service (required for Services).'),
};

const headerModifier = strict('Adds, sets or removes HTTP headers.', {
  set: arr('Headers to set, replacing any existing value.', strict('A header.', { name: str('Header name (case-insensitive).'), value: str('Header value.') }, ['name', 'value'])),
  add: arr('Headers to add, keeping existing values.', strict('A header.', { name: str('Header name (case-insensitive).'), value: str('Header value.') }, ['name', 'value'])),
  remove: arr('Names of headers to remove.', { type: 'string' }),
});

const pathModifier = strict('How the path is replaced.', {
  type: enumOf('What to replace.', { ReplaceFullPath: 'replace the whole path with replaceFullPath', ReplacePrefixMatch: 'replace the matched prefix with replacePrefixMatch' }),
  replaceFullPath: str('The new path.'),
  replacePrefixMatch: str('What the matched prefix becomes.'),
}, ['type']);

const httpFilter = open('A filter applied to matching requests.', {
  type: enumOf('Which filter.', {
    RequestHeaderModifier: 'change request headers before they reach the backend',
    ResponseHeaderModifier: 'change response headers before they reach the client',
    RequestRedirect: 'answer with a redirect instead of proxying',
    URLRewrite: 'rewrite the host or path before proxying',
    RequestMirror: 'send a copy of the request to another backend',
    CORS: 'answer CORS preflights and add CORS headers',
    ExtensionRef: 'an implementation-specific filter',
    ExternalAuth: 'ask an external service to authorize the request',
  }),
  requestHeaderModifier: headerModifier,
  responseHeaderModifier: headerModifier,
  requestRedirect: strict('The redirect answered.', {
    scheme: enumOf('Scheme of the Location.', { http: 'http', https: 'https' }),
    hostname: str('Host of the Location (default: the request host).'),
    path: pathModifier,
    port: port('Port of the Location.'),
    statusCode: { type: 'integer', enum: [301, 302, 303, 307, 308], description: 'Redirect status (default 302).' },
  }),
  urlRewrite: strict('The rewrite before proxying.', { hostname: str('New Host header.'), path: pathModifier }),
  requestMirror: open('Where copies go.', {
    backendRef: strict('The mirror backend.', backendRefFields, ['name']),
    percent: int('Share of requests mirrored, 0 to 100.', { minimum: 0, maximum: 100 }),
    fraction: strict('Share of requests mirrored as a fraction.', { numerator: int('Numerator.'), denominator: int('Denominator (default 100).') }, ['numerator']),
  }, ['backendRef']),
  extensionRef: strict('The implementation-specific filter.', { group: str('API group.'), kind: str('Kind.'), name: str('Name.') }, ['group', 'kind', 'name']),
}, ['type']);

const headerMatch = strict('A header condition.', {
  type: enumOf('How value matches.', { Exact: 'the header value equals value (default)', RegularExpression: 'value is a regular expression (implementation-specific dialect)' }),
  name: str('Header name (case-insensitive).'),
  value: str('Value to match.'),
}, ['name', 'value']);

const queryMatch = strict('A query parameter condition.', {
  type: enumOf('How value matches.', { Exact: 'the parameter equals value (default)', RegularExpression: 'value is a regular expression' }),
  name: str('Parameter name (case-sensitive).'),
  value: str('Value to match.'),
}, ['name', 'value']);

const httpRouteMatch = strict('Conditions that must all hold. Several matches in a rule are ORed.', {
  path: strict('Path condition (default PathPrefix /).', {
    type: enumOf('How value matches.', {
      Exact: 'the path equals value',
      PathPrefix: 'value is a prefix of the path, element by element (/foo matches /foo/bar, not /foobar)',
      RegularExpression: 'value is a regular expression (implementation-specific dialect)',
    }),
    value: str('The path or pattern; starts with "/".'),
  }),
  headers: arr('Header conditions; all must hold.', headerMatch),
  queryParams: arr('Query parameter conditions; all must hold.', queryMatch),
  method: enumOf('HTTP method condition.', { GET: 'GET', HEAD: 'HEAD', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', CONNECT: 'CONNECT', OPTIONS: 'OPTIONS', TRACE: 'TRACE', PATCH: 'PATCH' }),
});

const httpBackendRef = strict('A backend of the rule. Traffic is split across backendRefs by weight.', {
  ...backendRefFields,
  weight: int('Relative share of traffic (default 1; 0 sends none).', { minimum: 0, maximum: 1000000 }),
  filters: arr('Filters applied only when this backend is chosen.', httpFilter),
}, ['name']);

const routeSpecCommon = {
  parentRefs: arr('The Gateways (and listeners) this route attaches to.', parentRef),
  hostnames: arr('Host names this route serves; intersected with the listener hostname. Wildcards "*.example.com" allowed.', { type: 'string' }),
};

const httpRouteSpec = open('HTTP routing: matches, filters and backends.', {
  ...routeSpecCommon,
  rules: arr(
    'Rules; across all routes of a listener the most specific match wins (Exact path, longest prefix, method, most headers, most query params).',
    strict('A rule.', {
      name: str('Optional rule name (sectionName for policies).'),
      matches: arr('Conditions; the rule applies when any match holds (default: PathPrefix /).', httpRouteMatch),
      filters: arr('Filters applied to matching requests, in order.', httpFilter),
      backendRefs: arr('Backends; none means 500 unless a filter answers (a redirect).', httpBackendRef),
      timeouts: strict('Timeouts.', { request: str('Whole request timeout, e.g. 10s.'), backendRequest: str('Per backend attempt timeout.') }),
      retry: { type: 'object', description: 'Retry policy (experimental).' },
      sessionPersistence: { type: 'object', description: 'Session persistence (experimental).' },
    }),
  ),
});

const grpcRouteSpec = open('gRPC routing by service and method.', {
  ...routeSpecCommon,
  rules: arr(
    'Rules.',
    strict('A rule.', {
      name: str('Optional rule name.'),
      matches: arr(
        'Conditions; any may hold.',
        strict('A gRPC match.', {
          method: strict('Service and method condition.', {
            type: enumOf('How service and method match.', { Exact: 'equal (default)', RegularExpression: 'regular expressions' }),
            service: str('Fully qualified service, e.g. foo.v1.Echo.'),
            method: str('Method name, e.g. Ping.'),
          }),
          headers: arr('Metadata (header) conditions.', headerMatch),
        }),
      ),
      filters: arr('Filters.', httpFilter),
      backendRefs: arr('Backends.', httpBackendRef),
      sessionPersistence: { type: 'object', description: 'Session persistence (experimental).' },
    }),
  ),
});

const l4RouteSpec = (what: string, withHostnames: boolean) =>
  open(`${what} routing.`, {
    parentRefs: routeSpecCommon.parentRefs,
    ...(withHostnames ? { hostnames: arr('SNI host names this route serves.', { type: 'string' }) } : {}),
    rules: arr('Rules (one in practice).', strict('A rule.', { name: str('Optional rule name.'), backendRefs: arr('Backends, split by weight.', strict('A backend.', { ...backendRefFields, weight: int('Relative share (default 1).', { minimum: 0 }) }, ['name'])) })),
  });

const listener = strict('A listener: where the Gateway accepts traffic, and which routes may attach.', {
  name: str('Listener name, unique in the Gateway; routes pick it with sectionName.'),
  hostname: str('Only requests for this host (wildcard "*.example.com" allowed); empty accepts any host.'),
  port: port('Port the listener accepts connections on.'),
  protocol: enumOf('Protocol of the listener.', {
    HTTP: 'plain HTTP (HTTPRoute, GRPCRoute)',
    HTTPS: 'TLS terminated at the Gateway, then HTTP (HTTPRoute, GRPCRoute)',
    TLS: 'TLS by SNI: Passthrough or Terminate (TLSRoute)',
    TCP: 'plain TCP (TCPRoute)',
    UDP: 'plain UDP (UDPRoute)',
  }),
  tls: strict('TLS settings (HTTPS and TLS listeners).', {
    mode: enumOf('Where TLS ends.', { Terminate: 'the Gateway decrypts (default)', Passthrough: 'the backend decrypts; routing by SNI only' }),
    certificateRefs: arr('Certificates (Secrets); another namespace needs a ReferenceGrant.', strict('A certificate reference.', { group: str('API group ("" for Secrets).'), kind: str('Kind (default Secret).'), name: str('Name.'), namespace: str('Namespace.') }, ['name'])),
    frontendValidation: { type: 'object', description: 'Client certificate validation.' },
    options: map('Implementation-specific TLS options.'),
  }),
  allowedRoutes: strict('Which routes may attach to this listener.', {
    namespaces: strict('From which namespaces.', {
      from: enumOf('Namespaces routes may come from.', { Same: 'the Gateway namespace only (default)', All: 'every namespace', Selector: 'namespaces whose labels match selector', None: 'no routes' }),
      selector: { ...labelSelector, description: 'Namespace labels (with from: Selector).' },
    }),
    kinds: arr('Route kinds allowed (default: the kinds the protocol carries).', strict('A route kind.', { group: str('API group.'), kind: str('Kind, e.g. HTTPRoute.') }, ['kind'])),
  }),
}, ['name', 'port', 'protocol']);

const gatewaySpec = open('The Gateway: its class, listeners and addresses.', {
  gatewayClassName: str('The GatewayClass that implements this Gateway.'),
  listeners: arr('Listeners; a request is taken by the most specific one that matches port, protocol and hostname.', listener, { minItems: 1 }),
  addresses: arr('Requested addresses.', strict('An address.', { type: str('IPAddress or Hostname.'), value: str('The address.') }, ['value'])),
  infrastructure: { type: 'object', description: 'Labels and annotations for the generated infrastructure.' },
  allowedListeners: { type: 'object', description: 'Which ListenerSets may attach (experimental).' },
}, ['gatewayClassName', 'listeners']);

const referenceGrantSpec = strict('Lets objects in other namespaces refer to objects in this one.', {
  from: arr('Who may refer: a kind in a namespace.', strict('A referrer.', { group: str('API group of the referring kind, e.g. gateway.networking.k8s.io.'), kind: str('Kind, e.g. HTTPRoute.'), namespace: str('Namespace of the referrers.') }, ['group', 'kind', 'namespace']), { minItems: 1 }),
  to: arr('What may be referred to, in this namespace.', strict('A target.', { group: str('API group ("" for core: Services, Secrets).'), kind: str('Kind, e.g. Service.'), name: str('Only this object (default: all of the kind).') }, ['group', 'kind']), { minItems: 1 }),
}, ['from', 'to']);

// Traefik's Middleware CRD: one middleware type per object; RouteLab simulates these.
const traefikMiddlewareSpec = open('One Traefik HTTP middleware, named by an Ingress as <namespace>-<name>@kubernetescrd in traefik.ingress.kubernetes.io/router.middlewares.', {
  stripPrefix: strict('Removes the first listed prefix that starts the path (by characters) and sends it in X-Forwarded-Prefix.', { prefixes: arr('Prefixes to strip.', str('A path prefix, e.g. /api.')), forceSlash: bool('Deprecated.') }),
  stripPrefixRegex: strict('Removes the start of the path a regular expression matches.', { regex: arr('Go regular expressions.', str('A regular expression.')) }),
  addPrefix: strict('Puts a prefix in front of the path.', { prefix: str('The prefix, e.g. /v1.') }, ['prefix']),
  replacePath: strict('Replaces the whole path; the old one goes in X-Replaced-Path.', { path: str('The new path.') }, ['path']),
  replacePathRegex: strict('Rewrites the path with a regular expression and a replacement ($1, ${name}).', { regex: str('Go regular expression.'), replacement: str('Replacement with $1 or ${name} groups.') }, ['regex', 'replacement']),
  redirectScheme: strict('Redirects to another scheme (302/307, or 301/308 when permanent) when it differs.', { scheme: str('Target scheme, e.g. https.'), port: { type: ['string', 'integer'], description: 'Target port.' }, permanent: bool('301/308 instead of 302/307.') }, ['scheme']),
  redirectRegex: strict('Redirects when a regular expression over the whole URL rewrites it.', { regex: str('Go regular expression over scheme://host/path?query.'), replacement: str('Replacement with $1 groups.'), permanent: bool('301/308 instead of 302/307.') }, ['regex', 'replacement']),
  headers: open('Custom request and response headers (an empty value removes the header), plus security and CORS options.', { customRequestHeaders: map('Headers set on the request the backend receives.'), customResponseHeaders: map('Headers set on the response.') }),
  basicAuth: open('Asks for HTTP basic credentials (401 without an Authorization header).', { secret: str('Secret with the users.') }),
  chain: strict('Runs other Middlewares of this namespace in order.', { middlewares: arr('The Middlewares.', strict('A Middleware of this namespace.', { name: str('Name.'), namespace: str('Namespace (another one needs allowCrossNamespace).') }, ['name'])) }),
});

// F5 NGINX Ingress Controller's VirtualServer and VirtualServerRoute (k8s.nginx.org/v1,
// pkg/apis/configuration/v1/types.go); open, as they hold more than RouteLab simulates.
const vsAction = open('What the route does: exactly one of pass, proxy, redirect, return.', {
  pass: str('Proxy to this upstream, the URI unchanged.'),
  proxy: open('Proxy to an upstream, optionally rewriting the path.', { upstream: str('The upstream.'), rewritePath: str('Replaces the matched prefix (a regex path: the whole URI, with $1).') }, ['upstream']),
  redirect: open('Answer with a redirect.', { url: str('URL with "://"; ${scheme}, ${host}, ${request_uri} are expanded.'), code: int('301 (default), 302, 307 or 308.') }, ['url']),
  return: open('Answer with a fixed response.', { code: int('Status, default 200.'), type: str('Content type, default text/plain.'), body: str('The body.') }, ['body']),
});
const vsSplits = arr('Weighted actions; at least two, weights summing to 100.', open('A split.', { weight: int('Percent of requests.'), action: vsAction }, ['weight', 'action']));
const vsRoute = open('A route: a path and what happens to requests for it.', {
  path: str('"/prefix", "=/exact", "^~/prefix", "~ regex" or "~* regex" (regexes are not anchored).'),
  action: vsAction,
  splits: vsSplits,
  matches: arr('Conditions tried in order; the first whose conditions all hold wins.', open('A match.', {
    conditions: arr('All must hold.', open('One of header, cookie, argument, variable, and the value ("!" negates).', { header: str('Request header.'), cookie: str('Cookie.'), argument: str('Query parameter.'), variable: str('NGINX variable, e.g. $request_method.'), value: str('Exact value; "!v" means not v.') }, ['value'])),
    action: vsAction,
    splits: vsSplits,
  }, ['conditions'])),
  route: str('A VirtualServerRoute, namespace/name, that holds the subroutes of this path.'),
}, ['path']);
const vsUpstreams = arr('Upstreams the routes name.', open('An upstream.', { name: str('Name the actions use.'), service: str('Service, or namespace/service.'), port: int('Service port.') }, ['name', 'service', 'port']));
const virtualServerSpec = open('A host and its routes, served by F5 NGINX Ingress Controller.', {
  host: str('The host; the oldest resource with a host owns it.'),
  ingressClassName: str('The controller class (empty: every F5 controller).'),
  tls: open('TLS.', { secret: str('TLS Secret.'), redirect: open('Redirect plain HTTP.', { enable: bool('Redirect to https.'), code: int('301 (default), 302, 307 or 308.'), basedOn: str('scheme (default) or x-forwarded-proto.') }) }),
  upstreams: vsUpstreams,
  routes: arr('Routes.', vsRoute),
}, ['host']);
const virtualServerRouteSpec = open('Subroutes a VirtualServer route delegates to.', {
  host: str('Must equal the VirtualServer host.'),
  ingressClassName: str('The controller class.'),
  upstreams: vsUpstreams,
  subroutes: arr('Subroutes; their paths start with the referencing route path.', vsRoute),
}, ['host']);

// ---- the kinds ----

const KINDS: Array<[string, Schema]> = [
  ['Ingress', envelope('Ingress', ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'], 'Ingress: HTTP routing from outside the cluster to Services, by host and path.', ingressSpec)],
  ['IngressClass', envelope('IngressClass', ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'], 'IngressClass: names the controller that implements Ingresses of this class. The annotation ingressclass.kubernetes.io/is-default-class: "true" makes it the default.', ingressClassSpec, false)],
  ['Service', envelope('Service', ['v1'], 'Service: a stable name and virtual IP in front of the Pods its selector picks.', serviceSpec)],
  ['Deployment', envelope('Deployment', ['apps/v1'], 'Deployment: runs replicas of a Pod template.', workloadSpec('Deployment', true))],
  ['StatefulSet', envelope('StatefulSet', ['apps/v1'], 'StatefulSet: Pods with stable names (name-0, name-1, ...).', workloadSpec('StatefulSet', true))],
  ['ReplicaSet', envelope('ReplicaSet', ['apps/v1'], 'ReplicaSet: keeps a number of Pods running.', workloadSpec('ReplicaSet', true))],
  ['DaemonSet', envelope('DaemonSet', ['apps/v1'], 'DaemonSet: one Pod per node.', workloadSpec('DaemonSet', false))],
  ['Pod', envelope('Pod', ['v1'], 'Pod: one or more containers; Services reach it by its labels.', podSpec)],
  ['Namespace', envelope('Namespace', ['v1'], 'Namespace: a scope for names; Gateway listeners can select namespaces by their labels.', undefined, false)],
  ['Secret', envelope('Secret', ['v1'], 'Secret: here, TLS certificates (type kubernetes.io/tls) for Ingress tls and Gateway listeners.', undefined, true, {
    type: str('Secret type, e.g. kubernetes.io/tls.'),
    data: map('Base64-encoded values.'),
    stringData: map('Plain-text values.'),
  })],
  ['EndpointSlice', envelope('EndpointSlice', ['discovery.k8s.io/v1'], 'EndpointSlice: endpoints of a Service, for Services without a selector.', undefined, true, {
    addressType: str('IPv4, IPv6 or FQDN.'),
    endpoints: arr('Endpoints.', { type: 'object' }),
    ports: arr('Ports.', { type: 'object' }),
  })],
  ['GatewayClass', envelope('GatewayClass', gwGroup, 'GatewayClass: a kind of Gateway offered by an infrastructure provider (its controller).', strict('The controller that implements this class.', {
    controllerName: str('Controller name, e.g. example.com/gateway-controller.'),
    parametersRef: { type: 'object', description: 'Implementation-specific parameters.' },
    description: str('What this class is for.'),
  }, ['controllerName']), false)],
  ['Gateway', envelope('Gateway', gwGroup, 'Gateway: an entry point with listeners, run by the cluster operator.', gatewaySpec)],
  ['ListenerSet', envelope('ListenerSet', ['gateway.networking.x-k8s.io/v1alpha1', ...gwGroup], 'ListenerSet: extra listeners attached to a Gateway (experimental).', open('Listeners for a parent Gateway.', { parentRef: { type: 'object', description: 'The Gateway.' }, listeners: arr('Listeners.', { type: 'object' }) }))],
  ['XListenerSet', envelope('XListenerSet', ['gateway.networking.x-k8s.io/v1alpha1'], 'XListenerSet: experimental ListenerSet.', open('Listeners for a parent Gateway.', { parentRef: { type: 'object', description: 'The Gateway.' }, listeners: arr('Listeners.', { type: 'object' }) }))],
  ['HTTPRoute', envelope('HTTPRoute', gwGroup, 'HTTPRoute: HTTP routing rules an application team attaches to Gateway listeners.', httpRouteSpec)],
  ['GRPCRoute', envelope('GRPCRoute', gwGroup, 'GRPCRoute: gRPC routing by service and method.', grpcRouteSpec)],
  ['TLSRoute', envelope('TLSRoute', gwGroup, 'TLSRoute: routes TLS connections by SNI.', l4RouteSpec('TLS (by SNI)', true))],
  ['TCPRoute', envelope('TCPRoute', gwGroup, 'TCPRoute: forwards TCP connections of a listener.', l4RouteSpec('TCP', false))],
  ['UDPRoute', envelope('UDPRoute', gwGroup, 'UDPRoute: forwards UDP datagrams of a listener.', l4RouteSpec('UDP', false))],
  ['Middleware', envelope('Middleware', ['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'], 'Middleware (Traefik): changes a request after the router matched it (strip or add a prefix, redirect, headers, auth).', traefikMiddlewareSpec)],
  ['VirtualServer', envelope('VirtualServer', ['k8s.nginx.org/v1'], 'VirtualServer (F5 NGINX Ingress Controller): a host with routes, matches, splits and actions.', virtualServerSpec)],
  ['VirtualServerRoute', envelope('VirtualServerRoute', ['k8s.nginx.org/v1'], 'VirtualServerRoute (F5 NGINX Ingress Controller): subroutes of a VirtualServer path.', virtualServerRouteSpec)],
  ['ReferenceGrant', envelope('ReferenceGrant', gwGroup, 'ReferenceGrant: lets routes (or Gateways) in other namespaces use Services or Secrets of this namespace.', referenceGrantSpec)],
];

export const KNOWN_KINDS = KINDS.map(([k]) => k);

const KIND_DOCS: Record<string, string> = Object.fromEntries(KINDS.map(([k, s]) => [k, String((s.properties as Record<string, Schema>).kind.description)]));

/**
 * One schema for a multi-document manifests file: every document is checked
 * against the schema of its kind. `kind: List` wraps items; other kinds pass.
 */
export const MANIFESTS_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes manifests read by RouteLab',
  type: 'object',
  properties: {
    apiVersion: { type: 'string', description: 'API group and version, e.g. networking.k8s.io/v1 or gateway.networking.k8s.io/v1.' },
    kind: {
      type: 'string',
      description: 'Kind of object. RouteLab reads the routing kinds and lists any other kind as ignored.',
      // Offered in completion; other kinds stay valid.
      examples: KNOWN_KINDS,
      anyOf: [{ enum: KNOWN_KINDS, enumDescriptions: KNOWN_KINDS.map((k) => KIND_DOCS[k]), markdownEnumDescriptions: KNOWN_KINDS.map((k) => KIND_DOCS[k]) }, { type: 'string' }],
    },
    metadata: { type: 'object', description: 'Name, namespace, labels and annotations.' },
  },
  allOf: KINDS.map(([kind, schema]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: schema,
  })),
};
