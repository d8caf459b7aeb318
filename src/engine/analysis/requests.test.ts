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
