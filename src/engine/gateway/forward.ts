// From a selected rule to the response: the weighted backend choice, the backend's own
// filters, the Service and its Pods, and the Outcome with everything the check format
// compares (backend, backends with shares, upstream request, response headers, mirrors).
import { cachedFor, type Cluster } from '../model/cluster.js';
import type { AnyRouteRule, BackendRef, GatewayRoute, RouteFilter } from '../model/gateway.js';
import { resolveServiceBackend, serviceSteps, type ServiceResolution } from '../cluster/services.js';
import { lazyStep, type TraceBuilder } from '../trace/builder.js';
import type { Outcome, RouteRef, Trace, WeightedBackend } from '../trace/types.js';
import { backendCandidates, chooseBackend, describeBackendRef, type BackendChoice } from './backends.js';
import { applyFilters, type Exchange, type FilterContext } from './filters.js';
import { routeLabel } from './attach.js';
import { effectiveFilters } from './implementations/apply.js';

/** A rule's RouteRef, made once per rule and shared by the traces it decides (frozen). */
const routeRefs = new WeakMap<AnyRouteRule, { route: GatewayRoute; ref: RouteRef }>();

export function routeRefOf(route: GatewayRoute, rule: AnyRouteRule): RouteRef {
  const kept = routeRefs.get(rule);
  if (kept && kept.route === route) return kept.ref;
  const ref: RouteRef = Object.freeze({ kind: route.kind, namespace: route.meta.namespace, name: route.meta.name, rule: `rules[${rule.index}]${rule.name ? ` (${rule.name})` : ''}`, ruleId: rule.id, source: rule.source });
  routeRefs.set(rule, { route, ref });
  return ref;
}

const routeObjects = new WeakMap<GatewayRoute, Readonly<{ kind: string; namespace: string; name: string }>>();

/** A route's reference in a step: the same in every trace, so made once (frozen: shared). */
export function objRef(route: GatewayRoute): Readonly<{ kind: string; namespace: string; name: string }> {
  let ref = routeObjects.get(route);
  if (!ref) routeObjects.set(route, (ref = Object.freeze({ kind: route.kind, namespace: route.meta.namespace, name: route.meta.name })));
  return ref;
}

type Finish = Parameters<TraceBuilder['finish']>[0];

/**
 * A backendRef's Service, port and endpoints: the same for every request on this config,
 * so found once per backendRef (and namespace it points into). Read, never changed.
 */
function serviceOf(cluster: Cluster, ref: BackendRef, namespace: string): ServiceResolution {
  const find = () => ({ namespace, res: resolveServiceBackend(cluster, namespace, ref.name, { number: ref.port }) });
  const kept = cachedFor(cluster, 'gateway:backend-service', ref, find);
  return kept.namespace === namespace ? kept.res : find().res;
}

const outcomeBackends = new WeakMap<AnyRouteRule, { of: BackendChoice['candidates']; list: WeightedBackend[] }>();

/**
 * The outcome's list of a rule's weighted backends: the same for every request on this
 * config (the candidates are weighed once per rule), so written once per rule and its
 * candidates (frozen: shared).
 */
function weightedBackends(rule: AnyRouteRule, candidates: BackendChoice['candidates']): WeightedBackend[] {
  const kept = outcomeBackends.get(rule);
  if (kept && kept.of === candidates) return kept.list;
  const list = candidates.map((c) => {
    const b: WeightedBackend = { namespace: c.check.namespace, service: c.ref.name, port: c.ref.port, weight: c.weight, share: c.share, ruleId: rule.id };
    if (c.ref.kind !== 'Service' || c.ref.group !== '') b.kind = c.ref.kind;
    return Object.freeze(b);
  });
  Object.freeze(list);
  outcomeBackends.set(rule, { of: candidates, list });
  return list;
}

const chosenSummaries = new WeakMap<object, string>();

/**
 * The backend step's sentence for the backendRef a request is sampled to: the same for
 * every request sampled to it (the candidates are weighed once per rule), so written once.
 */
