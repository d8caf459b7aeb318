// The way in: DNS resolves the hostname to a Gateway's address, and the Gateway picks
// the listener by port, protocol and the most specific matching hostname, with listener
// isolation (gateway_types.go GatewaySpec.Listeners, "Listeners that are distinct only by
// Hostname" and "General Listener behavior").
import { cachedFor, type Cluster } from '../model/cluster.js';
import type { NormalizedRequest } from '../model/request.js';
import type { ObjectRef } from '../model/resources.js';
import { isIpLiteral } from '../match/hostname.js';
import { lazyStep, type TraceBuilder } from '../trace/builder.js';
import type { ReasonCode } from '../trace/reasons.js';
import type { TraceCandidate, TraceStep } from '../trace/types.js';
import { certificateNameCovers, describeHostname, gatewayHostnameMatches, hostnameRank, isWildcard } from './hostnames.js';
import { findGateway, gatewayTopology, type ResolvedGateway, type ResolvedListener } from './listeners.js';

// One list per answer, shared: every trace asks, several times.
const HTTP_ONLY: readonly string[] = ['HTTP'];
// An HTTPS URL is also "a TLS connection with this SNI": a TLS listener takes it by SNI.
const HTTPS_OR_TLS: readonly string[] = ['HTTPS', 'TLS'];
const HTTPS_ONLY: readonly string[] = ['HTTPS'];
const TLS_ONLY: readonly string[] = ['TLS'];
const TCP_ONLY: readonly string[] = ['TCP'];
const UDP_ONLY: readonly string[] = ['UDP'];

/** Listener protocols a request can arrive on, from its URL scheme. */
export function listenerProtocolsFor(req: NormalizedRequest): readonly string[] {
  switch (req.protocol) {
    case 'http':
      return HTTP_ONLY;
    case 'https':
      return HTTPS_OR_TLS;
    case 'grpc':
      return req.scheme === 'grpcs' ? HTTPS_ONLY : HTTP_ONLY;
    case 'tls':
      return TLS_ONLY;
    case 'tcp':
      return TCP_ONLY;
    case 'udp':
      return UDP_ONLY;
  }
}

/** The name a listener matches: the Host header for HTTP, the SNI for TLS-based listeners. */
export function nameForListener(req: NormalizedRequest, protocol: string): { name: string; what: 'Host' | 'SNI' | 'none' } {
  if (protocol === 'HTTP') return { name: req.host, what: 'Host' };
  if (protocol === 'HTTPS' || protocol === 'TLS') return { name: req.sni ?? req.connectHost, what: 'SNI' };
  return { name: '', what: 'none' };
}

/**
 * Why a listener does not take the request, or undefined when it does. The decision alone,
 * without a sentence: the choice runs on it, and listenerAccepts words the same decision
 * when the candidates are read.
 */
function listenerMiss(l: ResolvedListener, req: NormalizedRequest, protocols: readonly string[], checkPort = true): ReasonCode | undefined {
  if (checkPort && l.port !== req.port) return 'ListenerPortMismatch';
  if (!protocols.includes(l.protocol)) return 'ListenerProtocolMismatch';
  if (l.hostname === undefined) return undefined;
  const name = l.protocol === 'HTTP' ? req.host : l.protocol === 'HTTPS' || l.protocol === 'TLS' ? (req.sni ?? req.connectHost) : undefined;
  return name !== undefined && !gatewayHostnameMatches(l.hostname, name) ? 'ListenerHostnameMismatch' : undefined;
}

