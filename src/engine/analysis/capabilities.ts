// Capabilities of a configuration: which conformance features it uses (suite names, with
// object and line), which implementations support all of them by their reports, ranked,
// and for each blocker the generated requests that reach a rule using it.
import type { Cluster } from '../model/cluster.js';
import type { SourceRef } from '../model/source.js';
import { simulate } from '../simulate.js';
import { RequestError } from '../model/request.js';
import { configFeatures, routeKindProfiles, type FeatureUse } from '../gateway/implementations/features.js';
import { featureSupport, IMPLEMENTATIONS, implementationLabel, reportCitation } from '../gateway/implementations/index.js';
import type { ConformanceProfileName } from '../gateway/implementations/types.js';
import { generateRequests, type GeneratedRequest } from './requests.js';

export interface CapabilityObject {
  kind: string;
  namespace: string;
  name: string;
  line: number;
}

export interface UsedFeature {
  name: string;
  profile: ConformanceProfileName;
  objects: CapabilityObject[];
  /** what in the YAML uses it, per object (same order) */
  what: string[];
  /** where, per object (same order): the UI selects it */
  sources: SourceRef[];
}

export interface ImplementationCapability {
  /** the report folder name */
  name: string;
  title: string;
  version: string;
  report: string;
  /** the report's supported Extended features, for the profiles the config touches */
  supports: string[];
  /** the report's unsupported Extended features, for those profiles */
  lacks: string[];
  /** features the config uses that the report lists as unsupported */
  blockers: string[];
  /** profiles the config needs that the report does not claim at all */
  missingProfiles: string[];
  /** features the config uses that the report names neither way */
  unlisted: string[];
  /** per blocker, the generated requests that reach a rule using it */
  affected: Array<{ feature: string; requests: Array<{ method: string; url: string }>; more: number }>;
}

export interface Capabilities {
  /** conformance profiles the config touches */
  profiles: ConformanceProfileName[];
  routeKinds: Array<{ kind: string; count: number; profile: string }>;
  features: UsedFeature[];
  /** RegularExpression matches: valid everywhere, but their dialect and anchoring differ per implementation */
  implementationSpecific: Array<{ what: string; object: CapabilityObject }>;
  /** ranked: fewest blockers first, then fewest missing profiles, then fewest unlisted features */
  implementations: ImplementationCapability[];
}

const MAX_AFFECTED = 10;

function objectOf(u: { object: { kind: string; namespace: string; name: string }; source?: { startLine: number } }): CapabilityObject {
  return { ...u.object, line: u.source?.startLine ?? 0 };
}

function requestOf(r: GeneratedRequest): { method: string; url: string } {
  return { method: (r.method ?? 'GET').toUpperCase(), url: r.url };
}

