// The analysis jobs as the page sends them: plain data in, plain data out (no traces),
// the engine's decisions passed through unchanged.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, type ResultOf, type WorkerReply, type WorkerRequest } from './protocol';
import { AnalysisSession } from './analysis';

const FOO = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: foo, namespace: demo}
spec:
  rules:
  - host: foo.example.test
    http:
      paths:
      - path: /foo
        pathType: Prefix
        backend:
          service: {name: foo, port: {number: 80}}
      - path: /missing
        pathType: Prefix
        backend:
          service: {name: nowhere, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: foo, namespace: demo}
spec:
  selector: {app: foo}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: foo-0, namespace: demo, labels: {app: foo}}
spec:
  containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
`;

function run<K extends keyof ResultOf>(s: AnalysisSession, msg: Extract<WorkerRequest, { type: K }>): ResultOf[K] {
  const r: WorkerReply = s.handle(msg);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  if (r.type !== msg.type) throw new Error(`wrong reply type ${r.type}`);
  // Plain data only: it survives structured cloning unchanged.
  expect(structuredClone(r)).toEqual(r);
  return r.result as ResultOf[K];
}

describe('analysis jobs', () => {
  it('lint: problems with their lines, load diagnostics marked as such', () => {
    const s = new AnalysisSession();
    const text = `${FOO}---\napiVersion: v1\nkind: Service\nmetadata: {name: foo, namespace: demo}\nspec:\n  selector: {app: foo}\n  ports: [{port: 80, targetPort: 8080}]\n`;
    const r = run(s, { requestId: 1, type: 'lint', manifests: { version: 4, text }, controller: 'traefik' });
    expect(r).toMatchObject({ version: 4, controller: 'traefik' });
    const missing = r.problems.find((p) => p.code === 'MissingService');
    expect(missing).toMatchObject({ severity: 'error', object: 'Ingress demo/foo', fromLoad: false, source: { file: 'editor', startLine: 15 } }); // the backend of /missing
    expect(missing?.fix).toMatch(/create Service demo\/nowhere/);
    const dup = r.problems.find((p) => p.code === 'DuplicateObject');
    expect(dup?.fromLoad).toBe(true);
    expect(r.total).toBe(r.problems.length);
  });

  it('compare: the generated set under every controller, without traces', () => {
    const s = new AnalysisSession();
    const r = run(s, { requestId: 1, type: 'compare', manifests: { version: 1, text: FOO } });
    expect(r.kind).toBe('controllers');
    expect(r.subjects).toEqual(['spec', 'ingress-nginx', 'traefik', 'haproxy', 'f5-nginx', 'traefik-nginx']);
    expect(r.ingresses).toBe(1);
    const foox = r.rows.find((row) => row.request.url === 'http://foo.example.test/foox');
    expect(foox?.differs).toBe(true);
    expect(foox?.request.why).toMatch(/more characters/);
    const traefik = foox?.results.find((x) => x.subject === 'traefik');
    expect(traefik).toMatchObject({ rule: 'Ingress demo/foo rules[0].paths[0]' });
    expect(traefik?.outcome).toMatch(/^proxied to demo\/foo:80/);
    expect(foox?.results.find((x) => x.subject === 'spec')?.rule).toBe('(no rule)');
    expect(Object.keys(traefik ?? {}).sort()).toEqual(['key', 'outcome', 'rule', 'subject']);
    expect(r.disagreements).toBe(r.rows.filter((x) => x.differs).length);
  });

  it("compareRequest: the request bar's request under every controller, or why it cannot be sent", () => {
    const s = new AnalysisSession();
    const r = run(s, { requestId: 1, type: 'compareRequest', manifests: { version: 1, text: FOO }, form: { ...DEFAULT_FORM, url: 'http://foo.example.test/foobar', controller: 'haproxy' } });
    expect(r.row?.differs).toBe(true);
    expect(r.row?.results.map((x) => x.subject)).toEqual(['spec', 'ingress-nginx', 'traefik', 'haproxy', 'f5-nginx', 'traefik-nginx']);
    const bad = run(s, { requestId: 2, type: 'compareRequest', manifests: { version: 1 }, form: { ...DEFAULT_FORM, url: 'not a url' } });
    expect(bad.row).toBeUndefined();
    expect(bad.requestError).toMatch(/URL/);
  });

  it('convert: Gateway API YAML, declared deviations and the proof', () => {
    const s = new AnalysisSession();
    const r = run(s, { requestId: 1, type: 'convert', manifests: { version: 1, text: FOO } });
    expect(r.ingresses).toBe(1);
    expect(r.controller).toBe(r.inferred);
    expect(r.yaml).toContain('kind: HTTPRoute');
    expect(r.proof?.requests).toBeGreaterThan(0);
    expect(r.proof?.undeclared).toBe(r.proof?.differences.filter((d) => !d.declared).length);
    const nginx = run(s, { requestId: 2, type: 'convert', manifests: { version: 1 }, controller: 'traefik' });
    expect(nginx.controller).toBe('traefik');
    const none = run(s, { requestId: 3, type: 'convert', manifests: { version: 2, text: 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\n' } });
    expect(none).toMatchObject({ ingresses: 0, yaml: '' });
    expect(none.proof).toBeUndefined();
  });

  it('convert with a keep target: the Ingresses kept, the controller swapped, every difference with its cause', () => {
    const s = new AnalysisSession();
    const r = run(s, { requestId: 1, type: 'convert', manifests: { version: 1, text: FOO }, controller: 'ingress-nginx', target: 'keep:f5-nginx' });
    expect(r.yaml).toBe('');
    expect(r.swap?.to).toBe('f5-nginx');
    // F5 writes Prefix /foo as a plain NGINX prefix: /foox reaches foo there, not on ingress-nginx.
    const foox = r.swap?.differences.find((d) => d.request.url === 'http://foo.example.test/foox');
    expect(foox?.after.outcome).toMatch(/proxied to demo\/foo/);
    expect(r.swap?.differences.every((d) => d.cause)).toBe(true);
    const v = run(s, { requestId: 2, type: 'verify', manifests: { version: 1 }, controller: 'ingress-nginx', target: 'keep:f5-nginx', address: '192.0.2.10' });
    expect(v.script).toContain('the same Ingresses on f5-nginx');
    expect(v.known).toBeGreaterThan(0);
  });

  it('diff: requests that route differently from the baseline, with both sides', () => {
    const s = new AnalysisSession();
    const after = FOO.replace('path: /foo\n', 'path: /bar\n');
    const r = run(s, { requestId: 1, type: 'diff', manifests: { version: 2, text: after }, baseline: { id: 1, text: FOO }, mode: 'auto', controller: 'spec' });
    expect(r.baselineId).toBe(1);
    const foo = r.differences.find((d) => d.request.url === 'http://foo.example.test/foo');
    expect(foo?.before.rule).toBe('Ingress demo/foo rules[0].paths[0]');
    expect(foo?.after.outcome).toMatch(/^404/);
    expect(r.differencesTotal).toBe(r.differences.length);
    const same = run(s, { requestId: 2, type: 'diff', manifests: { version: 3, text: FOO }, baseline: { id: 1, text: FOO }, mode: 'auto', controller: 'spec' });
    expect(same.differences).toEqual([]);
    expect(same.requests).toBeGreaterThan(0);
  });

  it('split: a seeded run over the backends the trace returned', () => {
    const s = new AnalysisSession();
    const backends = [
      { namespace: 'shop', service: 'v1', port: 80, weight: 90, share: 0.9 },
      { namespace: 'shop', service: 'v2', port: 80, weight: 10, share: 0.1 },
    ];
    const a = run(s, { requestId: 1, type: 'split', backends, runs: 1000, seed: 1 });
    const b = run(s, { requestId: 2, type: 'split', backends, runs: 1000, seed: 1 });
    expect(a).toEqual(b);
    expect(a.rows.map((x) => x.count).reduce((x, y) => x + y, 0)).toBe(1000);
    expect(a.rows[0].count).toBeGreaterThan(850);
    expect(run(s, { requestId: 3, type: 'split', backends, runs: 5e9, seed: 1 }).runs).toBe(1_000_000);
  });

  it('verify: the cutover script for the generated set, the saved requests, or an access log; a bad address is said, not thrown', () => {
    const s = new AnalysisSession();
    const manifests = { version: 7, text: FOO };
    const checks = (script?: string) => (script ?? '').split('\n').filter((l) => l.startsWith('check ')).map((l) => l.split(' ')[2]);
    const generated = run(s, { requestId: 1, type: 'verify', manifests, address: '192.0.2.10', target: 'envoy-gateway' });
    expect(checks(generated.script).length).toBeGreaterThan(2);
    const saved = run(s, { requestId: 2, type: 'verify', manifests, address: '192.0.2.10', requestsFrom: 'saved', saved: [{ name: 'foo', form: { ...DEFAULT_FORM, url: 'http://foo.example.test/foo/1' } }] });
    expect(checks(saved.script)).toEqual(['http://foo.example.test/foo/1']);
    const line = (path: string) => `1.2.3.4 - - [t] "GET ${path} HTTP/1.1" 200 1 "-" "ua" 1 0.1 [demo-foo-80] [] 10.0.0.1:8080 1 0.1 200 x`;
    const log = run(s, { requestId: 3, type: 'verify', manifests, address: '192.0.2.10', requestsFrom: 'log', host: 'foo.example.test', log: { id: 1, name: 'a.log', text: [line('/foo/a'), line('/foo/a'), line('/foo/b')].join('\n') } });
    expect(checks(log.script)).toEqual(['http://foo.example.test/foo/a', 'http://foo.example.test/foo/b']);
    const bad = run(s, { requestId: 4, type: 'verify', manifests, address: 'lb.example.com' });
    expect(bad.error).toMatch(/IP address/);
  });

  it('replay and diff read a log or a baseline the session holds by id, and ask for one it does not hold', () => {
    const s = new AnalysisSession();
    const manifests = { version: 1, text: FOO };
    const line = (path: string) => `1.2.3.4 - - [t] "GET ${path} HTTP/1.1" 200 1 "-" "ua" 1 0.1 [demo-foo-80] [] 10.0.0.1:8080 1 0.1 200 x`;
    const replay = (requestId: number, log: { id: number; name: string; text?: string }) => s.handle({ requestId, type: 'replay', manifests, log, host: 'foo.example.test', target: 'keep:ingress-nginx' });
    expect(replay(1, { id: 3, name: 'a.log' })).toMatchObject({ ok: false, error: { code: 'NeedText' } });
    const sent = replay(2, { id: 3, name: 'a.log', text: [line('/foo/a'), line('/foo/b')].join('\n') });
    expect(sent.ok && sent.type === 'replay' && sent.result.lines).toBe(2);
    const held = replay(3, { id: 3, name: 'a.log' });
    expect(held.ok && held.type === 'replay' && held.result.lines).toBe(2);
    expect(replay(4, { id: 4, name: 'b.log' })).toMatchObject({ ok: false, error: { code: 'NeedText', message: expect.stringContaining('log 4') } });

    const diff = (requestId: number, baseline: { id: number; text?: string }) => s.handle({ requestId, type: 'diff', manifests, baseline, mode: 'ingress', controller: 'spec' });
    expect(diff(5, { id: 9 })).toMatchObject({ ok: false, error: { code: 'NeedText', message: expect.stringContaining('baseline 9') } });
    const before = FOO.replace('name: foo, port', 'name: nowhere, port');
    const first = diff(6, { id: 9, text: before });
    const again = diff(7, { id: 9 });
    expect(first.ok && first.type === 'diff' && first.result.differencesTotal).toBeGreaterThan(0);
    expect(again.ok && again.type === 'diff' && again.result.differencesTotal).toBe(first.ok && first.type === 'diff' ? first.result.differencesTotal : -1);
  });

  it('lint: the capabilities list 50 objects per feature and count the rest, as the engine found them', () => {
    const s = new AnalysisSession();
    const docs = ['apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: ns}\nspec:\n  gatewayClassName: c\n  listeners: [{name: http, port: 80, protocol: HTTP}]'];
    for (let i = 0; i < 60; i++) {
      docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r${i}, namespace: ns}\nspec:\n  parentRefs: [{name: gw}]\n  rules:\n  - matches: [{path: {type: RegularExpression, value: "/r${i}/.*"}}]\n    filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: x, value: "1"}]}}]\n    backendRefs: [{name: svc, port: 80}]`);
    }
    const text = docs.join('\n---\n');
    const r = run(s, { requestId: 1, type: 'lint', manifests: { version: 1, text }, controller: 'spec' });
    const caps = r.capabilities!;
    const f = caps.features.find((x) => x.name === 'HTTPRouteResponseHeaderModification')!;
    expect(f.objects).toHaveLength(50);
    expect(f.what).toHaveLength(50);
    expect(f.sources).toHaveLength(50);
    expect(f.more).toBe(10);
    expect(f.objects.map((o) => o.name)).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`));
    expect(caps.implementationSpecific).toBe(60);
  });
});
