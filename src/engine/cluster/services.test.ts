// Endpoints as the controllers read them: EndpointSlices labelled kubernetes.io/service-name
// (or core v1 Endpoints) when the manifests give any, Pods from the selector only where none
// is given. Cases from the Kubernetes docs (Services without selectors; EndpointSlice ports
// named as the Service port; a nil ready condition is ready) and Envoy Gateway's translator
// testdata (internal/gatewayapi/testdata: a Service backed by a hand-written slice at 7.7.7.7).
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { simulate } from '../simulate';
import { podsMatching } from './services';
import type { Trace } from '../trace/types';

const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: eg}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: app}
spec:
  gatewayClassName: eg
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: "*.example.test"}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: app}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /metrics}}]
    backendRefs: [{name: api, port: 9090}]
  - backendRefs: [{name: api, port: 80}]
`;
const SERVICE = (selector: string) => `
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: app}
spec:
  ${selector}
  ports: [{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9090, targetPort: 9090}]
`;
const SLICE = (endpoints: string) => `
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: api-abc12, namespace: app, labels: {kubernetes.io/service-name: api}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}, {name: metrics, port: 9091, protocol: TCP}]
endpoints: ${endpoints}
`;
const PODS = `
---
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: app, labels: {app: api}}
spec: {containers: [{name: api, image: api:1, ports: [{containerPort: 8080}]}]}
`;

function run(yaml: string, url = 'http://shop.example.test/'): Trace {
  const c = loadManifests(yaml);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return simulate(c, { url });
}
const pods = (t: Trace) => t.steps.find((s) => s.kind === 'pods');

describe('endpoints from EndpointSlices and Endpoints', () => {
  it('a slice gives a Service whose selector matches no Pod its endpoints (Envoy Gateway testdata: 7.7.7.7)', () => {
    const t = run(GATEWAY + SERVICE('selector: {app: nothing-has-this}') + SLICE('[{addresses: [7.7.7.7]}]'));
    expect(t.outcome.status).toBe(200);
    expect(pods(t)?.facts).toMatchObject({ ip: '7.7.7.7', port: 8080 });
    expect(pods(t)?.summary).toContain('from EndpointSlice api-abc12');
    expect(pods(t)?.summary).toContain('not the Pods the selector would pick');
  });
  it('the slice, not the selected Pods, is the endpoint source when both are given', () => {
    const t = run(GATEWAY + SERVICE('selector: {app: api}') + PODS + SLICE('[{addresses: [10.9.9.9], conditions: {ready: true}}]'));
    expect(pods(t)?.facts).toMatchObject({ ip: '10.9.9.9' });
  });
  it('Pods come from the selector only where no slice is given, and the trace says so', () => {
    const t = run(GATEWAY + SERVICE('selector: {app: api}') + PODS);
    expect(t.outcome.status).toBe(200);
    expect(pods(t)?.summary).toContain('Pods the selector matches; no EndpointSlice is given');
    expect(pods(t)?.facts).toMatchObject({ pod: 'api-0', port: 8080 });
  });
  it('a slice port is the Service port of the same name', () => {
    const t = run(GATEWAY + SERVICE('') + SLICE('[{addresses: [7.7.7.7]}]'), 'http://shop.example.test/metrics');
    // Service port "metrics" (targetPort 9090) is served where the slice's "metrics" port says: 9091.
    expect(pods(t)?.facts).toMatchObject({ ip: '7.7.7.7', port: 9091 });
  });
  it('a slice whose only address is not ready gives 503, naming the slice', () => {
    const t = run(GATEWAY + SERVICE('selector: {app: api}') + PODS + SLICE('[{addresses: [7.7.7.7], conditions: {ready: false}}]'));
    expect(t.outcome.status).toBe(503);
    expect(JSON.stringify(t.steps)).toContain('EndpointSlice api-abc12 lists 1 address(es) for it, none ready');
  });
  it('core v1 Endpoints serve a selector-less Service when no slice is given', () => {
    const endpoints = `
---
apiVersion: v1
kind: Endpoints
metadata: {name: api, namespace: app}
subsets:
- addresses: [{ip: 192.0.2.42}]
  notReadyAddresses: [{ip: 192.0.2.43}]
  ports: [{name: http, port: 8080}]
`;
    const t = run(GATEWAY + SERVICE('') + endpoints);
    expect(t.outcome.status).toBe(200);
    expect(pods(t)?.facts).toMatchObject({ ip: '192.0.2.42', port: 8080 });
    expect(pods(t)?.summary).toMatch(/1 of 2 endpoint\(s\) ready \(from Endpoints api, core v1/);
  });
  it('Ingress backends read slices the same way', () => {
    const ingress = `
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: app}
spec:
  rules:
  - host: shop.example.test
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}]}
`;
    const c = loadManifests(ingress + SERVICE('selector: {app: nothing-has-this}') + SLICE('[{addresses: [7.7.7.7]}]'));
    const t = simulate(c, { url: 'http://shop.example.test/', controller: 'ingress-nginx' }, { mode: 'ingress' });
    expect(t.outcome.status).toBe(200);
    expect(pods(t)?.facts).toMatchObject({ ip: '7.7.7.7', port: 8080 });
  });
});

describe('the Pods a selector matches', () => {
  it('are the Pods of the namespace whose labels hold every key and value, in the cluster’s order, however the labels overlap', () => {
    // Workloads in three namespaces with overlapping labels; every selector asked is
    // compared with a plain scan of every Pod.
    const docs: string[] = [];
    const values = ['a', 'b', 'c'];
    for (let i = 0; i < 60; i++) {
      const labels = { app: values[i % 3], tier: values[(i >> 1) % 3], ...(i % 4 === 0 ? { canary: 'yes' } : {}), ...(i % 7 === 0 ? { constructor: 'x' } : {}) };
      docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w${i}, namespace: ns${i % 3}}\nspec:\n  replicas: ${1 + (i % 2)}\n  selector: {matchLabels: ${JSON.stringify(labels)}}\n  template:\n    metadata: {labels: ${JSON.stringify(labels)}}\n    spec: {containers: [{name: c, image: x}]}`);
    }
    const cluster = loadManifests([{ file: 'pods.yaml', text: docs.join('\n---\n') }]);
    expect(cluster.pods.length).toBe(90);
    const selectors: Array<Record<string, string>> = [{}, { constructor: 'x' }, { toString: 'a' }, { app: 'none' }];
    for (const app of values) {
      selectors.push({ app }, { app, canary: 'yes' }, { canary: 'yes', app });
      for (const tier of values) selectors.push({ app, tier }, { tier, app, canary: 'yes' });
    }
    let matched = 0;
    for (const ns of ['ns0', 'ns1', 'ns2', 'nowhere']) {
      for (const sel of selectors) {
        const plain = cluster.pods.filter((p) => p.namespace === ns && Object.entries(sel).every(([k, v]) => p.labels[k] === v));
        expect(podsMatching(cluster, ns, sel)).toEqual(plain);
        matched += plain.length;
      }
    }
    expect(matched).toBeGreaterThan(90);
  });
});
