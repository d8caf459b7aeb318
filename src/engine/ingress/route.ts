// The Ingress half of simulate(): entry point, classes, the controller's decision,
// then the backend Service and its Pods, and the response.
import type { Cluster } from '../model/cluster.js';
import { cached, cachedFor, sameObjects } from '../model/cluster.js';
import type { ControllerName, Hostname } from '../model/request.js';
import type { Ingress, IngressBackend } from '../model/resources.js';
import { resolveServiceBackend, serviceSteps, type ServiceResolution } from '../cluster/services.js';
import { lazyStep, type TraceBuilder } from '../trace/builder.js';
import type { Outcome, Trace, TraceCandidate } from '../trace/types.js';
import { CONTROLLER_PROFILES, selectIngresses, type ClassSelection } from './classes.js';
import { INGRESS_CONTROLLERS } from './controllers/index.js';
import { capCandidates, ingressRef } from './steps.js';
import { buildHostTable, describeBackend, lookupHost, type HostTable } from './table.js';
import type { ControllerContext, IngressDecision, IngressTarget } from './types.js';
import { singleLabelWildcardFor } from '../match/hostname.js';

// The last host table built for each controller. The table is a function of the served
// Ingresses alone (an Ingress is not changed once read), so an edit that serves the same
// Ingresses, in the same order, keeps it, and with it every index built on its entries.
const lastTables = new Map<string, { served: Ingress[]; table: HostTable }>();

export function ingressTable(cluster: Cluster, controller: ControllerName, serveAll = false): { selection: ClassSelection; table: HostTable } {
  const profile = CONTROLLER_PROFILES[controller];
  const selection = selectIngresses(cluster, profile, serveAll);
  const slot = `ingress-table${serveAll ? '-all' : ''} ${controller}`;
  const table = cached(cluster, slot, () => {
    const last = lastTables.get(slot);
    if (last && sameObjects(last.served, selection.served)) return last.table;
    const built = buildHostTable(selection.served);
    lastTables.set(slot, { served: selection.served.slice(), table: built });
    return built;
  });
  return { selection, table };
}

/** The address clients reach the controller at: an Ingress status address, else a simulated one. */
export function controllerAddress(cluster: Cluster, controller: ControllerName): { address: string; simulated: boolean } {
  // Once per config: every trace asks, and the served Ingresses can number thousands.
  return cachedFor(cluster, 'ingress-address', controller, () => {
    const { selection } = ingressTable(cluster, controller);
    const withStatus = selection.served.find((i) => i.statusAddresses.length > 0);
    if (withStatus) return { address: withStatus.statusAddresses[0], simulated: false };
    return { address: CONTROLLER_PROFILES[controller].simulatedAddress, simulated: true };
  });
}

/** Does any served Ingress name this host (exactly or by wildcard)? Used to pick an entry point in auto mode. */
export function ingressClaimsHost(cluster: Cluster, controller: ControllerName, host: Parameters<typeof lookupHost>[1]): boolean {
  const { table } = ingressTable(cluster, controller);
  const l = lookupHost(table, host);
  return !!(l.exact || l.wildcard);
}

