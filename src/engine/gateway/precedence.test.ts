// HTTPRouteRule.Matches precedence, one case per tie-breaker, through the whole engine:
// each case builds two competing rules that both match and checks which one wins and
// which comparator step the trace names for the loser.
import { describe, expect, it } from 'vitest';
import { backend, cluster, gateway, gatewayClass, listener, route, routeName, service, step, trace, type Obj } from './testkit';
import { bucketsFor, compareGrpc, compareHttp, listenerIndex, type GrpcEntry, type HttpEntry } from './precedence';
import { gatewayTopology } from './listeners';
import { compareRouteAge, sortedByAge } from './attach';
import fc from 'fast-check';
import type { GatewayRoute, GRPCRoute, HTTPRoute } from '../model/gateway';

const gw = gateway([listener('http', 80, 'HTTP')]);
const base = [gatewayClass, gw, service('a'), service('b')];

function httpRoute(name: string, rules: Obj[], extra: Obj = {}, meta: Obj = {}): Obj {
  return route('HTTPRoute', name, { rules, ...extra }, 'app', meta);
}

function loserDetail(t: ReturnType<typeof trace>): string {
  return step(t, 'rule')?.candidates?.find((c) => c.verdict === 'lost')?.detail ?? '';
}

describe('HTTPRoute precedence (httproute_types.go HTTPRouteRule.Matches)', () => {
  it('1. hostname: an exact route hostname beats a wildcard with a longer path', () => {
    const c = cluster(base,
      httpRoute('exact', [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [backend('a')] }], { hostnames: ['foo.example.com'] }),
      httpRoute('wild', [{ matches: [{ path: { type: 'PathPrefix', value: '/foo' } }], backendRefs: [backend('b')] }], { hostnames: ['*.example.com'] }),
    );
    const t = trace(c, 'http://foo.example.com/foo');
    expect(routeName(t)).toBe('app/exact');
    expect(loserDetail(t)).toMatch(/step 1 \(hostname\)/);
  });

  it('1. hostname: a wildcard with more labels beats a shorter one', () => {
    const c = cluster(base,
      httpRoute('short', [{ backendRefs: [backend('a')] }], { hostnames: ['*.example.com'] }),
      httpRoute('long', [{ backendRefs: [backend('b')] }], { hostnames: ['*.foo.example.com'] }),
    );
    expect(routeName(trace(c, 'http://x.foo.example.com/'))).toBe('app/long');
    expect(routeName(trace(c, 'http://x.bar.example.com/'))).toBe('app/short');
  });

  it('2. the route hostname as written breaks a tie between identical listener/route intersections', () => {
    const g = gateway([listener('http', 80, 'HTTP', { hostname: 'abc.example.com' })]);
    const c = cluster([gatewayClass, g, service('a'), service('b')],
      httpRoute('wild', [{ backendRefs: [backend('a')] }], { hostnames: ['*.example.com'] }, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('exact', [{ backendRefs: [backend('b')] }], { hostnames: ['abc.example.com'] }, { creationTimestamp: '2024-01-01T00:00:00Z' }),
    );
    const t = trace(c, 'http://abc.example.com/');
    expect(routeName(t)).toBe('app/exact');
    expect(loserDetail(t)).toMatch(/step 2/);
  });

  it('3. path: Exact beats PathPrefix of the same value', () => {
    const c = cluster(base,
      httpRoute('prefix', [{ matches: [{ path: { type: 'PathPrefix', value: '/foo' } }], backendRefs: [backend('a')] }], {}, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('exact', [{ matches: [{ path: { type: 'Exact', value: '/foo' } }], backendRefs: [backend('b')] }]),
    );
    const t = trace(c, 'http://x.test/foo');
    expect(routeName(t)).toBe('app/exact');
    expect(loserDetail(t)).toMatch(/step 3 \(path\): Exact \/foo ranks above PathPrefix \/foo/);
  });

  it('3. path: the longest prefix wins', () => {
    const c = cluster(base,
      httpRoute('short', [{ matches: [{ path: { type: 'PathPrefix', value: '/foo' } }], backendRefs: [backend('a')] }], {}, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('long', [{ matches: [{ path: { type: 'PathPrefix', value: '/foo/bar' } }], backendRefs: [backend('b')] }]),
    );
    const t = trace(c, 'http://x.test/foo/bar/baz');
    expect(routeName(t)).toBe('app/long');
    expect(loserDetail(t)).toMatch(/longer than \/foo/);
  });

  it('4. a method match beats more header matches', () => {
    const c = cluster(base,
      httpRoute('headers', [{ matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }] }], backendRefs: [backend('a')] }], {}, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('method', [{ matches: [{ method: 'GET' }], backendRefs: [backend('b')] }]),
    );
    const t = trace(c, 'http://x.test/', { headers: { 'X-A': '1', 'X-B': '2' } });
    expect(routeName(t)).toBe('app/method');
    expect(loserDetail(t)).toMatch(/step 4 \(method\)/);
  });

  it('5. more header matches win', () => {
    const c = cluster(base,
      httpRoute('one', [{ matches: [{ headers: [{ name: 'x-a', value: '1' }] }], backendRefs: [backend('a')] }], {}, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('two', [{ matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }] }], backendRefs: [backend('b')] }]),
    );
    const t = trace(c, 'http://x.test/', { headers: { 'x-a': '1', 'x-b': '2' } });
    expect(routeName(t)).toBe('app/two');
    expect(loserDetail(t)).toMatch(/step 5 \(headers\): 2 header match\(es\) vs 1/);
  });

  it('6. more query param matches win', () => {
    const c = cluster(base,
      httpRoute('none', [{ backendRefs: [backend('a')] }], {}, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('query', [{ matches: [{ queryParams: [{ name: 'q', value: '1' }] }], backendRefs: [backend('b')] }]),
    );
    const t = trace(c, 'http://x.test/?q=1');
    expect(routeName(t)).toBe('app/query');
    expect(loserDetail(t)).toMatch(/step 6/);
  });

  it('7. the oldest route wins a full tie, whatever its name', () => {
    const c = cluster(base,
      httpRoute('zzz-old', [{ backendRefs: [backend('a')] }], {}, { creationTimestamp: '2020-01-01T00:00:00Z' }),
      httpRoute('aaa-new', [{ backendRefs: [backend('b')] }], {}, { creationTimestamp: '2024-01-01T00:00:00Z' }),
    );
    const t = trace(c, 'http://x.test/');
    expect(routeName(t)).toBe('app/zzz-old');
    expect(loserDetail(t)).toMatch(/step 7 \(age\).*is older \(2020-01-01T00:00:00Z vs 2024-01-01T00:00:00Z\)/);
  });

  it('7. a route without creationTimestamp counts as the newest', () => {
    const c = cluster(base,
      httpRoute('aaa-none', [{ backendRefs: [backend('a')] }]),
      httpRoute('zzz-stamped', [{ backendRefs: [backend('b')] }], {}, { creationTimestamp: '2024-01-01T00:00:00Z' }),
    );
    expect(routeName(trace(c, 'http://x.test/'))).toBe('app/zzz-stamped');
  });

  it('8. then namespace/name in alphabetical order', () => {
    const c = cluster(base, service('a', 'other'),
      httpRoute('b', [{ backendRefs: [backend('a')] }]),
      route('HTTPRoute', 'a', { rules: [{ backendRefs: [backend('a')] }] }, 'other'),
    );
    const t = trace(c, 'http://x.test/');
    expect(routeName(t)).toBe('app/b');
    expect(loserDetail(t)).toMatch(/step 8 \(name\): app\/b sorts before other\/a/);
  });

  it('9. then the first rule in list order', () => {
    const c = cluster(base, httpRoute('r', [
      { matches: [{ path: { type: 'PathPrefix', value: '/x' } }], backendRefs: [backend('a')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/x' } }], backendRefs: [backend('b')] },
    ]));
    const t = trace(c, 'http://x.test/x');
    expect(t.outcome.route?.rule).toBe('rules[0]');
    expect(t.outcome.backend?.service).toBe('a');
    expect(loserDetail(t)).toMatch(/step 9 \(rule order\)/);
  });

  it('ranks each match of a rule on its own (matches are ORed)', () => {
    // rules[0] matches "/" or header v=one; rules[1] matches "/v2" or header v=two.
    const c = cluster(base, httpRoute('m', [
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }, { headers: [{ name: 'v', value: 'one' }] }], backendRefs: [backend('a')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/v2' } }, { headers: [{ name: 'v', value: 'two' }] }], backendRefs: [backend('b')] },
    ]));
    expect(trace(c, 'http://x.test/', { headers: { v: 'two' } }).outcome.backend?.service).toBe('b');
    expect(trace(c, 'http://x.test/v2example').outcome.backend?.service).toBe('a');
  });
});

