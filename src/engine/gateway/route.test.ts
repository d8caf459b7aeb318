// Requests end to end: DNS and the Gateway address, listener choice and isolation,
// misdirected HTTPS requests, HTTP/gRPC/TLS/TCP/UDP routing, backends and coverage.
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { coverageOf } from '../check/coverage';
import { entryPoints } from '../entry';
import { backend, cluster, gateway, gatewayClass, listener, route, routeName, service, step, trace, type Obj } from './testkit';

const secret = (name: string): Obj => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'app' }, type: 'kubernetes.io/tls' });
const tlsListener = (name: string, port: number, hostname?: string, mode = 'Terminate'): Obj =>
  listener(name, port, mode === 'Passthrough' ? 'TLS' : 'HTTPS', { ...(hostname ? { hostname } : {}), tls: mode === 'Passthrough' ? { mode } : { certificateRefs: [{ name: 'cert' }] } });

describe('DNS: the Gateway address', () => {
  const r = route('HTTPRoute', 'r', { rules: [{ backendRefs: [backend('a')] }] });
  it.each([
    [{ addresses: [{ type: 'IPAddress', value: '192.0.2.7' }] }, {}, '192.0.2.7', false],
    [{}, { status: { addresses: [{ value: '192.0.2.9' }] } }, '192.0.2.9', false],
    [{}, {}, /^198\.51\.100\.\d+$/, true],
  ])('spec %j, status %j -> %s', (spec, extra, want, simulated) => {
    const g = { ...gateway([listener('http', 80, 'HTTP')], spec), ...extra };
    const t = trace(cluster(gatewayClass, g, service('a'), r), 'http://shop.test/');
    expect(t.entry).toMatchObject({ kind: 'gateway', namespace: 'app', name: 'gw', addressSimulated: simulated });
    expect(t.entry && 'address' in t.entry ? t.entry.address : '').toMatch(want);
  });

  it('auto mode enters the Gateway whose listener names the host, and by its address', () => {
    const c = cluster(gatewayClass, gateway([listener('http', 80, 'HTTP', { hostname: 'shop.test' })], { addresses: [{ value: '192.0.2.7' }] }), service('a'), r);
    expect(simulate(c, { url: 'http://shop.test/' }).outcome).toMatchObject({ kind: 'proxied', backend: { service: 'a' } });
    expect(simulate(c, { url: 'http://192.0.2.7/', headers: { Host: 'shop.test' } }).mode).toBe('gateway');
  });

  it('a request that names no Gateway enters the one whose listener is most specific for the host', () => {
    const c = cluster(gatewayClass, service('a'), service('b'),
      gateway([listener('http', 80, 'HTTP')], {}, 'catch-all'),
      gateway([listener('http', 80, 'HTTP', { hostname: 'shop.test' })], {}, 'shop'),
      route('HTTPRoute', 'a', { parentRefs: [{ name: 'catch-all' }], rules: [{ backendRefs: [backend('a')] }] }),
      route('HTTPRoute', 'b', { parentRefs: [{ name: 'shop' }], rules: [{ backendRefs: [backend('b')] }] }),
    );
    expect(simulate(c, { url: 'http://shop.test/' }, { mode: 'gateway' }).outcome.backend?.service).toBe('b');
    expect(simulate(c, { url: 'http://other.test/' }, { mode: 'gateway' }).outcome.backend?.service).toBe('a');
  });
});

