import { describe, expect, it } from 'vitest';
import { headerValue } from '../model/request';
import { corsOriginAllowed, modifyHeaders, modifyPath, redirectLocation, newExchange } from './filters';
import { normalizeRequest } from '../model/request';
import { simulate } from '../simulate';
import { backend, cluster, gateway, gatewayClass, listener, route, service, step, trace, type Obj } from './testkit';

describe('ReplacePrefixMatch (the table in httproute_types.go HTTPPathModifier)', () => {
  it.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ])('%s with prefix %s replaced by "%s" -> %s', (path, prefix, replacement, want) => {
    expect(modifyPath(path, { type: 'ReplacePrefixMatch', replacePrefixMatch: replacement }, prefix)).toBe(want);
  });
  it('ReplaceFullPath replaces the whole path', () => {
    expect(modifyPath('/a/b/c', { type: 'ReplaceFullPath', replaceFullPath: '/x' }, '/a')).toBe('/x');
  });
});

describe('HTTPHeaderFilter', () => {
  const input: Array<[string, string]> = [['x-set', 'old'], ['x-add', 'a'], ['x-remove', 'r'], ['keep', 'k']];
  it('set overwrites, add appends, remove drops; names are case-insensitive', () => {
    const { list } = modifyHeaders(input, { set: [{ name: 'X-Set', value: 'new' }], add: [{ name: 'X-ADD', value: 'b' }, { name: 'X-New', value: 'n' }], remove: ['X-Remove'] });
    expect(headerValue(list, 'x-set')).toBe('new');
    expect(headerValue(list, 'x-add')).toBe('a,b');
    expect(headerValue(list, 'x-new')).toBe('n');
    expect(headerValue(list, 'x-remove')).toBeUndefined();
    expect(headerValue(list, 'keep')).toBe('k');
  });
});

describe('RequestRedirect Location (HTTPRequestRedirectFilter.Port)', () => {
  const ex = (url: string) => newExchange(normalizeRequest({ url }));
  const f = (over: Obj) => ({ type: 'RequestRedirect' as const, statusCode: 302, index: 0, source: { file: '', startLine: 0, startCol: 0, endLine: 0, endCol: 0 }, ...over });
  it.each([
    ['http://a.test/p', 80, { hostname: 'example.org' }, 'http://example.org/p', 'no scheme, no port: the listener port (80, left out)'],
    ['http://a.test:8080/p', 8080, { hostname: 'example.org' }, 'http://example.org:8080/p', 'no scheme, no port: the listener port 8080'],
    ['http://a.test/p', 80, { scheme: 'https' }, 'https://a.test/p', 'scheme https: its well-known port 443, left out'],
    ['http://a.test:8080/p', 8080, { scheme: 'https' }, 'https://a.test/p', 'a scheme overrides the listener port'],
    ['https://a.test/p', 443, { scheme: 'http', port: 8080 }, 'http://a.test:8080/p', 'an explicit port is kept'],
    ['http://a.test/p?q=1', 80, { port: 80 }, 'http://a.test/p?q=1', 'http on 80 is left out; the query is kept'],
    ['http://a.test/old/x', 80, { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }, 'http://a.test/new/x', 'prefix replaced'],
  ])('%s on listener port %i with %j -> %s (%s)', (url, port, over, want, _why) => {
    expect(redirectLocation(ex(url), f(over), port, '/old').location).toBe(want);
  });
});

describe('CORS allowOrigins matching (HTTPCORSFilter.AllowOrigins)', () => {
  it.each([
    ['*', 'https://anything.test:1234', true],
    ['https://www.foo.com', 'https://www.foo.com', true],
    ['https://www.foo.com', 'http://www.foo.com', false],
    ['https://www.foo.com', 'https://www.foo.com:443', true],
    ['https://www.foo.com', 'https://www.foo.com:8443', false],
    ['https://*.bar.com', 'https://www.bar.com', true],
    ['https://*.bar.com', 'https://a.b.bar.com', true],
    ['https://*.bar.com', 'https://bar.com', false],
  ])('%s allows %s -> %s', (pattern, origin, want) => {
    expect(corsOriginAllowed(pattern, origin)).toBe(want);
  });
});