function listenerAccepts(l: ResolvedListener, req: NormalizedRequest, protocols: readonly string[], checkPort = true): { ok: boolean; reason: ReasonCode; detail: string } {
  const miss = listenerMiss(l, req, protocols, checkPort);
  if (miss === 'ListenerPortMismatch') return { ok: false, reason: miss, detail: `port ${l.port}, the request is on port ${req.port}` };
  if (miss === 'ListenerProtocolMismatch') {
    return { ok: false, reason: miss, detail: `protocol ${l.protocol} does not carry a ${req.scheme}:// request (needs ${protocols.join(' or ')})` };
  }
  const { name, what } = nameForListener(req, l.protocol);
  if (miss === 'ListenerHostnameMismatch') {
    const wild = l.hostname && isWildcard(l.hostname) && name === l.hostname.slice(2) ? ` (a wildcard never covers its bare suffix)` : '';
    return { ok: false, reason: miss, detail: `hostname ${l.hostname} does not match the ${what} ${name}${wild}` };
  }
  const how = l.hostname === undefined
    ? `no hostname: it takes every ${what === 'none' ? 'connection' : what}`
    : isWildcard(l.hostname)
      ? `wildcard ${l.hostname} covers the ${what} ${name} (Gateway API wildcards cover one or more labels)`
      : `hostname ${l.hostname} equals the ${what}`;
  return { ok: true, reason: 'ListenerSelected', detail: `port ${l.port}, ${l.protocol}, ${how}` };
}

/** Gateways whose usable listeners accept the request, best listener first. */
/**
 * The Gateways with a usable listener that takes the request, best listener hostname first,
 * each with that listener (the first of the highest rank: the one pickListener chooses).
 */
function gatewaysAccepting(gateways: ResolvedGateway[], req: NormalizedRequest): Array<{ gw: ResolvedGateway; rank: number; listener: ResolvedListener }> {
  const protocols = listenerProtocolsFor(req);
  const out: Array<{ gw: ResolvedGateway; rank: number; listener: ResolvedListener }> = [];
  for (const gw of gateways) {
    const best = bestListener(gw, req, protocols);
    if (best) out.push({ gw, rank: best.rank, listener: best.listener });
  }
  return out.length > 1 ? out.sort((a, b) => b.rank - a.rank) : out;
}

/** The Gateway's usable listener that takes the request with the most specific hostname (the first of them). */
function bestListener(gw: ResolvedGateway, req: NormalizedRequest, protocols: readonly string[]): { listener: ResolvedListener; rank: number } | undefined {
  let rank = -1;
  let listener: ResolvedListener | undefined;
  for (const l of gw.listeners) {
    if (!l.usable || listenerMiss(l, req, protocols) !== undefined) continue;
    const r = hostnameRank(l.hostname);
    if (r > rank) {
      rank = r;
      listener = l;
    }
  }
  return listener && { listener, rank };
}

function gwLabel(gw: ResolvedGateway): string {
  return `Gateway ${gw.key}`;
}

const gatewayRefs = new WeakMap<ResolvedGateway, Readonly<ObjectRef>>();

/** A Gateway's reference in a step: the same in every trace, so made once (frozen: shared). */
function gwRef(gw: ResolvedGateway): Readonly<ObjectRef> {
  let ref = gatewayRefs.get(gw);
  if (!ref) gatewayRefs.set(gw, (ref = Object.freeze({ kind: 'Gateway', namespace: gw.gateway.meta.namespace, name: gw.gateway.meta.name })));
  return ref;
}

/**
 * The entry step: it depends on the Gateway alone, so it is written once per config and
 * shared by its traces (frozen: no trace changes another's step or notes).
 */
