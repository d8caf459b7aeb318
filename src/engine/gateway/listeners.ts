// Gateways and their listeners as a controller sees them: the GatewayClass, the address,
// the Gateway's own listeners plus those of attached ListenerSets, and for each listener
// whether it can carry traffic (its Accepted / ResolvedRefs / Conflicted conditions).
// Built once per config (cached); requests only look things up.
import type { Cluster } from '../model/cluster.js';
import { cached, nsName } from '../model/cluster.js';
import { compareObjectAge } from '../model/resources.js';
import {
  GATEWAY_GROUP,
  GATEWAY_X_GROUP,
  type FromNamespaces,
  type Gateway,
  type GatewayClass,
  type Listener,
  type ListenerSet,
  type RouteGroupKind,
  type RouteKind,
} from '../model/gateway.js';
import { labelSelectorMatches } from '../cluster/services.js';
import { fnv1a } from '../cluster/hash.js';
import { checkReferenceGrant } from './refgrant.js';

/** A status condition as the spec names them (type, status, reason, message). */
export interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface ResolvedListener extends Listener {
  /** "ns/gateway/owner-kind/owner-name/listener": unique per Gateway */
  key: string;
  gateway: Gateway;
  listenerSet?: ListenerSet;
  /** "listener https of Gateway ns/gw" or "listener x of ListenerSet ns/ls" */
  label: string;
  /** kinds routes may have on this listener (ListenerStatus.supportedKinds) */
  supportedKinds: RouteGroupKind[];
  conditions: Condition[];
  /** programmed: Accepted, refs resolved (for TLS termination) and not conflicted */
  usable: boolean;
  /** why it cannot carry traffic, when not usable */
  problem?: string;
  /** 0-based position in the Gateway's merged listener list (Gateway first, then ListenerSets) */
  order: number;
}

export interface ListenerSetAttachment {
  set: ListenerSet;
  gateway?: Gateway;
  attached: boolean;
  reason: string;
  message: string;
}

export interface GatewayAddressInfo {
  address: string;
  /** where it came from */
  origin: 'spec' | 'status' | 'simulated';
}

export interface ResolvedGateway {
  gateway: Gateway;
  key: string;
  gatewayClass?: GatewayClass;
  /** true when the manifests hold no GatewayClass at all, so RouteLab assumes one */
  classAssumed: boolean;
  /** Accepted condition of the Gateway */
  accepted: Condition;
  address: GatewayAddressInfo;
  /** merged listeners, in precedence order: the Gateway's, then ListenerSets oldest first */
  listeners: ResolvedListener[];
  listenerSets: ListenerSetAttachment[];
}

export interface GatewayTopology {
  gateways: ResolvedGateway[];
  byKey: Map<string, ResolvedGateway>;
  listenerSets: Map<string, ListenerSetAttachment>;
}

/** "namespace/name", the key Gateways and ListenerSets are indexed by. */
export const nsKey = nsName;

/**
 * Route kinds a listener protocol carries when allowedRoutes.kinds is empty ("the kinds
 * of Routes selected are determined using the Listener protocol").
 */
export function kindsForProtocol(protocol: string): RouteKind[] {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      // TLSRoute by SNI; a TCPRoute forwards the whole TLS stream (tlsroute_types.go:
      // "If you need to forward traffic to a single target for a TLS listener, you could
      // choose to use a TCPRoute with a TLS listener").
      return ['TLSRoute', 'TCPRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return [];
  }
}

/** metav1 namespace selection for allowedRoutes / allowedListeners. */
export function namespaceAllowed(cluster: Cluster, policy: FromNamespaces, ownerNamespace: string, namespace: string): { ok: boolean; why: string } {
  switch (policy.from) {
    case 'All':
      return { ok: true, why: 'from: All allows every namespace' };
    case 'Same':
      return namespace === ownerNamespace
        ? { ok: true, why: `from: Same, and both are in namespace ${namespace}` }
        : { ok: false, why: `from: Same allows only namespace ${ownerNamespace}, not ${namespace}` };
    case 'Selector': {
      if (!policy.selector) return { ok: false, why: 'from: Selector without a selector selects no namespace' };
      const labels = cluster.namespaces.get(namespace)?.meta.labels ?? { 'kubernetes.io/metadata.name': namespace };
      const ok = labelSelectorMatches(policy.selector, labels);
      const sel = [
        ...Object.entries(policy.selector.matchLabels).map(([k, v]) => `${k}=${v}`),
        ...policy.selector.matchExpressions.map((e) => `${e.key} ${e.operator} (${e.values.join(',')})`),
      ].join(', ');
      return ok
        ? { ok: true, why: `namespace ${namespace} matches the selector ${sel}` }
        : { ok: false, why: `namespace ${namespace} (labels ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}) does not match the selector ${sel}` };
    }
    case 'None':
      return { ok: false, why: 'from: None allows no namespace' };
    default:
      return { ok: false, why: `from: ${policy.from} is not a known value` };
  }
}

