// simulate(): one request through the cluster, as a table of contents:
// resolve the name, pick the entry point, and hand over to the Ingress or
// Gateway API engine, which select the rule, apply filters, pick the backend
// and reach the Pods. Everything decided is in the returned Trace.
import type { Cluster } from './model/cluster.js';
import { normalizeRequest, RequestError, type ControllerName, type NormalizedRequest, type RequestInput } from './model/request.js';
import { resolveName, serviceDnsName } from './dns/resolve.js';
import { resolveServiceBackend, serviceSteps } from './cluster/services.js';
import { controllerAddress, ingressClaimsHost, routeIngress } from './ingress/route.js';
import { hasGatewayEntry, isGatewayAddress, routeGateway } from './gateway/route.js';
import { routeMesh } from './gateway/mesh.js';
import { TraceBuilder } from './trace/builder.js';
import { findImplementation, implementationChoices, portable, type ImplementationProfile } from './gateway/implementations/index.js';
import type { Trace } from './trace/types.js';

export type EntryMode = 'auto' | 'ingress' | 'gateway';

export interface SimulateOptions {
  /** which entry point requests use; `auto` lets DNS decide (default) */
  mode?: EntryMode;
  /** Ingress controller semantics when the request does not name one (default `spec`) */
  controller?: ControllerName;
  /** comparisons: the controller serves every Ingress, whatever its IngressClass */
  serveAllIngresses?: boolean;
  /** Gateway API implementation profile (a name or alias, or a profile object) when the request does not name one (default `portable`) */
  implementation?: string | ImplementationProfile;
}

export function simulate(cluster: Cluster, input: RequestInput | NormalizedRequest, options: SimulateOptions = {}): Trace {
  const req = 'protocol' in input ? input : normalizeRequest(input);
  const mode = options.mode ?? 'auto';
  const controller = req.controller ?? options.controller ?? 'spec';
  const implName = req.implementation ?? options.implementation;
  const implementation = implName === undefined ? portable : typeof implName === 'string' ? findImplementation(implName) : implName;
  if (!implementation) throw new RequestError(`unknown implementation "${implName}": choose one of ${implementationChoices()}`);
  const tb = new TraceBuilder(req, mode === 'gateway' ? 'gateway' : 'ingress', implementation);
  tb.add({
    kind: 'request',
    summary: `${req.method} ${req.url}${req.host !== req.connectHost ? ` with Host ${req.host}` : ''}`,
    reason: 'RequestReceived',
    status: 'info',
    facts: { protocol: req.protocol, port: req.port },
  });

  // 1. DNS: an in-cluster Service name goes straight to the Service.
  const strict = mode !== 'auto' || !!req.controller || !!req.gateway;
  const name = resolveName(cluster, req.connectHost, strict);
  if (name.kind === 'in-cluster') return traceInCluster(cluster, tb, name.service.meta.namespace, name.service.meta.name, name.form);
  if (name.kind === 'nxdomain') {
    tb.add({ kind: 'dns', summary: `${req.connectHost} does not resolve: ${name.why}`, reason: 'DnsNxDomain', status: 'fail' });
    return tb.finish({ kind: 'rejected', status: 0, reason: 'DnsNxDomain', message: `no answer for ${req.connectHost}: ${name.why}` });
  }

  // 2. Entry point: Gateway API when asked for (or when only Gateways can take the
  //    request), otherwise the Ingress controller.
  const wantsGateway =
    mode === 'gateway' ||
    (mode === 'auto' &&
      (!!req.gateway || !!req.listener || req.protocol === 'tls' || req.protocol === 'tcp' || req.protocol === 'udp' || req.protocol === 'grpc' ||
        (name.kind === 'ip' && isGatewayAddress(cluster, name.ip)) ||
        (hasGatewayEntry(cluster) && (cluster.ingresses.length === 0 || !ingressClaimsHost(cluster, controller, req.host)))));
  if (wantsGateway) return routeGateway(cluster, tb);

  const addr = controllerAddress(cluster, controller);
  if (name.kind === 'ip') {
    tb.add({
      kind: 'dns',
      summary: `${req.connectHost} is an IP address; no lookup${name.ip === addr.address ? ` (it is the controller's address)` : `; RouteLab assumes it reaches the ${controller} controller`}`,
      reason: 'DnsIpLiteral',
      status: 'ok',
      facts: { address: name.ip },
    });
  } else {
    tb.add({
      kind: 'dns',
      summary: `${req.connectHost} -> ${addr.address}, the LoadBalancer of the ${controller} controller${addr.simulated ? ' (simulated address)' : ' (from Ingress status)'}`,
      reason: 'DnsExternal',
      status: 'ok',
      facts: { address: addr.address },
    });
  }
  return routeIngress(cluster, controller, tb, options.serveAllIngresses);
}

/** A Pod calling a Service by its cluster DNS name: kube-proxy forwards to an endpoint, no Ingress involved. */
function traceInCluster(cluster: Cluster, tb: TraceBuilder, namespace: string, name: string, form: string): Trace {
  const req = tb.request;
  tb.mode = 'cluster';
  const svc = cluster.services.get(`${namespace}/${name}`)!;
  tb.entry = { kind: 'service', namespace, name, address: svc.clusterIP || svc.externalName || '' };
  tb.add({
    kind: 'dns',
    summary: `${form} -> ${svc.clusterIP || (svc.headless ? 'Pod IPs (headless Service)' : svc.externalName ?? '')}: in-cluster name of Service ${serviceDnsName(svc)}`,
    reason: 'DnsInCluster',
    status: 'ok',
    object: { kind: 'Service', namespace, name },
    source: svc.source,
    notes: ['in-cluster traffic goes from the client Pod to the Service directly; no Ingress or Gateway is involved (only HTTPRoutes bound to the Service itself, in a service mesh)'],
  });
  // Gateway API for Service Mesh: HTTPRoutes bound to this Service decide where it goes.
  const meshed = routeMesh(cluster, tb, svc);
  if (meshed) return meshed;
  const res = resolveServiceBackend(cluster, namespace, name, { number: req.port });
  const { steps, endpoint } = serviceSteps(res, namespace, name, `${req.method} ${req.host}${req.path}`);
  for (const s of steps) tb.add(s);
  const backend = { namespace, service: name, port: req.port };
  if (!res.ok) {
    return tb.finish({ kind: 'rejected', status: 0, reason: res.reason, message: `connection fails: ${res.message}`, backend });
  }
  return tb.finish({
    kind: 'proxied',
    status: 200,
    reason: 'Proxied',
    message: `delivered to Service ${namespace}/${name}:${req.port}${endpoint ? ` (Pod ${endpoint.pod ?? endpoint.ip})` : ''}; the backend sees ${req.method} ${req.path}${req.query}`,
    backend,
    upstream: { method: req.method, path: req.path + req.query, host: req.host, headers: req.headers },
    endpoint,
    endpoints: res.endpoints,
  });
}