describe('the comparator, step by step', () => {
  const r = (name: string, ts?: string) => ({ kind: 'HTTPRoute', meta: { name, namespace: 'ns', creationTimestamp: ts, labels: {}, annotations: {} }, order: 0 }) as unknown as HTTPRoute;
  const entry = (over: Partial<{ route: HTTPRoute; rule: number; match: number; path: [string, string]; method: string; headers: number; query: number; host: string; orig: string }>): HttpEntry => ({
    kind: 'HTTPRoute',
    route: over.route ?? r('a'),
    rule: { index: over.rule ?? 0 } as HTTPEntryRule,
    match: {
      index: over.match ?? 0,
      path: { type: over.path?.[0] ?? 'PathPrefix', value: over.path?.[1] ?? '/', defaulted: false },
      method: over.method,
      headers: Array.from({ length: over.headers ?? 0 }, (_, i) => ({ type: 'Exact', name: `h${i}`, value: 'v' })),
      queryParams: Array.from({ length: over.query ?? 0 }, (_, i) => ({ type: 'Exact', name: `q${i}`, value: 'v' })),
      source: { file: '', startLine: 0, startCol: 0, endLine: 0, endCol: 0 },
    },
    hostname: { effective: over.host ?? '', original: over.orig ?? '' },
    seq: 0,
  });
  type HTTPEntryRule = HttpEntry['rule'];
  const same = r('same', '2024-01-01T00:00:00Z');
  it.each([
    [1, entry({ host: 'a.example.com' }), entry({ host: '*.example.com' })],
    [2, entry({ host: 'a.example.com', orig: 'a.example.com' }), entry({ host: 'a.example.com', orig: '*.example.com' })],
    [3, entry({ path: ['Exact', '/a'] }), entry({ path: ['PathPrefix', '/abc'] })],
    [3, entry({ path: ['RegularExpression', '/.*'] }), entry({ path: ['PathPrefix', '/abcdef'] })],
    [3, entry({ path: ['PathPrefix', '/abc'] }), entry({ path: ['PathPrefix', '/a'] })],
    [4, entry({ method: 'GET' }), entry({ headers: 3 })],
    [5, entry({ headers: 2 }), entry({ headers: 1, query: 5 })],
    [6, entry({ query: 1 }), entry({})],
    [7, entry({ route: r('z', '2020-01-01T00:00:00Z') }), entry({ route: r('a', '2021-01-01T00:00:00Z') })],
    [8, entry({ route: r('a') }), entry({ route: r('b') })],
    [9, entry({ route: same, rule: 0 }), entry({ route: same, rule: 1 })],
    [10, entry({ route: same, match: 0 }), entry({ route: same, match: 1 })],
  ])('step %i decides', (want, winner, loser) => {
    expect(compareHttp(winner, loser)).toEqual({ cmp: expect.any(Number), step: want });
    expect(compareHttp(winner, loser).cmp).toBeLessThan(0);
    expect(compareHttp(loser, winner).cmp).toBeGreaterThan(0);
  });
});