/** RFC 5737 TEST-NET-2 addresses for Gateways without one, stable per Gateway. */
function simulatedAddresses(gateways: Gateway[], taken: Set<string>): Map<Gateway, string> {
  const out = new Map<Gateway, string>();
  const used = new Set<number>();
  for (const t of taken) if (t.startsWith('198.51.100.')) used.add(Number(t.slice(11)));
  for (const g of gateways) {
    let n = (fnv1a(nsKey(g.meta.namespace, g.meta.name)) % 240) + 10;
    let tries = 0;
    while (used.has(n) && tries++ < 250) n = n >= 250 ? 10 : n + 1;
    used.add(n);
    out.set(g, `198.51.100.${n}`);
  }
  return out;
}


function attachListenerSets(cluster: Cluster): { bySet: Map<string, ListenerSetAttachment>; byGateway: Map<string, ListenerSet[]> } {
  const bySet = new Map<string, ListenerSetAttachment>();
  const byGateway = new Map<string, ListenerSet[]>();
  const gateways = new Map(cluster.gatewayApi.gateways.map((g) => [nsKey(g.meta.namespace, g.meta.name), g]));
  for (const set of [...cluster.gatewayApi.listenerSets].sort(compareObjectAge)) {
    const key = nsKey(set.meta.namespace, set.meta.name);
    const p = set.parentRef;
    if (p.kind !== 'Gateway' || (p.group !== GATEWAY_GROUP && p.group !== GATEWAY_X_GROUP)) {
      bySet.set(key, { set, attached: false, reason: 'NotAllowed', message: `parentRef kind ${p.group}/${p.kind} is not a Gateway` });
      continue;
    }
    const gateway = gateways.get(nsKey(p.namespace, p.name));
    if (!gateway) {
      bySet.set(key, { set, attached: false, reason: 'NoMatchingParent', message: `Gateway ${p.namespace}/${p.name} does not exist` });
      continue;
    }
    const allowed = namespaceAllowed(cluster, gateway.allowedListeners, gateway.meta.namespace, set.meta.namespace);
    if (!allowed.ok) {
      const why = gateway.allowedListeners.defaulted
        ? `Gateway ${p.namespace}/${p.name} sets no spec.allowedListeners, and by default a Gateway allows no ListenerSets`
        : `Gateway ${p.namespace}/${p.name} spec.allowedListeners: ${allowed.why}`;
      bySet.set(key, { set, gateway, attached: false, reason: 'NotAllowed', message: why });
      continue;
    }
    bySet.set(key, { set, gateway, attached: true, reason: 'Accepted', message: `attached to Gateway ${p.namespace}/${p.name} (${allowed.why})` });
    const gk = nsKey(gateway.meta.namespace, gateway.meta.name);
    byGateway.set(gk, [...(byGateway.get(gk) ?? []), set]);
  }
  return { bySet, byGateway };
}

function listenerLabel(l: Listener): string {
  return l.owner.kind === 'Gateway' ? `listener ${l.name}` : `listener ${l.name} of ${l.owner.kind} ${l.owner.namespace}/${l.owner.name}`;
}

/** Protocol families that may share a port (gateway_types.go "Distinct Listeners"). */
function family(protocol: string): string {
  switch (protocol) {
    case 'HTTP':
      return 'HTTP';
    case 'HTTPS':
    case 'TLS':
      return 'TLS';
    default:
      return protocol;
  }
}

