// backendRefs: which are valid (HTTPBackendRef / BackendRef in httproute_types.go and
// shared_types.go), how traffic is split by weight, and which candidate this request
// reaches (a deterministic sample, so the same request always shows the same backend).
import { cachedFor, type Cluster } from '../model/cluster.js';
import { GATEWAY_GROUP, type BackendObjectRef, type BackendRef, type GatewayRoute } from '../model/gateway.js';
import { findService, findServicePort } from '../cluster/services.js';
import { seedHash } from '../cluster/hash.js';
import type { TraceCandidate } from '../trace/types.js';
import { checkReferenceGrant, type GrantDecision } from './refgrant.js';
import { isMeshOnlyRoute } from './parents.js';

/** ResolvedRefs reasons of a route (shared_types.go RouteConditionReason). */
export type BackendReason = 'ResolvedRefs' | 'BackendNotFound' | 'RefNotPermitted' | 'InvalidKind' | 'UnsupportedValue';

export interface BackendCheck {
  ok: boolean;
  reason: BackendReason;
  message: string;
  /** namespace the reference points into */
  namespace: string;
  grant?: GrantDecision;
}

export function describeBackendRef(ref: BackendObjectRef, routeNamespace: string): string {
  const kind = ref.group === '' && ref.kind === 'Service' ? '' : `${ref.group ? `${ref.group}/` : ''}${ref.kind} `;
  const ns = ref.namespace && ref.namespace !== routeNamespace ? `${ref.namespace}/` : '';
  return `${kind}${ns}${ref.name}${ref.port !== undefined ? `:${ref.port}` : ''}`;
}

/**
 * A backendRef is invalid (HTTPBackendRef docs) when it refers to an unknown or unsupported
 * kind (InvalidKind), to a resource in another namespace without a ReferenceGrant
 * (RefNotPermitted), or to a resource that does not exist (BackendNotFound). A Service
 * reference also needs a port ("Port is required when the referent is a Kubernetes Service").
 */
export function checkBackendRef(cluster: Cluster, route: Pick<GatewayRoute, 'kind' | 'meta' | 'parentRefs'>, ref: BackendObjectRef): BackendCheck {
  const namespace = ref.namespace ?? route.meta.namespace;
  if (!(ref.group === '' && ref.kind === 'Service')) {
    const extra = ref.kind === 'ServiceImport' ? ' (ServiceImport has Extended support; RouteLab does not simulate multi-cluster Services)' : '';
    return { ok: false, reason: 'InvalidKind', message: `backendRef kind ${ref.group ? `${ref.group}/` : ''}${ref.kind} is not supported: only core Services are${extra}`, namespace };
  }
  let grant: GrantDecision | undefined;
  // A mesh route "can send traffic to backendRefs in any namespace ... without a ReferenceGrant" (GEP-1426).
  if (namespace !== route.meta.namespace && !isMeshOnlyRoute(route)) {
    grant = checkReferenceGrant(cluster, { group: GATEWAY_GROUP, kind: route.kind, namespace: route.meta.namespace }, { group: '', kind: 'Service', name: ref.name, namespace });
    if (!grant.allowed) return { ok: false, reason: 'RefNotPermitted', message: `backendRef to Service ${namespace}/${ref.name} crosses namespaces and is not permitted: ${grant.detail}`, namespace, grant };
  }
  const svc = findService(cluster, namespace, ref.name);
  if (!svc) return { ok: false, reason: 'BackendNotFound', message: `Service ${namespace}/${ref.name} does not exist`, namespace, grant };
  if (ref.port === undefined) {
    return { ok: false, reason: 'UnsupportedValue', message: `backendRef to Service ${namespace}/${ref.name} has no port (required for a Service; the API server rejects this route)`, namespace, grant };
  }
  if (svc.type !== 'ExternalName' && !findServicePort(svc, { number: ref.port })) {
    const ports = svc.ports.map((p) => p.port).join(', ') || 'none';
    return { ok: false, reason: 'BackendNotFound', message: `Service ${namespace}/${ref.name} has no port ${ref.port} (its ports: ${ports})`, namespace, grant };
  }
  return { ok: true, reason: 'ResolvedRefs', message: grant ? `Service ${namespace}/${ref.name} port ${ref.port}; ${grant.detail}` : `Service ${namespace}/${ref.name} port ${ref.port}`, namespace, grant };
}

