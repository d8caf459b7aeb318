// Traefik middlewares named by router.middlewares, one case per documented behaviour
// (reference/routing-configuration/http/middlewares/*.md, kubernetes/ingress.md, and the
// middleware sources for details the docs leave out). Scenarios are written here.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../parse/manifests';
import { simulate } from '../../../simulate';
import type { Trace } from '../../../trace/types';
import { ingressYaml, serviceYaml, type IngressSpec } from '../testkit';
import { expandGoTemplate, replaceAllGo } from './middlewares';
import { compileRegex } from '../regex';

const MW = 'traefik.ingress.kubernetes.io/router.middlewares';

function middleware(name: string, spec: string, namespace = 'default', apiVersion = 'traefik.io/v1alpha1'): string {
  return `apiVersion: ${apiVersion}\nkind: Middleware\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec.replace(/^/gm, '  ')}`;
}

function run(ingresses: IngressSpec[], middlewares: string[], url: string, init: { method?: string; headers?: Record<string, string> } = {}, extra: string[] = []): Trace {
  const docs = [...ingresses.map((i) => ingressYaml(i)), ...middlewares, serviceYaml('web'), serviceYaml('api'), ...extra];
  return simulate(loadManifests(docs.join('\n---\n')), { url, controller: 'traefik', ...init });
}

const site = (annotation: string, path = '/api'): IngressSpec[] => [{ name: 'site', host: 't.test', annotations: { [MW]: annotation }, paths: [{ path, svc: 'api' }] }];
const upstreamPath = (t: Trace) => t.outcome.upstream?.path;
const upstreamHeader = (t: Trace, name: string) => t.outcome.upstream?.headers.find(([n]) => n === name)?.[1];

describe('stripPrefix', () => {
  const strip = middleware('strip', 'stripPrefix:\n  prefixes: [/api]');

  it('removes the prefix the router matched and passes it in X-Forwarded-Prefix', () => {
    const t = run(site('default-strip@kubernetescrd'), [strip], 'http://t.test/api/users?page=2');
    expect(t.outcome.backend?.service).toBe('api');
    expect(upstreamPath(t)).toBe('/users?page=2');
    expect(upstreamHeader(t, 'x-forwarded-prefix')).toBe('/api');
    const step = t.steps.find((s) => s.reason === 'MiddlewareApplied');
    expect(step?.summary).toContain('/api/users -> /users');
    expect(step?.object).toEqual({ kind: 'Middleware', namespace: 'default', name: 'strip' });
    expect(step?.source?.startLine).toBeGreaterThan(0);
  });

  it('leaves "/" when the whole path was the prefix', () => {
    expect(upstreamPath(run(site('default-strip@kubernetescrd'), [strip], 'http://t.test/api'))).toBe('/');
  });

  it('compares characters, not path elements: /api strips the start of /apiv2 and the trace says so', () => {
    const t = run(site('default-strip@kubernetescrd'), [strip], 'http://t.test/apiv2/x');
    expect(upstreamPath(t)).toBe('/v2/x');
    expect(t.steps.find((s) => s.reason === 'MiddlewareApplied')?.notes?.join(' ')).toMatch(/characters, not path elements/);
  });

  it('takes the first prefix of the list that starts the path', () => {
    const two = middleware('strip', 'stripPrefix:\n  prefixes: [/api/v1, /api]');
    expect(upstreamPath(run(site('default-strip@kubernetescrd'), [two], 'http://t.test/api/v1/x'))).toBe('/x');
    expect(upstreamPath(run(site('default-strip@kubernetescrd'), [two], 'http://t.test/api/v2/x'))).toBe('/v2/x');
  });

  it('reads the older traefik.containo.us group too', () => {
    const old = middleware('strip', 'stripPrefix:\n  prefixes: [/api]', 'default', 'traefik.containo.us/v1alpha1');
    expect(upstreamPath(run(site('default-strip@kubernetescrd'), [old], 'http://t.test/api/x'))).toBe('/x');
  });
});

