// The host table's "nearest hosts" for a request whose host no rule names: the hosts
// sharing the most trailing labels, found among sorted neighbours instead of by
// scoring every host, so a miss costs the same on 10 or 10,000 hosts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadManifests } from '../parse/manifests';
import { toHostname } from '../model/request';
import { buildHostTable, nearestHosts as nearestHostsOf, type HostTable } from './table';

const nearestHosts = (t: HostTable, host: string, limit?: number) => nearestHostsOf(t, toHostname(host), limit);

function tableOf(hosts: string[]) {
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'many', namespace: 'default' },
    spec: { rules: hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } })) },
  };
  return buildHostTable(loadManifests(JSON.stringify(ingress)).ingresses);
}

/** What the suggestions mean, scored the slow way: trailing labels in common ('*' matches any). */
function sharedTrailingLabels(a: string, b: string): number {
  const x = a.split('.').reverse();
  const y = b.split('.').reverse();
  let n = 0;
  while (n < x.length && n < y.length && (x[n] === y[n] || x[n] === '*')) n++;
  return n;
}

describe('nearestHosts', () => {
  it('names the hosts with the most trailing labels in common, then alphabetically', () => {
    const t = tableOf(['api.shop.example.com', 'www.shop.example.com', 'shop.example.org', 'blog.example.com', '*.shop.example.com']);
    expect(nearestHosts(t, 'cart.shop.example.com')).toEqual(['*.shop.example.com', 'api.shop.example.com', 'www.shop.example.com']);
    expect(nearestHosts(t, 'news.example.com', 5)).toEqual(['*.shop.example.com', 'api.shop.example.com', 'blog.example.com', 'www.shop.example.com']);
    expect(nearestHosts(t, 'example.net')).toEqual([]);
  });

  it('finds the best-scoring hosts among thousands, where every host is a sibling', () => {
    const hosts = Array.from({ length: 6000 }, (_, i) => `app-${i}.bench.example.com`);
    hosts.push('app-77.staging.bench.example.com');
    const t = tableOf(hosts);
    const near = nearestHosts(t, 'x.app-77.staging.bench.example.com');
    expect(near[0]).toBe('app-77.staging.bench.example.com');
    expect(near).toHaveLength(3);
    for (const h of near.slice(1)) expect(sharedTrailingLabels(h, 'x.app-77.staging.bench.example.com')).toBe(3);
  });

  it('with hundreds of wildcards, still names the one that covers a suffix of the host', () => {
    const wild = Array.from({ length: 400 }, (_, i) => `*.team-${i}.example.com`);
    const t = tableOf([...wild, 'a.example.com']);
    expect(nearestHosts(t, 'svc.x.team-123.example.com')[0]).toBe('*.team-123.example.com');
  });

  it('scores as well as scanning every host (property)', () => {
    const label = fc.constantFrom('a', 'b', 'ab', 'shop', 'api', 'x-1', 'com', 'org');
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
    fc.assert(
      fc.property(fc.uniqueArray(host, { minLength: 1, maxLength: 80 }), host, (hosts, query) => {
        const t = tableOf(hosts);
        const got = nearestHosts(t, query, 3).map((h) => sharedTrailingLabels(h, query));
        const best = [...t.exact.keys()].map((h) => sharedTrailingLabels(h, query)).filter((s) => s > 0).sort((a, b) => b - a).slice(0, 3);
        expect(got).toEqual(best);
      }),
      { numRuns: 200 },
    );
  });
});
