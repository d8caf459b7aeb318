import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { convertIngresses, inferController } from './convert';
import { IMPLEMENTATION_NAMES } from '../gateway/implementations/index';
import { proveConversion } from './prove';
import { simulate } from '../simulate';

const APP = (name: string, ns = 'shop') => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec: {template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}}
`;

function objectsOf(yaml: string, kind: string): Array<Record<string, any>> {
  return (yaml.split(/^---$/m).map((d) => load(d)) as Array<Record<string, any> | null>).filter((o): o is Record<string, any> => !!o && o.kind === kind);
}

describe('convertIngresses', () => {
  it('turns an ingress-nginx capture-group rewrite into PathPrefix + ReplacePrefixMatch, and proves it', () => {
    const c = loadManifests(`apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: shop
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /$2}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api(/|$)(.*), pathType: ImplementationSpecific, backend: {service: {name: api, port: {number: 80}}}}
${APP('api')}`);
    expect(inferController(c)).toBe('ingress-nginx');
    const conv = convertIngresses(c);
    const [route] = objectsOf(conv.yaml, 'HTTPRoute');
    expect(route.spec.hostnames).toEqual(['shop.example.com']);
    expect(route.spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/api' });
    expect(route.spec.rules[0].filters[0]).toEqual({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } });
    expect(objectsOf(conv.yaml, 'Service').map((s) => s.metadata.name)).toEqual(['api']);
    const proof = proveConversion(c, conv);
    expect(proof.requests).toBeGreaterThan(3);
    expect(proof.undeclared).toBe(0);
    // nginx's ~* is case-insensitive, PathPrefix is not: the proof finds it, and the conversion declared it.
    const upper = proof.differences.find((d) => d.request.url.includes('/API'));
    expect(upper?.declared?.code).toBe('CaseSensitivity');
  });

  it('redirects plain HTTP on TLS hosts from a route on the http listener, and serves HTTPS with the certificate', () => {
    const c = loadManifests(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop, annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "true"}}
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}
---
apiVersion: v1
kind: Secret
metadata: {name: shop-tls, namespace: shop}
type: kubernetes.io/tls
${APP('web')}`);
    const conv = convertIngresses(c, 'ingress-nginx');
    const [gw] = objectsOf(conv.yaml, 'Gateway');
    expect(gw.spec.listeners.map((l: any) => l.name)).toEqual(['http', 'https-shop-example-com']);
    expect(gw.spec.listeners[1].tls.certificateRefs).toEqual([{ kind: 'Secret', name: 'shop-tls' }]);
    const routes = objectsOf(conv.yaml, 'HTTPRoute');
    expect(routes[0].spec.parentRefs).toEqual([{ name: gw.metadata.name, sectionName: 'http' }]);
    expect(routes[0].spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', statusCode: 308 });
    // the named Service port became a number, as backendRefs require
    expect(routes[1].spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80 }]);
    const proof = proveConversion(c, conv);
    expect(proof.undeclared).toBe(0);
    expect(proof.differences.every((d) => d.declared?.code === 'RedirectLocation')).toBe(true);
  });

  it('merges an ingress-nginx canary weight into backendRefs weights', () => {
    const ing = (name: string, svc: string, extra: string) => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop, annotations: {${extra}}}
spec:
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${svc}, port: {number: 80}}}}]}
`;
    const c = loadManifests(ing('main', 'web', 'x: y') + ing('canary', 'web-v2', 'nginx.ingress.kubernetes.io/canary: "true", nginx.ingress.kubernetes.io/canary-weight: "10"') + APP('web') + APP('web-v2'));
    const conv = convertIngresses(c, 'ingress-nginx');
    const routes = objectsOf(conv.yaml, 'HTTPRoute');
    expect(routes).toHaveLength(1);
    expect(routes[0].spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80, weight: 90 }, { name: 'web-v2', port: 80, weight: 10 }]);
    expect(proveConversion(c, conv).undeclared).toBe(0);
  });

  it('maps HAProxy rewrite-target to ReplacePrefixMatch and declares begin as case-insensitive', () => {
    const c = loadManifests(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app, namespace: shop, annotations: {haproxy-ingress.github.io/rewrite-target: /v2}}
spec:
  rules:
  - host: app.example.com
    http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}, {path: /old, pathType: ImplementationSpecific, backend: {service: {name: app, port: {number: 80}}}}]}
${APP('app')}`);
    const conv = convertIngresses(c, 'haproxy');
    const [route] = objectsOf(conv.yaml, 'HTTPRoute');
    expect(route.spec.rules[0].filters[0].urlRewrite.path).toEqual({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' });
    expect(conv.deviations.map((d) => d.code)).toContain('CaseSensitivity');
    expect(proveConversion(c, conv).undeclared).toBe(0);
  });

  it('declares that Traefik matches Prefix by characters', () => {
    const c = loadManifests(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app, namespace: shop}
spec:
  rules:
  - host: app.example.com
    http: {paths: [{path: /foo, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}
${APP('app')}`);
    const proof = proveConversion(c, convertIngresses(c, 'traefik'));
    const foobar = proof.differences.find((d) => d.request.url === 'http://app.example.com/foox');
    expect(foobar?.declared?.code).toBe('PrefixByCharacters');
    expect(proof.undeclared).toBe(0);
  });

  it('the proof reports a difference the conversion did not declare', () => {
    const c = loadManifests(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app, namespace: shop}
spec:
  rules:
  - host: app.example.com
    http: {paths: [{path: /a, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}
${APP('app')}${APP('other')}`);
    const conv = convertIngresses(c, 'spec');
    const tampered = { ...conv, yaml: conv.yaml.replace(/- name: app\n(\s+)port: 80/, '- name: other\n$1port: 80') };
    expect(tampered.yaml).not.toBe(conv.yaml);
    const proof = proveConversion(c, tampered);
    expect(proof.undeclared).toBeGreaterThan(0);
    expect(proof.differences[0].gateway.outcome).toMatch(/shop\/other/);
  });
});