export function routeIngress(cluster: Cluster, controller: ControllerName, tb: TraceBuilder, serveAll = false): Trace {
  const req = tb.request;
  const model = INGRESS_CONTROLLERS[controller];
  const profile = model.profile;
  const { selection, table } = ingressTable(cluster, controller, serveAll);
  const addr = controllerAddress(cluster, controller);
  tb.mode = 'ingress';
  tb.entry = { kind: 'ingress', controller, address: addr.address, addressSimulated: addr.simulated };

  // Which Ingresses this controller serves: those that could take this host, served or not.
  const classNames = selection.classes.map((c) => `${c.meta.name}${c.isDefault ? ' (default class)' : ''}`);
  const host = req.host;
  tb.add(
    lazyStep(
      {
        kind: 'entry',
        summary: `${profile.title}${classNames.length ? `, IngressClass ${classNames.join(', ')}` : ''}: serves ${selection.served.length} of ${cluster.ingresses.length} Ingress(es)`,
        reason: 'ControllerSelected',
        status: selection.served.length > 0 ? 'ok' : 'warn',
        source: selection.classes[0]?.source,
        object: selection.classes[0] ? { kind: 'IngressClass', name: selection.classes[0].meta.name } : undefined,
        facts: { controller, address: addr.address },
      },
      () => {
        const { shown, hidden } = capCandidates(classCandidatesFor(cluster, controller, selection, table, host, serveAll));
        return {
          candidates: shown,
          notes: [
            ...(selection.assumed && cluster.ingresses.length > 0
              ? [profile.needsClassObject && cluster.ingresses.some((i) => i.ingressClassName !== undefined)
                ? `the manifests hold no IngressClass, so RouteLab assumes this controller serves the Ingresses; a real ${profile.title} serves an Ingress with ingressClassName only when its IngressClass exists, and would serve none of them here`
                : 'the manifests hold no IngressClass, so RouteLab assumes this controller serves the Ingresses']
              : []),
            ...(hidden ? [`${hidden} more Ingress(es) not listed`] : []),
          ],
        };
      },
    ),
  );
  noteTls(cluster, tb, selection);

  const ctx: ControllerContext = { cluster, profile, selection, table, request: req, trace: tb };
  const decision = model.route(ctx);
  return finishIngressDecision(cluster, tb, decision, model.unavailableStatus, model.unavailableWhy);
}

/** Unserved Ingresses indexed by the hosts they name, so a trace lists only the relevant ones. */
function unservedIndex(cluster: Cluster, controller: ControllerName, selection: ClassSelection, serveAll: boolean): HostTable {
  return cachedFor(cluster, serveAll ? 'ingress-unserved-all' : 'ingress-unserved', controller, () => buildHostTable(selection.decisions.filter((d) => !d.served).map((d) => d.ingress)));
}

function classCandidatesFor(cluster: Cluster, controller: ControllerName, selection: ClassSelection, table: HostTable, host: Hostname, serveAll: boolean): TraceCandidate[] {
  const decisionOf = cachedFor(cluster, serveAll ? 'ingress-decisions-all' : 'ingress-decisions', controller, () => new Map(selection.decisions.map((d) => [d.ingress, d])));
  const relevant = new Set<Ingress>();
  for (const t of [table, unservedIndex(cluster, controller, selection, serveAll)]) {
    const l = lookupHost(t, host);
    for (const e of [l.exact, l.wildcard, l.any]) for (const ing of e?.ingresses ?? []) relevant.add(ing);
    for (const d of t.defaultBackends.slice(0, 3)) relevant.add(d.ingress);
  }
  if (relevant.size === 0 && selection.decisions.length > 0) relevant.add(selection.decisions[0].ingress);
  return [...relevant].map((ing) => {
    const d = decisionOf.get(ing)!;
    return {
      label: `Ingress ${ing.meta.namespace}/${ing.meta.name}`,
      verdict: d.served ? 'won' : 'skip',
      reason: d.reason,
      detail: d.detail,
      object: ingressRef(ing),
      source: ing.source,
    };
  });
}

interface TlsEntry {
  ing: Ingress;
  t: Ingress['tls'][number];
  /** position in the served Ingresses' spec.tls hosts: the first entry that covers a host wins */
  seq: number;
}

