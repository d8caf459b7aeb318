// The implementation profile at work in a trace: one step that says which implementation
// applies and what it does to the path, the rules it does not program (a feature it lacks,
// by its conformance report), the rule that answers 500 instead, and the filters it ignores.
// The Gateway API engine calls these at the points where implementations differ.
import type { Cluster } from '../../model/cluster.js';
import { cachedFor } from '../../model/cluster.js';
import type { AnyRouteRule, GatewayRoute, RouteFilter } from '../../model/gateway.js';
import type { TraceBuilder } from '../../trace/builder.js';
import type { Trace } from '../../trace/types.js';
import { configFeatures, filterFeatures, routeFeatures, ruleFeatures, UNSIMULATED_FEATURES, unsimulatedFeatures, type FeatureUse } from './features.js';
import { featureSupport, handlingFor, implementationLabel, lackedUses, lackSentence, reportCitation } from './index.js';
import { normalizePath } from './normalize.js';
import type { ImplementationProfile, UnsupportedHandling } from './types.js';

const MAX_LISTED = 8;

function where(u: FeatureUse): string {
  return `${u.object.kind} ${u.object.namespace ? `${u.object.namespace}/` : ''}${u.object.name}${u.source ? ` line ${u.source.startLine}` : ''}`;
}

/** What the step says of a profile on this config: the same for every request, so built once per config. */
function profileNotes(cluster: Cluster, p: ImplementationProfile): string[] {
  return cachedFor(cluster, 'impl-notes', p, () => {
    // Without a report only the unsimulated features are said: no need to find every feature of every rule.
    const uses = p.report ? configFeatures(cluster) : unsimulatedFeatures(cluster);
    const notes: string[] = [];
    if (p.report) {
      notes.push(`${reportCitation(p)} (Gateway API ${p.report.gatewayAPIVersion}, ${p.report.gatewayAPIChannel} channel${p.report.mode !== 'default' ? `, mode ${p.report.mode}` : ''}), from ${p.report.provenance.repo}@${p.report.provenance.commit.slice(0, 12)}`);
      notes.push(`regular expressions: ${p.regex.summary}`);
      notes.push(`a filter it lacks: ${p.unsupportedFilter.summary}${p.verified ? '' : ' (assumed: RouteLab has not read this from its code)'}`);
      const configLacks = lackedUses(p, uses).filter((u) => u.category === 'config' || u.category === 'field');
      if (configLacks.length) {
        notes.push(`it lacks ${configLacks.length} feature(s) this config uses that RouteLab cannot turn into a routing difference: ${configLacks.slice(0, MAX_LISTED).map((u) => `${u.feature} (${where(u)})`).join(', ')}`);
      }
      const unclaimed = new Set(uses.filter((u) => featureSupport(p, u.feature, u.profile) === 'profile-unclaimed').map((u) => u.profile));
      for (const prof of unclaimed) notes.push(`its report does not claim the ${prof} profile; RouteLab routes those routes as the spec says`);
    }
    const unsimulated = uses.filter((u) => UNSIMULATED_FEATURES.has(u.feature));
    if (unsimulated.length) {
      const names = [...new Set(unsimulated.map((u) => u.feature))];
      notes.push(`RouteLab does not simulate ${names.join(', ')}, used by ${[...new Set(unsimulated.map(where))].slice(0, MAX_LISTED).join(', ')}: they change timing, retries or the backend connection, not which rule answers`);
    }
    return notes;
  });
}

/**
 * The "implementation" step of an HTTP(S) trace: the profile, its regex dialect and
 * normalization, what in the config it lacks or RouteLab does not simulate. When the
 * normalized path differs, routes see the normalized one; when the implementation answers
 * before routing (a 400 or a redirect for escaped slashes), the trace ends here.
 */