export function capabilities(cluster: Cluster, requests: GeneratedRequest[] = generateRequests(cluster, { limit: 500 })): Capabilities {
  const uses = configFeatures(cluster);
  const byName = new Map<string, UsedFeature>();
  // Each feature lists an object at a line once. A feature every route uses has thousands of
  // them in a cluster dump: a set of the ones listed, not a scan of the list per use.
  const listed = new Map<string, Set<string>>();
  for (const u of uses) {
    let f = byName.get(u.feature);
    let seen = listed.get(u.feature);
    if (!f || !seen) {
      f = { name: u.feature, profile: u.profile, objects: [], what: [], sources: [] };
      seen = new Set();
      byName.set(u.feature, f);
      listed.set(u.feature, seen);
    }
    const o = objectOf(u);
    const key = `${o.kind}\0${o.namespace}\0${o.name}\0${o.line}`;
    if (!seen.has(key)) {
      seen.add(key);
      f.objects.push(o);
      f.what.push(u.what);
      f.sources.push(u.source);
    }
  }
  const features = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const kinds = routeKindProfiles(cluster);
  const profiles = new Set<ConformanceProfileName>();
  const routeKinds: Capabilities['routeKinds'] = [];
  for (const [p, e] of kinds) {
    if (p !== 'none') profiles.add(p);
    for (const k of e.kinds) routeKinds.push({ kind: k, count: e.count, profile: p === 'none' ? '(no conformance profile: TCPRoute/UDPRoute)' : p });
  }
  for (const f of features) profiles.add(f.profile);
  if (cluster.gatewayApi.gateways.length) profiles.add('GATEWAY-HTTP');

  const implementationSpecific: Capabilities['implementationSpecific'] = [];
  for (const route of cluster.gatewayApi.routes) {
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') continue;
    for (const rule of route.rules) {
      for (const m of rule.matches) {
        const obj = { kind: route.kind, namespace: route.meta.namespace, name: route.meta.name, line: m.source.startLine };
        if ('path' in m && m.path.type === 'RegularExpression') implementationSpecific.push({ what: `RegularExpression path ${m.path.value}`, object: obj });
        for (const h of m.headers) if (h.type === 'RegularExpression') implementationSpecific.push({ what: `RegularExpression header ${h.name}`, object: obj });
        if ('queryParams' in m) for (const q of m.queryParams) if (q.type === 'RegularExpression') implementationSpecific.push({ what: `RegularExpression query ${q.name}`, object: obj });
        if ('method' in m && m.method && typeof m.method === 'object' && m.method.type === 'RegularExpression') implementationSpecific.push({ what: 'RegularExpression gRPC method', object: obj });
      }
    }
  }

  // Which requests reach a rule using each feature (traced once, portable).
  const reach = affectedRequests(cluster, uses, requests);
  const touched = [...profiles].sort();
  const implementations: ImplementationCapability[] = [];
  for (const p of IMPLEMENTATIONS) {
    const report = p.report;
    if (!report) continue;
    const supports = new Set<string>();
    const lacks = new Set<string>();
    const missingProfiles: string[] = [];
    for (const prof of touched) {
      const d = report.profiles[prof];
      if (!d) {
        missingProfiles.push(prof);
        continue;
      }
      for (const f of d.supported) supports.add(f);
      for (const f of d.unsupported) lacks.add(f);
    }
    const blockers: string[] = [];
    const unlisted: string[] = [];
    for (const f of features) {
      const s = featureSupport(p, f.name, f.profile);
      if (s === 'unsupported') blockers.push(f.name);
      else if (s === 'unlisted') unlisted.push(f.name);
    }
    implementations.push({
      name: report.implementation,
      title: implementationLabel(p),
      version: report.version,
      report: reportCitation(p),
      supports: [...supports].sort(),
      lacks: [...lacks].sort(),
      blockers,
      missingProfiles,
      unlisted,
      affected: blockers.map((b) => {
        const all = reach.get(b) ?? [];
        return { feature: b, requests: all.slice(0, MAX_AFFECTED), more: Math.max(0, all.length - MAX_AFFECTED) };
      }),
    });
  }
  implementations.sort((a, b) => a.blockers.length - b.blockers.length || a.missingProfiles.length - b.missingProfiles.length || a.unlisted.length - b.unlisted.length || a.name.localeCompare(b.name));
  return { profiles: touched, routeKinds, features, implementationSpecific, implementations };
}

/** feature -> the requests whose portable trace runs a rule (or route) that uses it. */
function affectedRequests(cluster: Cluster, uses: FeatureUse[], requests: GeneratedRequest[]): Map<string, Array<{ method: string; url: string }>> {
  const byRule = new Map<string, Set<string>>();
  const ruleIdsOfRoute = new Map<string, string[]>();
  for (const r of cluster.gatewayApi.routes) ruleIdsOfRoute.set(`${r.kind}/${r.meta.namespace}/${r.meta.name}`, r.rules.map((x) => x.id));
  for (const u of uses) {
    const ids = u.ruleId ? [u.ruleId] : u.category === 'match' ? (ruleIdsOfRoute.get(`${u.object.kind}/${u.object.namespace}/${u.object.name}`) ?? []) : [];
    for (const id of ids) byRule.set(id, (byRule.get(id) ?? new Set()).add(u.feature));
  }
  const out = new Map<string, Array<{ method: string; url: string }>>();
  if (byRule.size === 0) return out;
  for (const r of requests) {
    let t;
    try {
      t = simulate(cluster, r, { mode: 'gateway' });
    } catch (err) {
      if (err instanceof RequestError) continue;
      throw err;
    }
    const hit = new Set<string>();
    for (const id of t.exercised) for (const f of byRule.get(id) ?? []) hit.add(f);
    for (const f of hit) out.set(f, [...(out.get(f) ?? []), requestOf(r)]);
  }
  return out;
}
