import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, type WorkerReply } from './protocol';
import { EngineSession, parseScenario } from './session';

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: cart-0, namespace: shop, labels: {app: cart}}
spec:
  containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`;

const ok = (r: WorkerReply): Extract<WorkerReply, { ok: true }> => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r;
};

describe('EngineSession', () => {
  it('traces the request bar and reports what it read', () => {
    const s = new EngineSession();
    const r = ok(s.handle({ requestId: 7, type: 'trace', manifests: { version: 1, text: YAML }, mode: 'ingress', form: { ...DEFAULT_FORM, url: 'http://shop.example.test/cart/1' } }));
    expect(r.requestId).toBe(7);
    if (r.type !== 'trace') throw new Error('wrong type');
    expect(r.result.trace?.outcome.backend).toMatchObject({ namespace: 'shop', service: 'cart', port: 80 });
    expect(r.result.load.kinds).toMatchObject({ Ingress: 1, Service: 1, Pod: 1 });
    expect(r.result.load.ignored.map((i) => i.kind)).toEqual(['Widget']);
    // Plain data only: it survives structured cloning unchanged.
    expect(structuredClone(r)).toEqual(r);
  });

  it('says when the request cannot be sent, instead of failing', () => {
    const s = new EngineSession();
    const r = ok(s.handle({ requestId: 1, type: 'trace', manifests: { version: 1, text: YAML }, mode: 'auto', form: { ...DEFAULT_FORM, url: 'shop.example.test' } }));
    expect(r.type === 'trace' && r.result.requestError).toMatch(/not a URL/);
    const h = ok(s.handle({ requestId: 2, type: 'trace', manifests: { version: 1 }, mode: 'auto', form: { ...DEFAULT_FORM, headers: 'no colon here' } }));
    expect(h.type === 'trace' && h.result.requestError).toMatch(/not "Name: value"/);
  });

  it('asks for the manifests text when it does not hold that version', () => {
    const s = new EngineSession();
    const r = s.handle({ requestId: 1, type: 'trace', manifests: { version: 3 }, mode: 'auto', form: DEFAULT_FORM });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('NeedManifests');
  });

  it('keeps the bad YAML diagnostics with their line', () => {
    const s = new EngineSession();
    const r = ok(s.handle({ requestId: 1, type: 'trace', manifests: { version: 1, text: 'kind: Service\nmetadata: [unclosed\n' }, mode: 'auto', form: DEFAULT_FORM }));
    if (r.type !== 'trace') throw new Error('wrong type');
    const d = r.result.load.diagnostics.find((x) => x.code === 'YamlSyntax');
    expect(d?.source?.startLine).toBeGreaterThan(0);
  });

  it('checks saved requests against their expectations', () => {
    const s = new EngineSession();
    const r = ok(
      s.handle({
        requestId: 1,
        type: 'cases',
        manifests: { version: 1, text: YAML },
        mode: 'ingress',
        cases: [
          { id: 'a', form: { ...DEFAULT_FORM, url: 'http://shop.example.test/cart' }, expect: { backend: { service: 'cart' } } },
          { id: 'b', form: { ...DEFAULT_FORM, url: 'http://shop.example.test/other' }, expect: { backend: { service: 'cart' } } },
          { id: 'c', form: { ...DEFAULT_FORM, url: 'http://shop.example.test/other' } },
          { id: 'd', form: DEFAULT_FORM, expect: { status: 404 }, problems: ['unknown expectation "x"'] },
        ],
      }),
    );
    if (r.type !== 'cases') throw new Error('wrong type');
    expect(r.result.results.map((x) => x.status)).toEqual(['pass', 'fail', 'none', 'fail']);
    expect(r.result.results[1].failures[0]).toMatch(/^backend: expected/);
    expect(r.result.results[2].summary).toMatch(/^404/);
    expect(r.result.results[3].failures).toEqual(['unknown expectation "x"']);
  });

  it('answers an unknown job with a plain error', () => {
    const r = new EngineSession().handle({ requestId: 5, type: 'nope' } as never);
    expect(r).toMatchObject({ requestId: 5, ok: false, error: { code: 'BadMessage' } });
  });

  it('leaves the analyses to the analysis worker', () => {
    const r = new EngineSession().handle({ requestId: 6, type: 'lint', manifests: { version: 1, text: YAML }, controller: 'spec' });
    expect(r).toMatchObject({ requestId: 6, ok: false, error: { code: 'BadMessage' } });
  });
});

describe('parseScenario', () => {
  it('reads a routing test file with its cases, expectations and description', () => {
    const text = `name: Demo
description: what it shows
mode: ingress
manifests: |
${YAML.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')}
cases:
- name: cart
  request:
    url: http://shop.example.test/cart
    controller: traefik
    headers: {X-A: "1", X-B: [x, y]}
  expect:
    backend: {service: cart, port: 80}
`;
    const r = parseScenario({ type: 'parseScenario', file: 'demo.yaml', text });
    expect(r.kind).toBe('test-file');
    expect(r.scenario).toMatchObject({ name: 'Demo', description: 'what it shows', mode: 'ingress', manifests: YAML });
    expect(r.scenario.requests[0]).toEqual({
      id: 'c1',
      name: 'cart',
      form: { method: 'GET', url: 'http://shop.example.test/cart', headers: 'X-A: 1\nX-B: x\nX-B: y', controller: 'traefik', gateway: '', listener: '' },
      expect: { backend: { service: 'cart', port: 80 } },
    });
  });

  it('takes anything else as plain manifests, bad YAML included', () => {
    expect(parseScenario({ type: 'parseScenario', file: 'shop.yaml', text: YAML })).toMatchObject({ kind: 'manifests', scenario: { name: 'shop', mode: 'auto', manifests: YAML } });
    const bad = 'kind: [oops\n';
    expect(parseScenario({ type: 'parseScenario', file: 'x.yml', text: bad }).scenario.manifests).toBe(bad);
  });
});
