import { describe, expect, it } from 'vitest';
import { loadManifests, simulate, type Trace } from '../../engine/index';
import { candidateTitle, COLUMN_GAP, MAX_ALTERNATIVES, NODE_WIDTH, traceToFlow, transformLabel } from './traceToFlow';

const SHOP = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /cart/checkout, pathType: Exact, backend: {service: {name: pay, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
`;

const cluster = loadManifests([{ file: 'editor', text: SHOP }]);
const trace = (url: string) => simulate(cluster, { url }, { mode: 'ingress' });
const byId = (f: ReturnType<typeof traceToFlow>, id: string) => f.nodes.find((n) => n.id === id);

describe('traceToFlow', () => {
  it('draws the path taken along the top row: client, DNS, controller, rule, Service, Pod', () => {
    const f = traceToFlow(trace('http://shop.example.test/cart/items'));
    expect(f.path).toEqual(['client', 'dns', 'entry', 'rule', 'svc:shop/cart', 'pod:chosen']);
    for (const id of f.path) expect(byId(f, id)!.position.y).toBe(0);
    expect(new Set(f.path.map((id) => byId(f, id)!.position.x)).size).toBe(f.path.length);
    expect(byId(f, 'rule')!.data).toMatchObject({ title: '/cart Prefix -> cart:80', state: 'taken', source: { file: 'editor', startLine: 10 } });
    expect(byId(f, 'entry')!.data.subtitle).toBe('spec');
    // Every edge on the path is drawn as taken.
    for (let i = 1; i < f.path.length; i++) {
      expect(f.edges.find((e) => e.source === f.path[i - 1] && e.target === f.path[i])?.data.kind).toBe('taken');
    }
  });

  it('dims the rules that lost, with the engine reason, below their column', () => {
    const f = traceToFlow(trace('http://shop.example.test/cart/items'));
    const rule = byId(f, 'rule')!;
    const lost = f.nodes.filter((n) => n.data.stage === 'route' && n.id !== 'rule');
    expect(lost.map((n) => n.data.state).sort()).toEqual(['lost', 'miss']);
    const root = lost.find((n) => n.data.title.startsWith('/ Prefix'))!;
    expect(root.data.reason).toMatch(/^lost: .*longer path/);
    expect(root.position.x).toBe(rule.position.x);
    expect(root.position.y).toBeGreaterThan(0);
    expect(f.edges.find((e) => e.target === root.id)?.data.kind).toBe('dim');
  });

  it('names the Ingress and the host that matched under the rule', () => {
    const f = traceToFlow(trace('http://shop.example.test/cart'));
    expect(byId(f, 'rule')!.data.subtitle).toBe('Ingress shop/web · host shop.example.test');
  });

  it('widens a gap where an edge label has to fit', () => {
    const f = traceToFlow(gatewayTrace());
    const x = (id: string) => byId(f, id)!.position.x;
    expect(x('dns') - x('client')).toBe(NODE_WIDTH + COLUMN_GAP);
    expect(x('svc:apps/v2') - x('rule')).toBeGreaterThan(NODE_WIDTH + COLUMN_GAP + 100);
  });

  it('shows the other ready Pods next to the chosen one', () => {
    const f = traceToFlow(trace('http://shop.example.test/cart'));
    expect(f.nodes.filter((n) => n.data.stage === 'pods').map((n) => n.data.state)).toEqual(['taken', 'alt', 'alt']);
  });

  it('ends in a failed node when the backend does not exist', () => {
    const f = traceToFlow(trace('http://shop.example.test/'));
    expect(byId(f, 'svc:shop/web')!.data.state).toBe('fail');
    expect(f.path[f.path.length - 1]).toBe('response');
    expect(byId(f, 'response')!.data.state).toBe('fail');
  });

  it('ends at the answer when nothing matches the host', () => {
    const f = traceToFlow(trace('http://other.example.test/'));
    const last = byId(f, f.path[f.path.length - 1])!;
    expect(last.data).toMatchObject({ stage: 'response', state: 'fail', title: '404' });
  });

  it('goes straight from DNS to the Service for an in-cluster name', () => {
    const f = traceToFlow(simulate(cluster, { url: 'http://cart.shop.svc.cluster.local/' }));
    expect(f.path).toEqual(['client', 'dns', 'svc:shop/cart', 'pod:chosen']);
  });

  it('caps the dimmed candidates and says how many more there are', () => {
    const paths = Array.from({ length: 10 }, (_, i) => `      - {path: /p${i}, pathType: Exact, backend: {service: {name: cart, port: {number: 80}}}}`).join('\n');
    const c = loadManifests(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: many}\nspec:\n  rules:\n  - host: a.test\n    http:\n      paths:\n${paths}\n`);
    const f = traceToFlow(simulate(c, { url: 'http://a.test/p3' }, { mode: 'ingress' }));
    const alts = f.nodes.filter((n) => n.id.startsWith('rule:alt:'));
    expect(alts).toHaveLength(MAX_ALTERNATIVES);
    expect(byId(f, 'rule:more')!.data.title).toBe('+5 more');
  });
});

