// Simulated status: every Accepted / ResolvedRefs reason a route can get, listener
// conditions, ListenerSet attachment and ReferenceGrant allow / deny.
import { describe, expect, it } from 'vitest';
import { gatewayStatus } from './status';
import { checkReferenceGrant } from './refgrant';
import { backend, cluster, gateway, gatewayClass, listener, route, service, step, trace, V1, type Obj } from './testkit';

const secret = (name: string, namespace = 'app'): Obj => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'kubernetes.io/tls' });
const grant = (namespace: string, from: Obj[], to: Obj[]): Obj => ({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: `g-${namespace}`, namespace }, spec: { from, to } });

function parentConditions(c: ReturnType<typeof cluster>, name: string, namespace = 'app') {
  const r = gatewayStatus(c).routes.find((x) => x.name === name && x.namespace === namespace)!;
  return r.parents.map((p) => Object.fromEntries(p.conditions.map((x) => [x.type, `${x.status} ${x.reason}`])));
}

describe('route Accepted reasons (shared_types.go RouteConditionReason)', () => {
  const gw = gateway([
    { name: 'same', port: 80, protocol: 'HTTP', hostname: 'a.example.com' },
    listener('grpc-only', 8080, 'HTTP', { allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } }),
  ]);
  const base = [gatewayClass, gw, service('a'), service('a', 'other')];

  it('Accepted when a listener takes the route, and attachedRoutes counts it', () => {
    const c = cluster(base, route('HTTPRoute', 'ok', { parentRefs: [{ name: 'gw', sectionName: 'same' }], rules: [{ backendRefs: [backend('a')] }] }));
    expect(parentConditions(c, 'ok')).toEqual([{ Accepted: 'True Accepted', ResolvedRefs: 'True ResolvedRefs' }]);
    expect(gatewayStatus(c).gateways[0].listeners.find((l) => l.name === 'same')!.attachedRoutes).toBe(1);
  });

  it('NotAllowedByListeners: allowedRoutes.namespaces defaults to Same', () => {
    const c = cluster(base, route('HTTPRoute', 'r', { parentRefs: [{ name: 'gw', namespace: 'app', sectionName: 'same' }], rules: [{ backendRefs: [backend('a')] }] }, 'other'));
    expect(parentConditions(c, 'r', 'other')[0].Accepted).toBe('False NotAllowedByListeners');
    const msg = gatewayStatus(c).routes[0].parents[0].conditions[0].message;
    expect(msg).toContain('from: Same allows only namespace app, not other');
  });

  it('NotAllowedByListeners: the listener does not take this kind', () => {
    const c = cluster(base, route('HTTPRoute', 'r', { parentRefs: [{ name: 'gw', sectionName: 'grpc-only' }], rules: [{ backendRefs: [backend('a')] }] }));
    expect(parentConditions(c, 'r')[0].Accepted).toBe('False NotAllowedByListeners');
  });

  it('NoMatchingListenerHostname: no route hostname intersects the listener hostname', () => {
    const c = cluster(base, route('HTTPRoute', 'r', { parentRefs: [{ name: 'gw', sectionName: 'same' }], hostnames: ['b.example.com', 'example.com'], rules: [{ backendRefs: [backend('a')] }] }));
    expect(parentConditions(c, 'r')[0].Accepted).toBe('False NoMatchingListenerHostname');
  });

  it.each([
    [{ name: 'gw', sectionName: 'nope' }, 'there is no listener named "nope"'],
    [{ name: 'gw', port: 9999 }, 'no listener is on port 9999'],
    [{ name: 'gw', sectionName: 'same', port: 8080 }, 'listener "same" is on port 80, not 8080'],
    [{ name: 'missing' }, 'Gateway app/missing does not exist'],
  ])('NoMatchingParent for parentRef %j', (parentRef, why) => {
    const c = cluster(base, route('HTTPRoute', 'r', { parentRefs: [parentRef], rules: [{ backendRefs: [backend('a')] }] }));
    const p = gatewayStatus(c).routes[0].parents[0];
    expect(p.conditions[0]).toMatchObject({ type: 'Accepted', status: 'False', reason: 'NoMatchingParent' });
    expect(p.conditions[0].message).toContain(why);
  });

  it('UnsupportedValue: every rule invalid; PartiallyInvalid with "Dropped Rule" when some are', () => {
    const all = cluster(base, route('HTTPRoute', 'bad', { rules: [{ matches: [{ path: { type: 'Regex', value: '/x' } }], backendRefs: [backend('a')] }] }));
    expect(parentConditions(all, 'bad')[0].Accepted).toBe('False UnsupportedValue');
    const some = cluster(base, route('HTTPRoute', 'half', {
      rules: [
        { matches: [{ method: 'get' }], backendRefs: [backend('a')] },
        { backendRefs: [backend('a')] },
      ],
    }));
    const conds = gatewayStatus(some).routes[0].parents[0].conditions;
    expect(conds[0]).toMatchObject({ status: 'True', reason: 'Accepted' });
    expect(conds.find((c) => c.type === 'PartiallyInvalid')?.message).toMatch(/^Dropped Rule\(s\): rules\[0\]/);
  });

  it('RouteConflict: an HTTPRoute and a GRPCRoute with overlapping hostnames on one listener, the older wins', () => {
    const c = cluster(base,
      route('GRPCRoute', 'g', { parentRefs: [{ name: 'gw', sectionName: 'same' }], rules: [{ backendRefs: [backend('a')] }] }, 'app', { creationTimestamp: '2020-01-01T00:00:00Z' }),
      route('HTTPRoute', 'h', { parentRefs: [{ name: 'gw', sectionName: 'same' }], rules: [{ backendRefs: [backend('a')] }] }, 'app', { creationTimestamp: '2021-01-01T00:00:00Z' }),
    );
    expect(parentConditions(c, 'g')[0].Accepted).toBe('True Accepted');
    expect(parentConditions(c, 'h')[0].Accepted).toBe('False RouteConflict');
  });
});

