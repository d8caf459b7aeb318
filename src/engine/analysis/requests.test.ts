import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { generateRequests, hostSamples, pathSamples, regexSample, UNKNOWN_HOST } from './requests';

describe('generated request set', () => {
  it('probes a wildcard host one label deep, two labels deep and bare', () => {
    expect(hostSamples('*.example.com')).toEqual(['app.example.com', 'a.b.example.com', 'example.com']);
    expect(hostSamples('Shop.Example.com')).toEqual(['shop.example.com']);
    expect(hostSamples(undefined)).toEqual([UNKNOWN_HOST]);
  });

  it('probes both sides of every Prefix boundary', () => {
    expect(pathSamples('/api', 'prefix').map(([p]) => p)).toEqual(['/api', '/api/', '/api/sub', '/apix', '/API']);
    expect(pathSamples('/api/', 'prefix').map(([p]) => p)).toEqual(['/api/', '/api', '/api/sub', '/apix', '/API']);
  });

  it.each([
    ['/something(/|$)(.*)', '/something/x'],
    ['/id/[0-9]+$', '/id/1'],
    ['^/foo/bar/[A-Z0-9]{3}', '/foo/bar/1'],
    ['/app[0-9]+/?', '/app1/'],
    ['/api/v(1|2)/.*', '/api/v1/x'],
  ])('turns the regex path %s into a concrete path %s', (regex, sample) => {
    expect(regexSample(regex)).toBe(sample);
  });

  it('covers every rule of every Ingress, over HTTPS for TLS hosts, without duplicates', () => {
    const c = loadManifests(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec:
  tls: [{hosts: [secure.example.com], secretName: s}]
  defaultBackend: {service: {name: d, port: {number: 80}}}
  rules:
  - host: secure.example.com
    http: {paths: [{path: /pay, pathType: Exact, backend: {service: {name: p, port: {number: 80}}}}]}
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: w, port: {number: 80}}}}]}
`);
    const urls = generateRequests(c).map((r) => r.url);
    expect(urls).toContain('http://secure.example.com/pay');
    expect(urls).toContain('https://secure.example.com/pay/');
    expect(urls).toContain(`http://${UNKNOWN_HOST}/anything`);
    expect(new Set(urls).size).toBe(urls.length);
    expect(generateRequests(c, { limit: 3 })).toHaveLength(3);
  });
});

describe('a limit on the generated set', () => {
  it('gives the first requests of the whole set, for Ingresses and HTTPRoutes alike', () => {
    const docs: string[] = [];
    for (let i = 0; i < 30; i++) {
      docs.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i${i}, namespace: ns}\nspec:\n  tls: [{hosts: [h${i}.example.test]}]\n  rules:\n  - host: h${i}.example.test\n    http:\n      paths:\n      - {path: /a${i}, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}\n      - {path: /b, pathType: Exact, backend: {service: {name: s, port: {number: 80}}}}`);
      docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r${i}, namespace: ns}\nspec:\n  hostnames: [g${i}.example.test]\n  rules:\n  - matches: [{path: {type: PathPrefix, value: /x${i}}, headers: [{name: h, value: v}]}]`);
    }
    const cluster = loadManifests([{ file: 'many.yaml', text: docs.join('\n---\n') }]);
    const all = generateRequests(cluster, { limit: 1_000_000 });
    expect(all.length).toBeGreaterThan(600);
    expect(all.some((r) => r.url.startsWith('https://h'))).toBe(true);
    for (const limit of [0, 1, 7, 150, all.length - 1, all.length, all.length + 5]) {
      expect(generateRequests(cluster, { limit })).toEqual(all.slice(0, limit));
    }
  });
});
