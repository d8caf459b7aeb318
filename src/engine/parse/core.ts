// Readers for core and apps kinds: Namespace, Service, Secret, EndpointSlice,
// and the workloads whose Pods back Services.
import type {
  ContainerPort,
  EndpointSlice,
  K8sObject,
  LabelSelector,
  Namespace,
  Secret,
  Service,
  ServicePort,
  Workload,
} from '../model/resources.js';
import { asArray, asInt, asIntOrString, asRecord, asString, asStringMap, type ReadContext, objectWith, exact } from './context.js';
import type { ClusterBuilder } from './manifests.js';

export function readNamespace(base: K8sObject, _ctx: ReadContext, b: ClusterBuilder): void {
  // A Namespace is cluster-scoped: its own name is the namespace it declares.
  const ns: Namespace = objectWith(base, { kind: 'Namespace', implicit: false });
  b.cluster.namespaces.set(base.meta.name, ns);
}

export function readService(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const spec = asRecord(base.raw.spec);
  const type = asString(spec.type) ?? 'ClusterIP';
  const ports: ServicePort[] = [];
  asArray(spec.ports).forEach((p, i) => {
    const port = asRecord(p);
    const number = asInt(port.port);
    if (number === undefined) {
      if (type !== 'ExternalName') ctx.error(['spec', 'ports', i, 'port'], `ports[${i}].port must be a number`);
      return;
    }
    ports.push({
      name: asString(port.name),
      port: number,
      protocol: asString(port.protocol) ?? 'TCP',
      targetPort: asIntOrString(port.targetPort),
      appProtocol: asString(port.appProtocol),
      nodePort: asInt(port.nodePort),
      source: ctx.ref(['spec', 'ports', i]),
    });
  });
  const selector = spec.selector === undefined || spec.selector === null ? null : asStringMap(spec.selector);
  const clusterIP = asString(spec.clusterIP);
  const lbIngress = asArray(asRecord(asRecord(asRecord(base.raw.status).loadBalancer)).ingress);
  const svc: Service = objectWith(base, {
    kind: 'Service',
    type,
    selector: selector && Object.keys(selector).length === 0 ? null : selector,
    ports: exact(ports),
    clusterIP: clusterIP && clusterIP !== 'None' ? clusterIP : '',
    clusterIPSimulated: !clusterIP,
    headless: clusterIP === 'None',
    externalName: asString(spec.externalName),
    loadBalancerIPs: lbIngress.map((x) => asString(asRecord(x).ip) ?? asString(asRecord(x).hostname) ?? '').filter(Boolean),
  });
  if (type === 'ExternalName' && !svc.externalName) ctx.warn(['spec'], 'type ExternalName needs spec.externalName; this Service resolves nowhere');
  b.cluster.services.set(`${base.meta.namespace}/${base.meta.name}`, svc);
}

export function readSecret(base: K8sObject, _ctx: ReadContext, b: ClusterBuilder): void {
  const secret: Secret = objectWith(base, { kind: 'Secret', type: asString(base.raw.type) ?? 'Opaque' });
  b.cluster.secrets.set(`${base.meta.namespace}/${base.meta.name}`, secret);
}

export function readEndpointSlice(base: K8sObject, _ctx: ReadContext, b: ClusterBuilder): void {
  const slice: EndpointSlice = objectWith(base, {
    kind: 'EndpointSlice',
    serviceName: base.meta.labels['kubernetes.io/service-name'] ?? '',
    addressType: asString(base.raw.addressType) ?? 'IPv4',
    endpoints: asArray(base.raw.endpoints).map((e) => {
      const ep = asRecord(e);
      const ready = asRecord(ep.conditions).ready;
      return {
        addresses: asArray(ep.addresses).map(asString).filter((x): x is string => !!x),
        ready: ready !== false,
        targetPod: asString(asRecord(ep.targetRef).name),
      };
    }),
    ports: asArray(base.raw.ports).map((p) => {
      const port = asRecord(p);
      return { name: asString(port.name), port: asInt(port.port) ?? 0, protocol: asString(port.protocol) ?? 'TCP' };
    }),
  });
  b.cluster.endpointSlices.push(slice);
}

/**
 * Core v1 Endpoints: subsets of addresses (ready) and notReadyAddresses with their ports; the
 * object's name is the Service's name. Read as one slice-shaped entry per subset.
 */
export function readEndpoints(base: K8sObject, _ctx: ReadContext, b: ClusterBuilder): void {
  const address = (ready: boolean) => (a: unknown) => {
    const r = asRecord(a);
    const ip = asString(r.ip) ?? asString(r.hostname);
    const target = asRecord(r.targetRef);
    return { addresses: ip ? [ip] : [], ready, targetPod: asString(target.kind) === 'Pod' || target.kind === undefined ? asString(target.name) : undefined };
  };
  for (const s of asArray(base.raw.subsets)) {
    const subset = asRecord(s);
    b.cluster.endpointSlices.push(objectWith(base, {
      kind: 'Endpoints',
      serviceName: base.meta.name,
      addressType: 'IPv4',
      endpoints: [...asArray(subset.addresses).map(address(true)), ...asArray(subset.notReadyAddresses).map(address(false))],
      ports: asArray(subset.ports).map((p) => {
        const port = asRecord(p);
        return { name: asString(port.name), port: asInt(port.port) ?? 0, protocol: asString(port.protocol) ?? 'TCP' };
      }),
    }));
  }
}

function readContainerPorts(podSpec: Record<string, unknown>): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of asArray(podSpec.containers)) {
    for (const p of asArray(asRecord(c).ports)) {
      const port = asRecord(p);
      const n = asInt(port.containerPort);
      if (n !== undefined) out.push({ name: asString(port.name), containerPort: n, protocol: asString(port.protocol) ?? 'TCP' });
    }
  }
  return out;
}

export function readSelector(v: unknown): LabelSelector {
  const sel = asRecord(v);
  return {
    matchLabels: asStringMap(sel.matchLabels),
    matchExpressions: asArray(sel.matchExpressions).map((e) => {
      const ex = asRecord(e);
      return {
        key: asString(ex.key) ?? '',
        operator: asString(ex.operator) ?? 'In',
        values: asArray(ex.values).map(asString).filter((x): x is string => x !== undefined),
      };
    }),
  };
}

/** Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController, bare Pod. */
export function readWorkload(base: K8sObject, ctx: ReadContext, b: ClusterBuilder): void {
  const kind = base.kind as Workload['kind'];
  const spec = asRecord(base.raw.spec);
  let podLabels: Record<string, string>;
  let podSpec: Record<string, unknown>;
  let replicas: number;
  if (kind === 'Pod') {
    podLabels = base.meta.labels;
    podSpec = spec;
    replicas = 1;
  } else {
    const template = asRecord(spec.template);
    podLabels = asStringMap(asRecord(template.metadata).labels);
    podSpec = asRecord(template.spec);
    // DaemonSets run one Pod per node; RouteLab simulates a two-node cluster.
    const declared = asInt(spec.replicas);
    replicas = kind === 'DaemonSet' ? 2 : declared ?? 1;
    if (declared !== undefined && declared < 0) ctx.error(['spec', 'replicas'], 'replicas must not be negative');
    if (Object.keys(podLabels).length === 0) ctx.warn(['spec', 'template'], 'the Pod template has no labels, so no Service can select its Pods');
  }
  const workload: Workload = objectWith(base, { kind, replicas: Math.max(0, replicas), podLabels, ports: readContainerPorts(podSpec) });
  b.cluster.workloads.push(workload);
}