describe('path middlewares in order', () => {
  it('stripPrefixRegex removes the matched start of the path', () => {
    const mw = middleware('strip', 'stripPrefixRegex:\n  regex: ["/api/v[0-9]+"]');
    const t = run(site('default-strip@kubernetescrd'), [mw], 'http://t.test/api/v3/items');
    expect(upstreamPath(t)).toBe('/items');
    expect(upstreamHeader(t, 'x-forwarded-prefix')).toBe('/api/v3');
  });

  it('addPrefix puts its prefix in front of the path', () => {
    expect(upstreamPath(run(site('default-add@kubernetescrd'), [middleware('add', 'addPrefix:\n  prefix: /v1')], 'http://t.test/api/x'))).toBe('/v1/api/x');
  });

  it('replacePath replaces the whole path and keeps the old one in X-Replaced-Path', () => {
    const t = run(site('default-rp@kubernetescrd'), [middleware('rp', 'replacePath:\n  path: /health')], 'http://t.test/api/status?x=1');
    expect(upstreamPath(t)).toBe('/health?x=1');
    expect(upstreamHeader(t, 'x-replaced-path')).toBe('/api/status');
  });

  it('replacePathRegex rewrites with Go template groups; no match leaves the path alone', () => {
    const mw = middleware('rr', 'replacePathRegex:\n  regex: "^/api/(.*)"\n  replacement: "/internal/$1"');
    expect(upstreamPath(run(site('default-rr@kubernetescrd'), [mw], 'http://t.test/api/a/b'))).toBe('/internal/a/b');
    const other = middleware('rr', 'replacePathRegex:\n  regex: "^/other/(.*)"\n  replacement: "/x/$1"');
    expect(upstreamPath(run(site('default-rr@kubernetescrd'), [other], 'http://t.test/api/a'))).toBe('/api/a');
  });

  it('runs the middlewares in the order the annotation lists them', () => {
    const mws = [middleware('strip', 'stripPrefix:\n  prefixes: [/api]'), middleware('add', 'addPrefix:\n  prefix: /v2')];
    expect(upstreamPath(run(site('default-strip@kubernetescrd, default-add@kubernetescrd'), mws, 'http://t.test/api/x'))).toBe('/v2/x');
    expect(upstreamPath(run(site('default-add@kubernetescrd,default-strip@kubernetescrd'), mws, 'http://t.test/api/x'))).toBe('/v2/api/x');
  });

  it('a chain runs its members, named in its own namespace', () => {
    const mws = [
      middleware('strip', 'stripPrefix:\n  prefixes: [/api]', 'infra'),
      middleware('add', 'addPrefix:\n  prefix: /svc', 'infra'),
      middleware('both', 'chain:\n  middlewares:\n  - name: strip\n  - name: add', 'infra'),
    ];
    const t = run(site('infra-both@kubernetescrd'), mws, 'http://t.test/api/x');
    expect(upstreamPath(t)).toBe('/svc/x');
    expect(t.steps.filter((s) => s.reason === 'MiddlewareApplied').map((s) => s.summary)[0]).toMatch(/^chain infra\/both > middleware infra-strip@kubernetescrd/);
  });
});

describe('redirects', () => {
  const toHttps = (permanent: boolean) => middleware('https', `redirectScheme:\n  scheme: https\n  permanent: ${permanent}`);

  it.each<[boolean, string, number]>([
    [false, 'GET', 302],
    [false, 'POST', 307],
    [true, 'GET', 301],
    [true, 'PUT', 308],
  ])('redirectScheme permanent=%s answers %s with %i, keeping path and query', (permanent, method, status) => {
    const t = run(site('default-https@kubernetescrd'), [toHttps(permanent)], 'http://t.test/api/x?q=1', { method });
    expect(t.outcome.status).toBe(status);
    expect(t.outcome.location).toBe('https://t.test/api/x?q=1');
    expect(t.outcome.route?.name).toBe('site');
  });

  it('redirectScheme lets a request through that already has the scheme', () => {
    expect(run(site('default-https@kubernetescrd'), [toHttps(true)], 'https://t.test/api/x').outcome.kind).toBe('proxied');
  });

  it('redirectScheme with a port adds it unless it is the default of the scheme', () => {
    const mw = middleware('https', 'redirectScheme:\n  scheme: https\n  port: "8443"');
    expect(run(site('default-https@kubernetescrd'), [mw], 'http://t.test/api').outcome.location).toBe('https://t.test:8443/api');
    const dflt = middleware('https', 'redirectScheme:\n  scheme: https\n  port: "443"');
    expect(run(site('default-https@kubernetescrd'), [dflt], 'http://t.test/api').outcome.location).toBe('https://t.test/api');
  });

  it('redirectRegex rewrites the whole URL and redirects only when it changes', () => {
    const mw = middleware('www', 'redirectRegex:\n  regex: "^http://t\\\\.test/(.*)"\n  replacement: "https://www.t.test/${1}"');
    const t = run(site('default-www@kubernetescrd'), [mw], 'http://t.test/api/x');
    expect(t.outcome.status).toBe(302);
    expect(t.outcome.location).toBe('https://www.t.test/api/x');
    expect(run(site('default-www@kubernetescrd'), [mw], 'https://t.test/api/x').outcome.kind).toBe('proxied');
  });
});

