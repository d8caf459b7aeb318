// After every object is read: drop replaced duplicates, add implied namespaces,
// simulate Pods for workloads and give Services their ClusterIPs.
import { sameObjects, type Cluster } from '../model/cluster.js';
import type { K8sObject, Namespace, Pod } from '../model/resources.js';
import { AddressPool, safeSuffix } from './hash.js';

export function finishCluster(cluster: Cluster): void {
  dropReplacedDuplicates(cluster);
  addImpliedNamespaces(cluster);
  cluster.pods = podsOf(cluster);
  assignClusterIPs(cluster);
}

// The Pods of the last list of workloads finished. A workload is not changed once read, so
// the same workloads in the same order have the same Pods: an edit that leaves every
// workload as it was (the incremental loader reuses their objects) keeps its Pods.
let lastPods: { workloads: Cluster['workloads']; pods: Pod[] } | undefined;

function podsOf(cluster: Cluster): Pod[] {
  if (lastPods && sameObjects(lastPods.workloads, cluster.workloads)) return lastPods.pods;
  const pods = simulatePods(cluster);
  lastPods = { workloads: cluster.workloads.slice(), pods };
  return pods;
}

function dropReplacedDuplicates(cluster: Cluster): void {
  const latest = new Map<string, number>();
  for (const o of cluster.objects) latest.set(o.key, o.order);
  if (latest.size === cluster.objects.length) return;
  const keep = <T extends K8sObject>(list: T[]) => list.filter((o) => latest.get(o.key) === o.order);
  cluster.objects = keep(cluster.objects);
  cluster.workloads = keep(cluster.workloads);
  cluster.endpointSlices = keep(cluster.endpointSlices);
  cluster.ingresses = keep(cluster.ingresses);
  cluster.ingressClasses = keep(cluster.ingressClasses);
  const g = cluster.gatewayApi as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(g)) {
    if (Array.isArray(v) && v.every((x) => x && typeof x === 'object' && 'key' in x && 'order' in x)) g[k] = keep(v as K8sObject[]);
  }
}

function addImpliedNamespaces(cluster: Cluster): void {
  const implied = new Set<string>(['default']);
  for (const o of cluster.objects) if (o.meta.namespace) implied.add(o.meta.namespace);
  for (const name of implied) {
    if (cluster.namespaces.has(name)) continue;
    const ns: Namespace = {
      key: `Namespace ${name}` as Namespace['key'],
      kind: 'Namespace',
      apiVersion: 'v1',
      meta: { name, namespace: '', labels: { 'kubernetes.io/metadata.name': name }, annotations: {} },
      source: { file: '', startLine: 0, startCol: 0, endLine: 0, endCol: 0 },
      pos: undefined,
      lines: undefined,
      file: '',
      document: 0,
      order: -1,
      raw: {},
      implicit: true,
    };
    cluster.namespaces.set(name, ns);
  }
  // Every namespace carries the label the API server sets on it (used by namespace selectors).
  for (const [name, ns] of cluster.namespaces) {
    if (ns.meta.labels['kubernetes.io/metadata.name'] === undefined) {
      ns.meta = { ...ns.meta, labels: { ...ns.meta.labels, 'kubernetes.io/metadata.name': name } };
    }
  }
}

/** Pods for each workload, named the way their controllers name them. */
export function simulatePods(cluster: Cluster): Pod[] {
  const pods: Pod[] = [];
  const pool = new AddressPool('10.244.');
  for (const w of cluster.workloads) {
    if (w.kind === 'Pod') {
      const ip = (w.raw.status as { podIP?: string } | undefined)?.podIP;
      if (typeof ip === 'string') pool.reserve(ip);
    }
  }
  for (const w of cluster.workloads) {
    const { name, namespace } = w.meta;
    const seed = `${namespace}/${name}`;
    const names: string[] = [];
    if (w.kind === 'Pod') names.push(name);
    else if (w.kind === 'StatefulSet') for (let i = 0; i < w.replicas; i++) names.push(`${name}-${i}`);
    else {
      // Deployments add the ReplicaSet's pod-template-hash; the others only a random suffix.
      const prefix = w.kind === 'Deployment' ? `${name}-${safeSuffix(`${seed}#template`, 10)}` : name;
      for (let i = 0; i < w.replicas; i++) names.push(`${prefix}-${safeSuffix(`${seed}#${i}`, 5)}`);
    }
    const status = (w.raw.status ?? {}) as { podIP?: string; conditions?: Array<{ type?: string; status?: string }> };
    for (const podName of names) {
      const declaredIP = w.kind === 'Pod' && typeof status.podIP === 'string' ? status.podIP : undefined;
      const readyCond = w.kind === 'Pod' ? status.conditions?.find((c) => c.type === 'Ready') : undefined;
      pods.push({
        name: podName,
        namespace,
        labels: w.podLabels,
        ip: declaredIP ?? pool.take(`${namespace}/${podName}`),
        ports: w.ports,
        ready: readyCond ? readyCond.status === 'True' : true,
        owner: { kind: w.kind, namespace, name },
        simulated: w.kind !== 'Pod',
        source: w.source,
      });
    }
  }
  return pods;
}

/** the Services given addresses last: the same Services in the same order already have theirs */
let lastServices: Array<Cluster['services'] extends Map<string, infer S> ? S : never> | undefined;

function assignClusterIPs(cluster: Cluster): void {
  const services = [...cluster.services.values()];
  if (sameObjects(lastServices, services)) return;
  lastServices = services;
  // 10.96.0.1 is the kubernetes Service and 10.96.0.10 cluster DNS in a default cluster.
  const pool = new AddressPool('10.96.', [1, 10]);
  // Decided from what was written (clusterIPSimulated), so finishing again, on Services an
  // incremental load reuses, gives the same addresses as a fresh load.
  for (const s of services) if (s.clusterIP && !s.clusterIPSimulated) pool.reserve(s.clusterIP);
  for (const s of services) {
    if (s.clusterIPSimulated && !s.headless && s.type !== 'ExternalName') s.clusterIP = pool.take(`${s.meta.namespace}/${s.meta.name}`);
  }
}