describe('the listener index', () => {
  it('puts each bucket in the order compareHttp gives, ties included (age, name, rule and match order)', () => {
    // Routes made to tie often: few paths and header counts, shared and missing timestamps,
    // names out of age order, two hostnames, several rules and matches per route.
    const routes: Obj[] = [];
    for (let i = 0; i < 40; i++) {
      const ts = i % 4 === 0 ? undefined : `2024-01-01T00:00:0${i % 3}Z`;
      const rules = [0, 1, 2].map((k) => ({
        matches: [0, 1].map((m) => ({
          path: { type: (i + k + m) % 3 === 0 ? 'Exact' : 'PathPrefix', value: ['/', '/a', '/a/b'][(i * 7 + k + m) % 3] },
          ...((i + m) % 2 ? { headers: [{ name: 'x', value: String(k) }] } : {}),
          ...((i + k) % 5 === 0 ? { method: 'GET' } : {}),
        })),
        backendRefs: [backend('a')],
      }));
      const hostnames = i % 3 === 0 ? ['*.example.com'] : i % 3 === 1 ? ['a.example.com'] : ['a.example.com', '*.example.com'];
      routes.push(httpRoute(`r${(i * 17) % 40}`, rules, { hostnames }, ts ? { creationTimestamp: ts } : {}));
    }
    const c = cluster(base, ...routes);
    const l = gatewayTopology(c).byKey.get('app/gw')!.listeners[0];
    const buckets = bucketsFor(listenerIndex(c, l).http, 'a.example.com');
    expect(buckets.map((b) => b.hostname)).toEqual(['a.example.com', '*.example.com']);
    // On a listener of hostname a.example.com both route hostnames serve a.example.com: one
    // bucket whose entries differ in the hostname as written (step 2).
    const named = cluster([gatewayClass, gateway([listener('http', 80, 'HTTP', { hostname: 'a.example.com' })]), service('a'), service('b')], ...routes);
    const nl = gatewayTopology(named).byKey.get('app/gw')!.listeners[0];
    const one = bucketsFor(listenerIndex(named, nl).http, 'a.example.com');
    expect(one.map((b) => b.hostname)).toEqual(['a.example.com']);
    expect(new Set(one[0].entries.map((e) => e.hostname.original))).toEqual(new Set(['a.example.com', '*.example.com']));
    for (const b of [...buckets, ...one]) {
      expect(b.entries.length).toBeGreaterThan(50);
      const byComparator = [...b.entries].sort((x, y) => compareHttp(x, y).cmp);
      expect(b.entries.map((e) => e.seq)).toEqual(b.entries.map((_, i) => i));
      expect(b.entries).toEqual(byComparator);
      // no two entries compare equal: the order is fully decided
      for (let i = 1; i < b.entries.length; i++) expect(compareHttp(b.entries[i - 1], b.entries[i]).cmp).toBeLessThan(0);
    }
  });
});