describe('route ResolvedRefs reasons', () => {
  const gw = gateway([listener('http', 80, 'HTTP')]);
  it.each([
    [backend('nope'), 'BackendNotFound'],
    [{ name: 'a', namespace: 'other', port: 80 }, 'RefNotPermitted'],
    [{ group: 'example.com', kind: 'Bucket', name: 'a' }, 'InvalidKind'],
    [{ name: 'a', port: 81 }, 'BackendNotFound'],
  ])('backendRef %j -> %s, and the request gets a 500', (ref, reason) => {
    const c = cluster(gatewayClass, gw, service('a'), service('a', 'other'), route('HTTPRoute', 'r', { rules: [{ backendRefs: [ref] }] }));
    expect(parentConditions(c, 'r')[0].ResolvedRefs).toBe(`False ${reason}`);
    expect(trace(c, 'http://x.test/').outcome.status).toBe(500);
  });
});

describe('ReferenceGrant (GEP-709)', () => {
  const from = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'app' };
  const to = { group: '', kind: 'Service', name: 'web', namespace: 'backend' };
  it('is not needed within one namespace', () => {
    expect(checkReferenceGrant(cluster(), from, { ...to, namespace: 'app' }).allowed).toBe(true);
  });
  it.each([
    ['no grant', false, []],
    ['allows', true, [grant('backend', [from], [{ group: '', kind: 'Service', name: 'web' }])]],
    ['allows every Service when to.name is empty', true, [grant('backend', [from], [{ group: '', kind: 'Service' }])]],
    ['wrong from namespace', false, [grant('backend', [{ ...from, namespace: 'x' }], [{ group: '', kind: 'Service' }])]],
    ['wrong from kind', false, [grant('backend', [{ ...from, kind: 'Gateway' }], [{ group: '', kind: 'Service' }])]],
    ['wrong from group', false, [grant('backend', [{ ...from, group: 'x' }], [{ group: '', kind: 'Service' }])]],
    ['wrong to kind', false, [grant('backend', [from], [{ group: '', kind: 'Secret' }])]],
    ['wrong to name', false, [grant('backend', [from], [{ group: '', kind: 'Service', name: 'api' }])]],
    ['grant in the referrer namespace instead of the target', false, [grant('app', [from], [{ group: '', kind: 'Service' }])]],
  ])('%s -> allowed: %s', (_why, want, grants) => {
    expect(checkReferenceGrant(cluster(...(grants as Obj[])), from, to).allowed).toBe(want);
  });
  it('a cross-namespace backendRef works once the grant exists', () => {
    const gw = gateway([listener('http', 80, 'HTTP')]);
    const r = route('HTTPRoute', 'r', { rules: [{ backendRefs: [{ name: 'web', namespace: 'backend', port: 80 }] }] });
    expect(trace(cluster(gatewayClass, gw, service('web', 'backend'), r), 'http://x.test/').outcome.status).toBe(500);
    const ok = trace(cluster(gatewayClass, gw, service('web', 'backend'), r, grant('backend', [from], [{ group: '', kind: 'Service', name: 'web' }])), 'http://x.test/');
    expect(ok.outcome).toMatchObject({ kind: 'proxied', backend: { namespace: 'backend', service: 'web', port: 80 } });
    expect(step(ok, 'backend')?.candidates?.[0].detail).toContain('ReferenceGrant backend/g-backend allows');
  });
});

