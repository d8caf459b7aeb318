// Traefik Kubernetes Ingress provider behaviour, one row per documented statement
// (routing/kubernetes/ingress.md, providers/kubernetes/kubernetes-ingress.md,
// http/routing/rules-and-priority.md). Scenarios are written here, not copied.
import { describe, expect, it } from 'vitest';
import { simulate, type Trace } from '../../index';
import { ingressCluster, ingressYaml, served, serviceYaml, type IngressSpec, type PathSpec as Path } from './testkit';
import { loadManifests } from '../../parse/manifests';
import { lint } from '../../analysis/lint';

const SERVICES = ['web', 'api', 'other', 'fallback'];

function trace(ingresses: IngressSpec[], url: string, emptyServices: string[] = []): Trace {
  return simulate(ingressCluster(ingresses, SERVICES, emptyServices), { url, controller: 'traefik' });
}

const ruleStep = (t: Trace) => t.steps.find((s) => s.kind === 'rule')!;

describe('Traefik: one router per Ingress path, rule built from the path type', () => {
  it.each<[string, Path, Record<string, string>, string, string | number]>([
    ['Exact /bar becomes Path("/bar") and matches /bar', { path: '/bar', type: 'Exact', svc: 'api' }, {}, '/bar', 'api'],
    ['Exact /bar does not match /bar/', { path: '/bar', type: 'Exact', svc: 'api' }, {}, '/bar/', 404],
    ['Prefix /foo becomes PathPrefix("/foo") and matches /foo/bar', { path: '/foo', svc: 'api' }, {}, '/foo/bar', 'api'],
    ['strictPrefixMatching is false by default: PathPrefix("/foo") matches /foobar character by character', { path: '/foo', svc: 'api' }, {}, '/foobar', 'api'],
    ['PathPrefix("/foo") does not match /fo', { path: '/foo', svc: 'api' }, {}, '/fo', 404],
    ['paths are case-sensitive', { path: '/foo', svc: 'api' }, {}, '/FOO', 404],
    ['ImplementationSpecific uses the default matcher PathPrefix', { path: '/bar', type: 'ImplementationSpecific', svc: 'api' }, {}, '/barista', 'api'],
    ['router.pathmatcher Path makes an ImplementationSpecific path exact', { path: '/exact', type: 'ImplementationSpecific', svc: 'api' }, { 'traefik.ingress.kubernetes.io/router.pathmatcher': 'Path' }, '/exact/sub', 404],
    ['router.pathmatcher does not change a Prefix path', { path: '/p', svc: 'api' }, { 'traefik.ingress.kubernetes.io/router.pathmatcher': 'Path' }, '/p/sub', 'api'],
    ['router.pathmatcher PathRegexp matches a Go regular expression anywhere in the path', { path: '/v[0-9]+', type: 'ImplementationSpecific', svc: 'api' }, { 'traefik.ingress.kubernetes.io/router.pathmatcher': 'PathRegexp' }, '/v2/users', 'api'],
  ])('%s', (_name, p, annotations, path, expected) => {
    expect(served(trace([{ name: 'r', host: 't.test', annotations, paths: [p] }], `http://t.test${path}`))).toBe(expected);
  });

  it('the trace shows the rule string and its priority, the rule length', () => {
    const t = trace([{ name: 'r', host: 'a.example.com', paths: [{ path: '/api', svc: 'api' }] }], 'http://a.example.com/api');
    const rule = 'Host("a.example.com") && PathPrefix("/api")';
    const won = ruleStep(t).candidates!.find((c) => c.verdict === 'won')!;
    expect(won.label).toContain(rule);
    expect(won.label).toContain(`priority ${rule.length} (rule length)`);
  });
});