function entryStep(cluster: Cluster, chosen: ResolvedGateway): TraceStep {
  return cachedFor(cluster, 'gateway:entry-step', chosen, () => {
    const topo = gatewayTopology(cluster);
    const own = chosen.listeners.filter((l) => l.owner.kind === 'Gateway').length;
    const fromSets = chosen.listeners.length - own;
    const cls = chosen.gatewayClass;
    const notes: string[] = [];
    if (chosen.classAssumed) notes.push('the manifests hold no GatewayClass; RouteLab assumes a controller accepts this Gateway');
    for (const s of chosen.listenerSets) if (!s.attached) notes.push(`${s.set.kind} ${s.set.meta.namespace}/${s.set.meta.name} is not attached: ${s.message}`);
    for (const [, a] of topo.listenerSets) {
      if (!a.attached && !a.gateway && a.set.parentRef.name === chosen.gateway.meta.name && a.set.parentRef.namespace === chosen.gateway.meta.namespace) {
        notes.push(`${a.set.kind} ${a.set.meta.namespace}/${a.set.meta.name} is not attached: ${a.message}`);
      }
    }
    return Object.freeze({
      kind: 'entry',
      summary: `${gwLabel(chosen)}${cls ? `, GatewayClass ${cls.meta.name} (controller ${cls.controllerName || '(none)'})` : ` (gatewayClassName ${chosen.gateway.gatewayClassName})`}: ${own} listener(s)${fromSets ? ` + ${fromSets} from ListenerSets` : ''}`,
      reason: chosen.accepted.status === 'True' ? 'GatewaySelected' : 'GatewayNotAccepted',
      status: chosen.accepted.status === 'True' ? 'ok' : 'fail',
      object: gwRef(chosen),
      source: chosen.gateway.source,
      notes: Object.freeze(chosen.accepted.status === 'True' ? notes : [chosen.accepted.message, ...notes]) as string[],
    });
  });
}

const addressFacts = new WeakMap<ResolvedGateway, Readonly<Record<string, string | boolean>>>();
/** The dns step's facts: the Gateway's address, the same in every trace (frozen: shared). */
function addressFactsOf(gw: ResolvedGateway): Readonly<Record<string, string | boolean>> {
  let f = addressFacts.get(gw);
  if (!f) addressFacts.set(gw, (f = Object.freeze({ address: gw.address.address, simulated: gw.address.origin === 'simulated' })));
  return f;
}

const listenerFacts = new WeakMap<ResolvedListener, Readonly<Record<string, string | number>>>();
/** The listener step's facts, the same in every trace (frozen: shared). */
function listenerFactsOf(l: ResolvedListener): Readonly<Record<string, string | number>> {
  let f = listenerFacts.get(l);
  if (!f) listenerFacts.set(l, (f = Object.freeze({ listener: l.name, port: l.port, protocol: l.protocol })));
  return f;
}

/** The dns step's candidates: every Gateway (up to 40), and why it did or did not take the request. */
function gatewayCandidates(gateways: readonly ResolvedGateway[], accepting: ReadonlyArray<{ gw: ResolvedGateway }>, chosen: ResolvedGateway, how: string, req: NormalizedRequest): TraceCandidate[] {
  return gateways.slice(0, 40).map((g) => {
    const acc = accepting.find((a) => a.gw === g);
    return {
      label: `${gwLabel(g)} ${g.address.address}`,
      verdict: g === chosen ? 'won' : acc ? 'lost' : 'miss',
      reason: g === chosen ? 'GatewaySelected' : 'GatewayNotSelected',
      detail: g === chosen ? how : acc ? 'its listeners accept the hostname too; another Gateway was chosen' : `no usable listener accepts ${req.port}/${listenerProtocolsFor(req).join('|')} for ${req.connectHost}`,
      object: gwRef(g),
      source: g.gateway.source,
    };
  });
}

/** The Gateway, and the listener that takes the request when one does (the one pickListener would choose). */
export type GatewayPick = { gw: ResolvedGateway; listener?: ResolvedListener } | { fail: { status: number; reason: ReasonCode; message: string } };

/**
 * DNS + entry: the Gateway the request reaches. Pinned (request.gateway), by IP address,
 * or the Gateways whose listeners accept the hostname ("the request enters every Gateway
 * whose listener accepts its port and hostname"), best listener hostname first.
 */