export function implementationStep(cluster: Cluster, tb: TraceBuilder): Trace | undefined {
  const p = tb.implementation;
  const notes = profileNotes(cluster, p);
  // portable is today's behaviour: it says something only when the config uses what RouteLab does not simulate.
  if (p.report || notes.length) tb.add({
    kind: 'implementation',
    summary: `${implementationLabel(p)}${p.report ? '' : ' (the specification\'s behaviour)'}: ${p.normalization.summary}`,
    reason: 'ImplementationProfile',
    status: 'info',
    notes: [...notes],
    facts: { implementation: p.name, ...(p.report ? { version: p.report.version } : {}) },
  });

  if (tb.request.grpc) return undefined;
  const n = normalizePath(tb.request.path, p.normalization);
  if (n.answer) {
    tb.add({ kind: 'implementation', summary: n.answer.message, reason: 'PathNormalized', status: 'fail', notes: n.changes.length ? [n.changes.join('; ')] : undefined, facts: { path: n.path } });
    const loc = n.answer.location !== undefined ? `${tb.request.scheme}://${tb.request.host}${tb.request.portExplicit ? `:${tb.request.port}` : ''}${n.answer.location}${tb.request.query}` : undefined;
    return tb.finish(loc
      ? { kind: 'redirect', status: n.answer.status, reason: 'PathNormalized', message: n.answer.message, location: loc, responseHeaders: [['location', loc]] }
      : { kind: 'rejected', status: n.answer.status, reason: 'PathNormalized', message: n.answer.message });
  }
  if (n.path !== tb.request.path) {
    tb.add({
      kind: 'implementation',
      summary: `${implementationLabel(p)} matches routes against ${n.path}, not ${tb.request.path}: ${n.changes.join('; ')}`,
      reason: 'PathNormalized',
      status: 'warn',
      facts: { path: n.path, sent: tb.request.path },
    });
    tb.request = Object.assign({}, tb.request, { path: n.path }); // not a spread: see TraceBuilder.finish
  }
  return undefined;
}

export interface RuleVerdict {
  /** the features it lacks that decide what happens to the rule */
  uses: FeatureUse[];
  handling: UnsupportedHandling;
}

/** The lacked filter or match features of a rule (with its route's), and what the implementation does. Cached. */
export function ruleVerdict(cluster: Cluster, p: ImplementationProfile, route: GatewayRoute, rule: AnyRouteRule): RuleVerdict | undefined {
  if (!p.report) return undefined;
  // Per profile object (two profiles may share a name: tests, custom profiles), then per rule.
  const verdicts = cachedFor(cluster, 'impl-verdicts', p, () => new Map<AnyRouteRule, RuleVerdict | undefined>());
  if (verdicts.has(rule)) return verdicts.get(rule);
  const v = ruleVerdictOf(cluster, p, route, rule);
  verdicts.set(rule, v);
  return v;
}

function ruleVerdictOf(cluster: Cluster, p: ImplementationProfile, route: GatewayRoute, rule: AnyRouteRule): RuleVerdict | undefined {
  const lacked = lackedUses(p, [...routeFeatures(route), ...ruleFeatures(cluster, route, rule)]);
  // The strongest handling wins: a rejected route over a dropped rule over a 500 over an ignored filter.
  const order: UnsupportedHandling['kind'][] = ['route-rejected', 'rule-dropped', 'rule-500', 'ignored'];
  let best: RuleVerdict | undefined;
  for (const u of lacked) {
    const h = handlingFor(p, u);
    if (!h) continue;
    if (!best || order.indexOf(h.kind) < order.indexOf(best.handling.kind)) best = { uses: [u], handling: h };
    else if (h.kind === best.handling.kind) best.uses.push(u);
  }
  // Route-level rejection: any rule of the route that is rejected takes the whole route out.
  if (!best || best.handling.kind !== 'route-rejected') {
    for (const other of route.rules) {
      if (other === rule) continue;
      for (const u of lackedUses(p, ruleFeatures(cluster, route, other))) {
        const h = handlingFor(p, u);
        if (h?.kind === 'route-rejected') return { uses: [u], handling: h };
      }
    }
  }
  return best;
}

