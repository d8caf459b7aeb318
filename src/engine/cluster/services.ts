// Service -> endpoints, shared by Ingress and Gateway API backends:
// the port by number or name, targetPort (named ports resolved against each
// Pod's container ports), ExternalName aliases. The endpoints are what the
// controllers read: the EndpointSlices labelled kubernetes.io/service-name (or,
// with none, the core v1 Endpoints of the same name) when the manifests hold any,
// whether or not the Service has a selector (Envoy Gateway's translator routes to
// a hand-written slice's addresses: internal/gatewayapi testdata); only where none
// is given are the Pods simulated from the selector. (Kubernetes docs: Service,
// "Services without selectors"; EndpointSlice: a port's name matches the Service
// port's name, a nil ready condition means ready.)
import { cached, type Cluster } from '../model/cluster.js';
import type { EndpointSlice, LabelSelector, ObjectRef, Pod, Service, ServicePort } from '../model/resources.js';
import type { ReasonCode } from '../trace/reasons.js';
import type { EndpointRef, TraceStep } from '../trace/types.js';
import { seedHash } from './hash.js';

export interface ServicePortRef {
  number?: number;
  name?: string;
}

export interface ServiceResolution {
  ok: boolean;
  reason: ReasonCode;
  message: string;
  service?: Service;
  port?: ServicePort;
  /** ready endpoints for the resolved port */
  endpoints: EndpointRef[];
  notReady: EndpointRef[];
  /** Pods the selector matched (ready or not), for display */
  selected: Pod[];
  /** where the endpoints come from */
  origin?: EndpointOrigin;
  /** the service and pods steps' sentences, written by the first serviceSteps on this resolution */
  sentences?: { service: string; pods: string };
}

export type EndpointOrigin =
  | { kind: 'pods' }
  | { kind: 'EndpointSlice' | 'Endpoints'; names: string[]; source: EndpointSlice['source'] };

export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** metav1.LabelSelector semantics: matchLabels AND every matchExpression; an empty selector matches everything. */
export function labelSelectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  if (!labelsMatch(sel.matchLabels, labels)) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function findService(cluster: Cluster, namespace: string, name: string): Service | undefined {
  return cluster.services.get(`${namespace}/${name}`);
}

export function findServicePort(svc: Service, ref: ServicePortRef): ServicePort | undefined {
  if (ref.number !== undefined) return svc.ports.find((p) => p.port === ref.number);
  if (ref.name !== undefined) return svc.ports.find((p) => p.name === ref.name);
  return svc.ports.length === 1 ? svc.ports[0] : undefined;
}

function describePort(ref: ServicePortRef): string {
  if (ref.number !== undefined) return `port ${ref.number}`;
  if (ref.name !== undefined) return `port "${ref.name}"`;
  return 'no port';
}

/** Pods a Service selects, memoised per cluster and Service. */
function selectedPods(cluster: Cluster, svc: Service): Pod[] {
  if (!svc.selector) return [];
  const key = `pods-of ${svc.meta.namespace}/${svc.meta.name}`;
  let v = cluster.cache.get(key) as Pod[] | undefined;
  if (!v) {
    v = podsMatching(cluster, svc.meta.namespace, svc.selector);
    cluster.cache.set(key, v);
  }
  return v;
}

interface NamespacePods {
  pods: Pod[];
  /** per label key, the namespace's Pods by that label's value (made when a selector first names the key) */
  byLabel: Map<string, Map<string, Pod[]>>;
}

const NO_PODS: Pod[] = [];

/**
 * The Pods in `namespace` whose labels hold every key and value of `selector`, in the
 * cluster's Pod order. A cluster dump has thousands of Services and Pods: each selector
 * looks only at the Pods that carry its rarest label value, not at every Pod.
 */
export function podsMatching(cluster: Cluster, namespace: string, selector: Record<string, string>): Pod[] {
  const ns = cached(cluster, 'pods-by-namespace', () => {
    const m = new Map<string, NamespacePods>();
    for (const p of cluster.pods) {
      const e = m.get(p.namespace);
      if (e) e.pods.push(p);
      else m.set(p.namespace, { pods: [p], byLabel: new Map() });
    }
    return m;
  }).get(namespace);
  if (!ns) return [];
  let fewest: Pod[] | undefined;
  for (const k of Object.keys(selector)) {
    let byValue = ns.byLabel.get(k);
    if (!byValue) {
      byValue = new Map();
      for (const p of ns.pods) {
        const v = p.labels[k];
        const list = byValue.get(v);
        if (list) list.push(p);
        else byValue.set(v, [p]);
      }
      ns.byLabel.set(k, byValue);
    }
    const list = byValue.get(selector[k]) ?? NO_PODS;
    if (!fewest || list.length < fewest.length) fewest = list;
    if (list.length === 0) break;
  }
  // No key: an empty selector matches every Pod of the namespace.
  return (fewest ?? ns.pods).filter((p) => labelsMatch(selector, p.labels));
}

