// The order routes are written in is not a routing input: the spec ranks routes by
// creationTimestamp, then by "{namespace}/{name}" (HTTPRouteRule.Matches, GRPCRouteRule
// and the HTTPRoute/GRPCRoute hostname conflict: the oldest route wins). So for configs
// where no two routes share a namespace/name, writing the same routes in another order
// must give the same traces, the same route statuses and the same attach-step listings.
// The engine attaches routes in document order and puts them in age order where order
// shows; this checks every such place against a shuffled copy of the config.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backend, cluster, gateway, gatewayClass, listener, service, trace, V1, type Obj } from './testkit';
import { gatewayStatus } from './status';

const HOSTS = ['a.test', 'b.test', 'x.a.test', 'other.test'];
const STAMPS = [undefined, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2023-06-01T00:00:00Z'];

const ruleArb = fc.record({
  path: fc.constantFrom('/', '/a', '/a/b', 'bad'),
  type: fc.constantFrom('PathPrefix', 'Exact'),
  svc: fc.constantFrom('s1', 's2', 'missing'),
});

const routeArb = fc.record({
  kind: fc.constantFrom('HTTPRoute', 'HTTPRoute', 'GRPCRoute'),
  stamp: fc.constantFrom(...STAMPS),
  hostnames: fc.subarray(['a.test', '*.a.test', 'b.test', 'nowhere.test'], { maxLength: 2 }),
  section: fc.constantFrom(undefined, 'plain', 'wild', 'nosuch'),
  gateway: fc.constantFrom('gw', 'gw', 'gw', 'ghost'),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
});

type RouteSpec = typeof routeArb extends fc.Arbitrary<infer T> ? T : never;

function routeObj(r: RouteSpec, i: number): Obj {
  const rules = r.rules.map((x) =>
    r.kind === 'GRPCRoute'
      ? { backendRefs: [backend(x.svc)] }
      : { matches: [{ path: { type: x.type, value: x.path } }], backendRefs: [backend(x.svc)] },
  );
  return {
    apiVersion: V1,
    kind: r.kind,
    // Distinct names: with none shared, the age order is fully defined.
    metadata: { name: `r${i}`, namespace: 'app', ...(r.stamp ? { creationTimestamp: r.stamp } : {}) },
    spec: { parentRefs: [{ name: r.gateway, namespace: 'app', ...(r.section ? { sectionName: r.section } : {}) }], hostnames: r.hostnames, rules },
  };
}

/** The trace or status without source positions and document order, which do change with the order written. */
function positionless(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'source' || k === 'line' || k === 'startLine' ? undefined : x)));
}

describe('the order routes are written in', () => {
  it('changes no trace, no route status and no listing', () => {
    const gw = gateway([listener('plain', 80, 'HTTP'), listener('wild', 80, 'HTTP', { hostname: '*.a.test' })]);
    fc.assert(
      fc.property(fc.array(routeArb, { minLength: 1, maxLength: 7 }), fc.infiniteStream(fc.nat()), (routes, rnd) => {
        const objs = routes.map(routeObj);
        const shuffled = [...objs];
        const it = rnd[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const base = [gatewayClass, gw, service('s1'), service('s2')];
        const a = cluster(base, objs);
        const b = cluster(base, shuffled);
        expect(positionless(gatewayStatus(b))).toEqual(positionless(gatewayStatus(a)));
        for (const host of HOSTS) {
          for (const path of ['/', '/a', '/a/b/c']) {
            expect(positionless(trace(b, `http://${host}${path}`))).toEqual(positionless(trace(a, `http://${host}${path}`)));
          }
          const grpc = { headers: { 'content-type': 'application/grpc' } };
          expect(positionless(trace(b, `http://${host}/pkg.Svc/Call`, grpc))).toEqual(positionless(trace(a, `http://${host}/pkg.Svc/Call`, grpc)));
        }
      }),
      { numRuns: 200 },
    );
    // A generous limit: 200 configs traced twice each take a few seconds on a busy machine.
  }, 120_000);
});
