// Typed Kubernetes objects as RouteLab reads them. Only the fields that affect
// routing are typed; `raw` keeps the whole object for display.
import type { LineIndex, PosNode, SourceRef } from './source.js';

/** "Kind namespace/name" (cluster-scoped kinds: "Kind name"). Distinct type so it is never mixed with a hostname. */
export type ResourceKey = string & { readonly __brand: 'ResourceKey' };

export function resourceKey(kind: string, namespace: string | undefined, name: string): ResourceKey {
  return (namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`) as ResourceKey;
}

/** How a trace or a diagnostic names an object. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * Older first: creationTimestamp (an object without one counts as created now, newer
 * than any stamped object), then "namespace/name", then the order it was read. Ingress
 * conflicts ("the oldest rule wins", ingress-nginx) and Gateway API precedence ("the
 * oldest Route based on creation timestamp", then "alphabetical order by
 * {namespace}/{name}", httproute_types.go) both break ties this way.
 */
export function compareObjectAge(
  a: { meta: { creationTimestamp?: string; namespace: string; name: string }; order: number },
  b: { meta: { creationTimestamp?: string; namespace: string; name: string }; order: number },
): number {
  const ta = a.meta.creationTimestamp ?? '';
  const tb = b.meta.creationTimestamp ?? '';
  if (ta !== tb) {
    if (!ta) return 1;
    if (!tb) return -1;
    return ta < tb ? -1 : 1;
  }
  const na = `${a.meta.namespace}/${a.meta.name}`;
  const nb = `${b.meta.namespace}/${b.meta.name}`;
  if (na !== nb) return na < nb ? -1 : 1;
  return a.order - b.order;
}

export function formatObjectRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** RFC 3339 text as written; undefined when absent */
  creationTimestamp?: string;
  uid?: string;
}

/** Common envelope of every object the engine recognised. */
export interface K8sObject {
  key: ResourceKey;
  kind: string;
  apiVersion: string;
  meta: ObjectMeta;
  /** where the whole object is written */
  source: SourceRef;
  /** positions of every field, for ranges of sub-objects (rules, paths, listeners); see refAt() */
  pos: PosNode | undefined;
  /** line index of the object's file, to turn positions into SourceRefs */
  lines: LineIndex | undefined;
  file: string;
  /** 1-based document index in its file */
  document: number;
  /** order in which objects were read (stable tie-breaker) */
  order: number;
  raw: Record<string, unknown>;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>;
}

export interface Namespace extends K8sObject {
  kind: 'Namespace';
  /** declared in the manifests, or implied because an object lives in it */
  implicit: boolean;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: string;
}

export interface ServicePort {
  name?: string;
  port: number;
  protocol: string;
  /** number, name of a container port, or undefined (defaults to `port`) */
  targetPort?: number | string;
  appProtocol?: string;
  nodePort?: number;
  source: SourceRef;
}

export interface Service extends K8sObject {
  kind: 'Service';
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;
  /** null selector: endpoints come from EndpointSlices only */
  selector: Record<string, string> | null;
  ports: ServicePort[];
  clusterIP: string;
  /** true when clusterIP was simulated rather than written */
  clusterIPSimulated: boolean;
  headless: boolean;
  externalName?: string;
  loadBalancerIPs: string[];
}

/** A Pod, written in the manifests or simulated from a workload's template. */
export interface Pod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ip: string;
  ports: ContainerPort[];
  ready: boolean;
  /** the object that produced it: the Pod itself, or its Deployment/StatefulSet/... */
  owner: ObjectRef;
  simulated: boolean;
  source: SourceRef;
}

export interface Workload extends K8sObject {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'ReplicationController' | 'Pod' | 'Job';
  replicas: number;
  podLabels: Record<string, string>;
  ports: ContainerPort[];
}

/**
 * An EndpointSlice (discovery.k8s.io/v1), or one subset of a core v1 Endpoints object read
 * into the same shape (its name is the Service's name; each subset has its own ports).
 */
export interface EndpointSlice extends K8sObject {
  kind: 'EndpointSlice' | 'Endpoints';
  serviceName: string;
  addressType: string;
  endpoints: Array<{ addresses: string[]; ready: boolean; targetPod?: string }>;
  /** empty: the slice defines no ports (Kubernetes: "there are no defined ports") */
  ports: Array<{ name?: string; port: number; protocol: string }>;
}

export interface Secret extends K8sObject {
  kind: 'Secret';
  type: string;
}

// ---------------------------------------------------------------- Ingress

export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** spec.rules[].http.paths[].backend and spec.defaultBackend */
export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind: string; name: string };
  source: SourceRef;
}

export interface IngressPath {
  /** "Ingress ns/name rules[0].paths[1]"; stable id for coverage and the UI */
  id: string;
  path: string;
  /** pathType as written; missing is an error in networking.k8s.io/v1, ImplementationSpecific in v1beta1 */
  pathType: IngressPathType | string;
  pathTypeDefaulted: boolean;
  backend: IngressBackend;
  ruleIndex: number;
  pathIndex: number;
  source: SourceRef;
}

export interface IngressRule {
  /** undefined: the rule applies to every host */
  host?: string;
  paths: IngressPath[];
  index: number;
  source: SourceRef;
}

export interface IngressTLS {
  hosts: string[];
  secretName?: string;
  source: SourceRef;
}

export interface Ingress extends K8sObject {
  kind: 'Ingress';
  ingressClassName?: string;
  /** the deprecated kubernetes.io/ingress.class annotation */
  legacyClass?: string;
  defaultBackend?: IngressBackend & { id: string };
  rules: IngressRule[];
  tls: IngressTLS[];
  /** status.loadBalancer.ingress[].ip / hostname */
  statusAddresses: string[];
  deprecatedApiVersion: boolean;
}

export interface IngressClass extends K8sObject {
  kind: 'IngressClass';
  controller: string;
  isDefault: boolean;
}