describe('listener choice and isolation (gateway_types.go, "Listeners that are distinct only by Hostname")', () => {
  const g = gateway([
    listener('empty', 80, 'HTTP'),
    listener('wild', 80, 'HTTP', { hostname: '*.example.com' }),
    listener('wild-foo', 80, 'HTTP', { hostname: '*.foo.example.com' }),
    listener('exact', 80, 'HTTP', { hostname: 'abc.foo.example.com' }),
  ]);
  const on = (section: string, path: string, svc = 'a') => route('HTTPRoute', `on-${section}`, { parentRefs: [{ name: 'gw', sectionName: section }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [backend(svc)] }] });
  const c = cluster(gatewayClass, g, service('a'), on('empty', '/empty'), on('wild', '/wild'), on('wild-foo', '/wild-foo'), on('exact', '/exact'));
  it.each([
    ['bar.com', 'empty'],
    ['bar.example.com', 'wild'],
    ['x.y.example.com', 'wild'],
    ['bar.foo.example.com', 'wild-foo'],
    ['abc.foo.example.com', 'exact'],
  ])('%s takes listener %s, and only its routes', (host, want) => {
    for (const l of ['empty', 'wild', 'wild-foo', 'exact']) {
      const t = trace(c, `http://${host}/${l}`);
      expect(t.entry).toMatchObject({ listener: want });
      expect(t.outcome.status).toBe(l === want ? 200 : 404);
    }
  });
  it('the trace names the less specific listeners and the routes isolation hides', () => {
    const t = trace(c, 'http://abc.foo.example.com/wild');
    const lst = step(t, 'listener')!;
    expect(lst.candidates!.filter((x) => x.verdict === 'lost').map((x) => x.reason)).toEqual(['ListenerLessSpecific', 'ListenerLessSpecific', 'ListenerLessSpecific']);
    const hidden = step(t, 'attach')!.candidates!.find((x) => x.label.startsWith('HTTPRoute app/on-wild '));
    expect(hidden).toMatchObject({ verdict: 'skip', reason: 'ListenerLessSpecific' });
  });
  it('port and protocol come first: no listener on the port refuses the connection', () => {
    expect(trace(c, 'http://bar.com:8080/empty').outcome).toMatchObject({ kind: 'rejected', status: 0, reason: 'ConnectionRejected' });
    expect(trace(c, 'https://bar.com:80/empty').outcome).toMatchObject({ kind: 'rejected', reason: 'ListenerProtocolMismatch' });
  });
  it('no listener hostname matches: 404 (HTTP)', () => {
    const only = cluster(gatewayClass, gateway([listener('x', 80, 'HTTP', { hostname: 'x.test' })]));
    expect(trace(only, 'http://y.test/').outcome.status).toBe(404);
  });
  it('a pinned listener takes the request', () => {
    const t = trace(c, 'http://abc.foo.example.com/wild', { listener: 'wild' });
    expect(t.outcome.status).toBe(200);
    expect(step(t, 'listener')?.reason).toBe('ListenerPinned');
  });
  it('an unusable more specific listener is skipped, and the trace says why', () => {
    const g2 = gateway([tlsListener('wild', 443, '*.example.com'), listener('exact', 443, 'HTTPS', { hostname: 'a.example.com', tls: { certificateRefs: [{ name: 'missing' }] } })]);
    const c2 = cluster(gatewayClass, g2, secret('cert'), service('a'), route('HTTPRoute', 'r', { rules: [{ backendRefs: [backend('a')] }] }));
    const t = trace(c2, 'https://a.example.com/');
    expect(t.entry).toMatchObject({ listener: 'wild' });
    expect(step(t, 'listener')!.candidates!.find((x) => x.verdict === 'skip')?.detail).toContain('Secret app/missing');
  });
});

