import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from './manifests';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - path: /cart
        pathType: Prefix
        backend:
          service: {name: cart, port: {number: 80}}
`;

describe('loadManifests', () => {
  it('keeps the source line of every object, rule and path', () => {
    const c = loadManifests([{ file: 'shop.yaml', text: `# header\n---\n${INGRESS}` }]);
    const ing = c.ingresses[0];
    expect(ing.source).toMatchObject({ file: 'shop.yaml', startLine: 3 });
    expect(ing.rules[0].source.startLine).toBe(10);
    expect(ing.rules[0].paths[0].source.startLine).toBe(13);
    expect(ing.rules[0].paths[0].backend.source.startLine).toBe(15);
  });

  it('reads kind: List items as objects', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n  spec: {ports: [{port: 80}], selector: {app: a}}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n  spec: {ports: [{port: 81}]}\n`;
    const c = loadManifests(text);
    expect([...c.services.keys()]).toEqual(['default/a', 'default/b']);
    expect(c.services.get('default/b')!.source.startLine).toBe(8);
  });

  it('reports a broken document with its line and still loads the others', () => {
    const text = `${INGRESS}---\nkind: Service\nmetadata: {name: x\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec: {ports: [{port: 80}]}\n`;
    const c = loadManifests([{ file: 'm.yaml', text }]);
    expect(c.ingresses).toHaveLength(1);
    expect(c.services.has('default/ok')).toBe(true);
    const err = c.diagnostics.find((d) => d.code === 'YamlSyntax');
    expect(err?.severity).toBe('error');
    expect(err?.source?.startLine).toBeGreaterThanOrEqual(16);
    expect(err?.message).toMatch(/document 2/);
  });

  it('lists unknown kinds as ignored, not as errors', () => {
    const c = loadManifests('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(c.ignored.map((i) => i.kind)).toEqual(['Gateway', 'ConfigMap']);
    expect(c.ignored[0].why).toMatch(/not the Gateway API group/);
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads legacy v1beta1 Ingress backends and flags the apiVersion', () => {
    const c = loadManifests('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n  rules:\n  - http:\n      paths:\n      - path: /a\n        backend: {serviceName: a, servicePort: http}\n');
    const ing = c.ingresses[0];
    expect(ing.deprecatedApiVersion).toBe(true);
    expect(ing.defaultBackend?.service).toEqual({ name: 'web', port: { number: 80 } });
    expect(ing.rules[0].paths[0]).toMatchObject({ pathType: 'ImplementationSpecific', backend: { service: { name: 'a', port: { name: 'http' } } } });
    expect(c.diagnostics.map((d) => d.code)).toContain('DeprecatedApiVersion');
  });

  it('simulates Pods for workloads with deterministic names and IPs', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: db}}\n';
    const a = loadManifests(text);
    const b = loadManifests(text);
    expect(a.pods.map((p) => p.name)).toEqual(b.pods.map((p) => p.name));
    expect(a.pods.map((p) => p.ip)).toEqual(b.pods.map((p) => p.ip));
    expect(a.pods[0].name).toMatch(/^web-[a-z0-9]{10}-[a-z0-9]{5}$/);
    expect(a.pods.slice(2).map((p) => p.name)).toEqual(['db-0', 'db-1']);
    expect(new Set(a.pods.map((p) => p.ip)).size).toBe(4);
  });

  it('names the object and line when a field is invalid', () => {
    const c = loadManifests([{ file: 's.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: http\n' }]);
    expect(c.diagnostics[0]).toMatchObject({ object: 'Service default/s', source: { startLine: 6 } });
  });
});

// shared/real-world: 60 upstream manifests kept verbatim. Every one must load without an error.
const REAL_WORLD = join(__dirname, '..', '..', '..', '..', 'shared', 'real-world');
describe.runIf(existsSync(REAL_WORLD))('real-world manifests', () => {
  const files = existsSync(REAL_WORLD) ? readdirSync(REAL_WORLD).filter((f) => f.endsWith('.yaml')) : [];
  it('has the files', () => expect(files.length).toBeGreaterThanOrEqual(60));
  it.each(files)('%s loads without a bad-input error', (f) => {
    const c = loadManifests([{ file: f, text: readFileSync(join(REAL_WORLD, f), 'utf8') }]);
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.objects.length + c.ignored.length).toBeGreaterThan(0);
  });
});