export function pickGateway(cluster: Cluster, tb: TraceBuilder): GatewayPick {
  const req = tb.request;
  const topo = gatewayTopology(cluster);
  if (topo.gateways.length === 0) {
    tb.add({ kind: 'dns', summary: `${req.connectHost}: the manifests hold no Gateway`, reason: 'DnsNoEntryPoint', status: 'fail' });
    return { fail: { status: 0, reason: 'DnsNoEntryPoint', message: 'no Gateway in the manifests: nothing answers at this address' } };
  }
  const accepting = gatewaysAccepting(topo.gateways, req);
  const ipLiteral = isIpLiteral(req.connectHost);
  let chosen: ResolvedGateway | undefined;
  let how = '';
  if (req.gateway) {
    chosen = findGateway(topo, req.gateway);
    if (!chosen) {
      tb.add({
        kind: 'dns',
        summary: `the request is pinned to Gateway ${req.gateway}, which is not in the manifests`,
        reason: 'GatewayNotSelected',
        status: 'fail',
        notes: [`Gateways: ${topo.gateways.map((g) => g.key).join(', ')}`],
      });
      return { fail: { status: 0, reason: 'GatewayNotSelected', message: `no Gateway ${req.gateway} in the manifests` } };
    }
    how = 'pinned by the request (gateway)';
  } else if (ipLiteral) {
    chosen = topo.gateways.find((g) => g.address.address === req.connectHost);
    how = chosen ? `${req.connectHost} is its address` : '';
    if (!chosen) {
      chosen = accepting[0]?.gw ?? topo.gateways[0];
      how = `${req.connectHost} is no Gateway's address; RouteLab assumes it reaches this Gateway`;
    }
  } else if (accepting.length > 0) {
    chosen = accepting[0].gw;
    how = accepting.length === 1 ? 'its listener accepts the hostname' : `${accepting.length} Gateways accept the hostname; this one has the most specific listener hostname`;
  } else {
    const onPort = topo.gateways.filter((g) => g.listeners.some((l) => l.port === req.port));
    chosen = onPort[0] ?? topo.gateways[0];
    how = `no Gateway listener accepts ${req.connectHost}; RouteLab sends the request to the ${onPort.length ? 'first Gateway with a listener on this port' : 'first Gateway'}`;
  }
  const addr = chosen.address;
  const origin = addr.origin === 'spec' ? 'spec.addresses' : addr.origin === 'status' ? 'status.addresses' : 'simulated RFC 5737 address';
  const step = {
    kind: 'dns' as const,
    summary: ipLiteral
      ? `${req.connectHost} is an IP address; no lookup (${how})`
      : `${req.connectHost} -> ${addr.address}, the address of ${gwLabel(chosen)} (${origin})`,
    reason: (ipLiteral ? 'DnsIpLiteral' : 'GatewayAddress') as ReasonCode,
    status: 'ok' as const,
    object: gwRef(chosen),
    source: chosen.gateway.source,
    facts: addressFactsOf(chosen),
  };
  // The other Gateways are listed (when read) only when there are others.
  tb.add(topo.gateways.length > 1 ? lazyStep(step, () => ({ candidates: gatewayCandidates(topo.gateways, accepting, chosen, how, req) })) : step);
  tb.entry = { kind: 'gateway', namespace: chosen.gateway.meta.namespace, name: chosen.gateway.meta.name, address: addr.address, addressSimulated: addr.origin === 'simulated' };
  tb.add(entryStep(cluster, chosen));
  if (chosen.accepted.status !== 'True') {
    return { fail: { status: 0, reason: 'GatewayNotAccepted', message: `${gwLabel(chosen)} is not served: ${chosen.accepted.message}` } };
  }
  return { gw: chosen, listener: accepting.find((a) => a.gw === chosen)?.listener };
}

export type ListenerPick =
  | { listener: ResolvedListener }
  | { fail: { status: number; reason: ReasonCode; message: string; kind: 'not-found' | 'rejected' | 'error' } };

type ListenerVerdict = { l: ResolvedListener; v: ReturnType<typeof listenerAccepts> };

