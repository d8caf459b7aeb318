// The cluster RouteLab simulates: every object read from the manifests, the
// Pods simulated from workloads, and the diagnostics met while reading.
import type { Diagnostic } from './diagnostics.js';
import type { GatewayApiModel } from './gateway.js';
import type {
  EndpointSlice,
  Ingress,
  IngressClass,
  K8sObject,
  Namespace,
  Pod,
  Secret,
  Service,
  Workload,
} from './resources.js';
import type { SourceRef } from './source.js';
import type { TraefikMiddleware } from './traefik.js';
import type { EnvoyHttpRouteFilter, EnvoySecurityPolicy } from './envoy.js';
import type { VirtualServer, VirtualServerRoute } from './f5.js';

/** An object of a kind RouteLab does not model: listed, never an error. */
export interface IgnoredObject {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  source: SourceRef;
  why: string;
}

export interface ManifestSource {
  /** file name shown in traces and diagnostics ("editor" in the web app) */
  file: string;
  text: string;
  /** where `text` starts inside `file` when it is embedded (a test file's manifests block) */
  lineOffset?: number;
  colOffset?: number;
}

export interface Cluster {
  files: string[];
  objects: K8sObject[];
  ignored: IgnoredObject[];
  diagnostics: Diagnostic[];
  namespaces: Map<string, Namespace>;
  /** by "namespace/name" */
  services: Map<string, Service>;
  workloads: Workload[];
  pods: Pod[];
  endpointSlices: EndpointSlice[];
  /** by "namespace/name" */
  secrets: Map<string, Secret>;
  ingressClasses: IngressClass[];
  ingresses: Ingress[];
  gatewayApi: GatewayApiModel;
  /** Traefik Middleware objects, in the order read */
  traefikMiddlewares: TraefikMiddleware[];
  /** Envoy Gateway HTTPRouteFilters (applied by the envoy-gateway profile) */
  envoyFilters: EnvoyHttpRouteFilter[];
  /** Envoy Gateway SecurityPolicies (basicAuth applied by the envoy-gateway profile) */
  envoyPolicies: EnvoySecurityPolicy[];
  /** F5 NGINX Ingress Controller VirtualServers and VirtualServerRoutes (k8s.nginx.org/v1) */
  virtualServers: VirtualServer[];
  virtualServerRoutes: VirtualServerRoute[];
  /** lazily built indexes (per controller, per Gateway); keyed by their builder */
  cache: Map<string, unknown>;
}

export function nsName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * The same objects, in the same order. An object is not changed once read, so whatever is
 * made from a list of them (Pods, addresses, a host table) can be kept while this holds.
 */
export function sameObjects<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Memoises an index on the cluster: built once per config, reused by every request. */
export function cached<T>(cluster: Cluster, key: string, build: () => T): T {
  if (cluster.cache.has(key)) return cluster.cache.get(key) as T;
  const value = build();
  cluster.cache.set(key, value);
  return value;
}

/**
 * Memoises a value per object (a rule, a route) or per name already held as a string (a
 * controller, a profile) on the cluster: one map per `kind`, keyed by the object or name
 * itself, so a lookup builds no string key (a key built per lookup is hashed per lookup:
 * 3% of a Gateway trace was listenerIndex's `gateway:index ${key}`).
 */
export function cachedFor<K extends object | string | number, T>(cluster: Cluster, kind: string, of: K, build: () => T): T {
  let map = cluster.cache.get(kind) as Map<K, T> | undefined;
  if (!map) cluster.cache.set(kind, (map = new Map<K, T>()));
  const hit = map.get(of);
  if (hit !== undefined || map.has(of)) return hit as T;
  const value = build();
  map.set(of, value);
  return value;
}
