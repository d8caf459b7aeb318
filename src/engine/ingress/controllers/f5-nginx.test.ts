// F5 NGINX Ingress Controller behaviour, each row from its code or docs (nginx/kubernetes-ingress:
// internal/configs/ingress.go, internal/configs/version1/template_helper.go,
// internal/k8s/configuration.go, internal/k8s/validation.go, internal/configs/virtualserver.go,
// pkg/apis/configuration/validation/virtualserver.go, and the examples' READMEs). Scenarios are
// written here, not copied.
import { describe, expect, it } from 'vitest';
import { lint, loadManifests, simulate, type Trace } from '../../index';
import { ingressYaml, serviceYaml, served, type IngressSpec } from './testkit';

const SERVICES = ['app', 'one', 'two', 'tea', 'coffee', 'fallback', 'v1', 'v2'];

function cluster(ingresses: IngressSpec[], extra = ''): ReturnType<typeof loadManifests> {
  const docs = [...ingresses.map((i) => ingressYaml(i)), ...SERVICES.map((s) => serviceYaml(s)), ...(extra ? [extra] : [])];
  return loadManifests(docs.join('\n---\n'));
}

function trace(ingresses: IngressSpec[], url: string, headers: Record<string, string> = {}, extra = ''): Trace {
  return simulate(cluster(ingresses, extra), { url, headers, controller: 'f5-nginx' });
}

describe('F5 NGINX Ingress Controller paths (ingress.go generateIngressPath: Exact is "= /p", Prefix and ImplementationSpecific a plain location)', () => {
  const ing = (type: 'Exact' | 'Prefix' | 'ImplementationSpecific', path = '/foo'): IngressSpec[] => [{ name: 'a', host: 'a.test', paths: [{ path, type, svc: 'one' }] }];
  it.each<[string, 'Exact' | 'Prefix' | 'ImplementationSpecific', string, string | number]>([
    ['Prefix /foo matches /foo', 'Prefix', '/foo', 'one'],
    ['Prefix /foo matches /foo/bar', 'Prefix', '/foo/bar', 'one'],
    ['Prefix /foo also matches /foobar (a plain NGINX prefix, no path elements)', 'Prefix', '/foobar', 'one'],
    ['Prefix /foo does not match /FOO (prefix locations are case-sensitive)', 'Prefix', '/FOO', 404],
    ['ImplementationSpecific /foo is the same plain prefix', 'ImplementationSpecific', '/foobar', 'one'],
    ['Exact /foo matches /foo', 'Exact', '/foo', 'one'],
    ['Exact /foo does not match /foo/', 'Exact', '/foo/', 404],
  ])('%s', (_n, type, path, want) => {
    expect(served(trace(ing(type), `http://a.test${path}`))).toBe(want);
  });

  it('a Prefix path ending in "/" answers the path without it with 301 (rewrites README: "/tea requests are redirected to /tea/")', () => {
    const t = trace([{ name: 'a', host: 'a.test', paths: [{ path: '/tea/', svc: 'tea' }] }], 'http://a.test/tea?x=1');
    expect(t.outcome.status).toBe(301);
    expect(t.outcome.location).toBe('http://a.test/tea/?x=1');
  });

  it('an exact location beats the longest prefix, and the longest prefix beats a shorter one', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }, { path: '/api', svc: 'one' }, { path: '/api/v1', type: 'Exact', svc: 'two' }] }];
    expect(served(trace(i, 'http://a.test/api/v1'))).toBe('two');
    expect(served(trace(i, 'http://a.test/api/v2'))).toBe('one');
    expect(served(trace(i, 'http://a.test/else'))).toBe('app');
  });

  it('a host whose locations do not cover the path has no catch-all: 404; an unknown host gets the default server\'s 404', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/api', svc: 'one' }] }];
    expect(trace(i, 'http://a.test/other').outcome.status).toBe(404);
    const t = trace(i, 'http://b.test/api');
    expect(t.outcome.status).toBe(404);
    expect(t.outcome.message).toContain('default server');
  });

  it('spec.defaultBackend adds location / to the Ingress\'s own hosts only', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/api', svc: 'one' }], defaultBackend: 'fallback' }];
    expect(served(trace(i, 'http://a.test/other'))).toBe('fallback');
    expect(trace(i, 'http://b.test/other').outcome.status).toBe(404);
  });
});

