// The Gateway API half of simulate(), as a table of contents: DNS to the Gateway's
// address, the listener (port, protocol, most specific hostname), the routes attached
// to it and those that are not (with the reason), then HTTP/gRPC rule precedence,
// filters and backends, or TLS/TCP/UDP routing by SNI and port.
import { cachedFor, type Cluster } from '../model/cluster.js';
import type { TraceBuilder } from '../trace/builder.js';
import type { Trace, TraceCandidate } from '../trace/types.js';
import { MAX_LISTED_CANDIDATES } from '../ingress/steps.js';
import { compareRouteAge, describeParentRef, routeAttachments, routeLabel, type NotAttached } from './attach.js';
import { describeHostname, gatewayHostnameMatches } from './hostnames.js';
import { gatewayTopology, type ResolvedGateway, type ResolvedListener } from './listeners.js';
import { routeHttp } from './http.js';
import { routeLayer4 } from './l4.js';
import { listenerProtocolsFor, misdirected, nameForListener, pickGateway, pickListener, tlsStep } from './select.js';
import { bucketsFor, listenerIndex } from './precedence.js';
import type { GatewayRoute } from '../model/gateway.js';
import { describeHttpMatch } from './match.js';
import { implementationStep } from './implementations/apply.js';

/** Most not-attached routes examined per trace, so huge configs keep traces fast. */
const MAX_SCANNED = 2000;

/** Set to true once the Gateway API engine routes requests; `routelab check` skips gateway files until then. */
export const GATEWAY_ENGINE_READY = true;

export function hasGatewayEntry(cluster: Cluster): boolean {
  return cluster.gatewayApi.gateways.length > 0;
}

/** Is `ip` the address of a Gateway (spec, status or simulated)? Used by auto mode. */
export function isGatewayAddress(cluster: Cluster, ip: string): boolean {
  return gatewayTopology(cluster).gateways.some((g) => g.address.address === ip);
}

export function routeGateway(cluster: Cluster, tb: TraceBuilder): Trace {
  tb.mode = 'gateway';
  const g = pickGateway(cluster, tb);
  if ('fail' in g) return tb.finish({ kind: 'rejected', ...g.fail });
  const gw = g.gw;
  const lp = pickListener(gw, tb, g.listener);
  if ('fail' in lp) {
    const f = lp.fail;
    return tb.finish({ kind: f.kind, status: f.status, reason: f.reason, message: f.message });
  }
  const listener = lp.listener;
  if (listener.protocol === 'HTTPS' || listener.protocol === 'TLS') tlsStep(tb, listener);
  attachStep(cluster, tb, gw, listener);
  switch (listener.protocol) {
    case 'HTTP':
    case 'HTTPS': {
      const mis = misdirected(gw, listener, tb.request);
      if (mis) {
        tb.add({ kind: 'host', summary: mis.message, reason: mis.status === 421 ? 'MisdirectedRequest' : 'NotFound', status: 'fail', source: listener.source });
        return tb.finish({ kind: 'not-found', status: mis.status, reason: mis.status === 421 ? 'MisdirectedRequest' : 'NotFound', message: mis.message });
      }
      // The implementation's profile: what it does to the path before any route matches.
      const answered = implementationStep(cluster, tb);
      if (answered) return answered;
      return routeHttp(cluster, tb, listener);
    }
    default:
      return routeLayer4(cluster, tb, listener);
  }
}

const NONE: readonly NotAttached[] = [];

/**
 * What the attach step says of a listener whatever the request: its route counts, its
 * allowedRoutes (the step's notes, frozen: shared by every trace), and the other usable
 * listeners on its port, whose routes listener isolation keeps from it.
 */
function listenerTexts(cluster: Cluster, gw: ResolvedGateway, listener: ResolvedListener): { kinds: string; notes: readonly string[]; samePort: readonly ResolvedListener[] } {
  return cachedFor(cluster, 'gateway:attach-texts', listener, () => ({
    kinds: Object.entries(listenerIndex(cluster, listener).counts).map(([k, n]) => `${n} ${k}`).join(', '),
    notes: Object.freeze([`allowedRoutes: namespaces from ${listener.allowedRoutes.namespaces.from}${listener.allowedRoutes.namespaces.defaulted ? ' (default)' : ''}; kinds ${listener.supportedKinds.map((k) => k.kind).join(', ') || 'none'}`]),
    samePort: gw.listeners.filter((other) => other !== listener && other.usable && other.port === listener.port),
  }));
}

/**
 * The "attach" step: how many routes the listener carries, and the routes that name this
 * Gateway (or the listener) and could serve the request's name, but are not attached,
 * each with its Accepted reason.
 */