describe('listener conditions', () => {
  function listenerStatus(c: ReturnType<typeof cluster>, name: string) {
    const l = gatewayStatus(c).gateways[0].listeners.find((x) => x.name === name)!;
    return Object.fromEntries(l.conditions.map((x) => [x.type, `${x.status} ${x.reason}`]));
  }
  it('a missing certificate Secret: ResolvedRefs InvalidCertificateRef, not Programmed, and the trace says so', () => {
    const c = cluster(gatewayClass, gateway([listener('https', 443, 'HTTPS', { tls: { certificateRefs: [{ name: 'cert' }] } })]), service('a'), route('HTTPRoute', 'r', { rules: [{ backendRefs: [backend('a')] }] }));
    expect(listenerStatus(c, 'https')).toMatchObject({ ResolvedRefs: 'False InvalidCertificateRef', Programmed: 'False Invalid' });
    const t = trace(c, 'https://x.test/');
    expect(t.outcome).toMatchObject({ kind: 'rejected', reason: 'ListenerInvalid' });
    expect(t.outcome.message).toContain('Secret app/cert (certificateRefs) does not exist');
  });
  it('a cross-namespace certificateRef needs a ReferenceGrant from the Gateway', () => {
    const l = listener('https', 443, 'HTTPS', { tls: { certificateRefs: [{ name: 'cert', namespace: 'certs' }] } });
    const denied = cluster(gatewayClass, gateway([l]), secret('cert', 'certs'));
    expect(listenerStatus(denied, 'https').ResolvedRefs).toBe('False RefNotPermitted');
    const allowed = cluster(gatewayClass, gateway([l]), secret('cert', 'certs'), grant('certs', [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'app' }], [{ group: '', kind: 'Secret' }]));
    expect(listenerStatus(allowed, 'https')).toMatchObject({ ResolvedRefs: 'True ResolvedRefs', Programmed: 'True Programmed' });
  });
  it('InvalidRouteKinds for kinds the protocol does not carry', () => {
    const c = cluster(gatewayClass, gateway([listener('http', 80, 'HTTP', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }] } })]));
    expect(listenerStatus(c, 'http').ResolvedRefs).toBe('False InvalidRouteKinds');
    expect(gatewayStatus(c).gateways[0].listeners[0].supportedKinds).toEqual(['HTTPRoute']);
  });
  it('HostnameConflict and ProtocolConflict reject every indistinct listener', () => {
    const c = cluster(gatewayClass, gateway([
      listener('a', 80, 'HTTP', { hostname: 'x.test' }),
      listener('b', 80, 'HTTP', { hostname: 'x.test' }),
      listener('c', 8443, 'HTTPS', { tls: { certificateRefs: [{ name: 's' }] } }),
      listener('d', 8443, 'TCP'),
    ]), secret('s'));
    expect(listenerStatus(c, 'a').Conflicted).toBe('True HostnameConflict');
    expect(listenerStatus(c, 'b').Conflicted).toBe('True HostnameConflict');
    expect(listenerStatus(c, 'c').Conflicted).toBe('True ProtocolConflict');
    expect(listenerStatus(c, 'd').Conflicted).toBe('True ProtocolConflict');
  });
  it('UnsupportedProtocol for a protocol RouteLab does not know', () => {
    const c = cluster(gatewayClass, gateway([listener('q', 443, 'example.com/quic')]));
    expect(listenerStatus(c, 'q').Accepted).toBe('False UnsupportedProtocol');
  });
  it('a Gateway whose GatewayClass is missing is not accepted', () => {
    const c = cluster(gatewayClass, gateway([listener('http', 80, 'HTTP')], { gatewayClassName: 'nope' }));
    expect(gatewayStatus(c).gateways[0].conditions[0]).toMatchObject({ type: 'Accepted', status: 'False', reason: 'Pending' });
    expect(trace(c, 'http://x.test/').outcome).toMatchObject({ kind: 'rejected', reason: 'GatewayNotAccepted' });
  });
});

