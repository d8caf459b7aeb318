// Envoy Gateway's SecurityPolicy under the envoy-gateway profile (model/envoy.ts). A policy
// attaches to an HTTPRoute by targetRefs (a sectionName names one rule); its basicAuth runs
// Envoy's basic_auth filter before the route's filters: a request without credentials is
// answered 401 (Envoy Gateway docs, "Basic Authentication": "Request without credentials
// return a 401"). As for ingress-nginx, RouteLab does not check the credentials themselves.
import type { Cluster } from '../model/cluster.js';
import type { AnyRouteRule, GatewayRoute } from '../model/gateway.js';
import type { K8sObject } from '../model/resources.js';

const objRef = (o: K8sObject) => ({ kind: o.kind, namespace: o.meta.namespace, name: o.meta.name });
import type { TraceBuilder } from '../trace/builder.js';
import type { Trace } from '../trace/types.js';
import { routeRefOf } from './forward.js';

export function envoySecurityAnswer(cluster: Cluster, tb: TraceBuilder, route: GatewayRoute, rule: AnyRouteRule): Trace | undefined {
  if (tb.implementation.name !== 'envoy-gateway' || cluster.envoyPolicies.length === 0) return undefined;
  const ns = route.meta.namespace;
  const ruleName = (rule as { name?: string }).name;
  const policies = cluster.envoyPolicies.filter(
    (p) => p.meta.namespace === ns && p.targets.some((t) => t.kind === route.kind && (t.group === '' || t.group === 'gateway.networking.k8s.io') && t.name === route.meta.name && (!t.sectionName || t.sectionName === ruleName)),
  );
  for (const p of policies) {
    const label = `SecurityPolicy ${p.meta.namespace}/${p.meta.name}`;
    if (p.other.length) tb.add({ kind: 'note', summary: `${label} also sets ${p.other.join(', ')}, which RouteLab does not simulate`, reason: 'Note', status: 'warn', object: objRef(p), source: p.source });
    const basic = p.basicAuth;
    if (!basic) continue;
    const secret = cluster.secrets.get(`${ns}/${basic.secret}`);
    const keys = secret ? [...Object.keys((secret.raw.data as Record<string, unknown> | undefined) ?? {}), ...Object.keys((secret.raw.stringData as Record<string, unknown> | undefined) ?? {})] : [];
    const secretNote = !secret
      ? `Secret ${ns}/${basic.secret} is not in the manifests; Envoy Gateway needs it with a .htpasswd key`
      : keys.includes('.htpasswd')
        ? `users from Secret ${ns}/${basic.secret} (.htpasswd)`
        : `Secret ${ns}/${basic.secret} has no .htpasswd key, which Envoy Gateway reads the users from`;
    if (tb.request.headers.some(([n]) => n === 'authorization')) {
      tb.add({ kind: 'note', summary: `${label} basicAuth: the request carries an Authorization header; RouteLab does not check credentials and lets it through`, reason: 'Note', status: 'info', object: objRef(p), source: basic.source, notes: [secretNote] });
      continue;
    }
    tb.add({
      kind: 'response',
      summary: `${label} basicAuth: the request carries no Authorization header, so Envoy answers 401`,
      reason: 'AuthenticationRequired',
      status: 'fail',
      object: objRef(p),
      source: basic.source,
      notes: [secretNote, 'Envoy Gateway accepts only SHA-hashed htpasswd entries ({SHA}, htpasswd -s)'],
    });
    return tb.finish({ kind: 'responded', status: 401, reason: 'AuthenticationRequired', message: `401 Unauthorized: ${label} asks for basic credentials`, route: routeRefOf(route, rule), responseHeaders: [], mirroredTo: [] });
  }
  return undefined;
}