describe('Traefik: priority decides between matching routers (rules-and-priority.md)', () => {
  it('the longer rule has the higher priority: /api wins over /', () => {
    const t = trace([{ name: 'root', host: 'p.test', paths: [{ path: '/', svc: 'web' }] }, { name: 'api', host: 'p.test', paths: [{ path: '/api', svc: 'api' }] }], 'http://p.test/api/x');
    expect(served(t)).toBe('api');
    expect(ruleStep(t).candidates!.find((c) => c.verdict === 'lost')?.reason).toBe('PathPriority');
  });

  it('router.priority overrides the rule length', () => {
    const t = trace([{ name: 'root', host: 'p.test', annotations: { 'traefik.ingress.kubernetes.io/router.priority': '1000' }, paths: [{ path: '/', svc: 'web' }] }, { name: 'api', host: 'p.test', paths: [{ path: '/api', svc: 'api' }] }], 'http://p.test/api/x');
    expect(served(t)).toBe('web');
  });

  it('a router without host competes too: a long PathPrefix beats a short Host rule', () => {
    // PathPrefix("/very/long/path/prefix") is 36 characters, Host("p.test") && PathPrefix("/") is 33.
    const t = trace([{ name: 'hosted', host: 'p.test', paths: [{ path: '/', svc: 'web' }] }, { name: 'anyhost', paths: [{ path: '/very/long/path/prefix', svc: 'other' }] }], 'http://p.test/very/long/path/prefix/x');
    expect(served(t)).toBe('other');
  });

  it('since v3.7.0 a wildcard host is written Host("*.domain") (ea92a3e150): a host-less router with a longer path now outranks it', () => {
    // Host("*.example.com") && PathPrefix("/") is 40 characters; the HostRegexp form of v3.6 was 62.
    // PathPrefix("/shop/catalog/items/by/category") is 44: longer than the v3.7 wildcard rule.
    const ing = [
      { name: 'wild', host: '*.example.com', paths: [{ path: '/', svc: 'web' }] },
      { name: 'anyhost', paths: [{ path: '/shop/catalog/items/by/category', svc: 'other' }] },
    ];
    const t = trace(ing, 'http://a.example.com/shop/catalog/items/by/category/7');
    expect(served(t)).toBe('other');
    const wild = ruleStep(t).candidates!.find((c) => c.label.startsWith('Host("*.example.com")'))!;
    expect(wild.label).toContain('priority 40 (rule length)');
    expect(JSON.stringify(t.steps)).toContain('Traefik v3.7.0 and later');
  });

  it('rule strings are written with Go %q: a backslash in a PathRegexp counts twice in the priority', () => {
    const t = trace([{ name: 'php', host: 'q.test', annotations: { 'traefik.ingress.kubernetes.io/router.pathmatcher': 'PathRegexp' }, paths: [{ path: '\\.php$', type: 'ImplementationSpecific', svc: 'api' }] }], 'http://q.test/index.php');
    const rule = 'Host("q.test") && PathRegexp("\\\\.php$")';
    const won = ruleStep(t).candidates!.find((c) => c.verdict === 'won')!;
    expect(won.label).toContain(rule);
    expect(won.label).toContain(`priority ${rule.length} (rule length)`);
  });

  it('Host wildcards match exactly one label', () => {
    const ing = [{ name: 'w', host: '*.w.test', paths: [{ path: '/', svc: 'web' }] }];
    expect(served(trace(ing, 'http://a.w.test/'))).toBe('web');
    expect(served(trace(ing, 'http://a.b.w.test/'))).toBe(404);
    expect(served(trace(ing, 'http://w.test/'))).toBe(404);
  });
});

describe('Traefik: default router, missing routers and 404', () => {
  it('an Ingress without rules makes the default router that catches unmatched requests', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/api', svc: 'api' }] }, { name: 'cheese', defaultBackend: 'fallback' }], 'http://unknown.test/x');
    expect(served(t)).toBe('fallback');
  });

  it('the default router has the lowest priority, so matching routers still win', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/api', svc: 'api' }] }, { name: 'cheese', defaultBackend: 'fallback' }], 'http://a.test/api');
    expect(served(t)).toBe('api');
  });

  it('spec.defaultBackend of an Ingress with rules is not used', () => {
    const t = trace([{ name: 'site', host: 'a.test', defaultBackend: 'fallback', paths: [{ path: '/api', svc: 'api' }] }], 'http://a.test/other');
    expect(t.outcome.status).toBe(404);
    expect(ruleStep(t).notes?.join(' ')).toContain('does not use its spec.defaultBackend');
  });

  it('no router matches: 404', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/api', svc: 'api' }] }], 'http://a.test/other');
    expect(t.outcome.status).toBe(404);
    expect(t.outcome.reason).toBe('NotFound');
  });

  it('a Service without endpoints gets no router (allowEmptyServices is false), so the request falls through', () => {
    const t = trace([{ name: 'site', host: 'a.test', paths: [{ path: '/', svc: 'web' }, { path: '/api', svc: 'api' }] }], 'http://a.test/api', ['api']);
    expect(served(t)).toBe('web');
    expect(ruleStep(t).candidates!.some((c) => c.verdict === 'skip' && c.reason === 'NoReadyEndpoints')).toBe(true);
  });

  it('a router.priority that is not an integer makes Traefik skip the whole Ingress', () => {
    const t = trace([{ name: 'bad', host: 'a.test', annotations: { 'traefik.ingress.kubernetes.io/router.priority': 'high' }, paths: [{ path: '/', svc: 'web' }] }], 'http://a.test/');
    expect(t.outcome.status).toBe(404);
    expect(ruleStep(t).candidates![0].reason).toBe('IngressRejected');
  });
});