describe('ListenerSet attachment (GEP-1713)', () => {
  const ls = (namespace: string): Obj => ({
    apiVersion: V1,
    kind: 'ListenerSet',
    metadata: { name: 'extra', namespace },
    spec: { parentRef: { name: 'gw', namespace: 'app' }, listeners: [{ name: 'more', port: 80, protocol: 'HTTP', hostname: 'more.test', allowedRoutes: { namespaces: { from: 'Same' } } }] },
  });
  const viaSet = (namespace: string, routeNs: string) => route('HTTPRoute', 'r', { parentRefs: [{ kind: 'ListenerSet', group: 'gateway.networking.k8s.io', name: 'extra', namespace }], rules: [{ backendRefs: [backend('a', 80, { namespace: 'app' })] }] }, routeNs);
  it('is not allowed by default (allowedListeners from None)', () => {
    const c = cluster(gatewayClass, gateway([listener('http', 80, 'HTTP', { hostname: 'gw.test' })]), ls('app'), service('a'), viaSet('app', 'app'));
    expect(gatewayStatus(c).listenerSets[0].conditions[0]).toMatchObject({ status: 'False', reason: 'NotAllowed' });
    expect(trace(c, 'http://more.test/').outcome.status).toBe(404);
  });
  it('attaches with allowedListeners; allowedRoutes Same means the ListenerSet namespace', () => {
    const g = gateway([listener('http', 80, 'HTTP', { hostname: 'gw.test' })], { allowedListeners: { namespaces: { from: 'All' } } });
    const grantFromTeam = grant('app', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team' }], [{ group: '', kind: 'Service' }]);
    const c = cluster(gatewayClass, g, ls('team'), service('a'), viaSet('team', 'team'), grantFromTeam);
    expect(gatewayStatus(c).gateways[0].attachedListenerSets).toBe(1);
    expect(trace(c, 'http://more.test/').outcome).toMatchObject({ kind: 'proxied', backend: { service: 'a' } });
    const wrongNs = cluster(gatewayClass, g, ls('team'), service('a'), viaSet('team', 'app'));
    expect(parentConditions(wrongNs, 'r')[0].Accepted).toBe('False NotAllowedByListeners');
  });
  it('a parentRef to the Gateway does not reach ListenerSet listeners, even by sectionName', () => {
    const g = gateway([listener('http', 80, 'HTTP', { hostname: 'gw.test' })], { allowedListeners: { namespaces: { from: 'Same' } } });
    const c = cluster(gatewayClass, g, ls('app'), service('a'), route('HTTPRoute', 'r', { parentRefs: [{ name: 'gw', sectionName: 'more' }], rules: [{ backendRefs: [backend('a')] }] }));
    expect(parentConditions(c, 'r')[0].Accepted).toBe('False NoMatchingParent');
  });
});

describe('invalid rules in the trace', () => {
  const gw = gateway([listener('http', 80, 'HTTP')]);
  it('a route whose every rule is invalid is listed as not attached, with the reason', () => {
    const c = cluster(gatewayClass, gw, service('a'), route('HTTPRoute', 'bad', { rules: [{ matches: [{ path: { type: 'Regex', value: '/x' } }], backendRefs: [backend('a')] }] }));
    const t = trace(c, 'http://x.test/x');
    expect(t.outcome.status).toBe(404);
    expect(step(t, 'attach')!.candidates!.find((x) => x.label.startsWith('HTTPRoute app/bad'))).toMatchObject({ verdict: 'skip', detail: expect.stringContaining('UnsupportedValue') });
  });
  it('a dropped rule of an accepted route is shown as skipped in the rule step', () => {
    const c = cluster(gatewayClass, gw, service('a'), route('HTTPRoute', 'half', { rules: [{ matches: [{ method: 'get' }], backendRefs: [backend('a')] }, { matches: [{ path: { type: 'Exact', value: '/only' } }], backendRefs: [backend('a')] }] }));
    const t = trace(c, 'http://x.test/x');
    expect(step(t, 'rule')!.candidates!.find((x) => x.verdict === 'skip')).toMatchObject({ reason: 'RouteRuleInvalid', detail: expect.stringContaining('method "get"') });
  });
});