describe('GRPCRoute precedence (grpcroute_types.go GRPCRouteRule.Matches)', () => {
  const r = { kind: 'GRPCRoute', meta: { name: 'g', namespace: 'ns', labels: {}, annotations: {} }, order: 0 } as unknown as GRPCRoute;
  const e = (service?: string, method?: string, headers = 0): GrpcEntry => ({
    kind: 'GRPCRoute',
    route: r,
    rule: { index: 0 } as GrpcEntry['rule'],
    match: { index: 0, method: { type: 'Exact', service, method }, headers: Array.from({ length: headers }, (_, i) => ({ type: 'Exact', name: `h${i}`, value: 'v' })), source: { file: '', startLine: 0, startCol: 0, endLine: 0, endCol: 0 } },
    hostname: { effective: '', original: '' },
    seq: 0,
  });
  it.each([
    [3, e('pkg.Long', undefined), e('pkg.S', 'VeryLongMethod')],
    [4, e(undefined, 'Method'), e(undefined, undefined, 4)],
    [5, e('s', 'm', 2), e('s', 'm', 1)],
  ])('step %i: characters of service, then method, then header matches', (want, winner, loser) => {
    expect(compareGrpc(winner, loser).step).toBe(want);
    expect(compareGrpc(winner, loser).cmp).toBeLessThan(0);
  });

  const grpcRoute = (name: string, svc: string, meta: Obj = {}, method: Obj = { service: 'pkg.Echo' }) =>
    route('GRPCRoute', name, { hostnames: ['grpc.test'], rules: [{ matches: [{ method }], backendRefs: [backend(svc)] }] }, 'app', meta);

  it('the trace says which step a losing GRPCRoute rule lost on, in words', () => {
    const byAge = cluster(base,
      grpcRoute('zzz-old', 'a', { creationTimestamp: '2020-01-01T00:00:00Z' }),
      grpcRoute('aaa-new', 'b', { creationTimestamp: '2024-01-01T00:00:00Z' }),
    );
    let t = trace(byAge, 'grpc://grpc.test/pkg.Echo/Say');
    expect(routeName(t)).toBe('app/zzz-old');
    expect(loserDetail(t)).toMatch(/step 7 \(age\): GRPCRoute app\/zzz-old is older \(2020-01-01T00:00:00Z vs 2024-01-01T00:00:00Z\)/);

    const byMethod = cluster(base,
      grpcRoute('service-only', 'a', { creationTimestamp: '2020-01-01T00:00:00Z' }),
      grpcRoute('with-method', 'b', {}, { service: 'pkg.Echo', method: 'Say' }),
    );
    t = trace(byMethod, 'grpc://grpc.test/pkg.Echo/Say');
    expect(routeName(t)).toBe('app/with-method');
    expect(loserDetail(t)).toMatch(/step 4 \(method\): method Say has more characters than \(any\)/);
  });
});

