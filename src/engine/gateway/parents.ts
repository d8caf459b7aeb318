// What kind of parent a parentRef names. A Service parent makes the route a mesh route
// (Gateway API for Service Mesh, GEP-1426); see mesh.ts.
import type { Cluster } from '../model/cluster.js';
import type { GatewayRoute, ParentReference } from '../model/gateway.js';

export function isServiceParent(p: Pick<ParentReference, 'group' | 'kind'>): boolean {
  return p.kind === 'Service' && (p.group === '' || p.group === 'core');
}

/** A route whose every parent is a Service: a mesh route, whose backendRefs need no ReferenceGrant. */
export function isMeshOnlyRoute(route: Pick<GatewayRoute, 'parentRefs'>): boolean {
  return route.parentRefs.length > 0 && route.parentRefs.every(isServiceParent);
}

/** Why a Service cannot be a mesh parent, if it cannot (GEP-1426 "Allowed service types", "Ports"). */
export function meshParentProblem(cluster: Cluster, p: ParentReference): string | undefined {
  const svc = cluster.services.get(`${p.namespace}/${p.name}`);
  if (!svc) return `Service ${p.namespace}/${p.name} does not exist in the manifests`;
  if (svc.headless) return `Service ${p.namespace}/${p.name} is headless: it has no frontend (cluster IP) to route, so GAMMA meshes do not bind routes to it`;
  if (svc.type === 'ExternalName') return `Service ${p.namespace}/${p.name} is ExternalName: GAMMA meshes do not bind routes to it`;
  if (p.port !== undefined && !svc.ports.some((x) => x.port === p.port)) return `Service ${p.namespace}/${p.name} has no port ${p.port} (its ports: ${svc.ports.map((x) => x.port).join(', ') || 'none'})`;
  return undefined;
}
