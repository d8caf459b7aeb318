// Traefik Kubernetes Ingress provider behaviour, one row per documented statement
// (routing/kubernetes/ingress.md, providers/kubernetes/kubernetes-ingress.md,
// http/routing/rules-and-priority.md). Scenarios are written here, not copied.
import { describe, expect, it } from 'vitest';
import { simulate, type Trace } from '../../index';
import { ingressCluster, served, type IngressSpec, type PathSpec as Path } from './testkit';

const SERVICES = ['web', 'api', 'other', 'fallback'];

function trace(ingresses: IngressSpec[], url: string, emptyServices: string[] = []): Trace {
  return simulate(ingressCluster(ingresses, SERVICES, emptyServices), { url, controller: 'traefik' });
}

const ruleStep = (t: Trace) => t.steps.find((s) => s.kind === 'rule')!;

describe('Traefik: one router per Ingress path, rule built from the path type', () => {
  it.each<[string, Path, Record<string, string>, string, string | number]>([
    ['Exact /bar becomes Path(`/bar`) and matches /bar', { path: '/bar', type: 'Exact', svc: 'api' }, {}, '/bar', 'api'],
    ['Exact /bar does not match /bar/', { path: '/bar', type: 'Exact', svc: 'api' }, {}, '/bar/', 404],
    ['Prefix /foo becomes PathPrefix(`/foo`) and matches /foo/bar', { path: '/foo', svc: 'api' }, {}, '/foo/bar', 'api'],
    ['strictPrefixMatching is false by default: PathPrefix(`/foo`) matches /foobar character by character', { path: '/foo', svc: 'api' }, {}, '/foobar', 'api'],
    ['PathPrefix(`/foo`) does not match /fo', { path: '/foo', svc: 'api' }, {}, '/fo', 404],
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
    const rule = 'Host(`a.example.com`) && PathPrefix(`/api`)';
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
    // PathPrefix(`/very/long/path/prefix`) is 36 characters, Host(`p.test`) && PathPrefix(`/`) is 33.
    const t = trace([{ name: 'hosted', host: 'p.test', paths: [{ path: '/', svc: 'web' }] }, { name: 'anyhost', paths: [{ path: '/very/long/path/prefix', svc: 'other' }] }], 'http://p.test/very/long/path/prefix/x');
    expect(served(t)).toBe('other');
  });

  it('Host wildcards match exactly one label (HostRegexp)', () => {
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