function statusText(h: UnsupportedHandling): string {
  return h.condition === 'none' ? '' : `; predicted status ${h.condition}${h.reason ? ` ${h.reason}` : ''}`;
}

/** One sentence: what the implementation lacks and what it does about it. */
export function verdictSentence(p: ImplementationProfile, v: RuleVerdict): string {
  return `${v.uses.map((u) => lackSentence(p, u)).join('; ')}; ${v.handling.summary}${p.verified ? '' : ' (assumed)'}${statusText(v.handling)}`;
}

/**
 * Wraps a match test so that rules the implementation does not program never match: a
 * holding match of a rejected route or dropped rule becomes a skip with the reason.
 */
export function programmedOnly<E extends { route: GatewayRoute; rule: AnyRouteRule }>(
  cluster: Cluster,
  p: ImplementationProfile,
  holds: (e: E) => { ok: boolean; detail: string },
): (e: E) => { ok: boolean; detail: string; skip?: boolean } {
  if (!p.report) return holds;
  return (e) => {
    const v = holds(e);
    if (!v.ok) return v;
    const verdict = ruleVerdict(cluster, p, e.route, e.rule);
    if (!verdict || (verdict.handling.kind !== 'route-rejected' && verdict.handling.kind !== 'rule-dropped')) return v;
    const what = verdict.handling.kind === 'route-rejected' ? 'the route is not programmed' : 'the rule is not programmed';
    return { ok: false, skip: true, detail: `would match (${v.detail}), but ${what}: ${verdictSentence(p, verdict)}` };
  };
}

/** The winning rule answers 500 because it uses a feature the implementation lacks. */
export function unsupportedAnswer(cluster: Cluster, tb: TraceBuilder, route: GatewayRoute, rule: AnyRouteRule): Trace | undefined {
  const p = tb.implementation;
  const v = ruleVerdict(cluster, p, route, rule);
  if (!v || v.handling.kind !== 'rule-500') return undefined;
  const sentence = verdictSentence(p, v);
  tb.add({ kind: 'filter', summary: `${implementationLabel(p)} answers 500 for this rule`, reason: 'ImplementationUnsupported', status: 'fail', object: { ...v.uses[0].object }, source: v.uses[0].source, notes: [sentence] });
  return tb.finish({ kind: 'error', status: 500, reason: 'ImplementationUnsupported', message: `500 from ${implementationLabel(p)}: ${sentence}` });
}

/** The filters the implementation applies: those it lacks are left out when its handling is to ignore them. */
export function effectiveFilters(cluster: Cluster, tb: TraceBuilder, route: GatewayRoute, rule: AnyRouteRule, filters: RouteFilter[], backendLevel = false): RouteFilter[] {
  const p = tb.implementation;
  const v = ruleVerdict(cluster, p, route, rule);
  if (!v || v.handling.kind !== 'ignored') return filters;
  const lacked = new Set(v.uses.map((u) => u.feature));
  const kept = filters.filter((f) => !filterFeatures(f, backendLevel).some((x) => lacked.has(x.feature)));
  if (kept.length !== filters.length) {
    tb.add({ kind: 'filter', summary: `${implementationLabel(p)} ignores ${filters.length - kept.length} filter(s) of this rule`, reason: 'FeatureIgnored', status: 'warn', source: v.uses[0].source, notes: [verdictSentence(p, v)] });
  }
  return kept;
}

/** Notes for the rule step: lacked fields that change nothing RouteLab simulates (timeouts, retry, rule names). */
export function fieldLackNotes(cluster: Cluster, p: ImplementationProfile, route: GatewayRoute, rule: AnyRouteRule): string[] {
  if (!p.report) return [];
  return lackedUses(p, ruleFeatures(cluster, route, rule))
    .filter((u) => u.category === 'field')
    .map((u) => `${lackSentence(p, u)}; the field has no effect there${UNSIMULATED_FEATURES.has(u.feature) ? ' (RouteLab does not simulate it on any implementation)' : ''}`);
}