/** Every listener's verdict in words: for the candidates, written when they are read. */
function listenerVerdicts(gw: ResolvedGateway, req: NormalizedRequest, protocols: readonly string[]): ListenerVerdict[] {
  return gw.listeners.map((l) => ({ l, v: listenerAccepts(l, req, protocols) }));
}

/** The listener step's candidates: the chosen listener, and why each other one did not take the request. */
function listenerCandidates(gw: ResolvedGateway, verdicts: ListenerVerdict[], chosen: ResolvedListener | undefined, pinned: boolean): TraceCandidate[] {
  return verdicts.map(({ l, v }) => {
    const label = `${l.label}  ${l.port}/${l.protocol}${l.protocol === 'TCP' || l.protocol === 'UDP' ? '' : ` ${describeHostname(l.hostname)}`}`;
    if (l === chosen) return { label, verdict: 'won', reason: pinned ? 'ListenerPinned' : 'ListenerSelected', detail: v.ok ? v.detail : `pinned: ${v.detail}`, object: gwRef(gw), source: l.source };
    if (!v.ok) return { label, verdict: 'miss', reason: v.reason, detail: v.detail, object: gwRef(gw), source: l.source };
    if (!l.usable) {
      const conflicted = l.conditions.some((c) => c.type === 'Conflicted' && c.status === 'True');
      return { label, verdict: 'skip', reason: conflicted ? 'ListenerConflicted' : 'ListenerInvalid', detail: `it would take the request, but ${l.problem}; it is not programmed, so a less specific listener takes its traffic`, object: gwRef(gw), source: l.source };
    }
    return {
      label,
      verdict: 'lost',
      reason: 'ListenerLessSpecific',
      detail: chosen ? `${v.detail}, but ${chosen.label} (${describeHostname(chosen.hostname)}) is more specific; listener isolation: only its routes apply` : v.detail,
      object: gwRef(gw),
      source: l.source,
    };
  });
}

/**
 * The listener: port, protocol, then the most specific hostname ("Exact matches MUST be
 * processed before wildcard matches, and wildcard matches MUST be processed before
 * fallback (empty Hostname value) matches ... the higher the number of dots in the
 * hostname to the right of the wildcard character, the higher the precedence").
 * Listener isolation: a request "SHOULD only be routed using routes attached to" that
 * listener, never a less specific one. `accepted` is the listener pickGateway found for
 * this Gateway (bestListener), when it found one.
 */