describe('nginx.org/path-regex (template_helper.go makePathWithRegex: ~ "^p", ~* "^p", = "p", for every path of the Ingress)', () => {
  const ing = (mode: string, path = '/tea/[A-Z0-9]+', type: 'Prefix' | 'ImplementationSpecific' | 'Exact' = 'ImplementationSpecific'): IngressSpec[] => [
    { name: 'a', host: 'a.test', paths: [{ path, type, svc: 'tea' }], annotations: { 'nginx.org/path-regex': mode } },
  ];
  it.each<[string, string, string, string | number]>([
    ['case_sensitive matches /tea/AB12', 'case_sensitive', '/tea/AB12', 'tea'],
    ['case_sensitive does not match /tea/ab12', 'case_sensitive', '/tea/ab12', 404],
    ['case_sensitive is anchored at the start only: /tea/AB12/more matches', 'case_sensitive', '/tea/AB12/more', 'tea'],
    ['case_insensitive matches /TEA/ab12', 'case_insensitive', '/TEA/ab12', 'tea'],
  ])('%s', (_n, mode, path, want) => {
    expect(served(trace(ing(mode), `http://a.test${path}`))).toBe(want);
  });

  it('exact turns a path into an exact location', () => {
    expect(served(trace(ing('exact', '/tea', 'Prefix'), 'http://a.test/tea'))).toBe('tea');
    expect(trace(ing('exact', '/tea', 'Prefix'), 'http://a.test/tea/x').outcome.status).toBe(404);
  });

  it('a regex location of one minion overrides the longest prefix of another (NGINX tries regexes after the prefixes)', () => {
    const master: IngressSpec = { name: 'm', host: 'a.test', created: '2026-01-01T00:00:00Z', paths: [], annotations: { 'nginx.org/mergeable-ingress-type': 'master' } };
    const plain: IngressSpec = { name: 'plain', host: 'a.test', created: '2026-01-02T00:00:00Z', paths: [{ path: '/tea', svc: 'one' }], annotations: { 'nginx.org/mergeable-ingress-type': 'minion' } };
    const regex: IngressSpec = { name: 'regex', host: 'a.test', created: '2026-01-03T00:00:00Z', paths: [{ path: '/tea/[0-9]+', type: 'ImplementationSpecific', svc: 'two' }], annotations: { 'nginx.org/mergeable-ingress-type': 'minion', 'nginx.org/path-regex': 'case_sensitive' } };
    expect(served(trace([master, plain, regex], 'http://a.test/tea/12'))).toBe('two');
    expect(served(trace([master, plain, regex], 'http://a.test/tea/x'))).toBe('one');
  });
});

describe('one resource per host (configuration.go buildHostsAndResources, chooseObjectMetaWinner: the oldest wins)', () => {
  it('two regular Ingresses for one host: only the older one is served, the other gets "host is taken"', () => {
    const i: IngressSpec[] = [
      { name: 'new', host: 'a.test', created: '2026-02-01T00:00:00Z', paths: [{ path: '/api', svc: 'two' }] },
      { name: 'old', host: 'a.test', created: '2026-01-01T00:00:00Z', paths: [{ path: '/', svc: 'one' }] },
    ];
    const t = trace(i, 'http://a.test/api/x');
    expect(served(t)).toBe('one');
    const host = t.steps.find((s) => s.kind === 'host')!;
    expect(host.candidates?.find((c) => c.label.includes('new'))?.reason).toBe('HostTaken');
    // ingress-nginx merges both Ingresses into one server
    expect(served(simulate(cluster(i), { url: 'http://a.test/api/x', controller: 'ingress-nginx' }))).toBe('two');
  });

  it('rules without a host are rejected (validation.go: spec.rules[0].host: Required value)', () => {
    const t = trace([{ name: 'nohost', paths: [{ path: '/', svc: 'one' }] }], 'http://any.test/');
    expect(t.outcome.status).toBe(404);
    const problems = lint(cluster([{ name: 'nohost', paths: [{ path: '/', svc: 'one' }] }]), { controller: 'f5-nginx' });
    expect(problems.some((p) => p.code === 'IngressRejected' && p.message.includes('host: Required value'))).toBe(true);
  });
});

