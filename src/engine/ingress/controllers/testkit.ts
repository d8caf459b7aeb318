// Builders for the Ingress controller unit tests (imported by *.test.ts only).
import { loadManifests } from '../../parse/manifests.js';
import type { Cluster } from '../../model/cluster.js';
import type { Trace } from '../../trace/types.js';

export interface PathSpec {
  path: string;
  type?: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  svc: string;
}

export interface IngressSpec {
  name: string;
  host?: string;
  paths?: PathSpec[];
  annotations?: Record<string, string>;
  created?: string;
  /** true: TLS for the rule's host; a list: TLS for those hosts */
  tls?: boolean | string[];
  defaultBackend?: string;
}

export interface IngressDefaults {
  /** pathType of paths that do not give one */
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  /** secretName of TLS entries, or none */
  tlsSecret?: string;
}

export function ingressYaml(i: IngressSpec, defaults: IngressDefaults = { pathType: 'Prefix', tlsSecret: 'tls' }): string {
  const ann = Object.entries(i.annotations ?? {}).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n');
  const paths = (i.paths ?? []).map((p) => `      - path: ${JSON.stringify(p.path)}\n        pathType: ${p.type ?? defaults.pathType}\n        backend: {service: {name: ${p.svc}, port: {number: 80}}}`).join('\n');
  const tlsHosts = i.tls === true ? [JSON.stringify(i.host)] : Array.isArray(i.tls) ? i.tls : [];
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${i.name}`,
    '  namespace: default',
    ...(i.created ? [`  creationTimestamp: "${i.created}"`] : []),
    ...(ann ? ['  annotations:', ann] : []),
    'spec:',
    ...(i.defaultBackend ? [`  defaultBackend: {service: {name: ${i.defaultBackend}, port: {number: 80}}}`] : []),
    ...(i.tls ? [`  tls: [{hosts: [${tlsHosts.join(', ')}]${defaults.tlsSecret ? `, secretName: ${defaults.tlsSecret}` : ''}}]`] : []),
    ...(i.paths ? ['  rules:', `  - ${i.host ? `host: ${JSON.stringify(i.host)}\n    ` : ''}http:`, '      paths:', paths] : []),
  ].join('\n');
}

/** A Service (port 80 -> 8080) with one ready Pod, or without Pods when `empty`. */
export function serviceYaml(name: string, empty = false): string {
  const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: default}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80, targetPort: 8080}]`;
  if (empty) return svc;
  return `${svc}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: default}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}`;
}

/** Ingresses plus Services (those in `empty` without Pods) as one cluster. */
export function ingressCluster(ingresses: IngressSpec[], services: string[], empty: string[] = [], defaults?: IngressDefaults): Cluster {
  const docs = [...ingresses.map((i) => ingressYaml(i, defaults)), ...services.map((s) => serviceYaml(s, empty.includes(s)))];
  return loadManifests(docs.join('\n---\n'));
}

/** The Service a proxied request reached, or the status code. */
export const served = (t: Trace): string | number | undefined => (t.outcome.kind === 'proxied' ? t.outcome.backend?.service : t.outcome.status);