/** The served Ingresses' spec.tls hosts, first entry per host name, exact and wildcard ("*.foo.com"). Once per selection. */
const tlsIndexes = new WeakMap<ClassSelection, Map<string, TlsEntry>>();
function tlsEntryFor(selection: ClassSelection, host: Hostname): TlsEntry | undefined {
  let index = tlsIndexes.get(selection);
  if (!index) {
    index = new Map();
    let seq = 0;
    for (const ing of selection.served) {
      for (const t of ing.tls) {
        for (const h of t.hosts) {
          const key = h.toLowerCase();
          if (!index.has(key)) index.set(key, { ing, t, seq });
        }
        seq++;
      }
    }
    tlsIndexes.set(selection, index);
  }
  // ingressHostMatches: the host itself, or a wildcard covering exactly its first label.
  const exact = index.get(host);
  const wildcard = singleLabelWildcardFor(host);
  const wild = wildcard !== undefined ? index.get(wildcard) : undefined;
  const hit = exact && wild ? (exact.seq <= wild.seq ? exact : wild) : exact ?? wild;
  return hit;
}

/** HTTPS: which Ingress TLS entry covers the host (spec.tls[].hosts), else the controller's default certificate. */
function noteTls(cluster: Cluster, tb: TraceBuilder, selection: ClassSelection): void {
  const req = tb.request;
  if (req.protocol !== 'https') return;
  const found = tlsEntryFor(selection, req.host);
  if (found) {
    const { ing, t } = found;
    const secretKnown = t.secretName ? cluster.secrets.has(`${ing.meta.namespace}/${t.secretName}`) : false;
    tb.add({
      kind: 'note',
      summary: `TLS for ${req.host} terminates with Secret ${t.secretName ?? '(none)'} of Ingress ${ing.meta.namespace}/${ing.meta.name}${secretKnown ? '' : ' (the Secret is not in the manifests; assumed to exist)'}`,
      reason: 'Note',
      status: 'info',
      object: ingressRef(ing),
      source: t.source,
    });
    return;
  }
  tb.note(`no Ingress lists ${req.host} under spec.tls; the controller presents its default certificate`);
}

/** The object a decision names: the Ingress, or the VirtualServer that stands in its place. */
function targetRef(t: IngressTarget): { kind: string; namespace: string; name: string } {
  return (t.object as { kind: string; namespace: string; name: string } | undefined) ?? ingressRef(t.ingress);
}

/**
 * An Ingress backend's Service, port and endpoints: the same for every request on this
 * config, so found once per backend (and the namespace it is read in). Read, never changed.
 */
function serviceOf(cluster: Cluster, svc: NonNullable<IngressBackend['service']>, namespace: string): ServiceResolution {
  const find = () => ({ namespace, res: resolveServiceBackend(cluster, namespace, svc.name, svc.port) });
  const kept = cachedFor(cluster, 'ingress:backend-service', svc, find);
  return kept.namespace === namespace ? kept.res : find().res;
}

