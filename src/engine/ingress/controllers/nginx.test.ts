// ingress-nginx behaviour, one row per documented statement. Scenarios are written here
// from the docs (ingress-path-matching.md, annotations.md, default-backend.md,
// how-it-works.md); they are not copied from the corpus.
import { describe, expect, it } from 'vitest';
import { simulate, type Trace } from '../../index';
import { loadManifests } from '../../parse/manifests';
import { ingressCluster, ingressYaml, served, serviceYaml, type IngressSpec, type PathSpec as Path } from './testkit';
import { lint } from '../../analysis/lint';

const SERVICES = ['web', 'api', 'v1', 'v2', 'v3', 'canary', 'fallback', 'catchall'];

function cluster(ingresses: IngressSpec[], emptyServices: string[] = []) {
  return ingressCluster(ingresses, SERVICES, emptyServices);
}

function trace(ingresses: IngressSpec[], url: string, headers: Record<string, string> = {}, emptyServices: string[] = []): Trace {
  return simulate(cluster(ingresses, emptyServices), { url, headers, controller: 'ingress-nginx' });
}


describe('ingress-nginx path matching per pathType (NGINX locations)', () => {
  it.each<[string, Path, string, string | number]>([
    ['Prefix /foo matches /foo through its exact location = /foo', { path: '/foo', svc: 'api' }, '/foo', 'api'],
    ['Prefix /foo matches /foo/bar through its prefix location /foo/', { path: '/foo', svc: 'api' }, '/foo/bar', 'api'],
    ['Prefix /foo does not match /foobar', { path: '/foo', svc: 'api' }, '/foobar', 'web'],
    ['Prefix /foo/ matches /foo/x', { path: '/foo/', svc: 'api' }, '/foo/x', 'api'],
    ['Exact /foo matches only /foo', { path: '/foo', type: 'Exact', svc: 'api' }, '/foo', 'api'],
    ['Exact /foo does not match /foo/', { path: '/foo', type: 'Exact', svc: 'api' }, '/foo/', 'web'],
    ['ImplementationSpecific /foo is a plain prefix location, so it matches /foobar', { path: '/foo', type: 'ImplementationSpecific', svc: 'api' }, '/foobar', 'api'],
    ['prefix locations are case-sensitive: Prefix /foo does not match /FOO', { path: '/foo', svc: 'api' }, '/FOO', 'web'],
  ])('%s', (_name, p, path, expected) => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [p, { path: '/', svc: 'web' }] }], `http://a.test${path}`);
    expect(served(t)).toBe(expected);
  });

  it('the longest matching prefix wins', () => {
    const ing = { name: 'site', host: 'a.test', paths: [{ path: '/', svc: 'web' }, { path: '/api', svc: 'api' }, { path: '/api/v2', svc: 'v2' }] };
    expect(served(trace([ing], 'http://a.test/api/v2/users'))).toBe('v2');
    expect(served(trace([ing], 'http://a.test/api/v1'))).toBe('api');
  });

  it('an exact location ends the search before a longer prefix could match', () => {
    const ing = { name: 'site', host: 'a.test', paths: [{ path: '/docs', type: 'Exact' as const, svc: 'v1' }, { path: '/docs', svc: 'v2' }] };
    expect(served(trace([ing], 'http://a.test/docs'))).toBe('v1');
    expect(served(trace([ing], 'http://a.test/docs/x'))).toBe('v2');
  });

  it('the same path and pathType in two Ingresses: the oldest rule wins (how-it-works.md)', () => {
    const older = { name: 'older', host: 'a.test', created: '2024-01-01T00:00:00Z', paths: [{ path: '/x', svc: 'v1' }] };
    const newer = { name: 'newer', host: 'a.test', created: '2024-06-01T00:00:00Z', paths: [{ path: '/x', svc: 'v2' }] };
    const t = trace([newer, older], 'http://a.test/x/1');
    expect(t.outcome.route?.name).toBe('older');
    const rule = t.steps.find((s) => s.kind === 'rule')!;
    expect(rule.candidates?.some((c) => c.verdict === 'skip' && c.reason === 'PathOlderWins' && c.label.includes('newer'))).toBe(true);
  });

  it('no matching path: 404 from the controller default backend (default-backend.md)', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/api', svc: 'api' }] }], 'http://a.test/other');
    expect(t.outcome.status).toBe(404);
    expect(t.outcome.reason).toBe('ControllerDefaultBackend');
  });

  it('no matching path: spec.defaultBackend of the Ingress that created the server answers', () => {
    const t = trace([{ name: 'site', host: 'a.test', defaultBackend: 'fallback', paths: [{ path: '/api', svc: 'api' }] }], 'http://a.test/other');
    expect(served(t)).toBe('fallback');
  });

  it('unknown host: the defaultBackend of an Ingress without rules (catch-all) answers', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/', svc: 'web' }] }, { name: 'all', defaultBackend: 'catchall' }], 'http://unknown.test/');
    expect(served(t)).toBe('catchall');
  });

  it('a Service without endpoints answers 503', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/', svc: 'api' }] }], 'http://a.test/', {}, ['api']);
    expect(t.outcome.status).toBe(503);
  });

  it('the default-backend annotation serves when the Service has no active endpoints (annotations.md)', () => {
    const t = trace([{ name: 'site', host: 'a.test', annotations: { 'nginx.ingress.kubernetes.io/default-backend': 'fallback' }, paths: [{ path: '/', svc: 'api' }] }], 'http://a.test/', {}, ['api']);
    expect(served(t)).toBe('fallback');
  });

  it('wildcard server names match several labels, unlike the Ingress spec (NGINX server names)', () => {
    const t = trace([{ name: 'site', host: '*.a.test', paths: [{ path: '/', svc: 'web' }] }], 'http://x.y.a.test/');
    expect(served(t)).toBe('web');
  });
});