export interface BackendCandidate {
  ref: BackendRef;
  check: BackendCheck;
  weight: number;
  /** weight / total, 0..1 */
  share: number;
}

export interface BackendChoice {
  candidates: BackendCandidate[];
  total: number;
  /** the candidate this request reaches; undefined when the rule has no backendRefs or every weight is 0 */
  chosen?: BackendCandidate;
}

/**
 * Weighted choice (BackendRef.Weight: "computed as weight/(sum of all weights in this
 * BackendRefs list) ... If weight is set to 0, no traffic should be forwarded for this
 * entry"). Invalid candidates keep their share: "the proportion of requests that would
 * otherwise have been routed to an invalid backend MUST receive a 500".
 */
export function chooseBackend(cluster: Cluster, route: GatewayRoute, refs: BackendRef[], seed: string): BackendChoice {
  const { candidates, total } = weighedRefs(cluster, route, refs);
  if (total === 0) return { candidates, total };
  // One backend with traffic takes every request: no need to hash the seed (most rules).
  let only: (typeof candidates)[number] | undefined;
  let withTraffic = 0;
  for (const c of candidates) if (c.weight > 0 && withTraffic++ === 0) only = c;
  if (withTraffic === 1) return { candidates, total, chosen: only };
  let pick = seedHash(seed) % total;
  for (const c of candidates) {
    if (pick < c.weight) return { candidates, total, chosen: c };
    pick -= c.weight;
  }
  return { candidates, total };
}

/**
 * A rule's backendRefs, checked and weighed: the same for every request on this config, so
 * once per rule (the choice among them is per request). Callers read them, never change them.
 */
function weighedRefs(cluster: Cluster, route: GatewayRoute, refs: BackendRef[]): { route: GatewayRoute; candidates: BackendCandidate[]; total: number } {
  const weigh = () => {
    const total = refs.reduce((a, r) => a + r.weight, 0);
    return { route, total, candidates: refs.map((ref) => ({ ref, check: checkBackendRef(cluster, route, ref), weight: ref.weight, share: total > 0 ? ref.weight / total : 0 })) };
  };
  const kept = cachedFor(cluster, 'gateway:weighed-refs', refs, weigh);
  // A rule's list belongs to its route; another route with the same list object is weighed on its own.
  return kept.route === route ? kept : weigh();
}

export function backendCandidates(choice: BackendChoice, routeNamespace: string, ruleId: string): TraceCandidate[] {
  return choice.candidates.map((c) => {
    const label = `${describeBackendRef(c.ref, routeNamespace)} weight ${c.weight}`;
    const share = `${(c.share * 100).toFixed(c.share * 100 % 1 === 0 ? 0 : 1)}% of requests (weight ${c.weight} of ${choice.total})`;
    if (!c.check.ok) {
      return {
        label,
        verdict: c === choice.chosen ? 'won' : 'miss',
        reason: c.check.reason === 'RefNotPermitted' ? 'BackendRefNotPermitted' : c.check.reason === 'InvalidKind' ? 'BackendRefInvalidKind' : 'BackendRefNotFound',
        detail: `${c.check.reason}: ${c.check.message}; its ${share} get a 500`,
        ruleId,
        source: c.ref.source,
      };
    }
    if (c.weight === 0) return { label, verdict: 'skip', reason: 'BackendWeighted', detail: 'weight 0: no traffic is forwarded to it', ruleId, source: c.ref.source };
    return {
      label,
      verdict: c === choice.chosen ? 'won' : 'lost',
      reason: 'BackendWeighted',
      detail: c === choice.chosen ? `${share}; this request is the sampled one${c.check.grant?.grant ? `; ${c.check.grant.detail}` : ''}` : `${share}; another candidate was sampled for this request`,
      ruleId,
      source: c.ref.source,
    };
  });
}
