// Property tests: whatever a user pastes or types, the engine answers with
// diagnostics or a RequestError, never an exception, and the same input always
// gives the same trace.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadManifests, RequestError, simulate } from './index';
import { pushAll } from './model/arrays';

const VALID = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, annotations: {nginx.ingress.kubernetes.io/rewrite-target: /$2, nginx.ingress.kubernetes.io/use-regex: "true"}}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
  tls: [{hosts: [a.example.com], secretName: tls}]
  rules:
  - host: "*.example.com"
    http:
      paths:
      - {path: /api(/|$)(.*), pathType: ImplementationSpecific, backend: {service: {name: api, port: {name: http}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {selector: {app: api}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec: {replicas: 2, template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, ports: [{name: http, containerPort: 8080}]}]}}}
`;

const kinds = fc.constantFrom('Ingress', 'Service', 'Deployment', 'IngressClass', 'Pod', 'EndpointSlice', 'Gateway', 'HTTPRoute', 'List', 'Foo');
const apiVersions = fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'extensions/v1beta1', 'gateway.networking.k8s.io/v1', 'discovery.k8s.io/v1', '');
const anyValue = fc.anything({ maxDepth: 4, withNullPrototype: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withObjectString: false });
const object = fc.record({ apiVersion: apiVersions, kind: kinds, metadata: fc.oneof(anyValue, fc.record({ name: fc.string(), namespace: fc.string() })), spec: anyValue, items: fc.option(fc.array(anyValue, { maxLength: 3 })) });

function mutate(text: string, at: number, insert: string): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + (at % 3));
}

const CONTROLLERS = ['spec', 'ingress-nginx', 'traefik', 'haproxy'] as const;

describe('the engine never crashes on bad input', () => {
  it('loads random objects of known kinds with arbitrary fields', () => {
    fc.assert(
      fc.property(fc.array(object, { maxLength: 4 }), (objs) => {
        let text: string;
        try {
          text = objs.map((o) => dump(o, { skipInvalid: true } as never)).join('---\n');
        } catch {
          return;
        }
        const c = loadManifests(text);
        for (const controller of CONTROLLERS) simulate(c, { url: 'http://a.example.com/api/x', controller });
      }),
      { numRuns: 300 },
    );
  });

  it('runs Traefik middlewares of any shape, with any path and headers', () => {
    const types = fc.constantFrom('stripPrefix', 'stripPrefixRegex', 'addPrefix', 'replacePath', 'replacePathRegex', 'redirectScheme', 'redirectRegex', 'headers', 'basicAuth', 'chain', 'retry', 'bogus');
    const middleware = fc.record({ name: fc.constantFrom('a', 'b', 'c'), type: types, config: anyValue });
    fc.assert(
      fc.property(fc.array(middleware, { maxLength: 3 }), fc.array(fc.constantFrom('default-a@kubernetescrd', 'default-b@kubernetescrd', 'default-c@kubernetescrd', 'x@file', 'plain', ''), { maxLength: 3 }), fc.string({ maxLength: 12 }), (mws, refs, path) => {
        const docs = mws.map((m) => ({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: m.name, namespace: 'default' }, spec: { [m.type]: m.config } }));
        const ingress = {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: 'web', annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': refs.join(',') } },
          spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] } }] },
        };
        let text: string;
        try {
          text = [ingress, ...docs].map((o) => dump(o, { skipInvalid: true } as never)).join('---\n') + `---\n${VALID.split('---\n').slice(1).join('---\n')}`;
        } catch {
          return;
        }
        const c = loadManifests(text);
        try {
          simulate(c, { url: `http://a.example.com/${encodeURIComponent(path)}`, controller: 'traefik', headers: { authorization: path } });
        } catch (err) {
          expect(err).toBeInstanceOf(RequestError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loads random edits of a valid manifest', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 6 }), (at, insert) => {
        const c = loadManifests(mutate(VALID, at, insert));
        for (const controller of CONTROLLERS) simulate(c, { url: 'http://a.example.com/api/x', controller });
      }),
      { numRuns: 300 },
    );
  });

  it('answers any request string with a trace or a RequestError', () => {
    const c = loadManifests(VALID);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), fc.string(), (url, method) => {
        try {
          simulate(c, { url, method, headers: { 'x-test': url } });
        } catch (err) {
          expect(err).toBeInstanceOf(RequestError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same trace for the same input', () => {
    const a = simulate(loadManifests(VALID), { url: 'http://a.example.com/api/users', controller: 'ingress-nginx' });
    const b = simulate(loadManifests(VALID), { url: 'http://a.example.com/api/users', controller: 'ingress-nginx' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('a dump with a very large number of broken documents', () => {
  it('reads every document and reports each broken one (160,000 errors overflowed the stack of a spread)', () => {
    const text = Array.from({ length: 160_000 }, (_, i) => `key${i}: [`).join('\n---\n');
    const cluster = loadManifests([{ file: 'dump.yaml', text }]);
    expect(cluster.diagnostics).toHaveLength(160_000);
    expect(cluster.diagnostics[159_999].source?.startLine).toBe(2 * 159_999 + 1);
  }, 60_000);
});

describe('outcome shape', () => {
  it('always carries response headers and mirrors as lists', () => {
    const c = loadManifests(VALID);
    for (const controller of CONTROLLERS) {
      const t = simulate(c, { url: 'http://a.example.com/', controller });
      expect(Array.isArray(t.outcome.responseHeaders)).toBe(true);
      expect(Array.isArray(t.outcome.mirroredTo)).toBe(true);
    }
  });
});

describe('pushAll', () => {
  it('appends arrays and iterables in order, past what a spread of arguments can pass', () => {
    expect(pushAll([1], [2, 3])).toEqual([1, 2, 3]);
    expect(pushAll(['a'], new Set(['b', 'c']).values())).toEqual(['a', 'b', 'c']);
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    const list = pushAll([-1], many);
    expect(list).toHaveLength(300_001);
    expect(list[300_000]).toBe(299_999);
  });
});