export function resolveServiceBackend(cluster: Cluster, namespace: string, name: string, portRef: ServicePortRef): ServiceResolution {
  const svc = findService(cluster, namespace, name);
  const empty = { endpoints: [], notReady: [], selected: [] };
  if (!svc) {
    return { ok: false, reason: 'ServiceNotFound', message: `Service ${namespace}/${name} does not exist`, ...empty };
  }
  if (svc.type === 'ExternalName') {
    const port = findServicePort(svc, portRef);
    return {
      ok: true,
      reason: 'ServiceExternalName',
      message: `Service ${namespace}/${name} is ExternalName: traffic goes to ${svc.externalName ?? '(no externalName)'}`,
      service: svc,
      port,
      endpoints: [{ ip: svc.externalName ?? '', port: portRef.number ?? port?.port ?? 80 }],
      notReady: [],
      selected: [],
    };
  }
  const port = findServicePort(svc, portRef);
  if (!port) {
    const known = svc.ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
    return {
      ok: false,
      reason: 'ServicePortNotFound',
      message: `Service ${namespace}/${name} has no ${describePort(portRef)}; its ports: ${known}`,
      service: svc,
      ...empty,
    };
  }
  const endpoints: EndpointRef[] = [];
  const notReady: EndpointRef[] = [];
  const selected: Pod[] = svc.selector ? selectedPods(cluster, svc) : [];
  const slices = slicesOf(cluster, namespace, name);
  let origin: EndpointOrigin;
  if (slices.length > 0) {
    origin = { kind: slices[0].kind, names: [...new Set(slices.map((x) => x.meta.name))], source: slices[0].source };
    for (const slice of slices) {
      // A slice's port is the Service port of the same name (both unnamed for a single-port
      // Service); a slice with no ports defines none, and the Service's targetPort applies.
      const sp = slice.ports.length === 0 ? undefined : slice.ports.find((p) => (p.name ?? '') === (port.name ?? ''));
      if (slice.ports.length > 0 && !sp) continue;
      const number = sp?.port ?? (typeof port.targetPort === 'number' ? port.targetPort : port.port);
      for (const ep of slice.endpoints) {
        for (const ip of ep.addresses) (ep.ready ? endpoints : notReady).push({ pod: ep.targetPod, ip, port: number });
      }
    }
  } else {
    origin = { kind: 'pods' };
    for (const pod of selected) {
      const target = resolveTargetPort(port, pod);
      if (target === undefined) continue;
      (pod.ready ? endpoints : notReady).push({ pod: pod.name, ip: pod.ip, port: target });
    }
  }
  if (endpoints.length === 0) {
    const from = origin.kind === 'pods' ? '' : `${origin.kind} ${origin.names.join(', ')}`;
    const why = origin.kind !== 'pods'
      ? notReady.length > 0
        ? `${from} lists ${notReady.length} address(es) for it, none ready`
        : `${from} lists no address for ${port.name ? `port "${port.name}"` : 'its port'}`
      : svc.selector
        ? selected.length === 0
          ? `its selector ${formatSelector(svc.selector)} matches no Pod in namespace ${namespace}, and no EndpointSlice is given for it`
          : notReady.length > 0
            ? `${notReady.length} selected Pod(s) are not ready`
            : `no selected Pod has a container port named "${String(port.targetPort)}"`
        : 'it has no selector and no EndpointSlice or Endpoints object lists addresses for it';
    return {
      ok: false,
      reason: origin.kind === 'pods' && svc.selector && selected.length > 0 && notReady.length === 0 ? 'TargetPortUnresolved' : 'NoReadyEndpoints',
      message: `Service ${namespace}/${name} ${describePort(portRef)} has no ready endpoints: ${why}`,
      service: svc,
      port,
      endpoints,
      notReady,
      selected,
      origin,
    };
  }
  return {
    ok: true,
    reason: 'ServiceResolved',
    message: `Service ${namespace}/${name} port ${port.port}${port.name ? ` (${port.name})` : ''} -> targetPort ${String(port.targetPort ?? port.port)}`,
    service: svc,
    port,
    endpoints,
    notReady,
    selected,
    origin,
  };
}

/** The EndpointSlices of a Service, or (with none) its core v1 Endpoints subsets; memoised per config. */
function slicesOf(cluster: Cluster, namespace: string, name: string): EndpointSlice[] {
  let index = cluster.cache.get('endpoint-slices') as Map<string, EndpointSlice[]> | undefined;
  if (!index) {
    index = new Map();
    const legacy = new Map<string, EndpointSlice[]>();
    for (const s of cluster.endpointSlices) {
      if (!s.serviceName) continue;
      const key = `${s.meta.namespace}/${s.serviceName}`;
      const into = s.kind === 'Endpoints' ? legacy : index;
      const list = into.get(key);
      if (list) list.push(s);
      else into.set(key, [s]);
    }
    for (const [k, v] of legacy) if (!index.has(k)) index.set(k, v);
    cluster.cache.set('endpoint-slices', index);
  }
  return index.get(`${namespace}/${name}`) ?? [];
}