export function finishIngressDecision(cluster: Cluster, tb: TraceBuilder, d: IngressDecision, unavailableStatus: number, unavailableWhy?: string): Trace {
  const req = tb.request;
  if (d.kind === 'redirect') {
    if (d.target) tb.exercise(d.target.ruleId);
    return tb.finish({
      kind: 'redirect',
      status: d.status,
      reason: d.reason,
      message: d.message,
      location: d.location,
      route: d.target ? Object.assign({}, targetRef(d.target), { rule: d.target.rule, ruleId: d.target.ruleId, source: d.target.source }) : undefined,
      responseHeaders: [['location', d.location]],
    });
  }
  if (d.kind === 'respond') {
    if (d.target) tb.exercise(d.target.ruleId);
    return tb.finish({
      // 404: nothing served it; 5xx: an error; anything else (401) the entry point's own answer.
      kind: d.status >= 500 ? 'error' : d.status === 404 ? 'not-found' : 'responded',
      status: d.status,
      reason: d.reason,
      message: d.message,
      route: d.target ? Object.assign({}, targetRef(d.target), { rule: d.target.rule, ruleId: d.target.ruleId, source: d.target.source }) : undefined,
    });
  }
  tb.exercise(d.ruleId);
  const owner = targetRef(d);
  // Object.assign, not a spread with more fields (see TraceBuilder.finish).
  const route = Object.assign({}, owner, { rule: d.rule, ruleId: d.ruleId, source: d.source });
  const upstreamPath = d.upstreamPath ?? req.path + req.query;
  const upstreamHost = d.upstreamHost ?? req.host;
  const removed = new Set(d.removeRequestHeaders ?? []);
  const headers: Array<[string, string]> = req.headers.filter(([n]) => n !== 'host' && n !== ':authority' && !removed.has(n));
  for (const [n, v] of d.setRequestHeaders ?? []) {
    const i = headers.findIndex(([k]) => k === n.toLowerCase());
    if (i >= 0) headers[i] = [n.toLowerCase(), v];
    else headers.push([n.toLowerCase(), v]);
  }
  const upstream = { method: req.method, path: upstreamPath, host: upstreamHost, headers };
  const split = d.split?.map((s) => {
    const total = d.split!.reduce((a, x) => a + x.weight, 0);
    return {
      namespace: s.serviceNamespace ?? s.ingress.meta.namespace,
      service: s.backend.service?.name ?? s.backend.resource?.name ?? '',
      port: s.backend.service?.port.number,
      weight: s.weight,
      share: total > 0 ? s.weight / total : 0,
      ruleId: s.ruleId,
    };
  });
  const ns = d.serviceNamespace ?? d.ingress.meta.namespace;
  if (d.backend.resource) {
    const r = d.backend.resource;
    tb.add({
      kind: 'backend',
      summary: `resource backend ${r.apiGroup ? `${r.apiGroup}/` : ''}${r.kind} ${ns}/${r.name}: the controller serves it itself (no Service)`,
      reason: 'ResourceBackend',
      status: 'ok',
      object: owner,
      source: d.backend.source,
    });
    return tb.finish({
      kind: 'proxied',
      status: 200,
      reason: 'ResourceBackend',
      message: `served from resource ${r.kind} ${ns}/${r.name}`,
      backend: { namespace: ns, service: r.name, kind: r.kind },
      route,
      upstream,
      responseHeaders: d.responseHeaders,
    });
  }
  const svc = d.backend.service!;
  const res = serviceOf(cluster, svc, ns);
  tb.add({
    kind: 'backend',
    summary: `backend ${describeBackend(d.backend)}${d.serviceNamespace ? ` in namespace ${ns}` : ''} of ${owner.kind} ${owner.namespace}/${owner.name} (${d.rule})`,
    reason: res.ok ? 'ServiceResolved' : res.reason,
    status: res.ok ? 'ok' : 'fail',
    object: owner,
    source: d.backend.source,
  });
  const { steps, endpoint } = serviceSteps(res, ns, svc.name, `${req.method} ${req.host}${req.path}`);
  for (const s of steps) tb.add(s);
  const backend = { namespace: ns, service: svc.name, port: res.port?.port ?? svc.port.number };
  if (!res.ok) {
    if (unavailableWhy) tb.add({ kind: 'note', summary: `the controller answers ${unavailableStatus}: ${unavailableWhy}`, reason: 'NoReadyEndpoints', status: 'info' });
    return tb.finish({
      kind: 'error',
      status: unavailableStatus,
      reason: res.reason,
      message: `${unavailableStatus} from the controller: ${res.message}`,
      backend,
      backends: split,
      route,
    });
  }
  const outcome: Omit<Outcome, 'responseHeaders' | 'mirroredTo'> & { responseHeaders?: Outcome['responseHeaders'] } = {
    kind: 'proxied',
    status: 200,
    reason: 'Proxied',
    message: `proxied to ${ns}/${svc.name}:${backend.port ?? '?'}${endpoint ? ` (Pod ${endpoint.pod ?? endpoint.ip})` : ''}; the backend sees ${req.method} ${upstreamPath}, Host ${upstreamHost}`,
    backend,
    backends: split,
    route,
    upstream,
    endpoint,
    endpoints: res.endpoints,
    responseHeaders: d.responseHeaders,
  };
  return tb.finish(outcome);
}