describe('routes oldest first (sortedByAge: the order statuses and mesh bindings are listed in)', () => {
  const routeLike = (ts: string | undefined, namespace: string, name: string, order: number) => ({ kind: 'HTTPRoute', meta: { creationTimestamp: ts, namespace, name }, order }) as unknown as GatewayRoute;
  const same = (routes: GatewayRoute[]) => expect(sortedByAge(routes)).toEqual([...routes].sort(compareRouteAge));

  it('sorts as compareRouteAge: no timestamp last, a prefix first, then namespace/name, then document order', () => {
    same([
      routeLike(undefined, 'a', 'x', 0),
      routeLike('2024-01-01T00:00:01Z', 'b', 'y', 1),
      routeLike('2024-01-01T00:00:01Z', 'a', 'yz', 2),
      routeLike('2024-01-01T00:00:01Z', 'a', 'y', 3),
      routeLike('2024', 'z', 'z', 4),
      routeLike('', 'a', 'a', 5),
      routeLike('2024-01-01T00:00:01Z', 'a', 'y', 1),
    ]);
  });

  it('takes compareRouteAge itself for names or timestamps holding the characters its keys use', () => {
    same([routeLike('\uffff', 'a', 'b', 0), routeLike(undefined, 'a', 'b', 1), routeLike('2024', 'a\u0000', 'b', 2), routeLike('2024', 'a', 'b', 3)]);
  });

  it('agrees with compareRouteAge on any mix of timestamps, names and orders', () => {
    const piece = fc.constantFrom('', 'a', 'ab', 'b', '2024', '2024-01', '\u0000', '\uffff', 'é');
    const arb = fc.array(fc.record({ ts: fc.option(piece, { nil: undefined }), ns: piece, name: piece, order: fc.nat(5) }), { maxLength: 30 });
    fc.assert(fc.property(arb, (rs) => {
      const routes = rs.map((r) => routeLike(r.ts, r.ns, r.name, r.order));
      expect(sortedByAge(routes)).toEqual([...routes].sort(compareRouteAge));
    }), { numRuns: 300 });
  });
});