function attachStep(cluster: Cluster, tb: TraceBuilder, gw: ResolvedGateway, listener: ResolvedListener): void {
  const req = tb.request;
  const att = routeAttachments(cluster);
  const attached = att.byListener.get(listener.key) ?? [];
  const { name } = nameForListener(req, listener.protocol);
  const candidates: TraceCandidate[] = [];
  // Attached routes are listed when few; with many, the rule step lists the relevant ones.
  if (attached.length <= 12) {
    for (const a of [...attached].sort((x, y) => compareRouteAge(x.route, y.route))) {
      const served = [...new Set(a.hostnames.map((h) => h.effective || '(any host)'))];
      const ok = a.hostnames.some((h) => !h.effective || !name || gatewayHostnameMatches(h.effective, name));
      const status = att.routes.get(a.route);
      const dropped = status ? a.route.rules.length - status.validRules.length : 0;
      candidates.push({
        label: routeLabel(a.route),
        verdict: ok ? 'won' : 'miss',
        reason: ok ? 'RouteAttached' : 'RouteHostnameMismatch',
        detail: `attached; serves ${served.join(', ')}${ok ? '' : `, not ${name}`}${dropped ? `; ${dropped} invalid rule(s) dropped` : ''}`,
        object: { kind: a.route.kind, namespace: a.route.meta.namespace, name: a.route.meta.name },
        source: a.route.source,
      });
    }
  }
  const notAttached: NotAttached[] = [];
  const onListener = att.notAttached.get(listener.key);
  const onGateway = att.notAttached.get(gw.key);
  if (onListener || onGateway) {
    let scanned = 0;
    for (const list of [onListener ?? NONE, onGateway ?? NONE]) {
      for (const n of list) {
        if (scanned++ >= MAX_SCANNED) break;
        const hostnames = n.route.hostnames;
        if (!name || hostnames.length === 0 || hostnames.some((h) => gatewayHostnameMatches(h, name))) notAttached.push(n);
      }
    }
  }
  const seen = new Set<string>();
  for (const n of notAttached) {
    const key = `${n.route.key}#${n.parentRef.index}`;
    if (seen.has(key) || candidates.length >= MAX_LISTED_CANDIDATES) continue;
    seen.add(key);
    candidates.push({
      label: `${routeLabel(n.route)} (parentRef ${describeParentRef(n.parentRef)})`,
      verdict: 'skip',
      reason: 'RouteNotAttached',
      detail: `Accepted=False ${n.reason}: ${n.detail}`,
      object: { kind: n.route.kind, namespace: n.route.meta.namespace, name: n.route.meta.name },
      source: n.parentRef.source,
    });
  }
  // Listener isolation: routes on less specific listeners that would serve this name never see it.
  let isolated = 0;
  const { kinds, notes, samePort } = listenerTexts(cluster, gw, listener);
  if (name && !tb.request.listener && samePort.length > 0) {
    const protocols = listenerProtocolsFor(req);
    for (const other of samePort) {
      if (!protocols.includes(other.protocol)) continue;
      if (other.hostname !== undefined && !gatewayHostnameMatches(other.hostname, name)) continue;
      const idx = listenerIndex(cluster, other);
      const routes = new Set<GatewayRoute>();
      for (const b of [...bucketsFor(idx.http, name), ...bucketsFor(idx.grpc, name), ...bucketsFor(idx.l4, name)]) {
        for (const e of b.entries) {
          routes.add(e.route);
          if (routes.size >= 10) break;
        }
      }
      for (const r of routes) {
        isolated++;
        if (candidates.length >= MAX_LISTED_CANDIDATES) break;
        candidates.push({
          label: `${routeLabel(r)} (on ${other.label})`,
          verdict: 'skip',
          reason: 'ListenerLessSpecific',
          detail: `attached to ${other.label} (hostname ${describeHostname(other.hostname)}) and serves ${name}, but listener isolation sends ${name} only to ${listener.label}`,
          object: { kind: r.kind, namespace: r.meta.namespace, name: r.meta.name },
          source: r.source,
        });
      }
    }
  }
  tb.add({
    kind: 'attach',
    summary: `${attached.length} route(s) attached to ${listener.label}${kinds ? ` (${kinds})` : ''}${notAttached.length ? `; ${seen.size} route(s) naming this Gateway are not attached here` : ''}${isolated ? `; ${isolated} route(s) of less specific listeners are isolated from ${name}` : ''}`,
    reason: attached.length ? 'RouteAttached' : 'RouteNotAttached',
    status: attached.length ? 'ok' : 'warn',
    source: listener.allowedRoutes.source ?? listener.source,
    candidates,
    notes: notes as string[],
  });
}

/** Every Gateway API route rule, for coverage ("HTTPRoute ns/name rules[0]"). */
export function gatewayRules(cluster: Cluster): Array<{ id: string; label: string; source?: import('../model/source.js').SourceRef }> {
  const out: Array<{ id: string; label: string; source?: import('../model/source.js').SourceRef }> = [];
  for (const route of cluster.gatewayApi.routes) {
    const hosts = route.hostnames.length ? route.hostnames.join(',') : '*';
    for (const rule of route.rules) {
      let what = '';
      if (route.kind === 'HTTPRoute') {
        const r = route.rules[rule.index];
        what = r.matches.map(describeHttpMatch).join(' | ');
      } else if (route.kind === 'GRPCRoute') {
        const r = route.rules[rule.index];
        what = r.matches.map((m) => `${m.method?.service ?? '*'}/${m.method?.method ?? '*'}`).join(' | ') || 'every call';
      } else what = route.kind === 'TLSRoute' ? 'by SNI' : 'by port';
      out.push({ id: rule.id, label: `${route.kind} ${hosts} ${what}${rule.invalid.length ? ' (invalid)' : ''}`, source: rule.source });
    }
  }
  return out;
}
