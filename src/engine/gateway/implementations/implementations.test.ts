// Per-profile behaviour, each case taken from the implementation's docs, code or issues
// (cited per test), and the data file checked against the vendored reports.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backend, cluster, gateway, gatewayClass, listener, route, routeName, service, step, trace } from '../testkit';
import { CONFORMANCE_REPORTS, CONFORMANCE_SOURCE } from './conformance.generated';
import { featureSupport, findImplementation, IMPLEMENTATIONS } from './index';
import { normalizePath } from './normalize';
import { removeDotSegments } from '../../match/path';
import { configFeatures } from './features';
import { simulate } from '../../simulate';
import { gatewayStatus } from '../status';

const root = join(__dirname, '../../../..');

describe('conformance data', () => {
  const provenance = JSON.parse(readFileSync(join(root, 'data/conformance/PROVENANCE.json'), 'utf8')) as {
    repo: string; commit: string; files: Array<{ implementation: string; path: string; local: string; sha256: string }>;
  };
  it('names the upstream repository and commit of every report', () => {
    expect(CONFORMANCE_SOURCE.repo).toBe('kubernetes-sigs/gateway-api');
    expect(CONFORMANCE_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const r of Object.values(CONFORMANCE_REPORTS)) {
      expect(r.provenance.repo).toBe(provenance.repo);
      expect(r.provenance.commit).toBe(provenance.commit);
      expect(r.provenance.path).toMatch(new RegExp(`^conformance/reports/v\\d+\\.\\d+/${r.implementation}/`));
      expect(provenance.files.some((f) => f.path === r.provenance.path)).toBe(true);
    }
  });
  it('the vendored copies are the files the provenance names (sha256)', () => {
    for (const f of provenance.files) {
      const text = readFileSync(join(root, 'data/conformance', f.local));
      expect(createHash('sha256').update(text).digest('hex'), f.local).toBe(f.sha256);
    }
  });
  it('the generated data file is what the generator builds from the copies (feature for feature)', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { generatedText } = (await import('../../../../scripts/conformance-reports.mjs')) as { generatedText: (dir: string) => string };
    const onDisk = readFileSync(join(__dirname, 'conformance.generated.ts'), 'utf8');
    expect(generatedText(join(root, 'data/conformance'))).toBe(onDisk);
  });
  it('covers the eight implementations the comparison is for, each with a profile', () => {
    for (const name of ['envoy-gateway', 'istio-istio', 'cilium', 'nginx-nginx-gateway-fabric', 'kgateway', 'traefik-traefik', 'haproxy-ingress', 'agentgateway-agentgateway']) {
      expect(CONFORMANCE_REPORTS[name], name).toBeDefined();
      expect(findImplementation(name)?.report).toBe(CONFORMANCE_REPORTS[name]);
    }
    for (const folder of Object.keys(CONFORMANCE_REPORTS)) expect(IMPLEMENTATIONS.some((p) => p.name === folder), folder).toBe(true);
  });
  it('reads the gaps the issue names from the reports (v1.6: Traefik lacks RequestMirror, NGF BackendRequestHeaderModification; v1.5 HAProxy lacks PathRewrite)', () => {
    expect(featureSupport(findImplementation('traefik')!, 'HTTPRouteRequestMirror', 'GATEWAY-HTTP')).toBe('unsupported');
    expect(featureSupport(findImplementation('ngf')!, 'HTTPRouteBackendRequestHeaderModification', 'GATEWAY-HTTP')).toBe('unsupported');
    expect(featureSupport(findImplementation('haproxy')!, 'HTTPRoutePathRewrite', 'GATEWAY-HTTP')).toBe('unsupported');
    expect(featureSupport(findImplementation('envoy-gateway')!, 'HTTPRouteRequestMirror', 'GATEWAY-HTTP')).toBe('supported');
  });
  it('finds profiles by folder name and alias, case-insensitively', () => {
    expect(findImplementation('Istio')?.name).toBe('istio-istio');
    expect(findImplementation('gloo')?.name).toBe('kgateway');
    expect(findImplementation('nope')).toBeUndefined();
  });
});

