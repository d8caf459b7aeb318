// Layer 4: TLSRoute by SNI on a TLS listener (GEP-2643), TCPRoute and UDPRoute by
// listener port. There is no rule matching beyond the hostname: the most specific route
// hostname wins, then the oldest route, then namespace/name. Failures reject the
// connection (TLSRouteRule.BackendRefs: "the underlying implementation must actively
// reject request attempts to this backend, by rejecting the connection").
import type { Cluster } from '../model/cluster.js';
import type { TraceBuilder } from '../trace/builder.js';
import type { Trace, TraceCandidate } from '../trace/types.js';
import { MAX_LISTED_CANDIDATES } from '../ingress/steps.js';
import { compareRouteAge, routeLabel } from './attach.js';
import { newExchange } from './filters.js';
import { forward, objRef } from './forward.js';
import { describeHostname, hostnameRank, isWildcard } from './hostnames.js';
import type { ResolvedListener } from './listeners.js';
import { anyBucket, bucketsFor, hostnamesByAge, listenerIndex, type L4Entry } from './precedence.js';

function why(w: L4Entry, l: L4Entry): string {
  if (hostnameRank(w.hostname.effective) !== hostnameRank(l.hostname.effective)) return `${describeHostname(w.hostname.effective)} is more specific than ${describeHostname(l.hostname.effective)}`;
  if (hostnameRank(w.hostname.original) !== hostnameRank(l.hostname.original)) return `route hostname ${w.hostname.original || '(none)'} is more specific than ${l.hostname.original || '(none)'}`;
  if ((w.route.meta.creationTimestamp ?? '') !== (l.route.meta.creationTimestamp ?? '')) return `${routeLabel(w.route)} is older`;
  return compareRouteAge(w.route, l.route) < 0 ? `${w.route.meta.namespace}/${w.route.meta.name} sorts first` : 'it comes first';
}

export function routeLayer4(cluster: Cluster, tb: TraceBuilder, listener: ResolvedListener): Trace {
  const req = tb.request;
  const idx = listenerIndex(cluster, listener);
  const sni = listener.protocol === 'TLS' ? req.sni ?? req.connectHost : '';
  const any = listener.protocol === 'TLS' ? undefined : anyBucket(idx.l4);
  const buckets = listener.protocol === 'TLS' ? bucketsFor(idx.l4, sni) : any ? [any] : [];
  const entries = buckets.flatMap((b) => b.entries).filter((e) => (listener.protocol === 'UDP' ? e.route.kind === 'UDPRoute' : e.route.kind !== 'UDPRoute'));
  const what = listener.protocol === 'TLS' ? `SNI ${sni}` : `${listener.protocol} port ${listener.port}`;
  if (entries.length === 0) {
    const served = hostnamesByAge(cluster, listener, 'l4').slice(0, 10);
    tb.add({
      kind: 'rule',
      summary: `no ${listener.protocol === 'TLS' ? 'TLSRoute or TCPRoute' : `${listener.protocol === 'UDP' ? 'UDP' : 'TCP'}Route`} attached to ${listener.label} takes ${what}`,
      reason: 'RouteHostnameMismatch',
      status: 'fail',
      notes: served.length ? [`SNI hostnames served here: ${served.slice(0, 10).join(', ')}`] : undefined,
    });
    return tb.finish({ kind: 'rejected', status: 0, reason: 'ConnectionRejected', message: `connection rejected by ${listener.label}: no route takes ${what}` });
  }
  const [winner, ...rest] = entries;
  const candidates: TraceCandidate[] = [
    {
      label: `${routeLabel(winner.route)} @ ${describeHostname(winner.hostname.effective)}`,
      verdict: 'won',
      reason: 'RuleMatched',
      detail: listener.protocol === 'TLS'
        ? winner.hostname.effective ? `${isWildcard(winner.hostname.effective) ? 'wildcard' : 'hostname'} ${winner.hostname.effective} covers SNI ${sni}` : 'no hostnames: every SNI the listener takes'
        : `attached to ${listener.label}; it takes every connection on port ${listener.port}`,
      object: objRef(winner.route),
      ruleId: winner.rule.id,
      source: winner.rule.source,
    },
    ...rest.slice(0, MAX_LISTED_CANDIDATES - 1).map((l): TraceCandidate => ({
      label: `${routeLabel(l.route)} @ ${describeHostname(l.hostname.effective)}`,
      verdict: 'lost',
      reason: 'RuleLostPrecedence',
      detail: `also takes ${what}, but ${why(winner, l)}${listener.protocol !== 'TLS' ? ' (several routes on one TCP/UDP listener: implementation-specific; RouteLab takes the oldest)' : ''}`,
      object: objRef(l.route),
      ruleId: l.rule.id,
      source: l.rule.source,
    })),
  ];
  tb.add({
    kind: 'rule',
    summary: `${routeLabel(winner.route)} rules[${winner.rule.index}] takes ${what}`,
    reason: 'RuleMatched',
    status: 'ok',
    object: objRef(winner.route),
    source: winner.rule.source,
    candidates,
    notes: winner.route.rules.length > 1 ? [`only the first valid rule of a ${winner.route.kind} is used (rules allows one entry)`] : undefined,
  });
  tb.exercise(winner.rule.id);
  return forward({ cluster, tb, route: winner.route, rule: winner.rule, ex: newExchange(req), l4: true });
}