describe('mergeable Ingresses (mergeable-ingress-types README; validation.go validateMasterSpec / validateMinionSpec)', () => {
  const master: IngressSpec = { name: 'master', host: 'cafe.test', created: '2026-01-01T00:00:00Z', paths: [], annotations: { 'nginx.org/mergeable-ingress-type': 'master' } };
  const tea: IngressSpec = { name: 'tea', host: 'cafe.test', created: '2026-01-02T00:00:00Z', paths: [{ path: '/tea', svc: 'tea' }], annotations: { 'nginx.org/mergeable-ingress-type': 'minion' } };
  const coffee: IngressSpec = { name: 'coffee', host: 'cafe.test', created: '2026-01-03T00:00:00Z', paths: [{ path: '/coffee', svc: 'coffee' }, { path: '/tea', type: 'Exact', svc: 'two' }], annotations: { 'nginx.org/mergeable-ingress-type': 'minion' } };

  it('minions of the master share its host', () => {
    expect(served(trace([master, tea, coffee], 'http://cafe.test/tea/x'))).toBe('tea');
    expect(served(trace([master, tea, coffee], 'http://cafe.test/coffee'))).toBe('coffee');
  });

  it('the same path string in two minions: the older minion keeps it, whatever the pathType', () => {
    expect(served(trace([master, tea, coffee], 'http://cafe.test/tea'))).toBe('tea');
  });

  it('a minion without a master serves nothing (NoIngressMasterFound)', () => {
    const t = trace([tea], 'http://cafe.test/tea');
    expect(t.outcome.status).toBe(404);
    expect(JSON.stringify(t.steps)).toContain('NoIngressMasterFound');
  });

  it('a master with paths is rejected, and its minions are orphans', () => {
    const bad = { ...master, paths: [{ path: '/', svc: 'app' }] };
    expect(trace([bad, tea], 'http://cafe.test/tea').outcome.status).toBe(404);
  });

  it('ssl-redirect is the master\'s; on a minion it is ignored with a problem', () => {
    const withTls = { ...master, tls: true };
    const t = trace([withTls, tea], 'http://cafe.test/tea');
    expect(t.outcome.status).toBe(301);
    expect(t.outcome.location).toBe('https://cafe.test:443/tea');
    const m2 = { ...tea, annotations: { ...tea.annotations, 'nginx.org/ssl-redirect': 'false' } };
    expect(lint(cluster([withTls, m2]), { controller: 'f5-nginx' }).some((p) => p.code === 'AnnotationRejected' && p.message.includes('minion'))).toBe(true);
  });
});

describe('nginx.org annotations (annotations.go, parsing_helpers.go, nginx.ingress.tmpl)', () => {
  it('rewrites replaces the matched location prefix (rewrites README: /tea/abc -> /abc, /coffee/abc -> /beans/abc)', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/tea/', svc: 'tea' }, { path: '/coffee', svc: 'coffee' }], annotations: { 'nginx.org/rewrites': 'serviceName=tea rewrite=/;serviceName=coffee rewrite=/beans' } }];
    expect(trace(i, 'http://a.test/tea/abc?x=1').outcome.upstream?.path).toBe('/abc?x=1');
    expect(trace(i, 'http://a.test/coffee/abc').outcome.upstream?.path).toBe('/beans/abc');
  });

  it('ssl-redirect defaults to true with TLS, 301 to https://host:443 with the URI; "false" keeps HTTP', () => {
    const i = (v?: string): IngressSpec[] => [{ name: 'a', host: 'a.test', tls: true, paths: [{ path: '/', svc: 'app' }], annotations: v ? { 'nginx.org/ssl-redirect': v } : {} }];
    expect(trace(i(), 'http://a.test/x?y=1').outcome.location).toBe('https://a.test:443/x?y=1');
    expect(served(trace(i('false'), 'http://a.test/x'))).toBe('app');
    expect(served(trace(i(), 'https://a.test/x'))).toBe('app');
  });

  it('redirect-to-https redirects on X-Forwarded-Proto: http only; http-redirect-code sets the status', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'app' }], annotations: { 'nginx.org/redirect-to-https': 'true', 'nginx.org/http-redirect-code': '308' } }];
    const t = trace(i, 'http://a.test/x', { 'X-Forwarded-Proto': 'http' });
    expect(t.outcome.status).toBe(308);
    expect(t.outcome.location).toBe('https://a.test/x');
    expect(served(trace(i, 'http://a.test/x'))).toBe('app');
  });

  it('ingress-nginx annotations are not read, and the trace and lint say so', () => {
    const i: IngressSpec[] = [{ name: 'a', host: 'a.test', paths: [{ path: '/api', svc: 'app' }], annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }];
    const t = trace(i, 'http://a.test/api/x');
    expect(t.outcome.upstream?.path).toBe('/api/x');
    expect(t.steps.some((s) => s.reason === 'AnnotationIgnored' && s.summary.includes('rewrite-target'))).toBe(true);
    expect(lint(cluster(i), { controller: 'f5-nginx' }).some((p) => p.code === 'AnnotationIgnored' && p.message.includes('F5 NGINX Ingress Controller ignores it'))).toBe(true);
  });
});

const VS = (routes: string, extra = '') => `apiVersion: k8s.nginx.org/v1
kind: VirtualServer
metadata: {name: shop, namespace: default}
spec:
  host: shop.test
${extra}  upstreams:
  - {name: v1, service: v1, port: 80}
  - {name: v2, service: v2, port: 80}
  routes:
${routes}`;

