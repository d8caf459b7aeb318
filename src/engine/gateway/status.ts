// Simulated status of every Gateway API object, as a controller would write it:
// GatewayClass, Gateway (with each listener's conditions and attachedRoutes),
// ListenerSet, and every Route's status.parents with Accepted / ResolvedRefs /
// PartiallyInvalid. Plain data (structured-cloneable) for the UI and lint features.
import type { Cluster } from '../model/cluster.js';
import { cached } from '../model/cluster.js';
import type { ListenerOwner, RouteKind } from '../model/gateway.js';
import type { SourceRef } from '../model/source.js';
import { routeAttachments, routesByAge } from './attach.js';
import { gatewayTopology, type Condition } from './listeners.js';
import { ruleVerdict, verdictSentence } from './implementations/apply.js';
import { implementationLabel } from './implementations/index.js';
import type { ImplementationProfile } from './implementations/types.js';

export type { Condition } from './listeners.js';

export interface ListenerStatusInfo {
  name: string;
  owner: ListenerOwner;
  port: number;
  protocol: string;
  hostname?: string;
  attachedRoutes: number;
  supportedKinds: string[];
  conditions: Condition[];
  source: SourceRef;
}

export interface GatewayStatusInfo {
  namespace: string;
  name: string;
  gatewayClassName: string;
  address: string;
  addressOrigin: 'spec' | 'status' | 'simulated';
  conditions: Condition[];
  listeners: ListenerStatusInfo[];
  attachedListenerSets: number;
  source: SourceRef;
}

export interface RouteParentStatusInfo {
  parentRef: { group: string; kind: string; namespace: string; name: string; sectionName?: string; port?: number };
  /** false when the parent does not resolve to a Gateway or ListenerSet: no controller would write this entry */
  controllerWrites: boolean;
  /** labels of the listeners the route is attached to through this parentRef */
  attachedTo: string[];
  conditions: Condition[];
  source: SourceRef;
}

export interface RouteStatusInfo {
  kind: RouteKind;
  namespace: string;
  name: string;
  parents: RouteParentStatusInfo[];
  source: SourceRef;
}

export interface GatewayApiStatus {
  gatewayClasses: Array<{ name: string; controllerName: string; conditions: Condition[]; source: SourceRef }>;
  gateways: GatewayStatusInfo[];
  listenerSets: Array<{ kind: string; namespace: string; name: string; parent: string; conditions: Condition[]; source: SourceRef }>;
  routes: RouteStatusInfo[];
}

/**
 * The status RouteLab simulates for every Gateway API object in the manifests, as the
 * specification says, or, with an implementation profile, with the conditions that
 * implementation sets on a route using a feature its conformance report lacks. Built once
 * per config (and profile).
 */
