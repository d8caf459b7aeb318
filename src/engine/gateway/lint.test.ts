import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { lint } from '../analysis/lint';

const BASE = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: gc}
spec: {controllerName: example.com/gw}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: gc
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}
  - {name: admin, port: 8080, protocol: HTTP}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: apps}
spec: {ports: [{port: 80}], selector: {app: web}}
`;
const route = (name: string, spec: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: apps}
spec:
${spec}`;

describe('Gateway API lint', () => {
  it('says why a route is not attached: namespace policy of the listener', () => {
    const c = loadManifests(BASE + route('r', '  parentRefs: [{name: gw, namespace: infra, sectionName: http}]\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n'));
    const p = lint(c).find((x) => x.code === 'RouteNotAttached');
    expect(p).toMatchObject({ severity: 'error', object: 'HTTPRoute apps/r' });
    expect(p!.message).toMatch(/NotAllowedByListeners/);
    expect(p!.fix).toMatch(/allowedRoutes/);
  });

  it('reports a parentRef to a Gateway that is not in the manifests', () => {
    const c = loadManifests(BASE + route('r', '  parentRefs: [{name: missing, namespace: infra}]\n'));
    expect(lint(c).find((x) => x.code === 'MissingParent')?.message).toMatch(/Gateway infra\/missing is not in the manifests/);
  });

  it('reports a cross-namespace backendRef without a ReferenceGrant', () => {
    const gw = BASE.replace('{name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}', '{name: http, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}');
    const other = '---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: infra}\nspec: {ports: [{port: 80}]}\n';
    const c = loadManifests(gw + other + route('r', '  parentRefs: [{name: gw, namespace: infra, sectionName: http}]\n  hostnames: [a.example.com]\n  rules: [{backendRefs: [{name: api, namespace: infra, port: 80}]}]\n'));
    const p = lint(c).find((x) => x.code === 'RouteRefNotPermitted');
    expect(p?.fix).toMatch(/ReferenceGrant/);
  });

  it('says a missing GatewayClass once, with the fix, not once per condition and listener', () => {
    const c = loadManifests(BASE.replace('gatewayClassName: gc', 'gatewayClassName: istio'));
    const problems = lint(c).filter((x) => x.object.startsWith('Gateway infra/gw'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'GatewayPending', severity: 'error' });
    expect(problems[0].message).toMatch(/^Accepted and Programmed are False \(Pending\): GatewayClass "istio" does not exist/);
    expect(problems[0].fix).toMatch(/create the GatewayClass/);
  });

  it('a missing certificate Secret is one problem at its listener, not also "not programmed" and a Gateway summary', () => {
    const c = loadManifests(BASE.replace('{name: admin, port: 8080, protocol: HTTP}', '{name: https, port: 443, protocol: HTTPS, tls: {mode: Terminate, certificateRefs: [{name: missing-cert}]}}'));
    const problems = lint(c).filter((x) => x.object.startsWith('Gateway infra/gw') && x.severity === 'error');
    expect(problems.map((p) => p.code)).toEqual(['ListenerInvalidCertificateRef']);
    expect(problems[0].object).toBe('Gateway infra/gw listener https');
    expect(problems[0].message).toMatch(/missing-cert/);
  });

  it('notes a listener that carries no route', () => {
    const c = loadManifests(BASE);
    const p = lint(c).find((x) => x.code === 'ListenerWithoutRoutes' && x.object.endsWith('listener admin'));
    expect(p?.severity).toBe('info');
  });
});
