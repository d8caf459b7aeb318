import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadManifests } from './manifests.js';
import { createIncrementalLoader } from './incremental.js';
import { simulate } from '../simulate.js';
import type { Cluster } from '../model/cluster.js';

const BASE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{port: 80, targetPort: http}]
---
# a comment between documents
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]
--- 
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  ports: [{port: 81}]
...
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`;

/** What a load produced, in plain data (no caches, no class instances). */
function view(c: Cluster) {
  return {
    files: c.files,
    objects: c.objects.map((o) => ({ key: o.key, kind: o.kind, source: o.source, document: o.document, order: o.order, raw: o.raw })),
    diagnostics: c.diagnostics,
    ignored: c.ignored,
    pods: c.pods.map((p) => p.name),
    traces: ['http://shop.example.test/cart/1', 'http://shop.example.test/', 'http://cart.shop.svc.cluster.local/'].map((url) => JSON.stringify(simulate(c, { url }))),
    // ingress-nginx reads the annotations once per Ingress and points its rewrite step at one
    nginx: JSON.stringify(simulate(c, { url: 'http://shop.example.test/cart/1', controller: 'ingress-nginx' })),
  };
}

const full = (text: string) => view(loadManifests([{ file: 'editor', text }]));

// Edits a user makes: insert or delete lines and characters, break the YAML, add documents.
const edit = fc.tuple(
  fc.nat(),
  fc.constantFrom('', '\n', '  ', 'x', ':', '---\n', '- a\n', '  bad: indentation: here\n', 'kind: Service\nmetadata: {name: extra}\n', '\t', '#', '"', '{', '...\n'),
  fc.nat({ max: 12 }),
);

describe('createIncrementalLoader', () => {
  it('reads the text as loadManifests does', () => {
    expect(view(createIncrementalLoader('editor').load(BASE))).toEqual(full(BASE));
  });

  it('stays the same as a full load through any sequence of edits, parsing only what changed', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const loader = createIncrementalLoader('editor');
        let text = BASE;
        loader.load(text);
        for (const [at, insert, remove] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
          expect(view(loader.load(text))).toEqual(full(text));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('parses only the document that changed', () => {
    const loader = createIncrementalLoader('editor');
    loader.load(BASE);
    expect(loader.lastParsed).toBe(5);
    const edited = BASE.replace('replicas: 2', 'replicas: 3');
    const c = loader.load(edited);
    expect(loader.lastParsed).toBe(1);
    expect(c.pods.filter((p) => p.name.startsWith('cart')).length).toBe(3);
    const line = c.objects.find((o) => o.kind === 'Deployment')!.source.startLine;
    // A line added at the top moves every document down: nothing is parsed again, lines follow,
    // and only the two definitions of Service shop/cart are read again (each one's duplicate
    // warning depends on the other, so they are never kept).
    const moved = loader.load(`# header\n${edited}`);
    expect(loader.lastParsed).toBe(1);
    expect(loader.lastRead).toBe(2);
    expect(moved.objects.find((o) => o.kind === 'Deployment')!.source.startLine).toBe(line + 1);
  });

  it('reads again only the document that changed, when the others keep their lines', () => {
    const loader = createIncrementalLoader('editor');
    loader.load(BASE);
    expect(loader.lastRead).toBe(5);
    const c = loader.load(BASE.replace('replicas: 2', 'replicas: 4'));
    // the Deployment, and the second cart Service: it redefines the first, so it is read every time
    expect(loader.lastRead).toBe(2);
    expect(view(c)).toEqual(full(BASE.replace('replicas: 2', 'replicas: 4')));
    expect(c.pods.filter((p) => p.name.startsWith('cart')).length).toBe(4);
  });

  it('follows an edit of an object a reused object depends on (the Service an HTTPRoute sends to)', () => {
    const text = (port: number) => `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: gc}
spec: {controllerName: example.com/gc}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: gc
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: api, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  ports: [{port: ${port}}]
`;
    const loader = createIncrementalLoader('editor');
    const trace = (c: Cluster) => simulate(c, { url: 'http://app.example.test/x' }, { mode: 'gateway' });
    const before = trace(loader.load(text(80)));
    const after = trace(loader.load(text(81)));
    expect(loader.lastRead).toBe(1);
    expect(JSON.stringify(after)).toBe(JSON.stringify(trace(loadManifests([{ file: 'editor', text: text(81) }]))));
    expect(before.outcome.status).not.toBe(after.outcome.status);
  });
});
