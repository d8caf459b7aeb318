// Gateway API problems for lint, read off the simulated status: routes that are not
// attached and why, references to missing Gateways, listeners, Services and Secrets,
// listeners that are unusable or carry no route.
import type { Cluster } from '../model/cluster.js';
import type { Problem } from '../analysis/lint.js';
import { gatewayStatus, type Condition } from './status.js';

/** How to fix each status reason of the spec (gateway_types.go, httproute_types.go, shared_types.go). */
const FIXES: Record<string, string> = {
  NotAllowedByListeners: 'allow the route\'s namespace and kind in the listener\'s allowedRoutes, or attach to another listener',
  NoMatchingListenerHostname: 'give the route a hostname that intersects the listener hostname, or attach to a listener without hostname',
  NoMatchingParent: 'check parentRefs: the Gateway name, namespace, sectionName and port must name an existing listener',
  RefNotPermitted: 'add a ReferenceGrant in the target namespace that allows this route (or Gateway) to reference the object',
  BackendNotFound: 'create the Service, or fix the backendRef name, namespace or port',
  InvalidKind: 'reference a Service (or a kind the implementation supports)',
  UnsupportedValue: 'use a value the specification supports for this field',
  InvalidCertificateRef: 'reference an existing kubernetes.io/tls Secret (with a ReferenceGrant when it is in another namespace)',
  InvalidRouteKinds: 'list route kinds that the listener protocol supports',
  ProtocolConflict: 'give listeners on the same port compatible protocols',
  HostnameConflict: 'give listeners on the same port and protocol different hostnames',
  NoResources: 'check the GatewayClass and the Gateway\'s addresses',
  InvalidParameters: 'fix the GatewayClass parametersRef',
  UnsupportedProtocol: 'use HTTP, HTTPS, TLS, TCP or UDP',
  // RouteLab's only Pending cause: the GatewayClass is missing.
  Pending: 'create the GatewayClass that gatewayClassName names, or name an existing one',
  PortUnavailable: 'use a port that no other listener of this Gateway takes with another protocol',
};

function fixFor(c: Condition): string {
  return FIXES[c.reason] ?? `resolve the ${c.type}=${c.status} condition (${c.reason})`;
}

/**
 * One problem per cause: conditions of one object with the same reason and message
 * ("Accepted and Programmed are False (Pending): ...") are said once.
 */
function byCause(conditions: Condition[]): Array<{ types: string[]; condition: Condition }> {
  const out: Array<{ types: string[]; condition: Condition }> = [];
  for (const c of conditions) {
    const same = out.find((o) => o.condition.reason === c.reason && o.condition.message === c.message && o.condition.status === c.status);
    if (same) same.types.push(c.type);
    else out.push({ types: [c.type], condition: c });
  }
  return out;
}

function conditionSentence(types: string[], c: Condition): string {
  return `${types.join(' and ')} ${types.length > 1 ? 'are' : 'is'} ${c.status} (${c.reason}): ${c.message}`;
}

/** Conditions that mean something is wrong: Accepted/ResolvedRefs/Programmed False, Conflicted or PartiallyInvalid True. */
function isProblem(c: Condition): boolean {
  if (c.type === 'Conflicted' || c.type === 'PartiallyInvalid') return c.status === 'True';
  return c.status === 'False';
}

export function gatewayProblems(cluster: Cluster): Problem[] {
  if (cluster.gatewayApi.gateways.length === 0 && cluster.gatewayApi.routes.length === 0) return [];
  const status = gatewayStatus(cluster);
  const problems: Problem[] = [];
  for (const g of status.gateways) {
    const object = `Gateway ${g.namespace}/${g.name}`;
    // The Gateway's own causes; its listener summaries (ListenersNotResolved, "no listener
    // can carry traffic") are said at the listeners instead.
    const anyListenerProblem = g.listeners.some((l) => l.conditions.some(isProblem));
    const gatewayCauses = byCause(g.conditions.filter((c) => isProblem(c) && c.reason !== 'ListenersNotResolved' && !(anyListenerProblem && c.type === 'Programmed' && c.reason === 'Invalid')));
    for (const { types, condition: c } of gatewayCauses) {
      problems.push({ severity: 'error', code: `Gateway${c.reason}`, object, source: g.source, message: conditionSentence(types, c), fix: fixFor(c) });
    }
    for (const l of g.listeners) {
      const causes = byCause(l.conditions.filter(isProblem));
      for (const { types, condition: c } of causes) {
        // A listener that fails for the Gateway's own reason (no GatewayClass) is not a second
        // problem; nor is "not programmed", the consequence of the listener's other problems.
        if (gatewayCauses.some((gc) => gc.condition.message === c.message)) continue;
        if (c.type === 'Programmed' && causes.length > 1) continue;
        problems.push({ severity: c.type === 'Conflicted' ? 'warning' : 'error', code: `Listener${c.reason}`, object: `${object} listener ${l.name}`, source: l.source, message: conditionSentence(types, c), fix: fixFor(c) });
      }
      if (l.attachedRoutes === 0 && l.conditions.every((c) => !isProblem(c))) {
        problems.push({ severity: 'info', code: 'ListenerWithoutRoutes', object: `${object} listener ${l.name}`, source: l.source, message: `no route is attached to listener ${l.name} (${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''}), so it answers 404 to every request`, fix: 'attach a route with parentRefs (and sectionName) naming this listener, or remove it' });
      }
    }
  }
  for (const r of status.routes) {
    const object = `${r.kind} ${r.namespace}/${r.name}`;
    if (r.parents.length === 0) {
      problems.push({ severity: 'warning', code: 'RouteWithoutParent', object, source: r.source, message: 'the route has no parentRefs, so no Gateway serves it', fix: 'add parentRefs naming the Gateway (and listener) that should serve it' });
    }
    for (const p of r.parents) {
      const parent = `${p.parentRef.kind} ${p.parentRef.namespace}/${p.parentRef.name}${p.parentRef.sectionName ? ` section ${p.parentRef.sectionName}` : ''}`;
      if (!p.controllerWrites) {
        problems.push({ severity: 'error', code: 'MissingParent', object, source: p.source, message: `parentRef ${parent} is not in the manifests, so the route is attached nowhere through it`, fix: FIXES.NoMatchingParent });
        continue;
      }
      for (const c of p.conditions.filter(isProblem)) {
        const notAttached = c.type === 'Accepted';
        problems.push({
          severity: c.type === 'PartiallyInvalid' ? 'warning' : 'error',
          code: notAttached ? 'RouteNotAttached' : c.type === 'ResolvedRefs' ? `Route${c.reason}` : `Route${c.type}`,
          object,
          source: p.source,
          message: notAttached ? `not attached to ${parent}: ${c.reason}: ${c.message}` : `${c.type} is ${c.status} on ${parent} (${c.reason}): ${c.message}`,
          fix: fixFor(c),
        });
      }
    }
  }
  return problems;
}
