import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { compareControllers } from './compare';
import { diffConfigs } from './diff';

const APP = `---
apiVersion: v1
kind: Service
metadata: {name: app}
spec: {selector: {app: app}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec: {template: {metadata: {labels: {app: app}}, spec: {containers: [{name: c}]}}}
`;
const ingress = (path: string, type = 'Prefix', cls = 'nginx') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app}
spec:
  ingressClassName: ${cls}
  rules:
  - host: app.example.com
    http: {paths: [{path: ${path}, pathType: ${type}, backend: {service: {name: app, port: {number: 80}}}}]}
${APP}`;

describe('compareControllers', () => {
  it('finds that Traefik matches Prefix /foo for /foox while the others do not, with each one\'s rule', () => {
    const cmp = compareControllers(loadManifests(ingress('/foo')));
    const row = cmp.rows.find((r) => r.request.url === 'http://app.example.com/foox')!;
    expect(row.differs).toBe(true);
    const by = Object.fromEntries(row.results.map((r) => [r.subject, r]));
    expect(by.traefik.outcome).toMatch(/proxied to default\/app:80/);
    expect(by.spec.outcome).toMatch(/^404/);
    expect(by.spec.outcome).not.toMatch(/^404: 404/);
    expect(by['ingress-nginx'].outcome).toMatch(/^404/);
    expect(by.traefik.rule).toMatch(/Ingress default\/app rules\[0\]\.paths\[0\]/);
    // F5 NGINX Ingress Controller writes Prefix /foo as a plain NGINX prefix location, so it takes /foox too.
    expect(by['f5-nginx'].outcome).toMatch(/proxied to default\/app:80/);
    expect(by['traefik-nginx'].outcome).toMatch(/^404/);
    expect(row.explanation).toMatch(/traefik, f5-nginx: proxied|f5-nginx, traefik: proxied/);
  });

  it('compares matching semantics even when the IngressClass belongs to one controller', () => {
    // class "nginx" exists only as a name here; every controller is asked to serve the Ingress
    const row = compareControllers(loadManifests(ingress('/foo'))).rows.find((r) => r.request.url === 'http://app.example.com/foo')!;
    expect(row.differs).toBe(false);
    expect(row.results.every((r) => /proxied/.test(r.outcome))).toBe(true);
  });

  it('agrees on an Exact path everywhere except where a controller really differs', () => {
    const cmp = compareControllers(loadManifests(ingress('/exact', 'Exact')));
    expect(cmp.rows.find((r) => r.request.url === 'http://app.example.com/exact')!.differs).toBe(false);
  });
});

describe('diffConfigs', () => {
  it('lists exactly the requests whose routing changed, with both outcomes', () => {
    const before = loadManifests(ingress('/api'));
    const after = loadManifests(ingress('/api/v2'));
    const d = diffConfigs(before, after, { controller: 'spec' });
    const urls = d.differences.map((x) => x.request.url);
    expect(urls).toContain('http://app.example.com/api');
    expect(urls).not.toContain('http://app.example.com/api/v2/sub');
    const api = d.differences.find((x) => x.request.url === 'http://app.example.com/api')!;
    expect(api.before.outcome).toMatch(/proxied/);
    expect(api.after.outcome).toMatch(/^404/);
  });

  it('finds nothing when the configs route the same', () => {
    expect(diffConfigs(loadManifests(ingress('/api')), loadManifests(ingress('/api/'))).differences).toEqual([]);
  });
});
