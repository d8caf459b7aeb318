import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { lint } from './lint';

const SVC = (name: string, app = name) => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec: {selector: {app: ${app}}, ports: [{name: http, port: 80}]}
`;
const DEPLOY = (app: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}}
spec: {template: {metadata: {labels: {app: ${app}}}, spec: {containers: [{name: c}]}}}
`;
const ING = (name: string, paths: string, extra = '', ts = '2024-01-01T00:00:00Z') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, creationTimestamp: "${ts}"${extra}}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
${paths}
`;
const PATH = (path: string, type: string, svc: string, port = 'number: 80') => `      - {path: ${path}, pathType: ${type}, backend: {service: {name: ${svc}, port: {${port}}}}}`;

describe('lint', () => {
  it('reports a backend Service that does not exist, at the backend line', () => {
    const c = loadManifests([{ file: 'a.yaml', text: ING('web', PATH('/', 'Prefix', 'ghost')) }]);
    const p = lint(c).find((x) => x.code === 'MissingService');
    expect(p).toMatchObject({ severity: 'error', object: 'Ingress default/web', source: { startLine: 10 } });
    expect(p!.message).toMatch(/Service ghost/);
    expect(p!.fix).toMatch(/create Service default\/ghost/);
  });

  it('reports a Service port that does not exist', () => {
    const c = loadManifests(ING('web', PATH('/', 'Prefix', 'web', 'name: grpc')) + SVC('web') + DEPLOY('web'));
    expect(lint(c).find((x) => x.code === 'MissingServicePort')?.message).toMatch(/no port "grpc"; its ports: 80 \(http\)/);
  });

  it('reports a Service whose selector matches no Pod', () => {
    const c = loadManifests(ING('web', PATH('/', 'Prefix', 'web')) + SVC('web', 'wbe') + DEPLOY('web'));
    const p = lint(c).find((x) => x.code === 'ServiceSelectsNoPods');
    expect(p?.message).toMatch(/app=wbe matches no Pod/);
  });

  it('says a path claimed twice once, as a duplicate claim with the request that proves the older one wins', () => {
    const c = loadManifests(
      ING('old', PATH('/cart', 'Prefix', 'cart'), '', '2024-01-01T00:00:00Z') +
        ING('new', PATH('/cart', 'Prefix', 'web'), '', '2024-06-01T00:00:00Z') +
        SVC('cart') + SVC('web') + DEPLOY('cart') + DEPLOY('web'),
    );
    const problems = lint(c).filter((x) => x.code === 'ShadowedRule' || x.code === 'DuplicateClaim');
    expect(problems).toHaveLength(1);
    const dup = problems[0];
    expect(dup).toMatchObject({ code: 'DuplicateClaim', object: 'Ingress default/new' });
    expect(dup.message).toMatch(/also claimed by Ingress default\/old, which wins/);
    expect(dup.proof).toMatchObject({ request: { url: 'http://shop.example.com/cart' } });
    expect(dup.proof!.winner).toMatch(/Ingress default\/old/);
  });

  it('proves a shadowed rule that is not a duplicate with the request that goes elsewhere', () => {
    // Prefix /cart/ and Prefix /cart match the same requests (element-wise); the older wins them all.
    const c = loadManifests(
      ING('old', PATH('/cart', 'Prefix', 'cart'), '', '2024-01-01T00:00:00Z') +
        ING('new', PATH('/cart/', 'Prefix', 'web'), '', '2024-06-01T00:00:00Z') +
        SVC('cart') + SVC('web') + DEPLOY('cart') + DEPLOY('web'),
    );
    const problems = lint(c);
    expect(problems.find((x) => x.code === 'DuplicateClaim')).toBeUndefined();
    const shadowed = problems.find((x) => x.code === 'ShadowedRule');
    expect(shadowed).toMatchObject({ object: 'Ingress default/new', severity: 'warning' });
    expect(shadowed!.message).toMatch(/\/cart\/ Prefix never wins/);
    expect(shadowed!.proof!.winner).toMatch(/Ingress default\/old/);
  });

  it('does not flag rules that win for some request', () => {
    const c = loadManifests(ING('web', `${PATH('/', 'Prefix', 'web')}\n${PATH('/cart', 'Prefix', 'cart')}`) + SVC('cart') + SVC('web') + DEPLOY('cart') + DEPLOY('web'));
    expect(lint(c).filter((x) => x.code === 'ShadowedRule' || x.code === 'DuplicateClaim')).toEqual([]);
  });

  it('reports an ingressClassName that names no IngressClass', () => {
    const c = loadManifests('apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n' + ING('web', PATH('/', 'Prefix', 'web')).replace('spec:\n', 'spec:\n  ingressClassName: ngnix\n'));
    const p = lint(c).find((x) => x.code === 'MissingIngressClass');
    expect(p?.message).toMatch(/"ngnix" names no IngressClass/);
  });

  it('notes controller annotations the chosen controller ignores', () => {
    const c = loadManifests(ING('web', PATH('/', 'Prefix', 'web'), ', annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}'));
    expect(lint(c, { controller: 'traefik' }).find((x) => x.code === 'AnnotationIgnored')).toMatchObject({ severity: 'warning', source: { startLine: 4 } });
    expect(lint(c, { controller: 'ingress-nginx' }).find((x) => x.code === 'AnnotationIgnored')).toBeUndefined();
  });

  it('under Traefik, reports a router.middlewares reference that keeps the routers from being created', () => {
    const ingress = ING('web', PATH('/', 'Prefix', 'web'), ', annotations: {traefik.ingress.kubernetes.io/router.middlewares: default-strip@kubernetescrd}');
    const missing = loadManifests(ingress + SVC('web') + DEPLOY('web'));
    expect(lint(missing, { controller: 'traefik' }).find((x) => x.code === 'MiddlewareMissing')).toMatchObject({ severity: 'error', source: { startLine: 4 } });
    expect(lint(missing, { controller: 'spec' }).find((x) => x.code === 'MiddlewareMissing')).toBeUndefined();
    const present = loadManifests(`${ingress + SVC('web') + DEPLOY('web')}---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: {name: strip}