describe('path normalization', () => {
  it('RFC 3986 5.2.4 remove_dot_segments examples', () => {
    expect(removeDotSegments('/a/b/c/./../../g')).toBe('/a/g');
    expect(removeDotSegments('/mid/content=5/../6')).toBe('/mid/6');
    expect(removeDotSegments('/a/..')).toBe('/');
    expect(removeDotSegments('/a/.')).toBe('/a/');
  });
  it('Envoy Gateway unescapes %2F, normalizes, merges, then redirects (UNESCAPE_AND_REDIRECT)', () => {
    const n = normalizePath('/api%2F..//admin', findImplementation('envoy-gateway')!.normalization);
    expect(n.path).toBe('/admin');
    expect(n.answer?.status).toBe(307);
  });
  it('nginx (NGF) decodes every escape before matching', () => {
    expect(normalizePath('/caf%C3%A9%2Fx', findImplementation('ngf')!.normalization).path).toBe('/café/x');
  });
  it('Istio BASE resolves dot segments but keeps repeated slashes', () => {
    const n = normalizePath('//a/./b', findImplementation('istio')!.normalization);
    expect(n.path).toBe('//a/b');
  });
});

const gw = () => gateway([listener('http', 80, 'HTTP')]);

describe('trace per implementation', () => {
  it('regex dialect: NGF writes `location ~ ^pattern` (servers.go createPath): from the start, not to the end; Envoy Gateway needs the whole path', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+' } }], backendRefs: [backend('api')] }] }));
    expect(trace(c, 'http://x.test/v2/users', { implementation: 'ngf' }).outcome.status).toBe(200);
    expect(trace(c, 'http://x.test/api/v2', { implementation: 'ngf' }).outcome.status).toBe(404);
    expect(trace(c, 'http://x.test/v2/users', { implementation: 'envoy-gateway' }).outcome.status).toBe(404);
    expect(trace(c, 'http://x.test/v2', { implementation: 'envoy-gateway' }).outcome.status).toBe(200);
    const rule = step(trace(c, 'http://x.test/v2/users', { implementation: 'ngf' }), 'rule')!;
    expect(rule.candidates?.[0].detail).toContain('the start of the path');
  });
  it('NGF header regexes run in njs with RegExp.test: anywhere in the value (httpmatches.js)', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ matches: [{ headers: [{ type: 'RegularExpression', name: 'x-env', value: 'prod' }] }], backendRefs: [backend('api')] }] }));
    expect(trace(c, 'http://x.test/', { implementation: 'ngf', headers: { 'x-env': 'preprod' } }).outcome.status).toBe(200);
  });
  it('regex dialect: Traefik searches header values (Go regexp.MatchString), Istio matches them whole', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ matches: [{ headers: [{ type: 'RegularExpression', name: 'x-env', value: 'prod' }] }], backendRefs: [backend('api')] }] }));
    const h = { headers: { 'x-env': 'preprod' } };
    expect(trace(c, 'http://x.test/', { implementation: 'traefik', ...h }).outcome.status).toBe(200);
    expect(trace(c, 'http://x.test/', { implementation: 'istio', ...h }).outcome.status).toBe(404);
  });
  it('PCRE-only syntax is valid on NGF and invalid RE2 on Envoy Gateway', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(?!admin)[a-z]+' } }], backendRefs: [backend('api')] }] }));
    expect(trace(c, 'http://x.test/shop', { implementation: 'ngf' }).outcome.status).toBe(200);
    const eg = trace(c, 'http://x.test/shop', { implementation: 'envoy-gateway' });
    expect(eg.outcome.status).toBe(404);
    expect(JSON.stringify(eg.steps)).toContain('not a valid RE2 expression');
  });
  it('Kong expressions router anchors path regexes at the start only', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]' } }], backendRefs: [backend('api')] }] }));
    expect(trace(c, 'http://x.test/v1/anything', { implementation: 'kong' }).outcome.status).toBe(200);
    expect(trace(c, 'http://x.test/x/v1', { implementation: 'kong' }).outcome.status).toBe(404);
  });

  const mirrored = () =>
    cluster(gatewayClass, gw(), service('api'), service('shadow'), route('HTTPRoute', 'r', {
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/m' } }], filters: [{ type: 'RequestMirror', requestMirror: { backendRef: backend('shadow') } }], backendRefs: [backend('api')] },
        { backendRefs: [backend('api')] },
      ],
    }));
  it('Traefik lacks HTTPRouteRequestMirror: the rule answers 500 and the trace names the report', () => {
    const t = trace(mirrored(), 'http://x.test/m', { implementation: 'traefik' });
    expect(t.outcome.status).toBe(500);
    expect(t.outcome.reason).toBe('ImplementationUnsupported');
    expect(t.outcome.message).toMatch(/Traefik v3\.7\.\d+ does not support HTTPRouteRequestMirror \(conformance report v1\.6\/traefik-traefik\//);
    expect(t.implementation).toBe('traefik-traefik');
  });
  it('Envoy Gateway supports it: the request is proxied and mirrored', () => {
    const t = trace(mirrored(), 'http://x.test/m', { implementation: 'envoy-gateway' });
    expect(t.outcome.status).toBe(200);
    expect(t.outcome.mirroredTo.map((m) => m.service)).toEqual(['shadow']);
  });

  const corsRoute = () =>
    cluster(gatewayClass, gw(), service('api'), service('other'),
      route('HTTPRoute', 'cors', { hostnames: ['x.test'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], filters: [{ type: 'CORS', cors: { allowOrigins: ['https://a.test'] } }], backendRefs: [backend('api')] }] }),
      route('HTTPRoute', 'fallback', { hostnames: ['x.test'], rules: [{ backendRefs: [backend('other')] }] }));
  it('GKE lacks HTTPRouteCORS: the route is not programmed (assumed spec handling) and the next route answers', () => {
    // v1.6 Traefik lacks HTTPRouteCORS; GKE lacks it too and is assumed to reject the route (spec: Accepted=False IncompatibleFilters).
    const t = trace(corsRoute(), 'http://x.test/api', { implementation: 'gke' });
    expect(routeName(t)).toBe('app/fallback');
    const skipped = step(t, 'rule')!.candidates!.find((c) => c.verdict === 'skip')!;
    expect(skipped.reason).toBe('ImplementationUnsupported');
    expect(skipped.detail).toContain('Accepted=False IncompatibleFilters');
  });
  it('kgateway ignores a filter it cannot translate (convertFilterIr): the rule routes on without it', () => {
    // kgateway's v1.6 report lists no HTTP filter as unsupported: give its profile a report that lacks CORS.
    const kg = findImplementation('kgateway')!;
    const http = kg.report!.profiles['GATEWAY-HTTP']!;
    const lacking = { ...kg, report: { ...kg.report!, profiles: { ...kg.report!.profiles, 'GATEWAY-HTTP': { ...http, supported: http.supported.filter((f) => f !== 'HTTPRouteCORS'), unsupported: ['HTTPRouteCORS'] } } } };
    const c = corsRoute();
    const preflight = { method: 'OPTIONS', headers: { origin: 'https://a.test', 'access-control-request-method': 'GET' } };
    expect(simulate(c, { url: 'http://x.test/api', gateway: 'app/gw', ...preflight }, { mode: 'gateway', implementation: kg }).outcome.kind).toBe('responded');
    const t = simulate(c, { url: 'http://x.test/api', gateway: 'app/gw', ...preflight }, { mode: 'gateway', implementation: lacking });
    expect(t.outcome.backend?.service).toBe('api');
    expect(t.steps.find((s) => s.reason === 'FeatureIgnored')?.notes?.join(' ')).toContain('does not support HTTPRouteCORS');
  });
  it('Cilium lacks HTTPRouteParentRefPort: the route is not accepted', () => {
    const c = cluster(gatewayClass, gw(), service('api'), { ...route('HTTPRoute', 'r', { rules: [{ backendRefs: [backend('api')] }] }), spec: { parentRefs: [{ name: 'gw', namespace: 'app', port: 80 }], rules: [{ backendRefs: [backend('api')] }] } });
    expect(trace(c, 'http://x.test/', { implementation: 'envoy-gateway' }).outcome.status).toBe(200);
    const t = trace(c, 'http://x.test/', { implementation: 'cilium' });
    expect(t.outcome.status).toBe(404);
    expect(JSON.stringify(step(t, 'rule'))).toContain('HTTPRouteParentRefPort');
  });
  it('normalization: Envoy Gateway routes /app/../admin as /admin, agentgateway as sent (agentgateway#1023)', () => {
    const c = cluster(gatewayClass, gw(), service('admin'), service('app'), route('HTTPRoute', 'r', {
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/admin' } }], backendRefs: [backend('admin')] },
        { matches: [{ path: { type: 'PathPrefix', value: '/app' } }], backendRefs: [backend('app')] },
      ],
    }));
    const eg = trace(c, 'http://x.test/app/../admin', { implementation: 'envoy-gateway' });
    expect(eg.outcome.backend?.service).toBe('admin');
    expect(eg.outcome.upstream?.path).toBe('/admin');
    expect(eg.request.path).toBe('/app/../admin');
    expect(step(eg, 'implementation')).toBeDefined();
    expect(trace(c, 'http://x.test/app/../admin', { implementation: 'agentgateway' }).outcome.backend?.service).toBe('app');
  });
  it('Istio keeps //admin: PathPrefix /admin does not match it; Traefik merges the slashes', () => {
    const c = cluster(gatewayClass, gw(), service('admin'), route('HTTPRoute', 'r', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/admin' } }], backendRefs: [backend('admin')] }] }));
    expect(trace(c, 'http://x.test//admin', { implementation: 'istio' }).outcome.status).toBe(404);
    expect(trace(c, 'http://x.test//admin', { implementation: 'traefik' }).outcome.status).toBe(200);
  });
  it('an unknown implementation is a clear error that lists the choices', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ backendRefs: [backend('api')] }] }));
    expect(() => trace(c, 'http://x.test/', { implementation: 'nginx-plus' })).toThrow(/unknown implementation "nginx-plus".*envoy-gateway/);
  });
  it('lists a feature RouteLab does not simulate (timeouts) in the trace', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', { rules: [{ timeouts: { request: '5s' }, backendRefs: [backend('api')] }] }));
    const t = trace(c, 'http://x.test/');
    expect(step(t, 'implementation')?.notes?.join(' ')).toContain('RouteLab does not simulate HTTPRouteRequestTimeout');
    expect(configFeatures(c).map((u) => u.feature)).toContain('HTTPRouteRequestTimeout');
    // NGF lacks it: the rule step says the field has no effect there.
    expect(step(trace(c, 'http://x.test/', { implementation: 'ngf' }), 'rule')?.notes?.join(' ')).toContain('does not support HTTPRouteRequestTimeout');
  });
  it('HAProxy Ingress anchors a path regex at the start only (map_reg ^host#pattern), a header regex nowhere (-m reg)', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', {
      rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/blog/.*\\.php' }, headers: [{ type: 'RegularExpression', name: 'x-env', value: 'prod' }] }], backendRefs: [backend('api')] }],
    }));
    const h = { implementation: 'haproxy', headers: [['x-env', 'preprod-1']] as [string, string][] };
    // The path regex may end anywhere (index.php.bak), but must start at the path's start.
    expect(trace(c, 'http://x.test/blog/index.php.bak', h).outcome.status).toBe(200);
    expect(trace(c, 'http://x.test/old/blog/index.php', h).outcome.status).toBe(404);
    // Envoy-based: the whole path and the whole header value.
    expect(trace(c, 'http://x.test/blog/index.php.bak', { ...h, implementation: 'istio' }).outcome.status).toBe(404);
    expect(trace(c, 'http://x.test/blog/index.php', { ...h, implementation: 'istio' }).outcome.status).toBe(404);
    expect(trace(c, 'http://x.test/blog/index.php', { ...h, implementation: 'istio', headers: [['x-env', 'prod']] }).outcome.status).toBe(200);
  });
  it('HAProxy Ingress does not read method and query conditions: the rule matches without them, and the trace says so', () => {
    const c = cluster(gatewayClass, gw(), service('api'), service('web'), route('HTTPRoute', 'r', {
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' }, method: 'POST', queryParams: [{ name: 'v', value: '2' }] }], backendRefs: [backend('api')] },
        { backendRefs: [backend('web')] },
      ],
    }));
    const ha = trace(c, 'http://x.test/items', { implementation: 'haproxy' });
    expect(ha.outcome.status).toBe(200);
    expect(ha.outcome.backend?.service).toBe('api');
    const rule = step(ha, 'rule');
    expect(JSON.stringify(rule)).toContain('method POST not checked: HAProxy Ingress');
    expect(JSON.stringify(rule)).toContain('HTTPRouteQueryParamMatching');
    // Envoy Gateway checks both: a GET without ?v=2 falls through to web.
    expect(trace(c, 'http://x.test/items', { implementation: 'envoy-gateway' }).outcome.backend?.service).toBe('web');
  });
  it('HAProxy Ingress leaves out a filter it lacks but still routes, and reports Accepted=False UnsupportedValue', () => {
    const c = cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', {
      rules: [{ filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }], matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [backend('api')] }],
    }));
    const t = trace(c, 'http://x.test/api/users', { implementation: 'haproxy' });
    expect(t.outcome.status).toBe(200);
    expect(t.steps.some((s) => s.reason === 'FeatureIgnored')).toBe(true);
    expect(JSON.stringify(t.outcome)).not.toContain('/v2/users');
    expect(JSON.stringify(trace(c, 'http://x.test/api/users', { implementation: 'envoy-gateway' }).outcome)).toContain('/v2/users');
    const accepted = gatewayStatus(c, findImplementation('haproxy')).routes[0].parents[0].conditions.find((x) => x.type === 'Accepted');
    expect(accepted?.status).toBe('False');
    expect(accepted?.reason).toBe('UnsupportedValue');
  });
});

