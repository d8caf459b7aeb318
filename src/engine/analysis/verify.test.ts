// The cutover script: expectations come from the old config's traces, known differences from
// the new one's; everything taken from a config is quoted so bash reads it as data.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { normalizeRequest } from '../model/request';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { shellQuote, verifyPlan, verifyScript, isIpAddress } from './verify';

const OLD = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop, annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "false"}}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /docs/, pathType: Prefix, backend: {service: {name: docs, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: docs, namespace: shop}
spec: {selector: {app: docs}, ports: [{port: 80}]}
`;
const NEW = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  gatewayClassName: eg
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs: [{name: gw}]
  hostnames: [shop.example.test]
  rules:
  - matches: [{path: {type: PathPrefix, value: /cart}}]
    backendRefs: [{name: cart, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /docs/}}]
    backendRefs: [{name: docs, port: 80}]
---${OLD.split("---").slice(1).join("---")}`;

const plan = (urls: string[]) =>
  verifyPlan(loadManifests(OLD), loadManifests(NEW), urls.map((url) => ({ url })), { before: { controller: 'ingress-nginx' }, after: { implementation: 'envoy-gateway' } });

describe('verify plan', () => {
  it('expects what the old config gives, and marks what the new one is traced to change', () => {
    const p = plan(['http://shop.example.test/cart/1', 'http://shop.example.test/docs', 'http://shop.example.test/nothing']);
    expect(p.items.map((i) => i.expected)).toMatchObject([
      // no Pods in the manifests: in the cluster the Service's backend answers
      { kind: 'proxied', backend: 'shop/cart' },
      { kind: 'answered', status: 301, location: 'http://shop.example.test/docs/' },
      { kind: 'answered', status: 404 },
    ]);
    expect(p.items.map((i) => i.known?.kind)).toEqual([undefined, 'proxied', undefined]);
    expect(p.known).toBe(1);
  });

  it('leaves out what curl cannot check, and says why', () => {
    const p = plan(['grpc://shop.example.test/pkg.S/M', 'not a url']);
    expect(p.items).toEqual([]);
    expect(p.skipped.map((s) => s.why)).toHaveLength(2);
    expect(p.skipped[0].why).toMatch(/grpc:\/\/ is not an HTTP request/);
  });
});

describe('verify script', () => {
  it('refuses an address that is not an IP (curl --resolve takes one)', () => {
    expect(isIpAddress('192.0.2.10')).toBe(true);
    expect(isIpAddress('2001:db8::1')).toBe(true);
    expect(isIpAddress('lb.example.com')).toBe(false);
    expect(() => verifyScript(plan([]), { address: 'lb.example.com', oldLabel: 'a', newLabel: 'b', generatedBy: 't' })).toThrow(/IP address/);
  });

  it('quotes every word from the config: bash gets the request exactly, runs nothing', () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    const hostile = "http://shop.example.test/cart/$(touch /tmp/routelab-pwned)'`id`";
    const p = verifyPlan(loadManifests(OLD), loadManifests(NEW), [{ url: hostile, headers: [['x-test', "a'b $HOME"]], why: 'line\nrm -rf /' }], { before: { controller: 'ingress-nginx' }, after: { implementation: 'envoy-gateway' } });
    const script = verifyScript(p, { address: '127.0.0.1', oldLabel: 'old', newLabel: 'new', generatedBy: 'test' });
    expect(script).not.toMatch(/^rm -rf/m);
    // Replace check with one that prints its arguments, and run the script's check lines.
    const checks = script.split('\n').filter((l) => l.startsWith('check '));
    const r = spawnSync('bash', ['-c', `check() { printf '%s\\n' "$2" "\${13}"; }\n${checks.join('\n')}`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(p.items).toHaveLength(1);
    const [url, header] = r.stdout.split('\n');
    expect(url).toBe(normalizeRequest(p.items[0].request).url);
    expect(url).toContain("$(touch /tmp/routelab-pwned)'`id`");
    expect(header).toBe("x-test: a'b $HOME");
    expect(existsSync('/tmp/routelab-pwned')).toBe(false);
  });

  it('is valid bash', () => {
    const script = verifyScript(plan(['http://shop.example.test/cart/1', 'http://shop.example.test/docs']), { address: '2001:db8::1', oldLabel: 'old', newLabel: 'new', generatedBy: 'test' });
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });
});