function chosenSummary(choice: BackendChoice, chosen: NonNullable<BackendChoice['chosen']>, route: GatewayRoute): string {
  let t = chosenSummaries.get(chosen);
  if (t === undefined) {
    t = choice.candidates.length === 1
      ? `backendRef ${describeBackendRef(chosen.ref, route.meta.namespace)}${chosen.check.ok ? '' : `: ${chosen.check.reason}`}`
      : `${choice.candidates.length} backendRefs split by weight (total ${choice.total}); this request is sampled to ${describeBackendRef(chosen.ref, route.meta.namespace)}`;
    chosenSummaries.set(chosen, t);
  }
  return t;
}

function mirrors(ex: Exchange): Outcome['mirroredTo'] {
  return ex.mirrors.map((m) => ({ namespace: m.check.namespace, service: m.ref.name, port: m.ref.port, percent: m.percent }));
}

/** The Gateway answered without a backend: a redirect or a CORS preflight. */
export function finishAnswered(tb: TraceBuilder, ex: Exchange, route: RouteRef): Trace | undefined {
  if (ex.redirect) {
    return tb.finish({
      kind: 'redirect',
      status: ex.redirect.status,
      reason: 'Redirected',
      message: `${ex.redirect.status} redirect to ${ex.redirect.location} (RequestRedirect of ${route.kind} ${route.namespace}/${route.name} ${route.rule})`,
      location: ex.redirect.location,
      route,
      responseHeaders: [...ex.responseHeaders, ['location', ex.redirect.location]],
      mirroredTo: mirrors(ex),
    });
  }
  if (ex.respond) {
    return tb.finish({
      kind: 'responded',
      status: ex.respond.status,
      reason: ex.respond.reason ?? 'CorsPreflight',
      message: `${ex.respond.status} from the Gateway: ${ex.respond.why}`,
      route,
      responseHeaders: ex.responseHeaders,
    });
  }
  return undefined;
}

export interface ForwardOptions {
  cluster: Cluster;
  tb: TraceBuilder;
  route: GatewayRoute;
  rule: AnyRouteRule;
  ex: Exchange;
  filterContext?: FilterContext;
  /** layer 4 (TLSRoute/TCPRoute/UDPRoute): failures reject the connection instead of a 500 */
  l4?: boolean;
}

/** The request ends without a backend: a 500 or 503 (layer 4: the connection is rejected). */
function failed(o: ForwardOptions, routeRef: RouteRef, status: number, reason: Finish['reason'], message: string, extra: Partial<Finish> = {}): Trace {
  return o.tb.finish(o.l4
    ? { kind: 'rejected', status: 0, reason, message: `connection rejected: ${message}`, route: routeRef, ...extra }
    : { kind: 'error', status, reason, message: `${status} from the Gateway: ${message}`, route: routeRef, responseHeaders: o.ex.responseHeaders, ...extra });
}

/**
 * The rule's backendRefs: "If *all* entries in BackendRefs are invalid, and there are also
 * no filters specified in this route rule, *all* traffic which matches this rule MUST
 * receive a 500 status code"; a rule without backendRefs forwards nowhere (500, as the
 * HTTPRouteNoBackendRefs conformance test expects); an invalid candidate's share of
 * requests gets a 500; a Service without ready endpoints SHOULD get a 503.
 */