describe('headers and authentication', () => {
  it('headers sets custom request and response headers; an empty value removes a request header', () => {
    const mw = middleware('h', 'headers:\n  customRequestHeaders:\n    X-Team: shop\n    X-Debug: ""\n  customResponseHeaders:\n    X-Served-By: traefik');
    const t = run(site('default-h@kubernetescrd'), [mw], 'http://t.test/api', { headers: { 'X-Debug': '1' } });
    expect(upstreamHeader(t, 'x-team')).toBe('shop');
    expect(upstreamHeader(t, 'x-debug')).toBeUndefined();
    expect(t.outcome.responseHeaders).toContainEqual(['x-served-by', 'traefik']);
  });

  it('basicAuth answers 401 without an Authorization header and lets one through (credentials not checked)', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: users, namespace: default}';
    const mw = middleware('auth', 'basicAuth:\n  secret: users');
    const denied = run(site('default-auth@kubernetescrd'), [mw], 'http://t.test/api', {}, [secret]);
    expect(denied.outcome.status).toBe(401);
    expect(denied.outcome.reason).toBe('AuthenticationRequired');
    const allowed = run(site('default-auth@kubernetescrd'), [mw], 'http://t.test/api', { headers: { Authorization: 'Basic dTpw' } }, [secret]);
    expect(allowed.outcome.kind).toBe('proxied');
  });

  it('a middleware of another provider is assumed to exist and is not simulated', () => {
    const t = run(site('auth@file'), [], 'http://t.test/api/x');
    expect(t.outcome.kind).toBe('proxied');
    expect(upstreamPath(t)).toBe('/api/x');
    expect(t.steps.some((s) => /auth@file: defined outside the manifests/.test(s.summary))).toBe(true);
  });
});

describe('a router whose middleware cannot be used is not created', () => {
  const fallbackToo = (annotation: string): IngressSpec[] => [
    ...site(annotation),
    { name: 'catchall', host: 't.test', paths: [{ path: '/', svc: 'web' }] },
  ];

  it.each<[string, string, string[], RegExp]>([
    ['a Middleware that is not in the manifests', 'default-nope@kubernetescrd', [], /"default-nope@kubernetescrd" does not exist/],
    ['a name without @provider (looked up in the Ingress provider)', 'strip', [middleware('strip', 'stripPrefix:\n  prefixes: [/api]')], /"strip@kubernetes" does not exist/],
    ['the Middleware name without its namespace', 'strip@kubernetescrd', [middleware('strip', 'stripPrefix:\n  prefixes: [/api]')], /"strip@kubernetescrd" does not exist/],
    ['an addPrefix without prefix', 'default-add@kubernetescrd', [middleware('add', 'addPrefix: {}')], /prefix cannot be empty/],
    ['a regex that does not compile', 'default-rr@kubernetescrd', [middleware('rr', 'replacePathRegex:\n  regex: "(unclosed"\n  replacement: /x')], /does not compile/],
    ['a chain member in another namespace (allowCrossNamespace is off)', 'default-c@kubernetescrd', [middleware('c', 'chain:\n  middlewares:\n  - {name: strip, namespace: infra}'), middleware('strip', 'stripPrefix:\n  prefixes: [/api]', 'infra')], /allowCrossNamespace/],
  ])('%s: the next router takes the request', (_name, annotation, mws, why) => {
    const t = run(fallbackToo(annotation), mws, 'http://t.test/api/x');
    expect(t.outcome.backend?.service).toBe('web');
    const skipped = t.steps.flatMap((s) => s.candidates ?? []).find((c) => c.verdict === 'skip' && /MiddlewareMissing|MiddlewareInvalid/.test(c.reason));
    expect(skipped?.detail).toMatch(why);
  });

  it('without another router, the request gets 404', () => {
    expect(run(site('default-nope@kubernetescrd'), [], 'http://t.test/api/x').outcome.status).toBe(404);
  });
});

describe('reading Middleware objects', () => {
  it('a Middleware with two types is an error at its line; one with an unknown type a warning', () => {
    const c = loadManifests([middleware('two', 'stripPrefix: {prefixes: [/a]}\naddPrefix: {prefix: /b}'), middleware('odd', 'frobnicate: {}')].join('\n---\n'));
    expect(c.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/one middleware type, this one has stripPrefix and addPrefix/);
    expect(c.diagnostics.find((d) => d.severity === 'warning')?.message).toMatch(/spec\.frobnicate/);
    expect(c.ignored).toEqual([]);
    expect(c.traefikMiddlewares.map((m) => m.meta.name)).toEqual(['two', 'odd']);
  });
});

describe('Go replacement templates', () => {
  const m = /(?<ver>v\d+)\/(.*)/.exec('v2/items')!;
  it.each<[string, string]>([
    ['/$2', '/items'],
    ['/${2}x', '/itemsx'],
    ['/$2x', '/'], // "$2x" names group "2x", which does not exist
    ['/${ver}/$2', '/v2/items'],
    ['$$1', '$1'],
  ])('%s expands to %s', (template, want) => expect(expandGoTemplate(template, m)).toBe(want));

  it('ReplaceAllString replaces every match', () => {
    const re = compileRegex('a(\\d)');
    if (!re.ok) throw new Error(re.error);
    expect(re.re.engine).toBe('re2');
    expect(replaceAllGo(re.re, 'a1-a2-b3', 'x$1')).toBe('x1-x2-b3');
  });
});
