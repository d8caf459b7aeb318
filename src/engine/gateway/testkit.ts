// Builders for the Gateway API unit tests (imported by *.test.ts only): manifests are
// written as plain objects and serialised as JSON, which is valid YAML.
import { loadManifests } from '../parse/manifests.js';
import type { Cluster } from '../model/cluster.js';
import type { RequestInput } from '../model/request.js';
import { simulate } from '../simulate.js';
import type { Trace, TraceStep } from '../trace/types.js';

export type Obj = Record<string, unknown>;

export const V1 = 'gateway.networking.k8s.io/v1';

export const gatewayClass: Obj = { apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'gc' }, spec: { controllerName: 'example.com/gc' } };

/** A Service on `port` (targetPort 8080) and a Deployment with `replicas` ready Pods behind it. */
export function service(name: string, namespace = 'app', port = 80, replicas = 1): Obj[] {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort: 8080 }] } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] } } },
    },
  ];
}

export function listener(name: string, port: number, protocol: string, extra: Obj = {}): Obj {
  return { name, port, protocol, allowedRoutes: { namespaces: { from: 'All' } }, ...extra };
}

export function gateway(listeners: Obj[], extra: Obj = {}, name = 'gw', namespace = 'app'): Obj {
  return { apiVersion: V1, kind: 'Gateway', metadata: { name, namespace }, spec: { gatewayClassName: 'gc', listeners, ...extra } };
}

export function route(kind: string, name: string, spec: Obj, namespace = 'app', metadata: Obj = {}): Obj {
  return { apiVersion: V1, kind, metadata: { name, namespace, ...metadata }, spec: { parentRefs: [{ name: 'gw', namespace: 'app' }], ...spec } };
}

export function backend(name: string, port = 80, extra: Obj = {}): Obj {
  return { name, port, ...extra };
}

export function cluster(...objs: Array<Obj | Array<Obj | Obj[]>>): Cluster {
  return loadManifests((objs.flat(3) as Obj[]).map((o) => JSON.stringify(o)).join('\n---\n'));
}

/** Traces in gateway mode through Gateway app/gw unless the request says otherwise. */
export function trace(c: Cluster, url: string, extra: Partial<RequestInput> = {}): Trace {
  return simulate(c, { url, gateway: 'app/gw', ...extra }, { mode: 'gateway' });
}

export function step(t: Trace, kind: TraceStep['kind']): TraceStep | undefined {
  return t.steps.find((s) => s.kind === kind);
}

export function routeName(t: Trace): string | undefined {
  return t.outcome.route ? `${t.outcome.route.namespace}/${t.outcome.route.name}` : undefined;
}