function resolveListener(cluster: Cluster, gateway: Gateway, l: Listener, set: ListenerSet | undefined, order: number): ResolvedListener {
  const conditions: Condition[] = [];
  let problem: string | undefined;
  const known = kindsForProtocol(l.protocol);
  // Accepted: the protocol must be one RouteLab simulates.
  if (known.length === 0) {
    problem = `protocol "${l.protocol}" is not supported (HTTP, HTTPS, TLS, TCP, UDP)`;
    conditions.push({ type: 'Accepted', status: 'False', reason: 'UnsupportedProtocol', message: problem });
  } else {
    conditions.push({ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'the listener is valid' });
  }
  // supportedKinds: the kinds written that the protocol carries (ListenerStatus.SupportedKinds).
  let supportedKinds: RouteGroupKind[] = known.map((kind) => ({ group: GATEWAY_GROUP, kind }));
  let refs: Condition = { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'all references resolved' };
  if (l.allowedRoutes.kinds) {
    const valid = l.allowedRoutes.kinds.filter((k) => k.group === GATEWAY_GROUP && (known as string[]).includes(k.kind));
    const invalid = l.allowedRoutes.kinds.filter((k) => !valid.includes(k));
    supportedKinds = valid;
    if (invalid.length > 0) {
      refs = {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'InvalidRouteKinds',
        message: `allowedRoutes.kinds lists ${invalid.map((k) => `${k.group}/${k.kind}`).join(', ')}, which a ${l.protocol} listener does not carry`,
      };
    }
  }
  // TLS termination needs a certificate: the certificateRefs must resolve.
  const terminates = l.protocol === 'HTTPS' || (l.protocol === 'TLS' && (l.tls?.mode ?? 'Terminate') === 'Terminate');
  if (terminates && known.length > 0) {
    const ownerKind = set ? set.kind : 'Gateway';
    const ownerNs = l.owner.namespace;
    const certs = l.tls?.certificateRefs ?? [];
    let certProblem: Condition | undefined;
    if (!l.tls) certProblem = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: `a ${l.protocol} listener needs tls.certificateRefs` };
    else if (certs.length === 0) certProblem = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: 'tls mode Terminate needs at least one certificateRef' };
    for (const c of certs) {
      if (certProblem) break;
      const ns = c.namespace ?? ownerNs;
      if (c.group !== '' || c.kind !== 'Secret') {
        certProblem = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: `certificateRef ${c.group ? `${c.group}/` : ''}${c.kind} ${c.name} is not a Secret` };
        break;
      }
      const grant = checkReferenceGrant(cluster, { group: GATEWAY_GROUP, kind: ownerKind, namespace: ownerNs }, { group: '', kind: 'Secret', name: c.name, namespace: ns });
      if (!grant.allowed) {
        certProblem = { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: `certificateRef to Secret ${ns}/${c.name} crosses namespaces: ${grant.detail}` };
        break;
      }
      if (!cluster.secrets.has(nsKey(ns, c.name))) {
        certProblem = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: `Secret ${ns}/${c.name} (certificateRefs) does not exist in the manifests` };
      }
    }
    if (certProblem) {
      refs = certProblem;
      problem ??= `it cannot terminate TLS: ${certProblem.message}`;
    }
  }
  conditions.push(refs);
  const gwKey = nsKey(gateway.meta.namespace, gateway.meta.name);
  return {
    ...l,
    key: `${gwKey}/${l.owner.kind}/${l.owner.namespace}/${l.owner.name}/${l.name}`,
    gateway,
    listenerSet: set,
    label: listenerLabel(l),
    supportedKinds,
    conditions,
    usable: problem === undefined,
    problem,
    order,
  };
}

/**
 * Conflicts (gateway_types.go "Handling indistinct Listeners"): listeners on one port
 * must share a protocol family, and HTTP/HTTPS/TLS listeners on one port need different
 * hostnames. Within one object every indistinct listener is rejected ("MUST NOT pick one
 * conflicting Listener as the winner"); between a Gateway and its ListenerSets the one
 * with precedence keeps it (GEP-1713: Gateway first, then ListenerSets oldest first).
 */
