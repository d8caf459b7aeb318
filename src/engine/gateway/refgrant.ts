// ReferenceGrant (apis/v1beta1 referencegrant_types.go, GEP-709): a reference from one
// namespace to an object in another is valid only when a ReferenceGrant in the *target*
// namespace lists the referrer in `from` (group, kind, namespace) and the target in
// `to` (group, kind, and name when given). References within one namespace need none.
import type { Cluster } from '../model/cluster.js';
import { cached } from '../model/cluster.js';
import type { ReferenceGrant } from '../model/gateway.js';

export interface GrantFrom {
  group: string;
  kind: string;
  namespace: string;
}

export interface GrantTarget {
  group: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface GrantDecision {
  allowed: boolean;
  /** the grant that allows it */
  grant?: ReferenceGrant;
  /** one sentence: why it is allowed, or why each grant in the target namespace does not apply */
  detail: string;
  sameNamespace: boolean;
}

function grantsByNamespace(cluster: Cluster): Map<string, ReferenceGrant[]> {
  return cached(cluster, 'gateway:referencegrants', () => {
    const m = new Map<string, ReferenceGrant[]>();
    for (const g of cluster.gatewayApi.referenceGrants) {
      const list = m.get(g.meta.namespace) ?? [];
      list.push(g);
      m.set(g.meta.namespace, list);
    }
    return m;
  });
}

/** Why one grant does not cover the reference, or undefined when it does. */
function grantMiss(g: ReferenceGrant, from: GrantFrom, to: GrantTarget): string | undefined {
  const f = g.from.find((x) => x.group === from.group && x.kind === from.kind && x.namespace === from.namespace);
  if (!f) {
    const near = g.from[0];
    if (!near) return 'it has no "from" entries';
    if (near.namespace !== from.namespace) return `it allows references from namespace ${near.namespace || '(none)'}, not ${from.namespace}`;
    if (near.kind !== from.kind) return `it allows references from ${near.kind || '(no kind)'}, not ${from.kind}`;
    return `it allows references from group "${near.group}", not "${from.group}"`;
  }
  const t = g.to.find((x) => x.group === to.group && x.kind === to.kind && (x.name === undefined || x.name === to.name));
  if (!t) {
    const near = g.to[0];
    if (!near) return 'it has no "to" entries';
    if (near.kind !== to.kind) return `it allows references to ${near.kind || '(no kind)'}, not ${to.kind}`;
    if (near.group !== to.group) return `it allows references to group "${near.group}", not "${to.group}"`;
    return `it allows references to ${near.kind} ${near.name}, not ${to.name}`;
  }
  return undefined;
}

export function checkReferenceGrant(cluster: Cluster, from: GrantFrom, to: GrantTarget): GrantDecision {
  if (from.namespace === to.namespace) return { allowed: true, detail: 'same namespace, no ReferenceGrant needed', sameNamespace: true };
  const grants = grantsByNamespace(cluster).get(to.namespace) ?? [];
  const misses: string[] = [];
  for (const g of grants) {
    const miss = grantMiss(g, from, to);
    if (miss === undefined) {
      return {
        allowed: true,
        grant: g,
        detail: `ReferenceGrant ${g.meta.namespace}/${g.meta.name} allows ${from.kind} from namespace ${from.namespace} to reference ${to.kind} ${to.name}`,
        sameNamespace: false,
      };
    }
    misses.push(`ReferenceGrant ${g.meta.namespace}/${g.meta.name} does not apply: ${miss}`);
  }
  return {
    allowed: false,
    detail: grants.length === 0
      ? `no ReferenceGrant in namespace ${to.namespace} allows ${from.kind} from namespace ${from.namespace} to reference ${to.kind} ${to.name}`
      : `${misses.join('; ')}`,
    sameNamespace: false,
  };
}