describe('HTTPS: SNI picks the listener, Host must belong to it (RFC 7540 9.1.2, Listener.Hostname)', () => {
  const g = gateway([tlsListener('https', 443), tlsListener('second', 443, 'second-example.org'), tlsListener('wild', 443, '*.wildcard.org'), tlsListener('fourth', 443, 'fourth-example.wildcard.org')]);
  const c = cluster(gatewayClass, g, secret('cert'), service('v1'), service('v2'), service('v3'),
    route('HTTPRoute', 'one', { parentRefs: [{ name: 'gw', sectionName: 'https' }], hostnames: ['example.org'], rules: [{ backendRefs: [backend('v1')] }] }),
    route('HTTPRoute', 'two', { parentRefs: [{ name: 'gw', sectionName: 'second' }], rules: [{ backendRefs: [backend('v2')] }] }),
    route('HTTPRoute', 'three', { parentRefs: [{ name: 'gw', sectionName: 'wild' }], rules: [{ backendRefs: [backend('v3')] }] }),
    route('HTTPRoute', 'four', { parentRefs: [{ name: 'gw', sectionName: 'fourth' }], rules: [{ backendRefs: [backend('v1')] }] }),
  );
  it.each([
    ['example.org', 'second-example.org', 421, undefined],
    ['example.org', 'unknown-example.org', 404, undefined],
    ['second-example.org', 'example.org', 421, undefined],
    ['second-example.org', 'unknown-example.org', 421, undefined],
    ['third-example.wildcard.org', 'fith-example.wildcard.org', 200, 'v3'],
    ['third-example.wildcard.org', 'fourth-example.wildcard.org', 421, undefined],
    ['third-example.wildcard.org', 'second-example.org', 421, undefined],
    ['third-example.wildcard.org', 'unknown-example.org', 421, undefined],
    ['fourth-example.wildcard.org', 'fith-example.wildcard.org', 421, undefined],
    ['unknown-example.org', 'example.org', 200, 'v1'],
  ])('SNI %s, Host %s -> %i %s', (sni, host, status, svc) => {
    const t = trace(c, `https://${sni}/`, { headers: { Host: host } });
    expect(t.outcome.status).toBe(status);
    if (svc) expect(t.outcome.backend?.service).toBe(svc);
  });
  it('warns when a wildcard certificate cannot cover a deeper SNI (RFC 6125: one label)', () => {
    const t = trace(c, 'https://a.b.wildcard.org/');
    expect(t.steps.find((s) => s.reason === 'CertificateNotCovering')?.status).toBe('warn');
    expect(t.outcome.backend?.service).toBe('v3');
  });
});

