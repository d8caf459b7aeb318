// Gateway API for Service Mesh (GAMMA; Standard channel since v1.1): an HTTPRoute whose
// parentRef is a Service routes the in-cluster requests sent to that Service.
// Sources (kubernetes-sigs/gateway-api): site-src/mesh/index.md and GEP-1426 "xRoutes
// Mesh Binding":
// - "When one or more Routes are attached to a Service, requests that do not match at
//   least one of the Routes will be rejected"; without routes, requests proceed as if
//   the mesh were not there;
// - a route in the Service's namespace is a producer route and applies to every client;
//   a route in another namespace is a consumer route and "will only affect requests from
//   workloads in the same Namespace as the Route", replacing the producer routes for them;
// - parentRef.port limits the route to that Service port;
// - "GAMMA implementations SHOULD NOT infer any functionality from the hostnames field";
// - headless and ExternalName Services "SHOULD NOT" be parents (no frontend);
// - backendRefs in any namespace need no ReferenceGrant;
// - routes for one Service merge with the usual HTTPRoute precedence.
// RouteLab's client Pod lives in namespace "default" (dns/resolve.ts CLIENT_NAMESPACE).
import type { Cluster } from '../model/cluster.js';
import { cached } from '../model/cluster.js';
import type { HTTPRoute, ParentReference } from '../model/gateway.js';
import type { Service } from '../model/resources.js';
import { lazyStep, type TraceBuilder } from '../trace/builder.js';
import type { Trace } from '../trace/types.js';
import { CLIENT_NAMESPACE } from '../dns/resolve.js';
import { MAX_LISTED_CANDIDATES } from '../ingress/steps.js';
import { routeAttachments, routeLabel, routesByAge } from './attach.js';
import { objRef } from './forward.js';
import { addHttpWinnerStep, httpRuleCandidates, runWinningRule, scanInPrecedenceOrder } from './http.js';
import { httpMatchHolds } from './match.js';
import { programmedOnly } from './implementations/apply.js';
import { matchDialect } from './implementations/index.js';
import { compareHttp, type HttpEntry } from './precedence.js';
import { isServiceParent } from './parents.js';

interface MeshBinding {
  route: HTTPRoute;
  parentRef: ParentReference;
}

/** Accepted HTTPRoute bindings by Service "namespace/name". Built once per config. */
function meshBindings(cluster: Cluster): Map<string, MeshBinding[]> {
  return cached(cluster, 'gateway:mesh', () => {
    const att = routeAttachments(cluster);
    const out = new Map<string, MeshBinding[]>();
    // Oldest first: the bindings (and the routes skipped) are listed in that order.
    for (const route of routesByAge(cluster)) {
      const status = att.routes.get(route)!;
      if (status.route.kind !== 'HTTPRoute' || status.validRules.length === 0) continue;
      for (const parent of status.parents) {
        if (!isServiceParent(parent.parentRef) || !parent.accepted) continue;
        const key = `${parent.parentRef.namespace}/${parent.parentRef.name}`;
        const binding = { route: status.route, parentRef: parent.parentRef };
        const list = out.get(key);
        if (list) list.push(binding);
        else out.set(key, [binding]);
      }
    }
    return out;
  });
}

/** Every other route bound to this Service, and why it does not apply to this request. */
interface MeshSelection {
  routes: HTTPRoute[];
  role: 'producer' | 'consumer';
  skipped: Array<{ route: HTTPRoute; why: string }>;
}

function selectMeshRoutes(cluster: Cluster, svc: Service, port: number): MeshSelection | undefined {
  const bindings = meshBindings(cluster).get(`${svc.meta.namespace}/${svc.meta.name}`) ?? [];
  if (bindings.length === 0) return undefined;
  const skipped: MeshSelection['skipped'] = [];
  const onPort = bindings.filter((b) => {
    if (b.parentRef.port === undefined || b.parentRef.port === port) return true;
    skipped.push({ route: b.route, why: `its parentRef names port ${b.parentRef.port}; the request is on port ${port}` });
    return false;
  });
  const consumer = svc.meta.namespace !== CLIENT_NAMESPACE ? onPort.filter((b) => b.route.meta.namespace === CLIENT_NAMESPACE) : [];
  const producer = onPort.filter((b) => b.route.meta.namespace === svc.meta.namespace);
  const chosen = consumer.length ? consumer : producer;
  for (const b of onPort) {
    if (chosen.includes(b)) continue;
    const ns = b.route.meta.namespace;
    skipped.push({
      route: b.route,
      why: ns === svc.meta.namespace
        ? `a producer route, replaced for clients in namespace ${CLIENT_NAMESPACE} by their consumer route(s)`
        : `a consumer route of namespace ${ns}: it applies only to clients there, and RouteLab's client is in namespace ${CLIENT_NAMESPACE}`,
    });
  }
  if (chosen.length === 0) return skipped.length ? { routes: [], role: 'producer', skipped } : undefined;
  const routes = [...new Set(chosen.map((b) => b.route))];
  return { routes, role: consumer.length ? 'consumer' : 'producer', skipped };
}

