import { describe, expect, it } from 'vitest';
import { normalizeRequest, parseHeaderLines, RequestError } from './request';

describe('normalizeRequest', () => {
  it('splits scheme, host, default port, path and query', () => {
    const r = normalizeRequest({ url: 'http://Shop.Example.test/cart?x=1&y=a%20b' });
    expect(r).toMatchObject({ protocol: 'http', host: 'shop.example.test', port: 80, path: '/cart', query: '?x=1&y=a%20b', method: 'GET' });
    expect(r.queryParams).toEqual([['x', '1'], ['y', 'a b']]);
  });

  it('routes on the Host header when one is given, but connects to the URL host', () => {
    const r = normalizeRequest({ url: 'http://203.0.113.10/', headers: { Host: 'foo.example.com:8080' } });
    expect(r.connectHost).toBe('203.0.113.10');
    expect(r.host).toBe('foo.example.com');
  });

  it('reads grpc:// as a POST with the gRPC content type', () => {
    const r = normalizeRequest({ url: 'grpc://api.example.com/pkg.Echo/Say' });
    expect(r).toMatchObject({ method: 'POST', protocol: 'grpc', port: 80, grpc: { service: 'pkg.Echo', method: 'Say' } });
    expect(r.headers).toContainEqual(['content-type', 'application/grpc']);
  });

  it('gives https and tls:// an SNI', () => {
    expect(normalizeRequest({ url: 'https://a.example.com/' }).sni).toBe('a.example.com');
    expect(normalizeRequest({ url: 'tls://b.example.com:8443' })).toMatchObject({ sni: 'b.example.com', port: 8443 });
  });

  it.each([
    ['', 'empty'],
    ['example.com/path', 'not a URL'],
    ['ftp://example.com/', 'unsupported scheme'],
    ['tcp://example.com', 'needs a port'],
    ['http://example.com:99999/', 'out of range'],
  ])('rejects %j with a one-line reason (%s)', (url, why) => {
    expect(() => normalizeRequest({ url })).toThrow(RequestError);
    expect(() => normalizeRequest({ url })).toThrow(new RegExp(why));
  });
});

describe('parseHeaderLines', () => {
  it('reads Name: value lines and keeps colons in values', () => {
    expect(parseHeaderLines('X-A: 1\n\n# note\nCookie: a=b:c')).toEqual([['X-A', '1'], ['Cookie', 'a=b:c']]);
  });
  it('rejects a line without a colon, naming the line', () => {
    expect(() => parseHeaderLines('X-A 1')).toThrow(/line 1/);
  });
});