function markConflicts(listeners: ResolvedListener[]): void {
  const conflicted = new Map<ResolvedListener, Condition>();
  for (let i = 0; i < listeners.length; i++) {
    for (let j = i + 1; j < listeners.length; j++) {
      const a = listeners[i];
      const b = listeners[j];
      if (a.port !== b.port) continue;
      // UDP is another transport: it shares a port number with TCP-based listeners freely.
      if ((a.protocol === 'UDP') !== (b.protocol === 'UDP')) continue;
      let reason: string | undefined;
      let message = '';
      if (family(a.protocol) !== family(b.protocol)) {
        reason = 'ProtocolConflict';
        message = `port ${a.port} is used by ${a.label} (${a.protocol}) and ${b.label} (${b.protocol})`;
      } else if (a.protocol === 'TCP' || a.protocol === 'UDP') {
        // "TCP, UDP: Port" is the only field that makes them distinct.
        reason = 'ProtocolConflict';
        message = `${a.label} and ${b.label} are both ${a.protocol} on port ${a.port}`;
      } else if ((a.hostname ?? '') === (b.hostname ?? '')) {
        reason = 'HostnameConflict';
        message = `${a.label} and ${b.label} both take port ${a.port} with hostname ${a.hostname ?? '(none)'}`;
      }
      if (!reason) continue;
      const sameOwner = a.owner.kind === b.owner.kind && a.owner.namespace === b.owner.namespace && a.owner.name === b.owner.name;
      const cond: Condition = { type: 'Conflicted', status: 'True', reason, message };
      if (sameOwner) {
        if (!conflicted.has(a)) conflicted.set(a, cond);
        if (!conflicted.has(b)) conflicted.set(b, cond);
      } else if (!conflicted.has(b)) {
        conflicted.set(b, { ...cond, message: `${message}; ${a.label} takes precedence` });
      }
    }
  }
  for (const l of listeners) {
    const c = conflicted.get(l);
    if (c) {
      l.conditions.push(c);
      l.usable = false;
      l.problem ??= `it is conflicted: ${c.message}`;
    } else {
      l.conditions.push({ type: 'Conflicted', status: 'False', reason: 'NoConflicts', message: 'no conflicts' });
    }
  }
}

export function gatewayTopology(cluster: Cluster): GatewayTopology {
  return cached(cluster, 'gateway:topology', () => {
    const api = cluster.gatewayApi;
    const classes = new Map(api.gatewayClasses.map((c) => [c.meta.name, c]));
    const { bySet, byGateway } = attachListenerSets(cluster);
    const taken = new Set<string>();
    for (const g of api.gateways) for (const a of [...g.addresses.map((x) => x.value), ...g.statusAddresses]) if (a) taken.add(a);
    const needSim = api.gateways.filter((g) => !g.addresses.some((a) => a.value) && g.statusAddresses.length === 0);
    const sim = simulatedAddresses([...needSim].sort(compareObjectAge), taken);
    const gateways: ResolvedGateway[] = [];
    for (const gateway of api.gateways) {
      const key = nsKey(gateway.meta.namespace, gateway.meta.name);
      const gatewayClass = classes.get(gateway.gatewayClassName);
      const classAssumed = api.gatewayClasses.length === 0;
      const accepted: Condition = gatewayClass || classAssumed
        ? { type: 'Accepted', status: 'True', reason: 'Accepted', message: gatewayClass ? `GatewayClass ${gatewayClass.meta.name} (controller ${gatewayClass.controllerName || '(none)'}) accepts it` : 'no GatewayClass in the manifests; RouteLab assumes a controller accepts it' }
        : { type: 'Accepted', status: 'False', reason: 'Pending', message: `GatewayClass "${gateway.gatewayClassName}" does not exist, so no controller programs this Gateway` };
      const specAddr = gateway.addresses.find((a) => a.value);
      const address: GatewayAddressInfo = specAddr
        ? { address: specAddr.value, origin: 'spec' }
        : gateway.statusAddresses[0]
          ? { address: gateway.statusAddresses[0], origin: 'status' }
          : { address: sim.get(gateway) ?? '198.51.100.10', origin: 'simulated' };
      const listeners: ResolvedListener[] = [];
      for (const l of gateway.listeners) listeners.push(resolveListener(cluster, gateway, l, undefined, listeners.length));
      const sets = byGateway.get(key) ?? [];
      for (const set of sets) for (const l of set.listeners) listeners.push(resolveListener(cluster, gateway, l, set, listeners.length));
      markConflicts(listeners);
      if (accepted.status === 'False') for (const l of listeners) { l.usable = false; l.problem ??= accepted.message; }
      gateways.push({
        gateway,
        key,
        gatewayClass,
        classAssumed,
        accepted,
        address,
        listeners,
        listenerSets: [...bySet.values()].filter((a) => a.gateway === gateway),
      });
    }
    return { gateways, byKey: new Map(gateways.map((g) => [g.key, g])), listenerSets: bySet };
  });
}

/** "ns/name" or "name" (namespace default) as the user pins a Gateway. */
export function findGateway(topology: GatewayTopology, ref: string): ResolvedGateway | undefined {
  const key = ref.includes('/') ? ref : nsKey('default', ref);
  const exact = topology.byKey.get(key);
  if (exact || ref.includes('/')) return exact;
  const byName = topology.gateways.filter((g) => g.gateway.meta.name === ref);
  return byName.length === 1 ? byName[0] : undefined;
}
