// selectLocation reads a per-server index; here it is checked against the rule as the NGINX
// "location" docs state it, applied by walking every location of the server in order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildHostTable } from '../../table';
import { ingressCluster, type PathSpec } from '../testkit';
import { buildNginxServer, selectLocation, type NginxLocation, type NginxServer } from './locations';

/** Exact (=) equal to the URI wins at once; else the longest prefix; a prefix location ending in
 * "/" answers 301 for the URI without that slash unless a prefix location is the URI itself. */
function byDocs(server: NginxServer, path: string): { location: NginxLocation; slash: boolean } | undefined {
  const live = server.locations.filter((l) => !l.shadowedBy);
  const exact = live.find((l) => l.kind === 'exact' && l.path === path);
  if (exact) return { location: exact, slash: false };
  const prefixes = live.filter((l) => l.kind === 'prefix' && path.startsWith(l.path));
  const longest = prefixes.reduce<NginxLocation | undefined>((a, l) => (!a || l.path.length > a.path.length ? l : a), undefined);
  const slash = live.find((l) => l.kind === 'prefix' && l.entry && l.path.length > 1 && l.path === `${path}/`);
  if (slash && longest?.path !== path) return { location: slash, slash: true };
  return longest ? { location: longest, slash: false } : undefined;
}

const SEGMENTS = ['', 'a', 'b', 'ab'];
const pathArb = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`);
const specArb = fc.record({ path: pathArb, type: fc.constantFrom('Exact' as const, 'Prefix' as const, 'ImplementationSpecific' as const), svc: fc.constantFrom('x', 'y') });

describe('ingress-nginx location choice', () => {
  it('the location index chooses what walking the locations by the NGINX rule chooses', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 8 }), fc.array(pathArb, { minLength: 1, maxLength: 6 }), (paths: PathSpec[], requests) => {
        const cluster = ingressCluster([{ name: 'site', host: 'a.test', paths }], ['x', 'y']);
        const entry = buildHostTable(cluster.ingresses).exact.get('a.test');
        const server = buildNginxServer(entry, 'a.test');
        for (const path of requests) {
          const got = selectLocation(server, path);
          const want = byDocs(server, path);
          expect(got?.location).toBe(want?.location);
          expect(!!got?.slashRedirect).toBe(!!want?.slash);
        }
      }),
      { numRuns: 300 },
    );
  });
});