describe('ingress-nginx regular expressions (ingress-path-matching.md)', () => {
  const useRegex = { 'nginx.ingress.kubernetes.io/use-regex': 'true' };

  it.each<[string, string, string, string | number]>([
    ['use-regex: /foo/.* becomes ~* "^/foo/.*" and matches /foo/bar', '/foo/.*', '/foo/bar', 'api'],
    ['~* is case-insensitive: /foo/.* matches /FOO/bar', '/foo/.*', '/FOO/bar', 'api'],
    ['the regex is anchored at the start only: /id/[0-9]+ matches /id/12a', '/id/[0-9]+', '/id/12a', 'api'],
    ['a trailing $ anchors the end: /id/[0-9]+$ does not match /id/12a', '/id/[0-9]+$', '/id/12a', 404],
    ['a regex path that does not match falls to the default backend', '/id/[0-9]+', '/id/abc', 404],
  ])('%s', (_name, path, req, expected) => {
    const t = trace([{ name: 're', host: 'r.test', annotations: useRegex, paths: [{ path, type: 'ImplementationSpecific', svc: 'api' }] }], `http://r.test${req}`);
    expect(served(t)).toBe(expected);
  });

  it('paths are tried longest first and the first match wins (Path Priority example)', () => {
    const one = { name: 'one', host: 'p.test', paths: [{ path: '/foo/bar', svc: 'v1' }, { path: '/foo/bar/', svc: 'v2' }] };
    const two = { name: 'two', host: 'p.test', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' }, paths: [{ path: '/foo/bar/(.+)', type: 'ImplementationSpecific' as const, svc: 'v3' }] };
    expect(served(trace([one, two], 'http://p.test/foo/bar/1'))).toBe('v3');
    expect(served(trace([one, two], 'http://p.test/foo/bar/'))).toBe('v2');
    expect(served(trace([one, two], 'http://p.test/foo/bar'))).toBe('v1');
  });

  it('rewrite-target on one Ingress turns every path of the host into a case-insensitive regex (IMPORTANT NOTES)', () => {
    const plain = { name: 'plain', host: 'p.test', paths: [{ path: '/shop', svc: 'v1' }] };
    const rw = { name: 'rw', host: 'p.test', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, paths: [{ path: '/other', svc: 'v2' }] };
    expect(served(trace([plain], 'http://p.test/SHOP'))).toBe(404);
    expect(served(trace([plain, rw], 'http://p.test/SHOP'))).toBe('v1');
    const rule = trace([plain, rw], 'http://p.test/SHOP').steps.find((s) => s.kind === 'rule')!;
    expect(rule.notes?.join(' ')).toContain('rewrite-target on Ingress default/rw');
  });

  it('regular expressions on another host do not change this host', () => {
    const plain = { name: 'plain', host: 'p.test', paths: [{ path: '/shop', svc: 'v1' }] };
    const other = { name: 'other', host: 'q.test', annotations: useRegex, paths: [{ path: '/x.*', type: 'ImplementationSpecific' as const, svc: 'v2' }] };
    expect(served(trace([plain, other], 'http://p.test/SHOP'))).toBe(404);
  });

  it('first match beats the longest exact path (Warning example)', () => {
    const ing = { name: 'warn', host: 'w.test', annotations: useRegex, paths: [{ path: '/foo/bar/bar', svc: 'v1' }, { path: '/foo/bar/[A-Z0-9]{3}', type: 'ImplementationSpecific' as const, svc: 'v2' }] };
    expect(served(trace([ing], 'http://w.test/foo/bar/bar'))).toBe('v2');
  });

  it('a path that is not a valid regular expression never matches, and the trace says why', () => {
    const t = trace([{ name: 'bad', host: 'b.test', annotations: useRegex, paths: [{ path: '/a(b', type: 'ImplementationSpecific', svc: 'api' }, { path: '/', svc: 'web' }] }], 'http://b.test/a(b');
    expect(served(t)).toBe('web');
    expect(t.steps.find((s) => s.kind === 'rule')!.candidates!.some((c) => c.reason === 'RegexInvalid')).toBe(true);
  });
});

describe('ingress-nginx rewrite-target (annotations.md "Rewrite", examples/rewrite)', () => {
  const rewrite = (target: string, path: string, type: Path['type'] = 'ImplementationSpecific') => [{ name: 'rw', host: 'rw.test', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': target }, paths: [{ path, type, svc: 'api' }] }];

  it.each<[string, string, string, string, string]>([
    ['/$2 with /something(/|$)(.*): /something -> /', '/$2', '/something(/|$)(.*)', '/something', '/'],
    ['/$2 with /something(/|$)(.*): /something/ -> /', '/$2', '/something(/|$)(.*)', '/something/', '/'],
    ['/$2 with /something(/|$)(.*): /something/new -> /new', '/$2', '/something(/|$)(.*)', '/something/new', '/new'],
    ['capture groups fill $1: /v1/(.*) with /api/$1 turns /v1/users into /api/users', '/api/$1', '/v1/(.*)', '/v1/users', '/api/users'],
    ['the query string is kept', '/$1', '/v1/(.*)', '/v1/users?page=2', '/users?page=2'],
    ['without capture groups the whole URI is replaced: / on /something/x gives /', '/', '/something', '/something/x', '/'],
  ])('%s', (_name, target, path, req, upstream) => {
    const t = trace(rewrite(target, path), `http://rw.test${req}`);
    expect(t.outcome.upstream?.path).toBe(upstream);
    expect(t.steps.find((s) => s.kind === 'rewrite')?.summary).toContain(`-> ${upstream}`);
  });

  it('a rewrite-target equal to the path does not rewrite', () => {
    const t = trace([{ name: 'same', host: 's.test', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/keep' }, paths: [{ path: '/keep', svc: 'api' }] }], 'http://s.test/keep/x');
    expect(t.outcome.upstream?.path).toBe('/keep/x');
  });
});

describe('ingress-nginx redirects (annotations.md)', () => {
  const site = (annotations: Record<string, string>, tls?: string[]) => [{ name: 'site', host: 'r.test', annotations, tls, paths: [{ path: '/', svc: 'web' }] }];

  it.each<[string, Record<string, string>, string[] | undefined, string, number | 'proxied', string?]>([
    ['TLS on the Ingress: plain HTTP gets 308 to https, without the trailing slash', {}, ['r.test'], 'http://r.test/', 308, 'https://r.test'],
    ['TLS on the Ingress: path and query are kept', {}, ['r.test'], 'http://r.test/a/b?x=1', 308, 'https://r.test/a/b?x=1'],
    ['TLS with ssl-redirect "false": plain HTTP is proxied', { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, ['r.test'], 'http://r.test/', 'proxied'],
    ['no TLS: no redirect', {}, undefined, 'http://r.test/', 'proxied'],
    ['HTTPS with TLS is proxied', {}, ['r.test'], 'https://r.test/', 'proxied'],
    ['force-ssl-redirect redirects without TLS', { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }, undefined, 'http://r.test/x/', 308, 'https://r.test/x'],
    ['preserve-trailing-slash keeps the slash', { 'nginx.ingress.kubernetes.io/preserve-trailing-slash': 'true' }, ['r.test'], 'http://r.test/x/', 308, 'https://r.test/x/'],
    ['permanent-redirect answers 301 with the URL as written', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://new.test' }, undefined, 'http://r.test/deep?q=1', 301, 'https://new.test'],
    ['permanent-redirect-code 308', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://new.test', 'nginx.ingress.kubernetes.io/permanent-redirect-code': '308' }, undefined, 'http://r.test/', 308, 'https://new.test'],
    ['a permanent-redirect-code outside 300-308 falls back to 301', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://new.test', 'nginx.ingress.kubernetes.io/permanent-redirect-code': '200' }, undefined, 'http://r.test/', 301, 'https://new.test'],
    ['temporal-redirect answers 302', { 'nginx.ingress.kubernetes.io/temporal-redirect': 'https://tmp.test' }, undefined, 'http://r.test/', 302, 'https://tmp.test'],
    ['temporal-redirect-code 307', { 'nginx.ingress.kubernetes.io/temporal-redirect': 'https://tmp.test', 'nginx.ingress.kubernetes.io/temporal-redirect-code': '307' }, undefined, 'http://r.test/', 307, 'https://tmp.test'],
    ['temporal-redirect is applied before permanent-redirect', { 'nginx.ingress.kubernetes.io/temporal-redirect': 'https://tmp.test', 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://new.test' }, undefined, 'http://r.test/', 302, 'https://tmp.test'],
    ['permanent-redirect is answered before the HTTPS redirect', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://new.test' }, ['r.test'], 'http://r.test/', 301, 'https://new.test'],
    ['app-root redirects / with 302 to the application root', { 'nginx.ingress.kubernetes.io/app-root': '/app1' }, undefined, 'http://r.test/', 302, 'http://r.test/app1'],
    ['app-root leaves other paths alone', { 'nginx.ingress.kubernetes.io/app-root': '/app1' }, undefined, 'http://r.test/other', 'proxied'],
  ])('%s', (_name, annotations, tls, url, status, location) => {
    const t = trace(site(annotations, tls), url);
    if (status === 'proxied') expect(t.outcome.kind).toBe('proxied');
    else {
      expect(t.outcome.status).toBe(status);
      expect(t.outcome.location).toBe(location);
    }
  });

  it('an ssl-redirect value that is not a boolean keeps the default (redirect) and the trace says so at the annotation', () => {
    const t = trace(site({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'maybe' }, ['r.test']), 'http://r.test/a');
    expect(t.outcome.status).toBe(308);
    const note = t.steps.find((s) => s.summary.startsWith('nginx.ingress.kubernetes.io/ssl-redirect:'));
    expect(note?.summary).toContain('"maybe" is not a boolean; the default (true) applies');
    expect(note?.status).toBe('warn');
  });

  it('app-root with an absolute URL is rejected by ingress-nginx (rewrite/main.go u.IsAbs()): / reaches the backend, the trace and lint say why', () => {
    const ann = { 'nginx.ingress.kubernetes.io/app-root': 'https://r.test/app1' };
    const t = trace(site(ann), 'http://r.test/');
    expect(t.outcome.kind).toBe('proxied');
    expect(JSON.stringify(t)).not.toContain('hosthttps');
    const note = t.steps.find((s) => s.summary.startsWith('nginx.ingress.kubernetes.io/app-root:'));
    expect(note?.summary).toContain('allows only a path');
    expect(note?.status).toBe('warn');
    const problems = lint(cluster(site(ann)), { controller: 'ingress-nginx' });
    expect(problems.find((p) => p.code === 'AnnotationRejected')?.message).toContain('https://r.test/app1');
  });

  it('app-root that is not an absolute path ("app1") is rejected too; "/app1" is kept', () => {
    expect(trace(site({ 'nginx.ingress.kubernetes.io/app-root': 'app1' }), 'http://r.test/').outcome.kind).toBe('proxied');
    expect(trace(site({ 'nginx.ingress.kubernetes.io/app-root': '/app1' }), 'http://r.test/').outcome.status).toBe(302);
  });

  it('an on/off annotation that is not a boolean stays off (force-ssl-redirect "yes")', () => {
    const t = trace(site({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'yes' }), 'http://r.test/a');
    expect(t.outcome.kind).toBe('proxied');
    expect(t.steps.some((s) => s.summary.includes('"yes" is not a boolean; the default (false) applies'))).toBe(true);
  });

  it('from-to-www-redirect: www.<host> redirects to <host> with 308, keeping the port (e2e)', () => {
    const t = trace([{ name: 'www', host: 'shop.test', annotations: { 'nginx.ingress.kubernetes.io/from-to-www-redirect': 'true' }, paths: [{ path: '/', svc: 'web' }] }], 'http://www.shop.test/foo');
    expect(t.outcome.status).toBe(308);
    expect(t.outcome.location).toBe('http://shop.test:80/foo');
  });

  it('from-to-www-redirect works the other way for a www host', () => {
    const t = trace([{ name: 'www', host: 'www.shop.test', annotations: { 'nginx.ingress.kubernetes.io/from-to-www-redirect': 'true' }, paths: [{ path: '/', svc: 'web' }] }], 'https://shop.test/');
    expect(t.outcome.location).toBe('https://www.shop.test:443');
  });

  it('from-to-www-redirect is omitted when an Ingress defines the other name', () => {
    const a = { name: 'www', host: 'shop.test', annotations: { 'nginx.ingress.kubernetes.io/from-to-www-redirect': 'true' }, paths: [{ path: '/', svc: 'web' }] };
    const b = { name: 'other', host: 'www.shop.test', paths: [{ path: '/', svc: 'api' }] };
    expect(served(trace([a, b], 'http://www.shop.test/'))).toBe('api');
  });
});

describe('ingress-nginx canary (annotations.md "Canary")', () => {
  const mainline = { name: 'main', host: 'c.test', paths: [{ path: '/', svc: 'web' }] };
  const canary = (annotations: Record<string, string>) => ({ name: 'main-canary', host: 'c.test', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', ...annotations }, paths: [{ path: '/', svc: 'canary' }] });
  const byHeader = { 'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary' };

  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    ['canary-by-header "always" routes to the canary', byHeader, { 'X-Canary': 'always' }, 'canary'],
    ['canary-by-header "never" keeps the mainline', byHeader, { 'X-Canary': 'never' }, 'web'],
    ['canary-by-header with any other value is ignored', byHeader, { 'X-Canary': 'maybe' }, 'web'],
    ['the header name is case-insensitive', byHeader, { 'x-canary': 'always' }, 'canary'],
    ['canary-by-header-value: the exact value routes to the canary', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-header-value': 'yes' }, { 'X-Canary': 'yes' }, 'canary'],
    ['canary-by-header-value: "always" means nothing once a value is set', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-header-value': 'yes' }, { 'X-Canary': 'always' }, 'web'],
    ['canary-by-header-pattern: a PCRE match routes to the canary', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-header-pattern': '^v[0-9]+$' }, { 'X-Canary': 'v2' }, 'canary'],
    ['canary-by-header-pattern is ignored when a value is set', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-header-value': 'yes', 'nginx.ingress.kubernetes.io/canary-by-header-pattern': '^v' }, { 'X-Canary': 'v2' }, 'web'],
    ['an invalid header pattern counts as not matching and ends on the mainline', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-header-pattern': '[', 'nginx.ingress.kubernetes.io/canary-by-cookie': 'c' }, { 'X-Canary': 'x', Cookie: 'c=always' }, 'web'],
    ['canary-by-cookie "always" routes to the canary', { 'nginx.ingress.kubernetes.io/canary-by-cookie': 'beta' }, { Cookie: 'a=1; beta=always' }, 'canary'],
    ['canary-by-cookie "never" keeps the mainline even with weight 100', { 'nginx.ingress.kubernetes.io/canary-by-cookie': 'beta', 'nginx.ingress.kubernetes.io/canary-weight': '100' }, { Cookie: 'beta=never' }, 'web'],
    ['precedence header -> cookie: an ignored header value lets the cookie decide', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-header-value': 'yes', 'nginx.ingress.kubernetes.io/canary-by-cookie': 'beta' }, { 'X-Canary': 'no', Cookie: 'beta=always' }, 'canary'],
    ['precedence header -> cookie: header "never" wins over cookie "always"', { ...byHeader, 'nginx.ingress.kubernetes.io/canary-by-cookie': 'beta' }, { 'X-Canary': 'never', Cookie: 'beta=always' }, 'web'],
    ['canary-weight 0 sends nothing to the canary', { 'nginx.ingress.kubernetes.io/canary-weight': '0' }, {}, 'web'],
    ['canary-weight 100 sends everything to the canary', { 'nginx.ingress.kubernetes.io/canary-weight': '100' }, {}, 'canary'],
    ['canary-weight equal to canary-weight-total sends everything to the canary', { 'nginx.ingress.kubernetes.io/canary-weight': '500', 'nginx.ingress.kubernetes.io/canary-weight-total': '500' }, {}, 'canary'],
  ])('%s', (_name, annotations, headers, expected) => {
    expect(served(trace([mainline, canary(annotations)], 'http://c.test/x', headers))).toBe(expected);
  });

  it('canary-weight splits the traffic and lists both backends with their weights', () => {
    const t = trace([mainline, canary({ 'nginx.ingress.kubernetes.io/canary-weight': '30' })], 'http://c.test/x');
    expect(t.outcome.backends?.map((b) => [b.service, b.weight])).toEqual([['web', 70], ['canary', 30]]);
    expect(['web', 'canary']).toContain(t.outcome.backend?.service);
    expect(t.steps.find((s) => s.kind === 'canary')?.reason).toBe('CanaryWeighted');
  });

  it('canary-weight-total changes the base of the weight', () => {
    const t = trace([mainline, canary({ 'nginx.ingress.kubernetes.io/canary-weight': '1', 'nginx.ingress.kubernetes.io/canary-weight-total': '1000' })], 'http://c.test/x');
    expect(t.outcome.backends?.map((b) => b.weight)).toEqual([999, 1]);
  });

  it('the weighted choice is deterministic for the same request', () => {
    const ings = [mainline, canary({ 'nginx.ingress.kubernetes.io/canary-weight': '50' })];
    expect(served(trace(ings, 'http://c.test/x'))).toBe(served(trace(ings, 'http://c.test/x')));
  });

  it('a canary Ingress without a mainline Ingress serves nothing', () => {
    const t = trace([canary(byHeader)], 'http://c.test/x', { 'X-Canary': 'always' });
    expect(t.outcome.status).toBe(404);
  });

  it('a host named only by canary Ingresses has no server, so the default server answers', () => {
    const t = trace([canary(byHeader), { name: 'all', defaultBackend: 'catchall' }], 'http://c.test/x', { 'X-Canary': 'always' });
    expect(served(t)).toBe('catchall');
  });

  it('a canary applies only to the mainline path with the same path and pathType', () => {
    const main = { name: 'main', host: 'c.test', paths: [{ path: '/', svc: 'web' }, { path: '/api', svc: 'api' }] };
    const only = { name: 'c', host: 'c.test', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', ...byHeader }, paths: [{ path: '/api', svc: 'canary' }] };
    expect(served(trace([main, only], 'http://c.test/api/x', { 'X-Canary': 'always' }))).toBe('canary');
    expect(served(trace([main, only], 'http://c.test/other', { 'X-Canary': 'always' }))).toBe('web');
  });

  it("a canary's other annotations are ignored: the mainline's rewrite-target applies", () => {
    const main = { name: 'main', host: 'c.test', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, paths: [{ path: '/app', svc: 'web' }] };
    const can = { name: 'c', host: 'c.test', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', ...byHeader, 'nginx.ingress.kubernetes.io/rewrite-target': '/other' }, paths: [{ path: '/app', svc: 'canary' }] };
    const t = trace([main, can], 'http://c.test/app/x', { 'X-Canary': 'always' });
    expect(served(t)).toBe('canary');
    expect(t.outcome.upstream?.path).toBe('/');
    expect(t.steps.some((s) => s.reason === 'AnnotationIgnored' && s.summary.includes('rewrite-target'))).toBe(true);
  });

  it('only one canary per rule: a second canary Ingress is not used', () => {
    const second = { name: 'z-canary', host: 'c.test', created: '2030-01-01T00:00:00Z', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '100' }, paths: [{ path: '/', svc: 'api' }] };
    const first = { ...canary({ 'nginx.ingress.kubernetes.io/canary-weight': '0' }), created: '2020-01-01T00:00:00Z' };
    expect(served(trace([mainline, first, second], 'http://c.test/x'))).toBe('web');
  });
});

describe('annotations of other controllers under ingress-nginx', () => {
  it('a Traefik annotation has no effect and is reported as AnnotationIgnored', () => {
    const t = trace([{ name: 'site', host: 'a.test', annotations: { 'traefik.ingress.kubernetes.io/router.priority': '10' }, paths: [{ path: '/', svc: 'web' }] }], 'http://a.test/');
    const note = t.steps.find((s) => s.reason === 'AnnotationIgnored');
    expect(note?.summary).toContain('traefik.ingress.kubernetes.io/router.priority');
    expect(note?.source?.startLine).toBeGreaterThan(0);
  });

  it('an HAProxy rewrite-target does not rewrite under ingress-nginx', () => {
    const t = trace([{ name: 'site', host: 'a.test', annotations: { 'haproxy-ingress.github.io/rewrite-target': '/' }, paths: [{ path: '/app', svc: 'web' }] }], 'http://a.test/app/x');
    expect(t.outcome.upstream?.path).toBe('/app/x');
    expect(t.steps.some((s) => s.reason === 'AnnotationIgnored')).toBe(true);
  });
});

describe('ingress-nginx server-alias (annotations.md "Server Alias")', () => {
  const ALIAS = 'nginx.ingress.kubernetes.io/server-alias';
  const shop = (aliases: string, created = '2024-01-01T00:00:00Z'): IngressSpec => ({ name: 'shop', host: 'shop.test', created, annotations: { [ALIAS]: aliases }, paths: [{ path: '/', svc: 'web' }] });

  it('an alias answers with the server of the Ingress host, and the trace names the annotation', () => {
    const t = trace([shop('www.shop.test, store.test')], 'http://store.test/cart');
    expect(served(t)).toBe('web');
    const host = t.steps.find((s) => s.kind === 'host')!;
    expect(host.summary).toContain('server shop.test, through its server-alias store.test');
    expect(host.candidates?.[0]).toMatchObject({ verdict: 'won', object: { kind: 'Ingress', name: 'shop' } });
    expect(host.candidates?.[0].source?.startLine).toBe(8); // the annotation's line
  });

  it('an alias that is the name of an existing server is ignored: that server answers', () => {
    const t = trace([shop('api.test'), { name: 'api', host: 'api.test', paths: [{ path: '/', svc: 'api' }] }], 'http://api.test/');
    expect(served(t)).toBe('api');
  });

  it('an alias is an exact name, so it wins over a wildcard server', () => {
    const t = trace([shop('x.wild.test'), { name: 'wild', host: '*.wild.test', paths: [{ path: '/', svc: 'api' }] }], 'http://x.wild.test/');
    expect(served(t)).toBe('web');
  });

  it('a host no server or alias names still falls to the default backend', () => {
    expect(served(trace([shop('store.test')], 'http://other.test/'))).toBe(404);
  });

  it('the oldest Ingress of a host sets its aliases; a later one is skipped', () => {
    const older = shop('old-alias.test', '2023-01-01T00:00:00Z');
    const newer: IngressSpec = { name: 'shop-api', host: 'shop.test', created: '2024-06-01T00:00:00Z', annotations: { [ALIAS]: 'new-alias.test' }, paths: [{ path: '/api', svc: 'api' }] };
    expect(served(trace([older, newer], 'http://old-alias.test/api'))).toBe('api');
    expect(served(trace([older, newer], 'http://new-alias.test/api'))).toBe(404);
  });

  it('two servers with the same alias: the server whose hostname sorts first keeps it, and the trace says why the other lost it', () => {
    const a: IngressSpec = { name: 'a', host: 'a.test', annotations: { [ALIAS]: 'shared.test' }, paths: [{ path: '/', svc: 'web' }] };
    const b: IngressSpec = { name: 'b', host: 'b.test', annotations: { [ALIAS]: 'shared.test' }, paths: [{ path: '/', svc: 'api' }] };
    const t = trace([b, a], 'http://shared.test/');
    expect(served(t)).toBe('web');
    expect(t.steps.find((s) => s.kind === 'host')?.candidates?.find((c) => c.verdict === 'skip')?.detail).toMatch(/server a\.test already has the alias/);
  });
});

describe('ingress-nginx authentication (annotations.md "Authentication")', () => {
  const AUTH = 'nginx.ingress.kubernetes.io/';
  const secret = (name: string, key = 'auth') => `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: default}\ntype: Opaque\ndata: {${key}: Zm9vOiRhcHIxJA==}`;
  const run = (annotations: Record<string, string>, extra: string[], url = 'http://auth.test/x', headers: Record<string, string> = {}) => {
    const text = [ingressYaml({ name: 'site', host: 'auth.test', annotations, paths: [{ path: '/', svc: 'web' }] }), serviceYaml('web'), ...extra].join('\n---\n');
    return simulate(loadManifests(text), { url, headers, controller: 'ingress-nginx' });
  };
  const basic = { [`${AUTH}auth-type`]: 'basic', [`${AUTH}auth-secret`]: 'users', [`${AUTH}auth-realm`]: 'Shop staff' };

  it('without an Authorization header, basic auth answers 401 and names the realm', () => {
    const t = run(basic, [secret('users')]);
    expect(t.outcome).toMatchObject({ kind: 'responded', status: 401, reason: 'AuthenticationRequired' });
    expect(t.steps.find((s) => s.reason === 'AuthenticationRequired')?.summary).toContain('WWW-Authenticate: Basic realm="Shop staff"');
  });

  it('with an Authorization header the request is proxied (credentials are not checked)', () => {
    expect(run(basic, [secret('users')], 'http://auth.test/x', { Authorization: 'Basic Zm9vOmJhcg==' }).outcome.kind).toBe('proxied');
  });

  it.each<[string, Record<string, string>, string[], RegExp]>([
    ['an auth-secret that is not in the manifests', basic, [], /auth-secret default\/users is not in the manifests/],
    ['a Secret without the "auth" key', basic, [secret('users', 'htpasswd')], /has no key "auth"/],
    ['an auth-type other than basic or digest', { ...basic, [`${AUTH}auth-type`]: 'oauth' }, [secret('users')], /not basic or digest/],
  ])('%s denies the location: 503', (_name, annotations, extra, why) => {
    const t = run(annotations, extra);
    expect(t.outcome).toMatchObject({ kind: 'error', status: 503, reason: 'LocationDenied' });
    expect(t.steps.find((s) => s.reason === 'LocationDenied')?.summary).toMatch(why);
  });

  it('an auth-map Secret needs no "auth" key', () => {
    const t = run({ ...basic, [`${AUTH}auth-secret-type`]: 'auth-map' }, [secret('users', 'alice')]);
    expect(t.outcome.status).toBe(401);
  });

  it('the HTTPS redirect comes before authentication (rewrite phase before access phase)', () => {
    const text = [ingressYaml({ name: 'site', host: 'auth.test', tls: true, annotations: basic, paths: [{ path: '/', svc: 'web' }] }), serviceYaml('web'), secret('users')].join('\n---\n');
    expect(simulate(loadManifests(text), { url: 'http://auth.test/x', controller: 'ingress-nginx' }).outcome.status).toBe(308);
  });
});

describe('ingress-nginx and the URI NGINX matches ($uri, NGINX "location" docs)', () => {
  const site = (paths: Path[], annotations?: Record<string, string>) => [{ name: 'site', host: 'a.test', annotations, paths: [...paths, { path: '/', svc: 'web' }] }];

  it('a Prefix path written with a trailing slash answers the path without it with 301 to the path with it, query kept', () => {
    const t = trace(site([{ path: '/foo/', svc: 'api' }]), 'http://a.test/foo?x=1');
    expect(t.outcome.status).toBe(301);
    expect(t.outcome.location).toBe('http://a.test/foo/?x=1');
    expect(t.outcome.reason).toBe('TrailingSlashRedirect');
    expect(served(trace(site([{ path: '/foo/', svc: 'api' }]), 'http://a.test/foo/'))).toBe('api');
  });

  it('ImplementationSpecific /foo/ is the same prefix location and redirects too', () => {
    expect(trace(site([{ path: '/foo/', type: 'ImplementationSpecific', svc: 'api' }]), 'http://a.test/foo').outcome.status).toBe(301);
  });

  it('no redirect where an Exact path or a prefix location is the request path itself', () => {
    expect(served(trace(site([{ path: '/foo/', svc: 'api' }, { path: '/foo', type: 'Exact', svc: 'v1' }]), 'http://a.test/foo'))).toBe('v1');
    expect(served(trace(site([{ path: '/foo/', svc: 'api' }, { path: '/foo', type: 'ImplementationSpecific', svc: 'v2' }]), 'http://a.test/foo'))).toBe('v2');
    // Prefix /foo (no slash) is written as "= /foo" and "/foo/": /foo is served, not redirected.
    expect(served(trace(site([{ path: '/foo', svc: 'api' }]), 'http://a.test/foo'))).toBe('api');
  });

  it('regex locations never redirect: with use-regex the request goes on to the next match', () => {
    const t = trace(site([{ path: '/foo/', type: 'ImplementationSpecific', svc: 'api' }], { 'nginx.ingress.kubernetes.io/use-regex': 'true' }), 'http://a.test/foo');
    expect(t.outcome.kind).toBe('proxied');
    expect(served(t)).toBe('web');
  });

  it.each<[string, string]>([
    ['dot segments are resolved', '/x/../api/1'],
    ['a single dot segment is dropped', '/./api/1'],
    ['adjacent slashes are merged', '//api//1'],
    ['percent-escapes are decoded before matching', '/%61pi/1'],
  ])('%s: %s is matched as /api/1, the backend still gets it as sent', (_name, sent) => {
    const t = trace(site([{ path: '/api', svc: 'api' }]), `http://a.test${sent}`);
    expect(served(t)).toBe('api');
    const note = t.steps.find((s) => s.reason === 'UriNormalized');
    expect(note?.facts?.uri).toBe('/api/1');
    expect(t.outcome.upstream?.path).toBe(sent);
  });

  it('a path that needs no normalization adds no note', () => {
    const t = trace(site([{ path: '/api', svc: 'api' }]), 'http://a.test/api/1');
    expect(t.steps.some((s) => s.reason === 'UriNormalized')).toBe(false);
  });

  it('%2F decodes to a slash, so an encoded path can reach a location its raw form does not', () => {
    expect(served(trace(site([{ path: '/a/b', svc: 'api' }]), 'http://a.test/a%2Fb'))).toBe('api');
  });

  it('".." above the root is refused with 400 before any location is chosen', () => {
    const t = trace(site([{ path: '/api', svc: 'api' }]), 'http://a.test/../api');
    expect(t.outcome.status).toBe(400);
    expect(t.outcome.reason).toBe('UriInvalid');
  });

  it('rewrite-target runs on the normalized URI', () => {
    const ing = [{ name: 'rw', host: 'a.test', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' }, paths: [{ path: '/v1/(.*)', type: 'ImplementationSpecific' as const, svc: 'api' }] }];
    expect(trace(ing, 'http://a.test/v1//users').outcome.upstream?.path).toBe('/users');
  });
});