export function gatewayStatus(cluster: Cluster, implementation?: ImplementationProfile): GatewayApiStatus {
  if (implementation?.report) {
    const base = gatewayStatus(cluster);
    return cached(cluster, `gateway:status:${implementation.name}`, () => withImplementation(cluster, base, implementation));
  }
  return cached(cluster, 'gateway:status', () => {
    const topo = gatewayTopology(cluster);
    const att = routeAttachments(cluster);
    const gatewayClasses = cluster.gatewayApi.gatewayClasses.map((c) => ({
      name: c.meta.name,
      controllerName: c.controllerName,
      conditions: [{ type: 'Accepted', status: 'True' as const, reason: 'Accepted', message: `RouteLab simulates the controller ${c.controllerName || '(none)'} with the Gateway API specification's semantics` }],
      source: c.source,
    }));
    const gateways: GatewayStatusInfo[] = topo.gateways.map((g) => {
      const listeners: ListenerStatusInfo[] = g.listeners.map((l) => ({
        name: l.name,
        owner: l.owner,
        port: l.port,
        protocol: l.protocol,
        hostname: l.hostname,
        attachedRoutes: (att.byListener.get(l.key) ?? []).length,
        supportedKinds: l.supportedKinds.map((k) => k.kind),
        conditions: [
          ...l.conditions,
          l.usable
            ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'the listener carries traffic' }
            : { type: 'Programmed', status: 'False', reason: 'Invalid', message: l.problem ?? 'the listener is not programmed' },
        ],
        source: l.source,
      }));
      const invalid = g.listeners.filter((l) => !l.usable);
      const unresolved = g.listeners.filter((l) => l.conditions.some((c) => c.type === 'ResolvedRefs' && c.status === 'False'));
      const conditions: Condition[] = [];
      if (g.accepted.status === 'False') conditions.push(g.accepted);
      else if (invalid.length) conditions.push({ type: 'Accepted', status: 'True', reason: 'ListenersNotValid', message: `listener(s) not valid: ${invalid.map((l) => `${l.label}: ${l.problem}`).join('; ')}` });
      else conditions.push(g.accepted);
      const usable = g.listeners.some((l) => l.usable);
      conditions.push(
        g.accepted.status === 'True' && usable
          ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: `address ${g.address.address}${g.address.origin === 'simulated' ? ' (simulated)' : ''}` }
          : { type: 'Programmed', status: 'False', reason: g.accepted.status === 'True' ? 'Invalid' : 'Pending', message: g.accepted.status === 'True' ? 'no listener can carry traffic' : g.accepted.message },
      );
      conditions.push(unresolved.length
        ? { type: 'ResolvedRefs', status: 'False', reason: 'ListenersNotResolved', message: unresolved.map((l) => `${l.label}: ${l.conditions.find((c) => c.type === 'ResolvedRefs')?.message}`).join('; ') }
        : { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'all listener references resolved' });
      return {
        namespace: g.gateway.meta.namespace,
        name: g.gateway.meta.name,
        gatewayClassName: g.gateway.gatewayClassName,
        address: g.address.address,
        addressOrigin: g.address.origin,
        conditions,
        listeners,
        attachedListenerSets: g.listenerSets.filter((s) => s.attached).length,
        source: g.gateway.source,
      };
    });
    const listenerSets = [...topo.listenerSets.values()].map((a) => ({
      kind: a.set.kind,
      namespace: a.set.meta.namespace,
      name: a.set.meta.name,
      parent: `${a.set.parentRef.namespace}/${a.set.parentRef.name}`,
      conditions: [{ type: 'Accepted', status: a.attached ? ('True' as const) : ('False' as const), reason: a.reason, message: a.message }],
      source: a.set.source,
    }));
    // Oldest first, as the statuses were always listed (att.routes is in document order).
    const routes: RouteStatusInfo[] = routesByAge(cluster).map((r) => att.routes.get(r)!).map((st) => ({
      kind: st.route.kind,
      namespace: st.route.meta.namespace,
      name: st.route.meta.name,
      parents: st.parents.map((p) => ({
        parentRef: { group: p.parentRef.group, kind: p.parentRef.kind, namespace: p.parentRef.namespace, name: p.parentRef.name, sectionName: p.parentRef.sectionName, port: p.parentRef.port },
        controllerWrites: p.resolved,
        attachedTo: p.listeners.filter((l) => l.attached).map((l) => l.listener.label),
        // Copied: the attachment's conditions compute their messages lazily (getters do not survive postMessage).
        conditions: p.conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
        source: p.parentRef.source,
      })),
      source: st.route.source,
    }));
    return { gatewayClasses, gateways, listenerSets, routes };
  });
}

/** The spec's status with each route's conditions as the implementation predicts them. */
function withImplementation(cluster: Cluster, base: GatewayApiStatus, p: ImplementationProfile): GatewayApiStatus {
  const byKey = new Map(cluster.gatewayApi.routes.map((r) => [`${r.kind}/${r.meta.namespace}/${r.meta.name}`, r]));
  const routes = base.routes.map((rs) => {
    const route = byKey.get(`${rs.kind}/${rs.namespace}/${rs.name}`);
    if (!route) return rs;
    const verdicts = route.rules.map((rule) => ruleVerdict(cluster, p, route, rule)).filter((v) => v !== undefined);
    const v = verdicts.find((x) => x.handling.condition !== 'none');
    if (!v) return rs;
    const [type, value] = v.handling.condition.split('=');
    const condition: Condition = { type, status: value === 'True' ? 'True' : 'False', reason: v.handling.reason, message: `predicted for ${implementationLabel(p)}: ${verdictSentence(p, v)}` };
    return {
      ...rs,
      parents: rs.parents.map((parent) =>
        parent.controllerWrites ? { ...parent, conditions: [...parent.conditions.filter((c) => c.type !== type), condition] } : parent,
      ),
    };
  });
  const gatewayClasses = base.gatewayClasses.map((c) => ({
    ...c,
    conditions: c.conditions.map((x) => (x.type === 'Accepted' ? { ...x, message: `RouteLab simulates the controller ${c.controllerName || '(none)'} as ${implementationLabel(p)}` } : x)),
  }));
  return { ...base, gatewayClasses, routes };
}