spec: {stripPrefix: {prefixes: [/api]}}
`);
    expect(lint(present, { controller: 'traefik' }).filter((x) => x.code.startsWith('Middleware'))).toEqual([]);
  });

  it('under ingress-nginx, reports an auth-secret that is not in the manifests (every path would get 503)', () => {
    const c = loadManifests(ING('web', PATH('/', 'Prefix', 'web'), ', annotations: {nginx.ingress.kubernetes.io/auth-type: basic, nginx.ingress.kubernetes.io/auth-secret: users}') + SVC('web') + DEPLOY('web'));
    expect(lint(c, { controller: 'ingress-nginx' }).find((x) => x.code === 'LocationDenied')).toMatchObject({ severity: 'error', source: { startLine: 4 } });
    expect(lint(c, { controller: 'traefik' }).find((x) => x.code === 'LocationDenied')).toBeUndefined();
  });

  it('includes load problems such as YAML errors', () => {
    const c = loadManifests('kind: Service\nmetadata: {name: x\n');
    expect(lint(c)[0]).toMatchObject({ severity: 'error', code: 'YamlSyntax' });
  });
});

describe('lint: rules that depend on an ingress-nginx quirk (ingress-path-matching.md, NGINX "location")', () => {
  const HOST = (name: string, paths: string, annotations = '') => ING(name, paths, annotations ? `, annotations: {${annotations}}` : '');
  const quirks = (yaml: string) => lint(loadManifests(yaml + SVC('web') + SVC('api') + DEPLOY('web') + DEPLOY('api')), { controller: 'ingress-nginx' }).filter((p) => p.code === 'IngressNginxQuirk');

  it('an Exact path on a host that another Ingress made regex is case-insensitive and a prefix there, each with the request that proves it', () => {
    const found = quirks(
      HOST('rw', PATH('/app', 'Prefix', 'web'), '"nginx.ingress.kubernetes.io/rewrite-target": "/"') +
        HOST('hdr', PATH('/Header', 'Exact', 'api')),
    ).filter((p) => p.object === 'Ingress default/hdr');
    expect(found.map((p) => p.quirk?.id).sort()).toEqual(['case-insensitive', 'no-boundary']);
    const ci = found.find((p) => p.quirk?.id === 'case-insensitive')!;
    expect(ci.proof?.request.url).toBe('http://shop.example.com/hEADER');
    expect(ci.proof?.outcome).toContain('default/api');
    expect(ci.quirk?.without.outcome).not.toContain('default/api');
    expect(ci.message).toMatch(/case-insensitive regexes/);
    expect(found.find((p) => p.quirk?.id === 'no-boundary')?.message).toMatch(/Exact behaves as a prefix/);
  });

  it('a Prefix path ending in "/" relies on the 301 for the path without it', () => {
    const [q] = quirks(HOST('site', PATH('/docs/', 'Prefix', 'api')));
    expect(q?.quirk?.id).toBe('slash-redirect');
    expect(q?.proof?.request.url).toBe('http://shop.example.com/docs');
    expect(q?.proof?.outcome).toMatch(/301/);
    expect(q?.quirk?.without.outcome).toContain('default/api');
  });

  it('plain prefix locations on a host without regex depend on no quirk', () => {
    expect(quirks(HOST('site', PATH('/docs', 'Prefix', 'api') + '\n' + PATH('/About', 'Exact', 'web')))).toEqual([]);
  });

  it('is only said for ingress-nginx', () => {
    const c = loadManifests(HOST('site', PATH('/docs/', 'Prefix', 'api')) + SVC('api') + DEPLOY('api'));
    expect(lint(c, { controller: 'traefik' }).some((p) => p.code === 'IngressNginxQuirk')).toBe(false);
  });
});
