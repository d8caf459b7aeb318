// Traefik's ingress-nginx provider (Traefik v3.7), each row from its code or docs
// (pkg/provider/kubernetes/ingress-nginx translator.go buildRule, build.go, middleware.go,
// pkg/middlewares/ingressnginx/rewritetarget; docs routing-configuration/kubernetes/ingress-nginx.md)
// and the expectations of its TestLoadIngresses cases, restated. Scenarios are written here.
import { describe, expect, it } from 'vitest';
import { lint, loadManifests, simulate, type Trace } from '../../index';
import { ingressYaml, serviceYaml, served, type IngressSpec } from './testkit';

const SERVICES = ['app', 'one', 'two', 'canary', 'fallback'];
const cluster = (ingresses: IngressSpec[]) => loadManifests([...ingresses.map((i) => ingressYaml(i)), ...SERVICES.map((s) => serviceYaml(s))].join('\n---\n'));
const trace = (ingresses: IngressSpec[], url: string, headers: Record<string, string> = {}): Trace => simulate(cluster(ingresses), { url, headers, controller: 'traefik-nginx' });
const rule = (t: Trace) => t.steps.find((s) => s.kind === 'rule')?.summary ?? '';

describe('router rules (translator.go buildRule, buildPrefixRule)', () => {
  const one = (type: 'Exact' | 'Prefix' | 'ImplementationSpecific', path = '/foo'): IngressSpec[] => [{ name: 'a', host: 'a.test', paths: [{ path, type, svc: 'one' }] }];
  it.each<[string, 'Exact' | 'Prefix' | 'ImplementationSpecific', string, string | number]>([
    ['Prefix /foo matches /foo', 'Prefix', '/foo', 'one'],
    ['Prefix /foo matches /foo/x', 'Prefix', '/foo/x', 'one'],
    ['Prefix /foo does not match /foobar (whole path elements)', 'Prefix', '/foobar', 404],
    ['ImplementationSpecific is treated as Prefix', 'ImplementationSpecific', '/foobar', 404],
    ['Exact /foo does not match /foo/', 'Exact', '/foo/', 404],
  ])('%s', (_n, type, path, want) => {
    expect(served(trace(one(type), `http://a.test${path}`))).toBe(want);
  });

  it('writes Host("h") && (Path("/p") || PathPrefix("/p/")) for a Prefix path', () => {
    expect(rule(trace(one('Prefix'), 'http://a.test/foo'))).toContain('Host("a.test") && (Path("/foo") || PathPrefix("/foo/"))');
  });

  it('use-regex on one Ingress turns every Prefix path of the host into PathRegexp("(?i)^<path>"), across Ingresses (test "Use Regex cross ingress")', () => {
    const i: IngressSpec[] = [
      { name: 'a', host: 'shared.test', paths: [{ path: '/test(.*)', type: 'ImplementationSpecific', svc: 'one' }], annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } },
      { name: 'b', host: 'shared.test', paths: [{ path: '/static', svc: 'two' }] },
    ];
    const t = trace(i, 'http://shared.test/STATICx');
    expect(served(t)).toBe('two');
    expect(rule(t)).toContain('PathRegexp("(?i)^/static")');
  });

  it('no priority is set: the longest rule string wins, so an Exact path can lose to a shorter Prefix path', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/foo/bar', type: 'Exact', svc: 'one' }, { path: '/foo', svc: 'two' }] }];
    expect(served(trace(i, 'http://a.test/foo/bar'))).toBe('two');
    expect(served(simulate(cluster(i), { url: 'http://a.test/foo/bar', controller: 'ingress-nginx' }))).toBe('one');
  });
});

describe('annotations (middleware.go, translator.go)', () => {
  it('spec.tls turns on a 308 to HTTPS (ssl-redirect defaults to true); "false" keeps HTTP; force-ssl-redirect works without TLS', () => {
    const i = (a: Record<string, string>, tls = true): IngressSpec[] => [{ name: 'a', host: 'a.test', tls, paths: [{ path: '/', svc: 'app' }], annotations: a }];
    const t = trace(i({}), 'http://a.test/x?y=1');
    expect([t.outcome.status, t.outcome.location]).toEqual([308, 'https://a.test/x?y=1']);
    expect(served(trace(i({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }), 'http://a.test/x'))).toBe('app');
    expect(trace(i({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }, false), 'http://a.test/x').outcome.status).toBe(308);
  });

  it('temporal-redirect wins over permanent-redirect, and a code outside 300-308 falls back', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }], annotations: { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://p.test', 'nginx.ingress.kubernetes.io/temporal-redirect': 'https://t.test', 'nginx.ingress.kubernetes.io/temporal-redirect-code': '399' } }];
    const t = trace(i, 'http://a.test/x');
    expect([t.outcome.status, t.outcome.location]).toEqual([302, 'https://t.test']);
  });

  it('app-root answers / with 302 only', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }], annotations: { 'nginx.ingress.kubernetes.io/app-root': '/app' } }];
    expect(trace(i, 'http://a.test/').outcome.location).toBe('http://a.test/app');
    expect(served(trace(i, 'http://a.test/x'))).toBe('app');
  });

  it('rewrite-target replaces the part of the path the regex matches, with $n (test "Rewrite Target")', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/something(/|$)(.*)', type: 'ImplementationSpecific', svc: 'app' }], annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } }];
    expect(trace(i, 'http://a.test/something/new?q=1').outcome.upstream?.path).toBe('/new?q=1');
  });

  it('a canary by header takes the request when the header is "always"; canary-weight splits by weight', () => {
    const main: IngressSpec = { name: 'main', host: 'a.test', paths: [{ path: '/', svc: 'app' }] };
    const c: IngressSpec = { name: 'c', host: 'a.test', paths: [{ path: '/', svc: 'canary' }], annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary', 'nginx.ingress.kubernetes.io/canary-weight': '10' } };
    expect(served(trace([main, c], 'http://a.test/', { 'X-Canary': 'always' }))).toBe('canary');
    const w = trace([main, c], 'http://a.test/');
    expect(w.outcome.backends?.map((b) => [b.service, b.weight])).toEqual([['app', 90], ['canary', 10]]);
    expect(served(trace([main, c], 'http://a.test/', { 'X-Canary': 'never' }))).toBe('app');
  });

  it('an annotation it does not support is silently ignored, which the trace and lint say (docs, Unsupported Annotations)', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }], annotations: { 'nginx.ingress.kubernetes.io/mirror-target': 'http://m', 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } }];
    const t = trace(i, 'http://a.test/');
    expect(t.steps.some((s) => s.reason === 'AnnotationIgnored' && s.summary.includes('mirror-target'))).toBe(true);
    const p = lint(cluster(i), { controller: 'traefik-nginx' }).filter((x) => x.code === 'AnnotationIgnored');
    expect(p.map((x) => x.message.split(':')[0])).toEqual(['nginx.ingress.kubernetes.io/mirror-target']);
  });
});

describe('Ingresses the provider skips (build.go validate)', () => {
  it('a regex in a Prefix path drops the whole Ingress (strictValidatePathType, default true)', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }, { path: '/test(.*)', svc: 'one' }], annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }];
    expect(trace(i, 'http://a.test/').outcome.status).toBe(404);
    expect(lint(cluster(i), { controller: 'traefik-nginx' }).some((p) => p.code === 'IngressRejected')).toBe(true);
  });

  it('a snippet annotation drops the Ingress (allowSnippetAnnotations defaults to false)', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }], annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";' } }];
    expect(trace(i, 'http://a.test/').outcome.status).toBe(404);
  });
});