export function forward(o: ForwardOptions): Trace {
  const { cluster, tb, route, rule, ex } = o;
  const req = tb.request;
  const routeRef = routeRefOf(route, rule);
  if (rule.backendRefs.length === 0) {
    tb.add({ kind: 'backend', summary: `${routeLabel(route)} rules[${rule.index}] has no backendRefs: the request has nowhere to go`, reason: 'NoBackends', status: 'fail', object: objRef(route), source: rule.source });
    return failed(o, routeRef, 500, 'NoBackends', `${routeLabel(route)} rules[${rule.index}] has no backendRefs`);
  }
  const seed = `${req.method} ${req.host}${req.path}${req.query} ${rule.id}`;
  const choice = chooseBackend(cluster, route, rule.backendRefs, seed);
  const backends = weightedBackends(rule, choice.candidates);
  const chosen = choice.chosen;
  tb.add(lazyStep({
    kind: 'backend',
    summary: !chosen ? `every backendRef of ${routeLabel(route)} rules[${rule.index}] has weight 0: no traffic is forwarded` : chosenSummary(choice, chosen, route),
    reason: !chosen ? 'NoBackends' : !chosen.check.ok ? (chosen.check.reason === 'RefNotPermitted' ? 'BackendRefNotPermitted' : chosen.check.reason === 'InvalidKind' ? 'BackendRefInvalidKind' : 'BackendRefNotFound') : 'BackendWeighted',
    status: chosen && chosen.check.ok ? 'ok' : 'fail',
    object: objRef(route),
    source: chosen?.ref.source ?? rule.source,
  }, () => {
    const invalid = choice.candidates.filter((c) => !c.check.ok);
    return {
      candidates: backendCandidates(choice, route.meta.namespace, rule.id),
      notes: invalid.length && chosen?.check.ok ? [`${invalid.map((c) => describeBackendRef(c.ref, route.meta.namespace)).join(', ')} invalid: the requests sampled to ${invalid.length === 1 ? 'it' : 'them'} get a 500`] : undefined,
    };
  }));
  if (!chosen) return failed(o, routeRef, 500, 'NoBackends', 'the total weight of the backendRefs is 0', { backends });
  const backend = { namespace: chosen.check.namespace, service: chosen.ref.name, port: chosen.ref.port };
  if (!chosen.check.ok) return failed(o, routeRef, 500, 'BackendInvalid', `${chosen.check.reason}: ${chosen.check.message}`, { backends, backend });
  // Filters of the chosen backendRef.
  if (o.filterContext && chosen.ref.filters.length > 0) {
    const filters = effectiveFilters(cluster, tb, route, rule, chosen.ref.filters as RouteFilter[], true);
    applyFilters(Object.assign({}, o.filterContext, { level: `backendRef ${describeBackendRef(chosen.ref, route.meta.namespace)}` }), ex, filters);
    const answered = finishAnswered(tb, ex, routeRef);
    if (answered) return answered;
  }
  const res = serviceOf(cluster, chosen.ref, backend.namespace);
  const { steps, endpoint } = serviceSteps(res, backend.namespace, backend.service, seed);
  for (const s of steps) tb.add(s);
  if (res.service?.type === 'ExternalName') {
    // BackendObjectReference.Kind: "Implementations SHOULD NOT support ExternalName Services."
    tb.add({ kind: 'note', summary: 'ExternalName Services have implementation-specific support in Gateway API ("Implementations SHOULD NOT support ExternalName Services", CVE-2021-25740); many Gateways reject this backend', reason: 'Note', status: 'warn', source: res.service.source });
  }
  if (!res.ok) {
    const unavailable = res.reason === 'NoReadyEndpoints' || res.reason === 'TargetPortUnresolved';
    return failed(o, routeRef, unavailable ? 503 : 500, unavailable ? 'BackendUnavailable' : res.reason, res.message, { backends, backend });
  }
  const upstream = { method: req.method, path: ex.path + ex.query, host: ex.host, headers: ex.headers };
  return tb.finish({
    kind: 'proxied',
    status: 200,
    reason: 'Proxied',
    message: o.l4
      ? `forwarded to ${backend.namespace}/${backend.service}:${backend.port}${endpoint ? ` (Pod ${endpoint.pod ?? endpoint.ip})` : ''} by ${routeLabel(route)}`
      : `proxied to ${backend.namespace}/${backend.service}:${backend.port}${endpoint ? ` (Pod ${endpoint.pod ?? endpoint.ip})` : ''}; the backend sees ${req.method} ${upstream.path}, Host ${upstream.host}`,
    backend,
    backends,
    route: routeRef,
    upstream,
    endpoint,
    endpoints: res.endpoints,
    responseHeaders: ex.responseHeaders,
    mirroredTo: mirrors(ex),
  });
}