// Every filter through the whole engine.
describe('filters on an HTTPRoute rule, in the order written', () => {
  const gw = gateway([listener('http', 80, 'HTTP')]);
  const r = (filters: Obj[], extra: Obj = {}, backends: Obj[] = [backend('a')]) =>
    cluster(gatewayClass, gw, service('a'), service('b'), service('m'), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], filters, backendRefs: backends, ...extra }] }));

  it('RequestHeaderModifier changes what the backend receives', () => {
    const t = trace(r([{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Set', value: 's' }], add: [{ name: 'X-Add', value: 'b' }], remove: ['X-Drop'] } }]), 'http://x.test/api', {
      headers: { 'x-set': 'old', 'x-add': 'a', 'x-drop': 'd' },
    });
    expect(headerValue(t.outcome.upstream!.headers, 'x-set')).toBe('s');
    expect(headerValue(t.outcome.upstream!.headers, 'x-add')).toBe('a,b');
    expect(headerValue(t.outcome.upstream!.headers, 'x-drop')).toBeUndefined();
    expect(step(t, 'filter')?.summary).toMatch(/^RequestHeaderModifier: set X-Set: s \(replaces the value sent\)/);
  });

  it('ResponseHeaderModifier adds response headers', () => {
    const t = trace(r([{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'X-Resp', value: '1' }], add: [{ name: 'X-Multi', value: 'a' }] } }]), 'http://x.test/api');
    expect(headerValue(t.outcome.responseHeaders, 'x-resp')).toBe('1');
    expect(headerValue(t.outcome.responseHeaders, 'x-multi')).toBe('a');
  });

  it('RequestRedirect answers with the Location and status, without a backend', () => {
    const c = r([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }], {}, []);
    const t = trace(c, 'http://x.test/api/users?id=1');
    expect(t.outcome).toMatchObject({ kind: 'redirect', status: 301, location: 'https://x.test/v2/users?id=1' });
  });

  it('URLRewrite changes the Host and the matched prefix', () => {
    const t = trace(r([{ type: 'URLRewrite', urlRewrite: { hostname: 'internal.test', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]), 'http://x.test/api/users?id=1');
    expect(t.outcome.upstream).toMatchObject({ host: 'internal.test', path: '/users?id=1' });
    expect(step(t, 'rewrite')?.summary).toContain('path /api/users -> /users');
  });

  it('RequestMirror copies a percentage (percent or fraction) of requests; the copy carries earlier filters', () => {
    const t1 = trace(r([{ type: 'RequestMirror', requestMirror: { backendRef: backend('m'), percent: 25 } }]), 'http://x.test/api');
    expect(t1.outcome.mirroredTo).toEqual([{ namespace: 'app', service: 'm', port: 80, percent: 25 }]);
    const t2 = trace(r([{ type: 'RequestMirror', requestMirror: { backendRef: backend('m'), fraction: { numerator: 1, denominator: 4 } } }]), 'http://x.test/api');
    expect(t2.outcome.mirroredTo[0].percent).toBe(25);
    const t3 = trace(r([{ type: 'RequestMirror', requestMirror: { backendRef: backend('m') } }]), 'http://x.test/api');
    expect(t3.outcome.mirroredTo[0].percent).toBe(100);
  });

  it('RequestMirror to a missing Service mirrors nothing and says why', () => {
    const t = trace(r([{ type: 'RequestMirror', requestMirror: { backendRef: backend('missing') } }]), 'http://x.test/api');
    expect(t.outcome.kind).toBe('proxied');
    expect(t.outcome.mirroredTo).toEqual([]);
    expect(step(t, 'mirror')).toMatchObject({ status: 'warn', summary: expect.stringContaining('Service app/missing does not exist') });
  });

  const cors = { type: 'CORS', cors: { allowOrigins: ['https://*.foo.com'], allowMethods: ['GET', 'PUT'], allowHeaders: ['x-a'], exposeHeaders: ['x-e'], allowCredentials: true, maxAge: 60 } };
  it('CORS: the Gateway answers a preflight itself', () => {
    const t = trace(r([cors]), 'http://x.test/api', { method: 'OPTIONS', headers: { Origin: 'https://a.foo.com', 'Access-Control-Request-Method': 'PUT' } });
    expect(t.outcome).toMatchObject({ kind: 'responded', status: 200 });
    expect(Object.fromEntries(t.outcome.responseHeaders)).toMatchObject({
      'access-control-allow-origin': 'https://a.foo.com',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'x-a',
      'access-control-max-age': '60',
    });
  });

  it('CORS: a simple cross-origin request is proxied with allow-origin and expose-headers', () => {
    const t = trace(r([cors]), 'http://x.test/api', { headers: { Origin: 'https://a.foo.com' } });
    expect(t.outcome.kind).toBe('proxied');
    expect(headerValue(t.outcome.responseHeaders, 'access-control-allow-origin')).toBe('https://a.foo.com');
    expect(headerValue(t.outcome.responseHeaders, 'access-control-expose-headers')).toBe('x-e');
  });

  it('CORS: an origin that is not allowed gets no CORS headers', () => {
    const t = trace(r([cors]), 'http://x.test/api', { headers: { Origin: 'https://evil.test' } });
    expect(headerValue(t.outcome.responseHeaders, 'access-control-allow-origin')).toBeUndefined();
    expect(step(t, 'filter')?.status).toBe('warn');
  });

  it('ExtensionRef is reported as implementation-specific and the request goes on', () => {
    const t = trace(r([{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Magic', name: 'm' } }]), 'http://x.test/api');
    expect(t.outcome.kind).toBe('proxied');
    expect(step(t, 'filter')).toMatchObject({ reason: 'FilterUnsupported', status: 'warn' });
  });

  describe('Envoy Gateway HTTPRouteFilter by ExtensionRef (api/v1alpha1 HTTPPathModifier ReplaceRegexMatch)', () => {
    const egFilter = (pattern: string, substitution: string) => ({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'HTTPRouteFilter', metadata: { name: 'rx', namespace: 'app' }, spec: { urlRewrite: { path: { type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern, substitution } } } } });
    const withFilter = (pattern: string, substitution: string) =>
      cluster(gatewayClass, gw, service('a'), egFilter(pattern, substitution), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], filters: [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'rx' } }], backendRefs: [backend('a')] }] }));

    it.each([
      // the API docs' own examples
      ['^/api/([^/]+)(/.*)$', '\\2/instance/\\1', '/api/foo/v1/list', '/v1/list/instance/foo'],
      ['one', 'two', '/api/one/yyy/one/zzz', '/api/two/yyy/two/zzz'],
      ['^(.*?)one(.*)$', '\\1two\\2', '/api/one/one', '/api/two/one'],
    ])('on envoy-gateway, %s -> %s rewrites %s to %s; the query is kept', (pattern, substitution, path, want) => {
      const t = simulate(withFilter(pattern, substitution), { url: `http://x.test${path}?q=1`, gateway: 'app/gw' }, { mode: 'gateway', implementation: 'envoy-gateway' });
      expect(t.outcome.upstream?.path).toBe(`${want}?q=1`);
      expect(step(t, 'rewrite')).toMatchObject({ reason: 'FilterApplied', status: 'ok' });
    });

    it('on any other profile it is an implementation-specific ExtensionRef, and the path is unchanged', () => {
      for (const implementation of ['portable', 'istio']) {
        const t = simulate(withFilter('one', 'two'), { url: 'http://x.test/api/one', gateway: 'app/gw' }, { mode: 'gateway', implementation });
        expect(t.outcome.upstream?.path).toBe('/api/one');
        expect(t.steps.find((x) => x.reason === 'FilterUnsupported')?.summary).toMatch(/implementation-specific/);
      }
    });

    it('a pattern RE2 rejects: Envoy Gateway cannot program it, the request gets 500', () => {
      const t = simulate(withFilter('(?<=a)b', 'c'), { url: 'http://x.test/api/ab', gateway: 'app/gw' }, { mode: 'gateway', implementation: 'envoy-gateway' });
      expect(t.outcome.status).toBe(500);
    });
  });

  it('filters of a backendRef apply only when the request goes to that backend', () => {
    const c = r([], {}, [
      backend('a', 80, { weight: 1, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'Backend', value: 'a' }] } }] }),
      backend('b', 80, { weight: 0, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'Backend', value: 'b' }] } }] }),
    ]);
    const t = trace(c, 'http://x.test/api');
    expect(headerValue(t.outcome.upstream!.headers, 'backend')).toBe('a');
  });

  it('a redirect on a backendRef redirects', () => {
    const c = r([], {}, [backend('a', 80, { filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'elsewhere.test' } }] })]);
    expect(trace(c, 'http://x.test/api').outcome).toMatchObject({ kind: 'redirect', status: 302, location: 'http://elsewhere.test/api' });
  });

  it('RequestRedirect together with URLRewrite makes the rule invalid (dropped)', () => {
    const c = r([{ type: 'RequestRedirect', requestRedirect: {} }, { type: 'URLRewrite', urlRewrite: { hostname: 'x' } }], {}, []);
    expect(trace(c, 'http://x.test/api').outcome.status).toBe(404);
  });
});