describe('Traefik: entry points and TLS', () => {
  it('router.entrypoints websecure: a plain HTTP request on web does not match', () => {
    const ing = [{ name: 's', host: 'e.test', annotations: { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' }, paths: [{ path: '/', svc: 'web' }] }];
    expect(served(trace(ing, 'http://e.test/'))).toBe(404);
    expect(served(trace(ing, 'https://e.test/'))).toBe('web');
  });

  it('router.tls "true": the router serves HTTPS only', () => {
    const ing = [{ name: 's', host: 'e.test', annotations: { 'traefik.ingress.kubernetes.io/router.tls': 'true' }, paths: [{ path: '/', svc: 'web' }] }];
    const t = trace(ing, 'http://e.test/');
    expect(t.outcome.status).toBe(404);
    expect(ruleStep(t).candidates![0].reason).toBe('EntryPointMismatch');
    expect(served(trace(ing, 'https://e.test/'))).toBe('web');
  });

  it('spec.tls does not redirect HTTP to HTTPS in Traefik', () => {
    const t = trace([{ name: 's', host: 'e.test', tls: true, paths: [{ path: '/', svc: 'web' }] }], 'http://e.test/');
    expect(served(t)).toBe('web');
  });
});

describe('annotations of other controllers under Traefik', () => {
  it('an ingress-nginx rewrite-target does not rewrite and is reported as AnnotationIgnored', () => {
    const t = trace([{ name: 's', host: 'n.test', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, paths: [{ path: '/app', svc: 'web' }] }], 'http://n.test/app/x');
    expect(t.outcome.upstream?.path).toBe('/app/x');
    const note = t.steps.find((s) => s.reason === 'AnnotationIgnored');
    expect(note?.summary).toContain('nginx.ingress.kubernetes.io/rewrite-target');
    expect(note?.summary).toContain('Traefik does not read it');
  });
});

describe('Traefik: which Ingresses it serves (shouldProcessIngress, v3.7)', () => {
  const withClass = (name: string, host: string, className?: string) =>
    ingressYaml({ name, host, paths: [{ path: '/', svc: 'web' }] }).replace('\nspec:\n', `\nspec:\n${className ? `  ingressClassName: ${className}\n` : ''}`);
  const traefikClass = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: traefik}\nspec: {controller: traefik.io/ingress-controller}';
  const nginxClass = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}';
  const load = (...docs: string[]) => loadManifests([...docs, serviceYaml('web')].join('\n---\n'));
  const go = (c: ReturnType<typeof load>, host: string) => simulate(c, { url: `http://${host}/`, controller: 'traefik' });

  it('ingressClassName with its IngressClass present is served', () => {
    expect(served(go(load(traefikClass, withClass('a', 'a.test', 'traefik')), 'a.test'))).toBe('web');
  });

  it('ingressClassName without any IngressClass in the manifests: assumed served, but the trace and lint say a real Traefik serves nothing', () => {
    const c = load(withClass('a', 'a.test', 'traefik'));
    const t = go(c, 'a.test');
    expect(served(t)).toBe('web');
    const entry = t.steps.find((s) => s.kind === 'entry')!;
    expect(entry.notes?.join(' ')).toContain('would serve none of them here');
    expect(entry.candidates?.[0].detail).toContain('so it would serve nothing for this Ingress');
    const p = lint(c, { controller: 'traefik' }).find((x) => x.code === 'IngressClassObjectMissing');
    expect(p?.severity).toBe('warning');
    expect(p?.fix).toContain('traefik.io/ingress-controller');
  });

  it('an Ingress without any class is served by default, even when IngressClasses exist and none is the default', () => {
    const c = load(nginxClass, withClass('classless', 'c.test'));
    const t = go(c, 'c.test');
    expect(served(t)).toBe('web');
    expect(t.steps.find((s) => s.kind === 'entry')!.candidates?.[0].reason).toBe('IngressClassless');
    // ingress-nginx watches classless Ingresses only with --watch-ingress-without-class.
    expect(served(simulate(c, { url: 'http://c.test/', controller: 'ingress-nginx' }))).toBe(404);
  });

  it('an ingressClassName naming another controller\'s class is not served', () => {
    expect(served(go(load(nginxClass, traefikClass, withClass('n', 'n.test', 'nginx')), 'n.test'))).toBe(404);
  });
});