export function pickListener(gw: ResolvedGateway, tb: TraceBuilder, accepted?: ResolvedListener): ListenerPick {
  const req = tb.request;
  const protocols = listenerProtocolsFor(req);
  const pinned = req.listener !== undefined ? gw.listeners.filter((l) => l.name === req.listener) : undefined;
  let chosen: ResolvedListener | undefined;
  let pinNote: string | undefined;
  if (pinned) {
    // The Gateway's own listener first when a ListenerSet reuses the name.
    const l = pinned.find((x) => x.owner.kind === 'Gateway') ?? pinned[0];
    if (!l) {
      tb.add({
        kind: 'listener',
        summary: `the request is pinned to listener "${req.listener}", which ${gwLabel(gw)} does not have`,
        reason: 'ListenerPinned',
        status: 'fail',
        notes: [`listeners: ${gw.listeners.map((x) => x.name).join(', ')}`],
      });
      return { fail: { status: 0, reason: 'ConnectionRejected', message: `${gwLabel(gw)} has no listener "${req.listener}"`, kind: 'rejected' } };
    }
    const v = listenerAccepts(l, req, protocols, false);
    if (l.port !== req.port) pinNote = `pinned to ${l.label}: the request goes to its port ${l.port} (the URL says ${req.port})`;
    if (!v.ok) {
      tb.add({ kind: 'listener', summary: `pinned to ${l.label}, but it does not take this request: ${v.detail}`, reason: v.reason, status: 'fail', source: l.source, object: gwRef(gw) });
      const http = l.protocol === 'HTTP' || l.protocol === 'HTTPS';
      return { fail: v.reason === 'ListenerHostnameMismatch' && http ? { status: 404, reason: 'NotFound', message: `404: ${v.detail}`, kind: 'not-found' } : { status: 0, reason: 'ConnectionRejected', message: `connection rejected: ${v.detail}`, kind: 'rejected' } };
    }
    if (!l.usable) {
      tb.add({ kind: 'listener', summary: `pinned to ${l.label}, which is not programmed: ${l.problem}`, reason: 'ListenerInvalid', status: 'fail', source: l.source, object: gwRef(gw) });
      return { fail: { status: 0, reason: 'ListenerInvalid', message: `connection fails: ${l.label} ${l.problem}`, kind: 'rejected' } };
    }
    chosen = l;
  } else {
    // pickGateway has usually found it already (bestListener for every Gateway).
    chosen = accepted ?? bestListener(gw, req, protocols)?.listener;
  }
  if (!chosen) {
    const verdicts = listenerVerdicts(gw, req, protocols);
    const candidates = listenerCandidates(gw, verdicts, undefined, !!pinned);
    const onPort = verdicts.filter(({ v }) => v.reason !== 'ListenerPortMismatch');
    const protoOk = onPort.filter(({ v }) => v.reason !== 'ListenerProtocolMismatch');
    const unusable = protoOk.filter(({ l, v }) => v.ok && !l.usable);
    let fail: { status: number; reason: ReasonCode; message: string; kind: 'not-found' | 'rejected' | 'error' };
    if (onPort.length === 0) fail = { status: 0, reason: 'ConnectionRejected', message: `connection refused: ${gwLabel(gw)} has no listener on port ${req.port}`, kind: 'rejected' };
    else if (protoOk.length === 0) fail = { status: 0, reason: 'ListenerProtocolMismatch', message: `connection fails: port ${req.port} expects ${[...new Set(onPort.map(({ l }) => l.protocol))].join('/')}, not ${req.scheme}://`, kind: 'rejected' };
    else if (unusable.length > 0) fail = { status: 0, reason: 'ListenerInvalid', message: `connection fails: ${unusable[0].l.label} would take it, but ${unusable[0].l.problem}`, kind: 'rejected' };
    else if (protocols.includes('HTTP') || protocols.includes('HTTPS')) {
      // "If traffic to a Gateway does not match any Listener's hostname ... HTTP returns a 404 status code, while gRPC returns an Unimplemented status code."
      fail = { status: 404, reason: 'NotFound', message: `404: no listener of ${gwLabel(gw)} on port ${req.port} matches ${nameForListener(req, protoOk[0].l.protocol).what} ${nameForListener(req, protoOk[0].l.protocol).name}`, kind: 'not-found' };
    } else fail = { status: 0, reason: 'ConnectionRejected', message: `connection rejected: no ${protocols.join('/')} listener on port ${req.port} matches ${req.sni ?? req.connectHost}`, kind: 'rejected' };
    tb.add({ kind: 'listener', summary: `no listener of ${gwLabel(gw)} takes ${req.scheme}://${req.connectHost}:${req.port}`, reason: fail.reason, status: 'fail', object: gwRef(gw), candidates });
    return { fail };
  }
  const { name, what } = nameForListener(req, chosen.protocol);
  const won = chosen;
  tb.add(
    lazyStep(
      {
        kind: 'listener',
        summary: `${chosen.label}: ${chosen.port}/${chosen.protocol}${what !== 'none' ? ` ${describeHostname(chosen.hostname)} takes ${what} ${name}` : ' takes the connection'}`,
        reason: pinned ? 'ListenerPinned' : 'ListenerSelected',
        status: 'ok',
        object: gwRef(gw),
        source: chosen.source,
        facts: listenerFactsOf(chosen),
      },
      () => {
        const notes: string[] = [];
        if (pinNote) notes.push(pinNote);
        if (won.hostname && isWildcard(won.hostname)) {
          notes.push(`Gateway API wildcard: ${won.hostname} covers one or more labels in front of ${won.hostname.slice(2)} (Ingress wildcards cover exactly one)`);
        }
        return { candidates: listenerCandidates(gw, listenerVerdicts(gw, req, protocols), won, !!pinned), notes };
      },
    ),
  );
  if (tb.entry?.kind === 'gateway') tb.entry.listener = chosen.name;
  return { listener: chosen };
}