/**
 * The HTTPRoute rules bound to a Service, merged and ordered by HTTPRoute precedence, once
 * per config and selection (Service, port, producer or consumer routes), not per request.
 */
function meshEntries(cluster: Cluster, svc: Service, port: number, sel: MeshSelection): HttpEntry[] {
  return cached(cluster, `gateway:mesh-entries ${svc.meta.namespace}/${svc.meta.name}:${port} ${sel.role}`, () => sortedEntries(sel.routes));
}

function sortedEntries(routes: HTTPRoute[]): HttpEntry[] {
  const entries: HttpEntry[] = [];
  for (const route of routes) {
    for (const rule of route.rules) {
      if (rule.invalid.length > 0) continue;
      // Hostnames play no part in mesh routing (GEP-1426, "hostnames field").
      for (const match of rule.matches) entries.push({ kind: 'HTTPRoute', route, rule, match, hostname: { effective: '', original: '' }, seq: 0 });
    }
  }
  entries.sort((a, b) => compareHttp(a, b).cmp);
  entries.forEach((e, i) => (e.seq = i));
  return entries;
}

/**
 * Routes an in-cluster HTTP request to `svc` through the mesh routes bound to it, or
 * returns undefined when none apply (the request then goes to the Service as usual).
 */
export function routeMesh(cluster: Cluster, tb: TraceBuilder, svc: Service): Trace | undefined {
  const req = tb.request;
  if (req.protocol !== 'http' && req.protocol !== 'https' && req.protocol !== 'grpc') return undefined;
  const sel = selectMeshRoutes(cluster, svc, req.port);
  if (!sel) return undefined;
  const svcName = `${svc.meta.namespace}/${svc.meta.name}`;
  const skippedNotes = sel.skipped.map((s) => `${routeLabel(s.route)} does not apply: ${s.why}`);
  if (sel.routes.length === 0) {
    tb.note(`HTTPRoutes are bound to Service ${svcName}, but none applies to this request: ${skippedNotes.join('; ')}`);
    return undefined;
  }
  tb.add({
    kind: 'attach',
    summary: `the mesh routes requests to Service ${svcName} by ${sel.routes.length} ${sel.role} HTTPRoute(s) bound to it (GAMMA)`,
    reason: 'RouteAttached',
    status: 'ok',
    object: { kind: 'Service', namespace: svc.meta.namespace, name: svc.meta.name },
    source: svc.source,
    candidates: sel.routes.map((r) => ({ label: routeLabel(r), verdict: 'won' as const, reason: 'RouteAttached' as const, detail: `${sel.role} route: parentRef Service ${svcName}${r.meta.namespace === svc.meta.namespace ? ' in its own namespace (applies to every client)' : ` from namespace ${r.meta.namespace} (applies to clients there)`}`, object: objRef(r), source: r.source })),
    notes: [
      'Gateway API for Service Mesh: "requests that do not match at least one of the Routes will be rejected"; route hostnames are not used',
      ...skippedNotes,
    ],
  });
  const dialect = matchDialect(tb.implementation);
  const { winner, winDetail, losers, misses, skipped } = scanInPrecedenceOrder(
    meshEntries(cluster, svc, req.port, sel),
    programmedOnly(cluster, tb.implementation, (e: HttpEntry) => httpMatchHolds(cluster, e.match, req, dialect)),
  );
  const candidates = () => httpRuleCandidates({ winner, winDetail, losers, misses, skipped });
  if (!winner) {
    tb.add(lazyStep({ kind: 'rule', summary: `no rule of the mesh routes of Service ${svcName} matches ${req.method} ${req.path}${req.query}`, reason: 'RuleNotMatched', status: 'fail' }, () => ({ candidates: candidates().slice(0, MAX_LISTED_CANDIDATES) })));
    return tb.finish({ kind: 'not-found', status: 404, reason: 'NotFound', message: `404 from the mesh: HTTPRoutes are bound to Service ${svcName} and none of their rules matches ${req.method} ${req.path}` });
  }
  addHttpWinnerStep(cluster, tb, winner, losers, candidates);
  return runWinningRule(cluster, tb, winner, req.port);
}
