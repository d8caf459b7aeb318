// HAProxy Ingress behaviour, one row per statement of keys.md ("Path type", "Rewrite
// target", "Strict host", "SSL redirect", "Redirect", "App root", "HTTP Match",
// "Annotation"). Scenarios are written here, not copied.
import { describe, expect, it } from 'vitest';
import { simulate, type Trace } from '../../index';
import { ingressCluster, served, type IngressSpec } from './testkit';
import { buildHostTable } from '../table';
import { buildHostPaths, pathMatches, testPath } from './haproxy/paths';

function trace(ingresses: IngressSpec[], url: string, headers: Record<string, string> = {}): Trace {
  // ImplementationSpecific by default, so paths take HAProxy's path-type annotation; TLS without a Secret.
  const c = ingressCluster(ingresses, ['app', 'one', 'two', 'fallback'], [], { pathType: 'ImplementationSpecific' });
  return simulate(c, { url, headers, controller: 'haproxy' });
}

const PT = 'haproxy-ingress.github.io/path-type';

describe('HAProxy Ingress path types (keys.md "Path type", request and match examples)', () => {
  it.each<[string, string | undefined, string, string, boolean]>([
    ['begin /app matches /App (case-insensitive)', undefined, '/app', '/App', true],
    ['begin /app matches /app', undefined, '/app', '/app', true],
    ['begin /app matches /app/1', undefined, '/app', '/app/1', true],
    ['begin /app matches /app1', undefined, '/app', '/app1', true],
    ['begin /app does not match /ap', undefined, '/app', '/ap', false],
    ['exact /app matches /app', 'exact', '/app', '/app', true],
    ['exact /app does not match /App', 'exact', '/app', '/App', false],
    ['exact /app does not match /app/', 'exact', '/app', '/app/', false],
    ['exact /app does not match /app1', 'exact', '/app', '/app1', false],
    ['prefix /app matches /app', 'prefix', '/app', '/app', true],
    ['prefix /app matches /app/', 'prefix', '/app', '/app/', true],
    ['prefix /app matches /app/1', 'prefix', '/app', '/app/1', true],
    ['prefix /app does not match /App', 'prefix', '/app', '/App', false],
    ['prefix /app does not match /app1', 'prefix', '/app', '/app1', false],
    ['regex /app[0-9]+ matches /app1', 'regex', '/app[0-9]+', '/app1', true],
    ['regex /app[0-9]+ matches /app15/sub', 'regex', '/app[0-9]+', '/app15/sub', true],
    ['regex /app[0-9]+ matches /app25xx/sub (no ending $)', 'regex', '/app[0-9]+', '/app25xx/sub', true],
    ['regex /app[0-9]+ does not match /App1 (case-sensitive)', 'regex', '/app[0-9]+', '/App1', false],
    ['regex /app[0-9]+ does not match /app/15', 'regex', '/app[0-9]+', '/app/15', false],
    ['regex /app[0-9]+$ matches /app15', 'regex', '/app[0-9]+$', '/app15', true],
    ['regex /app[0-9]+$ does not match /app15/', 'regex', '/app[0-9]+$', '/app15/', false],
    ['regex /app[0-9]+/? matches /app25/sub', 'regex', '/app[0-9]+/?', '/app25/sub', true],
    ['regex /app[0-9]+/? does not match /app/25sub', 'regex', '/app[0-9]+/?', '/app/25sub', false],
  ])('%s', (_name, pathType, path, request, matches) => {
    const annotations: Record<string, string> = pathType ? { [PT]: pathType } : {};
    const t = trace([{ name: 'p', host: 'h.test', annotations, paths: [{ path, svc: 'app' }] }], `http://h.test${request}`);
    expect(served(t)).toBe(matches ? 'app' : 404);
  });

  it('the decision\'s quick test (pathMatches) agrees with testPath, the one the trace words, on every path type, host kind and request', () => {
    const kinds = ['begin', 'exact', 'prefix', 'regex'];
    const paths = ['/app', '/App', '/app[0-9]+', '/app[0-9]+$', '/'];
    const ingresses: IngressSpec[] = [];
    for (const host of ['h.test', '*.w.test', undefined]) {
      for (const kind of kinds) ingresses.push({ name: `${kind}-${host ?? 'any'}`.replace(/[*.]/g, 'x'), host, annotations: { [PT]: kind }, paths: paths.map((path) => ({ path, svc: 'app' })) });
    }
    const c = ingressCluster(ingresses, ['app'], [], { pathType: 'ImplementationSpecific' });
    const table = buildHostTable(c.ingresses);
    const entries = [...table.exact.values(), ...table.wildcard.values(), ...(table.any ? [table.any] : [])];
    let compared = 0;
    for (const entry of entries) {
      for (const p of buildHostPaths(entry)) {
        for (const req of ['/app', '/App', '/app1', '/app15/x', '/app/', '/ap', '/', '/x']) {
          for (const host of ['h.test', 'a.w.test']) {
            expect(pathMatches(p, host, req), `${p.key} ${host}${req}`).toBe(testPath(p, host, req).matched);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('Exact and Prefix pathTypes win over the path-type annotation ("only used if ... ImplementationSpecific")', () => {
    const t = trace([{ name: 'p', host: 'h.test', annotations: { [PT]: 'begin' }, paths: [{ path: '/app', type: 'Prefix', svc: 'app' }] }], 'http://h.test/app1');
    expect(served(t)).toBe(404);
  });

  it('the annotation value is case-insensitive (Begin = begin)', () => {
    const t = trace([{ name: 'p', host: 'h.test', annotations: { [PT]: 'Exact' }, paths: [{ path: '/app', svc: 'app' }] }], 'http://h.test/app1');
    expect(served(t)).toBe(404);
  });

  it('exact paths are looked up before others, even a longer begin path', () => {
    const t = trace([{ name: 'e', host: 'h.test', paths: [{ path: '/app', type: 'Exact', svc: 'one' }, { path: '/app', svc: 'two' }] }], 'http://h.test/app');
    expect(served(t)).toBe('one');
  });

  it('the longer of two overlapping prefix/begin paths is looked up first', () => {
    const t = trace([{ name: 'o', host: 'h.test', paths: [{ path: '/api', type: 'Prefix', svc: 'one' }, { path: '/api/v2', svc: 'two' }] }], 'http://h.test/api/v2/x');
    expect(served(t)).toBe('two');
  });

  it('the legacy prefix ingress.kubernetes.io is read too; haproxy-ingress.github.io wins when both are set', () => {
    expect(served(trace([{ name: 'l', host: 'h.test', annotations: { 'ingress.kubernetes.io/path-type': 'exact' }, paths: [{ path: '/app', svc: 'app' }] }], 'http://h.test/app1'))).toBe(404);
    expect(served(trace([{ name: 'l', host: 'h.test', annotations: { 'ingress.kubernetes.io/path-type': 'exact', [PT]: 'begin' }, paths: [{ path: '/app', svc: 'app' }] }], 'http://h.test/app1'))).toBe('app');
  });
});

describe('HAProxy Ingress rewrite-target (keys.md "Rewrite target" table)', () => {
  it.each<[string, string, string, string | number]>([
    ['/abc', '/abc', '/', '/'],
    ['/abc', '/abc/', '/', '/'],
    ['/abc', '/abc/x', '/', '/x'],
    ['/abc', '/abc', '/y', '/y'],
    ['/abc', '/abc/', '/y', '/y/'],
    ['/abc', '/abc/x', '/y', '/y/x'],
    ['/abc/', '/abc', '/', 404],
    ['/abc/', '/abc/', '/', '/'],
    ['/abc/', '/abc/x', '/', '/x'],
  ])('ingress path %s, request %s, rewrite-target %s -> %s', (path, request, target, output) => {
    const t = trace([{ name: 'r', host: 'rw.test', annotations: { 'haproxy-ingress.github.io/rewrite-target': target }, paths: [{ path, svc: 'app' }] }], `http://rw.test${request}`);
    if (typeof output === 'number') expect(t.outcome.status).toBe(output);
    else expect(t.outcome.upstream?.path).toBe(output);
  });

  it('the query string is kept', () => {
    const t = trace([{ name: 'r', host: 'rw.test', annotations: { 'haproxy-ingress.github.io/rewrite-target': '/y' }, paths: [{ path: '/abc', svc: 'app' }] }], 'http://rw.test/abc/x?q=1');
    expect(t.outcome.upstream?.path).toBe('/y/x?q=1');
  });
});

describe('HAProxy Ingress hosts (keys.md "Strict host")', () => {
  const strict = [{ name: 's', host: 'my.domain.com', paths: [{ path: '/a', svc: 'one' }] }, { name: 'w', host: '*.domain.com', paths: [{ path: '/', svc: 'two' }] }];

  it('strict-host false: no path of the precise host matches, so the wildcard host is visited', () => {
    expect(served(trace(strict, 'http://my.domain.com/b'))).toBe('two');
  });

  it('a path of the precise host is used first', () => {
    expect(served(trace(strict, 'http://my.domain.com/a'))).toBe('one');
  });

  it('a wildcard host covers one label only', () => {
    expect(served(trace(strict, 'http://x.my.domain.com/'))).toBe(404);
  });

  it('the rules without host are visited last', () => {
    const t = trace([{ name: 's', host: 'a.test', paths: [{ path: '/a', svc: 'one' }] }, { name: 'any', paths: [{ path: '/', svc: 'two' }] }], 'http://a.test/b');
    expect(served(t)).toBe('two');
  });

  it('nothing matches: an internal 404 page ("Default Redirect")', () => {
    const t = trace([{ name: 's', host: 'a.test', paths: [{ path: '/a', svc: 'one' }] }], 'http://b.test/a');
    expect(t.outcome.status).toBe(404);
  });

  it('nothing matches: the oldest Ingress defaultBackend is the default backend', () => {
    const t = trace([{ name: 's', host: 'a.test', created: '2024-02-01T00:00:00Z', defaultBackend: 'one', paths: [{ path: '/a', svc: 'one' }] }, { name: 'old', created: '2024-01-01T00:00:00Z', defaultBackend: 'fallback' }], 'http://b.test/');
    expect(served(t)).toBe('fallback');
  });
});

describe('HAProxy Ingress redirects', () => {
  it.each<[string, IngressSpec, string, number | 'proxied', string?]>([
    ['ssl-redirect defaults to true: TLS for the host redirects plain HTTP with 302', { name: 't', host: 's.test', tls: true, paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/x?q=1', 302, 'https://s.test/x?q=1'],
    ['ssl-redirect "false" keeps plain HTTP', { name: 't', host: 's.test', tls: true, annotations: { 'haproxy-ingress.github.io/ssl-redirect': 'false' }, paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/', 'proxied'],
    ['ssl-redirect only takes effect when TLS is configured', { name: 't', host: 's.test', paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/', 'proxied'],
    ['no-tls-redirect-locations: /.well-known/acme-challenge stays on HTTP', { name: 't', host: 's.test', tls: true, paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/.well-known/acme-challenge/token', 'proxied'],
    ['redirect-to answers 302 with the URL as written', { name: 't', host: 's.test', annotations: { 'haproxy-ingress.github.io/redirect-to': 'https://www.s.test/login' }, paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/some?q=1', 302, 'https://www.s.test/login'],
    ['app-root redirects the root context with 302', { name: 't', host: 's.test', annotations: { 'haproxy-ingress.github.io/app-root': '/web' }, paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/', 302, '/web'],
    ['app-root leaves other paths alone', { name: 't', host: 's.test', annotations: { 'haproxy-ingress.github.io/app-root': '/web' }, paths: [{ path: '/', svc: 'app' }] }, 'http://s.test/web', 'proxied'],
  ])('%s', (_name, ing, url, status, location) => {
    const t = trace([ing], url);
    if (status === 'proxied') expect(t.outcome.kind).toBe('proxied');
    else {
      expect(t.outcome.status).toBe(status);
      expect(t.outcome.location).toBe(location);
    }
  });

  it('redirect-to-code is a Global key: as an annotation it is ignored and the code stays 302', () => {
    const t = trace([{ name: 't', host: 's.test', annotations: { 'haproxy-ingress.github.io/redirect-to': 'https://x.test/', 'haproxy-ingress.github.io/redirect-to-code': '301' }, paths: [{ path: '/', svc: 'app' }] }], 'http://s.test/');
    expect(t.outcome.status).toBe(302);
    expect(t.steps.some((s) => s.reason === 'AnnotationIgnored' && s.summary.includes('Global key'))).toBe(true);
  });

  it('redirect-from sends the source domain to the Ingress host with 302, keeping path and query', () => {
    const t = trace([{ name: 'f', host: 'www.app.test', annotations: { 'haproxy-ingress.github.io/redirect-from': 'app.test' }, paths: [{ path: '/', svc: 'app' }] }], 'http://app.test/p?q=1');
    expect(t.outcome.status).toBe(302);
    expect(t.outcome.location).toBe('//www.app.test/p?q=1');
  });

  it('app-root is only read from the Ingress that declares the root path', () => {
    const root = { name: 'root', host: 's.test', paths: [{ path: '/', svc: 'app' }] };
    const other = { name: 'other', host: 's.test', annotations: { 'haproxy-ingress.github.io/app-root': '/web' }, paths: [{ path: '/x', svc: 'one' }] };
    expect(trace([root, other], 'http://s.test/').outcome.kind).toBe('proxied');
  });
});

describe('HAProxy Ingress http-header-match (keys.md "HTTP Match")', () => {
  const match = { name: 'm', host: 'm.test', annotations: { 'haproxy-ingress.github.io/http-header-match': 'X-Env: staging' }, paths: [{ path: '/', svc: 'one' }] };

  it.each<[string, Record<string, string>, string | number]>([
    ['a request with the header and value reaches the backend', { 'X-Env': 'staging' }, 'one'],
    ['the header name is case-insensitive', { 'x-env': 'staging' }, 'one'],
    ['another value does not match', { 'X-Env': 'prod' }, 404],
    ['a missing header does not match', {}, 404],
  ])('%s', (_name, headers, expected) => {
    expect(served(trace([match], 'http://m.test/', headers))).toBe(expected);
  });

  it('http-header-match-regex matches the value with a regular expression', () => {
    const t = trace([{ ...match, annotations: { 'haproxy-ingress.github.io/http-header-match-regex': 'X-Env: ^stag' } }], 'http://m.test/', { 'X-Env': 'staging-2' });
    expect(served(t)).toBe('one');
  });
});

describe('annotations of other controllers under HAProxy Ingress', () => {
  it('an ingress-nginx rewrite-target does not rewrite and is reported as AnnotationIgnored', () => {
    const t = trace([{ name: 'n', host: 'n.test', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, paths: [{ path: '/app', svc: 'app' }] }], 'http://n.test/app/x');
    expect(t.outcome.upstream?.path).toBe('/app/x');
    expect(t.steps.some((s) => s.reason === 'AnnotationIgnored' && s.summary.includes('nginx.ingress.kubernetes.io/rewrite-target'))).toBe(true);
  });
});