/** A Gateway API shaped trace, written by hand: weighted split, rewrite, added header, mirror. */
function gatewayTrace(): Trace {
  const req = {
    method: 'GET', url: 'http://app.example.com/v1/items', scheme: 'http', protocol: 'http' as const, connectHost: 'app.example.com', host: 'app.example.com',
    port: 80, portExplicit: false, path: '/v1/items', query: '', queryParams: [], headers: [['x-user', 'a']] as Array<[string, string]>,
  } as unknown as Trace['request'];
  return {
    version: 1,
    request: req,
    mode: 'gateway',
    entry: { kind: 'gateway', namespace: 'infra', name: 'gw', listener: 'http', address: '203.0.113.50', addressSimulated: true },
    steps: [
      { kind: 'request', summary: 'GET http://app.example.com/v1/items', reason: 'RequestReceived', status: 'info' },
      { kind: 'dns', summary: 'app.example.com -> 203.0.113.50', reason: 'DnsExternal', status: 'ok', facts: { address: '203.0.113.50' } },
      { kind: 'entry', summary: 'Gateway infra/gw', reason: 'GatewaySelected', status: 'ok', candidates: [{ label: 'Gateway infra/other', verdict: 'miss', reason: 'GatewayNotSelected', detail: 'no listener on port 80' }] },
      { kind: 'listener', summary: 'listener http', reason: 'ListenerSelected', status: 'ok', candidates: [
        { label: 'http', verdict: 'won', reason: 'ListenerSelected', detail: 'HTTP on port 80, any hostname' },
        { label: 'https', verdict: 'miss', reason: 'ListenerPortMismatch', detail: 'port 443 is not 80' },
      ] },
      { kind: 'rule', summary: 'rule 0 of HTTPRoute apps/app', reason: 'RuleMatched', status: 'ok', candidates: [
        { label: 'PathPrefix /v1', verdict: 'won', reason: 'RuleMatched', detail: 'matches', object: { kind: 'HTTPRoute', namespace: 'apps', name: 'app' } },
      ] },
      { kind: 'service', summary: 'Service apps/v2 port 8080', reason: 'ServiceResolved', status: 'ok' },
    ],
    outcome: {
      kind: 'proxied', status: 200, reason: 'Proxied', message: 'proxied',
      backend: { namespace: 'apps', service: 'v2', port: 8080 },
      backends: [
        { namespace: 'apps', service: 'v1', port: 8080, weight: 90, share: 0.9 },
        { namespace: 'apps', service: 'v2', port: 8080, weight: 10, share: 0.1 },
      ],
      upstream: { method: 'GET', path: '/items', host: 'app.example.com', headers: [['x-user', 'a'], ['x-canary', 'yes']] },
      endpoint: { pod: 'v2-0', ip: '10.0.0.9', port: 8080 },
      endpoints: [{ pod: 'v2-0', ip: '10.0.0.9', port: 8080 }],
      responseHeaders: [],
      mirroredTo: [{ namespace: 'apps', service: 'shadow' }],
    },
    exercised: [],
  };
}

describe('candidateTitle', () => {
  it('drops the object name the node subtitle already shows', () => {
    const object = { kind: 'HTTPRoute', namespace: 'shop', name: 'checkout' };
    expect(candidateTitle({ label: 'HTTPRoute shop/checkout rules[1]: PathPrefix /', object })).toBe('rules[1]: PathPrefix /');
    expect(candidateTitle({ label: '/cart Prefix -> cart:80', object })).toBe('/cart Prefix -> cart:80');
    expect(candidateTitle({ label: 'HTTPRoute shop/checkout', object })).toBe('HTTPRoute shop/checkout');
  });
});

describe('traceToFlow with Gateway API traces', () => {
  it('shows the Gateway with the listener chosen, and the listeners and Gateways that did not take the request', () => {
    const f = traceToFlow(gatewayTrace());
    expect(f.path).toEqual(['client', 'dns', 'entry', 'rule', 'svc:apps/v2', 'pod:chosen']);
    expect(byId(f, 'entry')!.data).toMatchObject({ title: 'Gateway infra/gw', subtitle: 'http', state: 'taken' });
    expect(byId(f, 'listener:alt:0')!.data).toMatchObject({ title: 'https', state: 'miss', reason: 'miss: port 443 is not 80' });
    expect(byId(f, 'listener:alt:1')!.data).toMatchObject({ title: 'Gateway infra/other', state: 'miss' });
    expect(byId(f, 'listener:alt:0')!.position.x).toBe(byId(f, 'entry')!.position.x);
  });

  it('puts weights, the rewrite and header changes on the edges, and the mirror beside', () => {
    const f = traceToFlow(gatewayTrace());
    const into = f.edges.find((e) => e.target === 'svc:apps/v2')!;
    expect(into.label).toBe('10% · path → /items · +x-canary');
    expect(f.edges.find((e) => e.target === 'svc:apps/v1')).toMatchObject({ label: '90%', data: { kind: 'split' } });
    expect(byId(f, 'svc:apps/v1')!.data.state).toBe('alt');
    expect(f.edges.find((e) => e.target === 'mirror:0')).toMatchObject({ label: 'mirror', data: { kind: 'mirror' } });
  });

  it('ends a redirect at the Location', () => {
    const t = gatewayTrace();
    t.outcome = { kind: 'redirect', status: 301, reason: 'Redirected', message: 'redirect', location: 'https://app.example.com/v1/items', responseHeaders: [], mirroredTo: [] };
    const f = traceToFlow(t);
    expect(byId(f, 'response')!.data).toMatchObject({ title: '301 redirect', subtitle: 'https://app.example.com/v1/items', state: 'taken' });
    expect(f.edges.find((e) => e.target === 'response')?.label).toBe('redirect');
    t.steps.push({ kind: 'redirect', summary: 'HTTPS enforcement: the listener answers with 301', reason: 'Redirected', status: 'ok' });
    expect(traceToFlow(t).edges.find((e) => e.target === 'response')?.label).toBe('HTTPS enforcement');
    expect(transformLabel(t)).toBeUndefined();
  });
});