/** targetPort: a number, a container port name looked up on each Pod, or (absent) the same as port. */
export function resolveTargetPort(port: ServicePort, pod: Pod): number | undefined {
  const t = port.targetPort;
  if (t === undefined) return port.port;
  if (typeof t === 'number') return t;
  return pod.ports.find((p) => p.name === t)?.containerPort;
}

export function formatSelector(sel: Record<string, string>): string {
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Deterministic choice of an endpoint for display ("the Pod that serves this request"). */
export function pickEndpoint(endpoints: EndpointRef[], seed: string): EndpointRef | undefined {
  if (endpoints.length <= 1) return endpoints[0];
  return endpoints[seedHash(seed) % endpoints.length];
}

/**
 * The two steps' sentences, which depend on the resolution alone: written once for a
 * resolution that is kept (a Gateway backendRef's), not once per trace.
 */
function sentencesOf(res: ServiceResolution): { service: string; pods: string } {
  let s = res.sentences;
  if (s) return s;
  const port = res.port;
  const targetNote = port && typeof port.targetPort === 'string' ? ` (named port "${port.targetPort}" looked up on each Pod)` : '';
  let pods = res.message;
  if (res.service && port && res.endpoints.length > 0) {
    const total = res.endpoints.length + res.notReady.length;
    const list = res.endpoints.map((e) => `${e.pod ?? e.ip} ${e.ip}:${e.port}`).join(', ');
    const origin = res.origin;
    const from = !origin ? '' : origin.kind === 'pods'
      ? res.service.selector ? ' (Pods the selector matches; no EndpointSlice is given)' : ''
      : ` (from ${origin.kind} ${origin.names.join(', ')}${origin.kind === 'Endpoints' ? ', core v1: no EndpointSlice is given' : ''}${res.service.selector ? '; the controller reads these, not the Pods the selector would pick' : ''})`;
    pods = `${res.endpoints.length} of ${total} endpoint(s) ready${from}: ${list}`;
  }
  s = { service: res.ok || res.service ? `${res.message}${targetNote}` : res.message, pods };
  res.sentences = s;
  return s;
}

/** A resolution's steps, kept with it: the service step, and a pods step per endpoint chosen. */
interface KeptSteps {
  namespace: string;
  name: string;
  service: TraceStep;
  /** by the chosen endpoint's index (-1: none) */
  pods: Map<number, TraceStep>;
}
const keptSteps = new WeakMap<ServiceResolution, KeptSteps>();

/**
 * The "service" and "pods" steps of a trace for a resolution. They depend on the
 * resolution and on the endpoint chosen, so for a resolution that is kept (a Gateway
 * backendRef's, an Ingress backend's) they are written once per endpoint and shared by
 * every trace that chooses it (frozen).
 */
export function serviceSteps(res: ServiceResolution, namespace: string, name: string, seed: string): { steps: TraceStep[]; endpoint?: EndpointRef } {
  let kept = keptSteps.get(res);
  if (!kept || kept.namespace !== namespace || kept.name !== name) {
    kept = { namespace, name, service: serviceStep(res, { kind: 'Service', namespace, name }), pods: new Map() };
    keptSteps.set(res, kept);
  }
  if (!res.service || !res.port || res.reason === 'ServiceExternalName') return { steps: [kept.service] };
  const endpoint = pickEndpoint(res.endpoints, seed);
  const at = endpoint ? res.endpoints.indexOf(endpoint) : -1;
  let pods = kept.pods.get(at);
  if (!pods) kept.pods.set(at, (pods = podsStep(res, kept.service.object!, endpoint)));
  return { steps: [kept.service, pods], endpoint };
}

function serviceStep(res: ServiceResolution, svcRef: ObjectRef): TraceStep {
  const port = res.port;
  return Object.freeze({
    kind: 'service',
    summary: sentencesOf(res).service,
    reason: res.service && port ? (res.reason === 'ServiceExternalName' ? 'ServiceExternalName' : 'ServiceResolved') : res.reason,
    status: res.service && port ? 'ok' : 'fail',
    object: Object.freeze(svcRef),
    source: port?.source ?? res.service?.source,
    facts: res.service ? Object.freeze({ clusterIP: res.service.clusterIP || (res.service.headless ? 'None' : ''), type: res.service.type }) : undefined,
  });
}

function podsStep(res: ServiceResolution, svcRef: ObjectRef, endpoint: EndpointRef | undefined): TraceStep {
  const origin = res.origin;
  return Object.freeze({
    kind: 'pods',
    summary: sentencesOf(res).pods,
    reason: res.endpoints.length > 0 ? 'PodsSelected' : res.reason,
    status: res.endpoints.length > 0 ? 'ok' : 'fail',
    object: svcRef,
    source: origin && origin.kind !== 'pods' ? origin.source : res.selected[0]?.source,
    facts: endpoint ? Object.freeze({ pod: endpoint.pod ?? '', ip: endpoint.ip, port: endpoint.port }) : undefined,
  });
}