/** "Secret ns/a, Secret ns/b": a listener's certificates, written once per listener. */
const certificateTexts = new WeakMap<ResolvedListener, string>();
function certificatesOf(l: ResolvedListener): string {
  let t = certificateTexts.get(l);
  if (t === undefined) {
    t = (l.tls?.certificateRefs ?? []).map((c) => `Secret ${c.namespace ?? l.owner.namespace}/${c.name}`).join(', ');
    certificateTexts.set(l, t);
  }
  return t;
}

/** TLS termination note, with the RFC 6125 one-label rule for wildcard certificates. */
export function tlsStep(tb: TraceBuilder, l: ResolvedListener): void {
  const req = tb.request;
  const sni = req.sni ?? req.connectHost;
  const passthrough = l.protocol === 'TLS' && l.tls?.mode === 'Passthrough';
  if (passthrough) {
    tb.add({ kind: 'note', summary: `TLS passthrough: the Gateway reads SNI ${sni} from the ClientHello and forwards the encrypted stream`, reason: 'TlsPassthrough', status: 'info', source: l.tls?.source });
    return;
  }
  const certs = certificatesOf(l);
  const notes: string[] = [];
  let status: 'info' | 'warn' = 'info';
  let reason: ReasonCode = 'TlsTerminated';
  if (l.hostname && isWildcard(l.hostname) && !certificateNameCovers(l.hostname, sni)) {
    status = 'warn';
    reason = 'CertificateNotCovering';
    notes.push(`if the certificate is issued for ${l.hostname}, it covers one label only (RFC 6125 6.4.3): clients reject it for ${sni}, although the listener routes that name`);
  }
  tb.add({ kind: 'note', summary: `TLS for SNI ${sni} terminates at ${l.label} with ${certs || 'no certificate'}`, reason, status, source: l.tls?.source ?? l.source, notes });
}

/**
 * HTTPS: the listener was chosen by SNI; the Host header must belong to it (Listener.Hostname,
 * RFC 7540 9.1.2): "If another Listener has an exact match or more specific wildcard entry,
 * the Gateway SHOULD return a 421" and if the SNI listener does not match the Host and no
 * other listener does either, "the Gateway MUST return a 404".
 */
export function misdirected(gw: ResolvedGateway, l: ResolvedListener, req: NormalizedRequest): { status: 421 | 404; message: string } | undefined {
  if (l.protocol !== 'HTTPS') return undefined;
  const sni = req.sni ?? req.connectHost;
  if (req.host === sni) return undefined;
  const others = gw.listeners.filter((x) => x !== l && x.usable && x.port === l.port && x.protocol === 'HTTPS' && (x.hostname === undefined || gatewayHostnameMatches(x.hostname, req.host)));
  const own = l.hostname === undefined || gatewayHostnameMatches(l.hostname, req.host);
  const better = others.find((x) => hostnameRank(x.hostname) > hostnameRank(l.hostname));
  if (better && (better.hostname !== undefined)) return { status: 421, message: `421 Misdirected Request: Host ${req.host} belongs to ${better.label} (${describeHostname(better.hostname)}), not to ${l.label} chosen by SNI ${sni}` };
  if (!own) {
    if (others.length > 0) return { status: 421, message: `421 Misdirected Request: Host ${req.host} does not match ${l.label} (chosen by SNI ${sni}) but matches ${others[0].label}` };
    return { status: 404, message: `404: Host ${req.host} matches no listener (the TLS connection is for SNI ${sni})` };
  }
  return undefined;
}