describe('predicted status per implementation', () => {
  const c = () =>
    cluster(gatewayClass, gw(), service('api'), route('HTTPRoute', 'r', {
      rules: [{ backendRefs: [backend('api', 80, { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-team', value: 'a' }] } }] })] }],
    }));
  const accepted = (impl?: string) => {
    const st = gatewayStatus(c(), impl ? findImplementation(impl) : undefined);
    return st.routes[0].parents[0].conditions.find((x) => x.type === 'Accepted');
  };
  it('the spec: Accepted=True', () => {
    expect(accepted()?.status).toBe('True');
  });
  it('NGINX Gateway Fabric lacks HTTPRouteBackendRequestHeaderModification: the rule answers 500 and the route says PartiallyInvalid UnsupportedValue (graph/httproute.go)', () => {
    const st = gatewayStatus(c(), findImplementation('ngf'));
    const cond = st.routes[0].parents[0].conditions.find((x) => x.type === 'PartiallyInvalid');
    expect(cond).toMatchObject({ status: 'True', reason: 'UnsupportedValue' });
    expect(cond?.message).toContain('HTTPRouteBackendRequestHeaderModification');
    expect(accepted('ngf')?.status).toBe('True');
    expect(trace(c(), 'http://x.test/', { implementation: 'ngf' }).outcome.status).toBe(500);
  });
  it('Envoy Gateway supports it: Accepted=True, and the backend sees the header', () => {
    expect(accepted('envoy-gateway')?.status).toBe('True');
    expect(trace(c(), 'http://x.test/', { implementation: 'envoy-gateway' }).outcome.upstream?.headers).toContainEqual(['x-team', 'a']);
  });
});