describe('VirtualServer (virtualserver.go; validation/virtualserver.go)', () => {
  const t = (routes: string, url: string, headers: Record<string, string> = {}, extra = '') => trace([], url, headers, VS(routes, extra));

  it('splits share a route by weight (the largest share is traced, every share listed)', () => {
    const r = t('  - path: /\n    splits:\n    - {weight: 80, action: {pass: v1}}\n    - {weight: 20, action: {pass: v2}}', 'http://shop.test/');
    expect(served(r)).toBe('v1');
    expect(r.outcome.backends?.map((b) => [b.service, b.weight])).toEqual([['v1', 80], ['v2', 20]]);
  });

  it('splits that do not sum to 100 make the VirtualServer Invalid, so its host is unknown', () => {
    const r = t('  - path: /\n    splits:\n    - {weight: 80, action: {pass: v1}}\n    - {weight: 30, action: {pass: v2}}', 'http://shop.test/');
    expect(r.outcome.status).toBe(404);
    expect(JSON.stringify(r.steps)).toContain('the sum of the weights of all splits must be equal to 100');
  });

  it('matches: the first whose conditions all hold; "!" negates; otherwise the route action', () => {
    const routes = '  - path: /\n    matches:\n    - conditions: [{header: x-version, value: v2}, {cookie: beta, value: "!no"}]\n      action: {pass: v2}\n    action: {pass: v1}';
    expect(served(t(routes, 'http://shop.test/', { 'X-Version': 'v2' }))).toBe('v2');
    expect(served(t(routes, 'http://shop.test/', { 'X-Version': 'v2', Cookie: 'beta=no' }))).toBe('v1');
    expect(served(t(routes, 'http://shop.test/'))).toBe('v1');
  });

  it('argument conditions compare a query parameter', () => {
    const routes = '  - path: /\n    matches:\n    - conditions: [{argument: canary, value: "1"}]\n      action: {pass: v2}\n    action: {pass: v1}';
    expect(served(t(routes, 'http://shop.test/?canary=1'))).toBe('v2');
  });

  it('proxy.rewritePath replaces the matched prefix; on a regex path it is an anchored rewrite with $1', () => {
    expect(t('  - path: /coffee\n    action: {proxy: {upstream: v1, rewritePath: /beans}}', 'http://shop.test/coffee/abc').outcome.upstream?.path).toBe('/beans/abc');
    expect(t('  - path: ~ /tea/?(.*)\n    action: {proxy: {upstream: v1, rewritePath: /$1}}', 'http://shop.test/tea/abc').outcome.upstream?.path).toBe('/abc');
  });

  it('redirect defaults to 301; return defaults to 200', () => {
    const r = t('  - path: =/old\n    action: {redirect: {url: "https://${host}/new"}}', 'http://shop.test/old');
    expect([r.outcome.status, r.outcome.location]).toEqual([301, 'https://shop.test/new']);
    expect(t('  - path: /\n    action: {return: {body: hello}}', 'http://shop.test/x').outcome.status).toBe(200);
  });

  it('tls.redirect.enable sends plain HTTP to https with 301 by default', () => {
    const r = t('  - path: /\n    action: {pass: v1}', 'http://shop.test/x', {}, '  tls:\n    secret: shop-tls\n    redirect: {enable: true}\n');
    expect([r.outcome.status, r.outcome.location]).toEqual([301, 'https://shop.test/x']);
  });

  it('a VirtualServerRoute takes the subroutes of a route; a subroute outside the route path makes it invalid', () => {
    const vsr = (path: string) => `---\napiVersion: k8s.nginx.org/v1\nkind: VirtualServerRoute\nmetadata: {name: coffee, namespace: default}\nspec:\n  host: shop.test\n  upstreams: [{name: c, service: coffee, port: 80}]\n  subroutes:\n  - path: ${path}\n    action: {pass: c}`;
    const routes = '  - path: /coffee\n    route: coffee\n  - path: /\n    action: {pass: v1}';
    expect(served(trace([], 'http://shop.test/coffee/x', {}, VS(routes) + '\n' + vsr('/coffee')))).toBe('coffee');
    const bad = trace([], 'http://shop.test/coffee/x', {}, VS(routes) + '\n' + vsr('/tea'));
    expect(served(bad)).toBe('v1');
    expect(JSON.stringify(bad.steps)).toContain("must start with '/coffee'");
  });

  it('a VirtualServer and an Ingress for one host: the older one owns it', () => {
    const vs = VS('  - path: /\n    action: {pass: v1}').replace('metadata: {name: shop, namespace: default}', 'metadata: {name: shop, namespace: default, creationTimestamp: "2026-03-01T00:00:00Z"}');
    const ing: IngressSpec = { name: 'old', host: 'shop.test', created: '2026-01-01T00:00:00Z', paths: [{ path: '/', svc: 'app' }] };
    expect(served(trace([ing], 'http://shop.test/', {}, vs))).toBe('app');
  });
});
