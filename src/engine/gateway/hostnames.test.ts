import { describe, expect, it } from 'vitest';
import { certificateNameCovers, coveringWildcards, gatewayHostnameMatches, hostnameRank, intersectHostnames } from './hostnames';

// gateway_types.go Listener.Hostname / httproute_types.go HTTPRouteSpec.Hostnames.
describe('Gateway API hostname matching (suffix wildcards)', () => {
  it.each([
    ['*.example.com', 'test.example.com', true, 'a wildcard covers one label'],
    ['*.example.com', 'foo.test.example.com', true, 'a wildcard covers several labels, unlike Ingress'],
    ['*.example.com', 'example.com', false, 'a wildcard never covers its bare suffix'],
    ['*.example.com', 'badexample.com', false, 'the suffix starts at a label boundary'],
    ['*.com', 'abc.example.com', true, 'a one-label suffix covers any depth'],
    ['test.example.com', 'test.example.com', true, 'exact equals'],
    ['test.example.com', 'foo.test.example.com', false, 'an exact hostname is not a suffix'],
  ])('%s vs %s -> %s (%s)', (pattern, host, want) => {
    expect(gatewayHostnameMatches(pattern, host)).toBe(want);
  });
});

describe('listener / route hostname intersection', () => {
  it.each([
    [undefined, 'foo.example.com', 'foo.example.com', 'a listener without hostname takes the route hostname'],
    ['test.example.com', 'test.example.com', 'test.example.com', 'equal hostnames'],
    ['test.example.com', '*.example.com', 'test.example.com', 'a route wildcard narrows to the listener hostname'],
    ['*.example.com', 'test.example.com', 'test.example.com', 'a listener wildcard covers the route hostname'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com', 'a listener wildcard covers deeper names'],
    ['*.example.com', '*.example.com', '*.example.com', 'equal wildcards'],
    ['*.foo.example.com', '*.example.com', '*.foo.example.com', 'the more specific wildcard wins (listener)'],
    ['*.example.com', '*.foo.example.com', '*.foo.example.com', 'the more specific wildcard wins (route)'],
    ['*.example.com', 'example.com', undefined, 'the bare suffix does not intersect'],
    ['*.example.com', 'test.example.net', undefined, 'another domain does not intersect'],
    ['abc.foo.example.com', '*.example.com', 'abc.foo.example.com', 'listener exact under a route wildcard'],
    ['*.example.com', '*.example.net', undefined, 'disjoint wildcards'],
    ['very.specific.com', '*.specific.com', 'very.specific.com', 'route wildcard over an exact listener'],
  ])('listener %s, route %s -> %s (%s)', (listener, route, want, _why) => {
    expect(intersectHostnames(listener, route)).toBe(want);
  });
});

describe('TLS certificate names (RFC 6125 6.4.3): one label only', () => {
  it.each([
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['a.example.com', 'a.example.com', true],
  ])('certificate %s for SNI %s -> %s', (cert, sni, want) => {
    expect(certificateNameCovers(cert, sni)).toBe(want);
  });
});

describe('hostname precedence', () => {
  it('lists the wildcards covering a host, most labels first', () => {
    expect(coveringWildcards('a.b.example.com')).toEqual(['*.b.example.com', '*.example.com', '*.com']);
  });
  it('ranks exact, then wildcards with more labels, then no hostname', () => {
    const order = ['foo.example.com', '*.foo.example.com', '*.example.com', '*.com', undefined];
    const ranks = order.map((h) => hostnameRank(h));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });
});