describe('TLSRoute, TCPRoute, UDPRoute', () => {
  const g = gateway([
    tlsListener('pass', 443, '*.example.com', 'Passthrough'),
    listener('term', 8443, 'TLS', { hostname: 'term.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }),
    listener('tcp', 9000, 'TCP'),
    listener('udp', 5353, 'UDP'),
  ]);
  const c = cluster(gatewayClass, g, secret('cert'), service('a', 'app', 443), service('b', 'app', 443), service('t', 'app', 3000), service('dns', 'app', 53),
    route('TLSRoute', 'exact', { parentRefs: [{ name: 'gw', sectionName: 'pass' }], hostnames: ['abc.example.com'], rules: [{ backendRefs: [backend('a', 443)] }] }),
    route('TLSRoute', 'wild', { parentRefs: [{ name: 'gw', sectionName: 'pass' }], hostnames: ['*.com'], rules: [{ backendRefs: [backend('b', 443)] }] }),
    route('TLSRoute', 'term', { parentRefs: [{ name: 'gw', sectionName: 'term' }], hostnames: ['term.example.com'], rules: [{ backendRefs: [backend('t', 3000)] }] }),
    route('TCPRoute', 'tcp', { parentRefs: [{ name: 'gw', sectionName: 'tcp' }], rules: [{ backendRefs: [backend('t', 3000)] }] }),
    route('UDPRoute', 'udp', { parentRefs: [{ name: 'gw', sectionName: 'udp' }], rules: [{ backendRefs: [backend('dns', 53)] }] }),
  );
  it('routes by SNI: the exact hostname before the wildcard (intersected to *.example.com)', () => {
    expect(routeName(trace(c, 'tls://abc.example.com:443'))).toBe('app/exact');
    expect(routeName(trace(c, 'https://other.example.com/'))).toBe('app/wild');
    expect(trace(c, 'https://other.example.com/').steps.some((s) => s.reason === 'TlsPassthrough')).toBe(true);
  });
  it('a TLS connection no TLSRoute takes is rejected', () => {
    expect(trace(c, 'tls://nothing.org:443').outcome).toMatchObject({ kind: 'rejected', status: 0 });
  });
  it('terminates TLS on a Terminate listener and forwards TCP', () => {
    const t = trace(c, 'tls://term.example.com:8443');
    expect(t.outcome).toMatchObject({ kind: 'proxied', backend: { service: 't', port: 3000 } });
    expect(t.steps.some((s) => s.reason === 'TlsTerminated')).toBe(true);
  });
  it('TCPRoute and UDPRoute by listener port', () => {
    expect(trace(c, 'tcp://anything:9000').outcome).toMatchObject({ kind: 'proxied', backend: { service: 't', port: 3000 } });
    expect(trace(c, 'udp://anything:5353').outcome).toMatchObject({ kind: 'proxied', backend: { service: 'dns', port: 53 } });
    expect(trace(c, 'tcp://anything:9001').outcome.kind).toBe('rejected');
  });
});

describe('GRPCRoute', () => {
  const g = gateway([listener('http', 80, 'HTTP')]);
  const c = cluster(gatewayClass, g, service('a'), service('b'),
    route('GRPCRoute', 'g', {
      hostnames: ['grpc.test'],
      rules: [
        { matches: [{ method: { service: 'pkg.Echo', method: 'Say' } }], backendRefs: [backend('a')] },
        { matches: [{ method: { service: 'pkg.Echo' }, headers: [{ name: 'version', value: '2' }] }], backendRefs: [backend('b')] },
        { matches: [{ method: { type: 'RegularExpression', service: 'pkg\\..*', method: 'Stream.*' } }], backendRefs: [backend('b')] },
      ],
    }),
  );
  it('matches service and method', () => {
    expect(trace(c, 'grpc://grpc.test/pkg.Echo/Say').outcome.backend?.service).toBe('a');
    expect(trace(c, 'grpc://grpc.test/pkg.Other/StreamAll').outcome.backend?.service).toBe('b');
  });
  it('more characters in the method beat a header match', () => {
    const t = trace(c, 'grpc://grpc.test/pkg.Echo/Say', { headers: { version: '2' } });
    expect(t.outcome.backend?.service).toBe('a');
    expect(step(t, 'rule')!.candidates!.find((x) => x.verdict === 'lost')?.detail).toMatch(/step 4 \(method\)/);
  });
  it('a gRPC call no rule matches is UNIMPLEMENTED (404); POST with content-type application/grpc is the same as grpc://', () => {
    expect(trace(c, 'grpc://grpc.test/pkg.Echo/Nope').outcome).toMatchObject({ status: 404, reason: 'GrpcNotMatched' });
    expect(trace(c, 'http://grpc.test/pkg.Echo/Say', { method: 'POST', headers: { 'content-type': 'application/grpc' } }).outcome.backend?.service).toBe('a');
  });
  it('a plain HTTP request to a GRPCRoute-only host is a 404 that says why', () => {
    const t = trace(c, 'http://grpc.test/pkg.Echo/Say');
    expect(t.outcome.status).toBe(404);
    expect(step(t, 'host')?.notes?.join(' ')).toContain('not a gRPC call');
  });
});

describe('backends (BackendRef.Weight, HTTPRouteRule.BackendRefs)', () => {
  const g = gateway([listener('http', 80, 'HTTP')]);
  const with_ = (refs: Obj[], extra: Obj[] = []) => cluster(gatewayClass, g, service('a'), service('b'), service('c'), ...extra, route('HTTPRoute', 'r', { rules: [{ backendRefs: refs }] }));
  it('lists every candidate with its weight and share; the sample is deterministic', () => {
    const c = with_([backend('a', 80, { weight: 70 }), backend('b', 80, { weight: 30 }), backend('c', 80, { weight: 0 })]);
    const t = trace(c, 'http://x.test/');
    expect(t.outcome.backends?.map((b) => [b.service, b.weight, +b.share.toFixed(2)])).toEqual([['a', 70, 0.7], ['b', 30, 0.3], ['c', 0, 0]]);
    expect(trace(c, 'http://x.test/').outcome.backend).toEqual(t.outcome.backend);
    expect(step(t, 'backend')!.candidates!.find((x) => x.label.startsWith('c'))).toMatchObject({ verdict: 'skip' });
  });
  it('spreads samples by weight across many requests', () => {
    const c = with_([backend('a', 80, { weight: 3 }), backend('b', 80, { weight: 1 })]);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const s = trace(c, `http://x.test/item/${i}`).outcome.backend!.service;
      counts[s] = (counts[s] ?? 0) + 1;
    }
    expect(counts.a).toBeGreaterThan(240);
    expect(counts.b).toBeGreaterThan(60);
  });
  it('a total weight of 0 is a 500', () => {
    expect(trace(with_([backend('a', 80, { weight: 0 })]), 'http://x.test/').outcome).toMatchObject({ status: 500, reason: 'NoBackends' });
  });
  it('a rule without backendRefs is a 500', () => {
    expect(trace(with_([]), 'http://x.test/').outcome).toMatchObject({ status: 500, reason: 'NoBackends' });
  });
  it('a sampled invalid candidate is a 500; a Service without ready endpoints a 503', () => {
    expect(trace(with_([backend('missing')]), 'http://x.test/').outcome).toMatchObject({ status: 500, reason: 'BackendInvalid' });
    const noPods = cluster(gatewayClass, g, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lonely', namespace: 'app' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } }, route('HTTPRoute', 'r', { rules: [{ backendRefs: [backend('lonely')] }] }));
    expect(trace(noPods, 'http://x.test/').outcome).toMatchObject({ status: 503, reason: 'BackendUnavailable' });
  });
});

describe('regular expressions (RE2, whole value)', () => {
  const g = gateway([listener('http', 80, 'HTTP')]);
  const c = cluster(gatewayClass, g, service('a'), service('b'), route('HTTPRoute', 'r', {
    rules: [
      { matches: [{ path: { type: 'RegularExpression', value: '/users/[0-9]+' } }], backendRefs: [backend('a')] },
      { matches: [{ headers: [{ type: 'RegularExpression', name: 'x-v', value: 'v[12]' }] }], backendRefs: [backend('b')] },
      { matches: [{ path: { type: 'RegularExpression', value: '/(unclosed' } }], backendRefs: [backend('b')] },
    ],
  }));
  it('matches the whole path and header value', () => {
    expect(trace(c, 'http://x.test/users/42').outcome.backend?.service).toBe('a');
    expect(trace(c, 'http://x.test/users/42/edit').outcome.status).toBe(404);
    expect(trace(c, 'http://x.test/', { headers: { 'x-v': 'v2' } }).outcome.backend?.service).toBe('b');
    expect(trace(c, 'http://x.test/', { headers: { 'x-v': 'v22' } }).outcome.status).toBe(404);
  });
  it('an invalid expression never matches, and the trace says why', () => {
    const t = trace(c, 'http://x.test/(unclosed');
    expect(t.outcome.status).toBe(404);
    expect(step(t, 'rule')!.candidates!.map((x) => x.detail).join(' ')).toContain('not a valid RE2 expression');
  });
});

describe('coverage and entry points', () => {
  const g = gateway([listener('http', 80, 'HTTP')]);
  const c = cluster(gatewayClass, g, service('a'), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [backend('a')] }, { backendRefs: [backend('a')] }] }));
  it('records the rule a request exercised, by id', () => {
    const t = trace(c, 'http://x.test/a');
    expect(t.exercised).toEqual(['HTTPRoute app/r rules[0]']);
    const cov = coverageOf(c, [t]);
    expect(cov.rules.map((r) => [r.id, r.hits])).toEqual([['HTTPRoute app/r rules[0]', 1], ['HTTPRoute app/r rules[1]', 0]]);
  });
  it('lists Gateways with their listeners for the request bar', () => {
    expect(entryPoints(c).gateways).toEqual([{ namespace: 'app', name: 'gw', source: expect.anything(), listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: undefined }] }]);
  });
});
