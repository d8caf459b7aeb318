// Gateway API for Service Mesh (site-src/mesh/index.md, GEP-1426), through the whole engine:
// an in-cluster request to a Service with HTTPRoutes bound to it.
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { gatewayStatus } from './status';
import { lint } from '../analysis/lint';
import { backend, cluster, route, service, type Obj } from './testkit';

const svcParent = (name: string, namespace = 'shop', port?: number): Obj => ({ group: '', kind: 'Service', name, namespace, ...(port ? { port } : {}) });

function meshRoute(name: string, namespace: string, parentRefs: Obj[], rules: Obj[], meta: Obj = {}): Obj {
  return route('HTTPRoute', name, { parentRefs, rules }, namespace, meta);
}

// Service shop/cart with v1 and v2 behind it; the client Pod is in namespace "default".
const base = [service('cart', 'shop'), service('cart-v1', 'shop'), service('cart-v2', 'shop')];
const toV2ByHeader = meshRoute('cart-split', 'shop', [svcParent('cart')], [
  { matches: [{ headers: [{ name: 'x-version', value: '2' }] }], backendRefs: [backend('cart-v2')] },
  { backendRefs: [backend('cart-v1')] },
]);
const inCluster = (url: string, headers: Record<string, string> = {}) => ({ url, headers });

describe('mesh routes bound to a Service (GAMMA)', () => {
  it('a producer route decides where a request to the Service goes, rule by rule', () => {
    const c = cluster(base, toV2ByHeader);
    const v2 = simulate(c, inCluster('http://cart.shop.svc.cluster.local/items', { 'X-Version': '2' }));
    expect(v2.outcome.backend?.service).toBe('cart-v2');
    expect(v2.outcome.route).toMatchObject({ kind: 'HTTPRoute', namespace: 'shop', name: 'cart-split', rule: 'rules[0]' });
    const v1 = simulate(c, inCluster('http://cart.shop.svc.cluster.local/items'));
    expect(v1.outcome.backend?.service).toBe('cart-v1');
    expect(v1.steps.find((s) => s.kind === 'attach')?.summary).toMatch(/1 producer HTTPRoute\(s\) bound to it/);
  });

  it('rejects a request that matches no rule of the bound routes with 404', () => {
    const onlyApi = meshRoute('cart-api', 'shop', [svcParent('cart')], [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [backend('cart-v1')] }]);
    const t = simulate(cluster(base, onlyApi), inCluster('http://cart.shop.svc.cluster.local/other'));
    expect(t.outcome).toMatchObject({ kind: 'not-found', status: 404 });
    expect(t.outcome.message).toMatch(/none of their rules matches/);
  });

  it('without bound routes, the request goes to the Service as before', () => {
    const t = simulate(cluster(base), inCluster('http://cart.shop.svc.cluster.local/items'));
    expect(t.outcome.backend?.service).toBe('cart');
    expect(t.outcome.route).toBeUndefined();
  });

  it('ignores route hostnames', () => {
    const withHost = route('HTTPRoute', 'cart-host', { parentRefs: [svcParent('cart')], hostnames: ['elsewhere.example.com'], rules: [{ backendRefs: [backend('cart-v2')] }] }, 'shop');
    expect(simulate(cluster(base, withHost), inCluster('http://cart.shop.svc.cluster.local/')).outcome.backend?.service).toBe('cart-v2');
  });

  it('a parentRef port limits the route to that Service port', () => {
    const svc8080 = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: 'shop' }, spec: { selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 9000, targetPort: 8080 }] } }];
    const onAdmin = meshRoute('cart-admin', 'shop', [svcParent('cart', 'shop', 9000)], [{ backendRefs: [backend('cart-v2')] }]);
    const c = cluster(svc8080, service('cart-v2', 'shop'), onAdmin);
    expect(simulate(c, inCluster('http://cart.shop.svc.cluster.local:9000/')).outcome.backend?.service).toBe('cart-v2');
    const t = simulate(c, inCluster('http://cart.shop.svc.cluster.local/'));
    expect(t.outcome.backend?.service).toBe('cart');
    expect(t.steps.some((s) => /names port 9000; the request is on port 80/.test(s.summary))).toBe(true);
  });

  it('a consumer route in the client namespace replaces the producer routes for that client; one elsewhere does not apply', () => {
    const consumer = meshRoute('cart-for-default', 'default', [svcParent('cart')], [{ backendRefs: [backend('cart-v2', 80, { namespace: 'shop' })] }]);
    const t = simulate(cluster(base, toV2ByHeader, consumer), inCluster('http://cart.shop.svc.cluster.local/'));
    expect(t.outcome.route?.name).toBe('cart-for-default');
    expect(t.outcome.backend?.service).toBe('cart-v2');
    const otherNs = meshRoute('cart-for-ops', 'ops', [svcParent('cart')], [{ backendRefs: [backend('cart-v2', 80, { namespace: 'shop' })] }]);
    const u = simulate(cluster(base, toV2ByHeader, otherNs), inCluster('http://cart.shop.svc.cluster.local/'));
    expect(u.outcome.route?.name).toBe('cart-split');
  });

  it('mesh backendRefs in another namespace need no ReferenceGrant', () => {
    const consumer = meshRoute('cart-for-default', 'default', [svcParent('cart')], [{ backendRefs: [backend('cart-v2', 80, { namespace: 'shop' })] }]);
    const c = cluster(base, consumer);
    const st = gatewayStatus(c).routes.find((r) => r.name === 'cart-for-default')!;
    expect(st.parents[0].conditions.find((x) => x.type === 'ResolvedRefs')?.status).toBe('True');
    expect(st.parents[0].conditions.find((x) => x.type === 'Accepted')).toMatchObject({ status: 'True', message: expect.stringMatching(/consumer route: applies to requests from namespace default/) });
  });

  it('status and lint: a Service parent that does not exist, or is headless, is not accepted', () => {
    const missing = meshRoute('ghost', 'shop', [svcParent('nope')], [{ backendRefs: [backend('cart-v1')] }]);
    const headless = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } }];
    const onHeadless = meshRoute('db-route', 'shop', [svcParent('db')], [{ backendRefs: [backend('cart-v1')] }]);
    const c = cluster(base, headless, missing, onHeadless);
    const problems = lint(c);
    expect(problems.find((p) => p.object === 'HTTPRoute shop/ghost')?.message).toMatch(/Service shop\/nope/);
    expect(problems.find((p) => p.object === 'HTTPRoute shop/db-route')?.message).toMatch(/headless/);
    expect(lint(cluster(base, toV2ByHeader)).filter((p) => p.object === 'HTTPRoute shop/cart-split')).toEqual([]);
  });
});