const NGINX_CLASS = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
`;
const ING = (name: string, host: string, paths: string, annotations = '') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop${annotations ? `, annotations: {${annotations}}` : ''}}
spec:
  ingressClassName: nginx
  rules:
  - host: ${host}
    http:
      paths:
${paths}
`;
const P = (path: string, type: string, svc: string) => `      - {path: "${path}", pathType: ${type}, backend: {service: {name: ${svc}, port: {number: 80}}}}`;

describe('convert for a target, with the ingress-nginx quirks kept or dropped', () => {
  const docs = () => loadManifests(NGINX_CLASS + ING('site', 'shop.example.com', [P('/docs/', 'Prefix', 'docs'), P('/', 'Prefix', 'web')].join('\n')) + APP('docs') + APP('web'));

  it('writes the target\'s GatewayClass controllerName (from its code or docs) and proves on its profile', () => {
    const c = docs();
    const conv = convertIngresses(c, 'ingress-nginx', { target: 'envoy-gateway' });
    expect(objectsOf(conv.yaml, 'GatewayClass')[0].spec.controllerName).toBe('gateway.envoyproxy.io/gatewayclass-controller');
    expect(conv.yaml).not.toMatch(/placeholder/);
    expect(proveConversion(c, conv).target).toBe('envoy-gateway');
    expect(() => convertIngresses(c, 'ingress-nginx', { target: 'nope' })).toThrow(/unknown target "nope"/);
  });

  it('slash-redirect kept: an Exact rule answers the path without its slash with 301, so the proof finds no difference', () => {
    const c = docs();
    const conv = convertIngresses(c, 'ingress-nginx');
    const rules = objectsOf(conv.yaml, 'HTTPRoute').find((r) => r.metadata.name === 'site')!.spec.rules;
    expect(rules[0]).toEqual({ matches: [{ path: { type: 'Exact', value: '/docs' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/docs/' }, statusCode: 301 } }] });
    expect(conv.quirks.find((q) => q.quirk === 'slash-redirect')).toMatchObject({ choice: 'keep', requests: ['GET http://shop.example.com/docs'] });
    const proof = proveConversion(c, conv);
    expect(proof.differences.map((d) => d.request.url)).not.toContain('http://shop.example.com/docs');
  });

  it('slash-redirect dropped: declared, and the proof shows /docs changing from 301 to served', () => {
    const c = docs();
    const conv = convertIngresses(c, 'ingress-nginx', { quirks: { 'slash-redirect': 'drop' } });
    expect(conv.deviations.find((d) => d.code === 'QuirkDropped')?.message).toMatch(/answers \/docs with 301 to \/docs\/.*dropped/);
    const d = proveConversion(c, conv).differences.find((x) => x.request.url === 'http://shop.example.com/docs');
    expect(d?.ingress.trace.outcome.status).toBe(301);
    expect(d?.gateway.trace.outcome.kind).toBe('proxied');
    expect(d?.declared?.code).toBe('QuirkDropped');
  });

  it('case-insensitive kept: paths of a regex host become (?i) regexes that match as ingress-nginx does', () => {
    const c = loadManifests(NGINX_CLASS + ING('api', 'api.example.com', [P('/v1(/|$)(.*)', 'ImplementationSpecific', 'web'), P('/Health', 'Exact', 'docs')].join('\n'), '"nginx.ingress.kubernetes.io/use-regex": "true", "nginx.ingress.kubernetes.io/rewrite-target": "/$2"') + APP('docs') + APP('web'));
    const dropped = proveConversion(c, convertIngresses(c, 'ingress-nginx', { target: 'envoy-gateway' }));
    expect(dropped.differences.some((d) => d.request.url === 'http://api.example.com/HEALTH')).toBe(true);
    const conv = convertIngresses(c, 'ingress-nginx', { target: 'envoy-gateway', quirks: { 'case-insensitive': 'keep' } });
    const rule = objectsOf(conv.yaml, 'HTTPRoute').find((r) => r.metadata.name === 'api')!.spec.rules.find((r: any) => r.matches[0].path.type === 'RegularExpression');
    expect(rule.matches[0].path.value).toBe('(?i)/Health.*');
    // /$2 with no second group in /Health is empty in NGINX: a static rewrite to /
    expect(rule.filters[0].urlRewrite.path).toEqual({ type: 'ReplaceFullPath', replaceFullPath: '/' });
    const kept = proveConversion(c, conv);
    expect(kept.differences.filter((d) => /health/i.test(d.request.url))).toEqual([]);
  });

  it('annotations with no equivalent are blockers with the requests they affect, and the target\'s own resource is named', () => {
    const c = loadManifests(NGINX_CLASS + ING('site', 'shop.example.com', P('/', 'Prefix', 'web'), '"nginx.ingress.kubernetes.io/auth-url": "https://auth.example.com/check"') + APP('web'));
    const conv = convertIngresses(c, 'ingress-nginx', { target: 'envoy-gateway' });
    expect(conv.blockers).toHaveLength(1);
    expect(conv.blockers[0].message).toMatch(/auth-url.*external authentication.*SecurityPolicy extAuth/);
    const proof = proveConversion(c, conv);
    expect(proof.blocked[0].requests.map((r) => r.url)).toContain('http://shop.example.com/');
  });

  it('what the target lacks is declared where the output uses it: HAProxy has no path rewrite', () => {
    const c = loadManifests(NGINX_CLASS + ING('api', 'shop.example.com', P('/api(/|$)(.*)', 'ImplementationSpecific', 'web'), '"nginx.ingress.kubernetes.io/rewrite-target": "/$2"') + APP('web'));
    const conv = convertIngresses(c, 'ingress-nginx', { target: 'haproxy' });
    expect(conv.deviations.find((d) => d.code === 'TargetLacks')?.message).toMatch(/does not support HTTPRoutePathRewrite/);
    const proof = proveConversion(c, conv);
    expect(proof.differences.length).toBeGreaterThan(0);
    expect(proof.undeclared).toBe(0);
    // /api/x reaches the backend unrewritten on HAProxy: that difference is the declared lack
    const x = proof.differences.find((d) => d.declared?.code === 'TargetLacks');
    expect(x?.gateway.trace.outcome.upstream?.path).toMatch(/^\/api/);
    expect(x?.ingress.trace.outcome.upstream?.path).not.toMatch(/^\/api/);
    expect(proof.differences.some((d) => d.declared?.code === 'TargetLacks')).toBe(true);
  });
});

describe('convert for Envoy Gateway: its HTTPRouteFilter where the portable API has no form', () => {
  const c = () => loadManifests(NGINX_CLASS + ING('api', 'api.example.com', P('/shop/([a-z]+)/([0-9]+)', 'ImplementationSpecific', 'web'), '"nginx.ingress.kubernetes.io/use-regex": "true", "nginx.ingress.kubernetes.io/rewrite-target": "/items/$2/$1"') + APP('web'));

  it('a capture-group rewrite becomes a ReplaceRegexMatch HTTPRouteFilter, simulated on Envoy Gateway: no difference', () => {
    const cluster = c();
    const conv = convertIngresses(cluster, 'ingress-nginx', { target: 'envoy-gateway' });
    const [filter] = objectsOf(conv.yaml, 'HTTPRouteFilter');
    expect(filter.apiVersion).toBe('gateway.envoyproxy.io/v1alpha1');
    expect(filter.spec.urlRewrite.path).toEqual({ type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern: '(?i)^.*?(?:/shop/([a-z]+)/([0-9]+)).*$', substitution: '/items/\\2/\\1' } });
    expect(conv.deviations.some((d) => d.code === 'RewriteApproximated')).toBe(false);
    const proof = proveConversion(cluster, conv);
    expect(proof.differences).toEqual([]);
    const t = simulate(proof.converted, { url: 'http://api.example.com/shop/books/42?x=1' }, { implementation: 'envoy-gateway' });
    expect(t.outcome.upstream?.path).toBe('/items/42/books?x=1');
  });

  it('for the portable API the same rewrite is approximated and declared', () => {
    const conv = convertIngresses(c(), 'ingress-nginx');
    expect(objectsOf(conv.yaml, 'HTTPRouteFilter')).toEqual([]);
    expect(conv.deviations.some((d) => d.code === 'RewriteApproximated')).toBe(true);
  });
});

describe('convert for Envoy Gateway: basic auth as a SecurityPolicy', () => {
  const SECRET = '---\napiVersion: v1\nkind: Secret\nmetadata: {name: admins, namespace: shop}\ndata: {auth: YWRtaW46e1NIQX1XNnBoNU1tNVB6OEdnaVVMYlBnekczN21qOWc9Cg==}\n';
  const c = () => loadManifests(NGINX_CLASS + ING('admin', 'admin.example.com', P('/', 'Prefix', 'web'), '"nginx.ingress.kubernetes.io/auth-type": basic, "nginx.ingress.kubernetes.io/auth-secret": admins') + SECRET + APP('web'));

  it('writes a SecurityPolicy on the route and the users under .htpasswd; on Envoy Gateway the 401 without credentials is kept', () => {
    const cluster = c();
    const conv = convertIngresses(cluster, 'ingress-nginx', { target: 'envoy-gateway' });
    const [policy] = objectsOf(conv.yaml, 'SecurityPolicy');
    expect(policy.spec).toEqual({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'admin' }], basicAuth: { users: { name: 'admins-htpasswd' } } });
    expect(objectsOf(conv.yaml, 'Secret').find((x) => x.metadata.name === 'admins-htpasswd')?.data).toEqual({ '.htpasswd': 'YWRtaW46e1NIQX1XNnBoNU1tNVB6OEdnaVVMYlBnekczN21qOWc9Cg==' });
    expect(conv.deviations.find((d) => d.code === 'ControllerSpecific')?.message).toMatch(/only SHA-hashed entries/);
    const proof = proveConversion(cluster, conv);
    expect(proof.differences).toEqual([]);
    const t = simulate(proof.converted, { url: 'http://admin.example.com/x' }, { implementation: 'envoy-gateway' });
    expect(t.outcome).toMatchObject({ status: 401, reason: 'AuthenticationRequired' });
    expect(simulate(proof.converted, { url: 'http://admin.example.com/x', headers: { Authorization: 'Basic YWRtaW46eA==' } }, { implementation: 'envoy-gateway' }).outcome.kind).toBe('proxied');
    // other profiles do not read Envoy Gateway's SecurityPolicy
    expect(simulate(proof.converted, { url: 'http://admin.example.com/x' }, { implementation: 'istio' }).outcome.kind).toBe('proxied');
  });

  it('for the portable API the auth annotations are declared as not converted', () => {
    const conv = convertIngresses(c(), 'ingress-nginx');
    expect(objectsOf(conv.yaml, 'SecurityPolicy')).toEqual([]);
    expect(conv.deviations.some((d) => d.code === 'AnnotationNotConverted' && d.message.includes('auth-type'))).toBe(true);
  });
});

// The issue's bar: every Ingress scenario of the shared corpus converts with no difference the conversion did not declare.
const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'ingress');
describe.runIf(existsSync(CORPUS))('conversion proof over the shared Ingress corpus', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')) : [];
  const runs = files.flatMap((f) => {
    const tf = load(readFileSync(join(CORPUS, f), 'utf8')) as { manifests: string; cases: Array<{ request: { controller?: string } }> };
    return [...new Set(tf.cases.map((c) => c.request.controller ?? 'spec'))].map((controller) => [f, controller, tf.manifests] as const);
  });
  // Every target: the proof runs on the target's profile, and what it lacks must be declared.
  it.each(runs)('%s under %s: no undeclared difference on any target', (f, controller, manifests) => {
    const c = loadManifests([{ file: f, text: manifests }]);
    const undeclared: string[] = [];
    for (const target of IMPLEMENTATION_NAMES) {
      const proof = proveConversion(c, convertIngresses(c, controller as never, { target }));
      expect(proof.target).toBe(target);
      undeclared.push(...proof.differences.filter((d) => !d.declared).map((d) => `${target}: ${d.request.url}: ingress ${d.ingress.outcome} / gateway ${d.gateway.outcome}`));
    }
    expect(undeclared).toEqual([]);
  });
});
