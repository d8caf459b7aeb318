// The implementation profiles, one file each, and the questions the engine asks of them.
import type { FeatureUse } from './features.js';
import type { MatchDialect } from '../match.js';
import { agentgateway } from './agentgateway.js';
import { airlock } from './airlock.js';
import { awsLoadBalancerController } from './aws-load-balancer-controller.js';
import { cilium } from './cilium.js';
import { envoyGateway } from './envoy-gateway.js';
import { gkeGateway } from './gke-gateway.js';
import { gravitee } from './gravitee.js';
import { haproxy } from './haproxy.js';
import { higress } from './higress.js';
import { istio } from './istio.js';
import { kgateway } from './kgateway.js';
import { kongOperator } from './kong-operator.js';
import { nginxGatewayFabric } from './nginx-gateway-fabric.js';
import { portable } from './portable.js';
import { traefik } from './traefik.js';
import type { ConformanceProfileName, ImplementationProfile, UnsupportedHandling } from './types.js';

export type { ImplementationProfile } from './types.js';
export { portable } from './portable.js';

/** portable first, then the eight the project set out to compare, then the other reports. */
export const IMPLEMENTATIONS: readonly ImplementationProfile[] = [
  portable,
  envoyGateway,
  istio,
  cilium,
  nginxGatewayFabric,
  kgateway,
  traefik,
  haproxy,
  agentgateway,
  airlock,
  awsLoadBalancerController,
  gkeGateway,
  gravitee,
  higress,
  kongOperator,
];

export const IMPLEMENTATION_NAMES: readonly string[] = IMPLEMENTATIONS.map((p) => p.name);

const BY_NAME = new Map<string, ImplementationProfile>();
for (const p of IMPLEMENTATIONS) for (const n of [p.name, ...p.aliases]) BY_NAME.set(n, p);

/** A profile by report folder name or alias (case-insensitive), or undefined. */
export function findImplementation(name: string): ImplementationProfile | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** "name (aliases)" list for error messages and --help. */
export function implementationChoices(): string {
  return IMPLEMENTATIONS.map((p) => (p.aliases.length ? `${p.name} (${p.aliases.join(', ')})` : p.name)).join(', ');
}

/** "Traefik v3.7.10" */
export function implementationLabel(p: ImplementationProfile): string {
  return p.report ? `${p.title} ${p.report.version}` : p.title;
}

/** "conformance report v1.6/traefik-traefik/v3.7.10-report.yaml" */
export function reportCitation(p: ImplementationProfile): string {
  return p.report ? `conformance report ${p.report.provenance.path.replace(/^conformance\/reports\//, '')}` : 'the Gateway API specification';
}

export type FeatureSupport = 'supported' | 'unsupported' | 'profile-unclaimed' | 'unlisted';

/**
 * What the report says of one feature: listed as supported or unsupported; its conformance
 * profile not in the report at all; or not named in the report (a feature newer than it).
 */
export function featureSupport(p: ImplementationProfile, feature: string, profile: ConformanceProfileName): FeatureSupport {
  if (!p.report) return 'supported';
  const data = p.report.profiles[profile];
  if (!data) return 'profile-unclaimed';
  if (data.supported.includes(feature)) return 'supported';
  if (data.unsupported.includes(feature)) return 'unsupported';
  // Mesh reports name their features differently; an HTTP feature may be listed under GATEWAY-HTTP only.
  return 'unlisted';
}

/** The handling that applies to a lacked feature of this category. */
export function handlingFor(p: ImplementationProfile, use: FeatureUse): UnsupportedHandling | undefined {
  if (use.category === 'filter') return p.unsupportedFilter;
  if (use.category === 'match') return p.unsupportedMatch;
  return undefined;
}

/** The feature uses an implementation lacks (the report lists them as unsupported). */
export function lackedUses(p: ImplementationProfile, uses: readonly FeatureUse[]): FeatureUse[] {
  if (!p.report) return [];
  return uses.filter((u) => featureSupport(p, u.feature, u.profile) === 'unsupported');
}

/** "Traefik v3.7.10 does not support HTTPRouteRequestMirror (conformance report v1.6/...)" */
export function lackSentence(p: ImplementationProfile, use: FeatureUse): string {
  return `${implementationLabel(p)} does not support ${use.feature} (${reportCitation(p)}): ${use.what}`;
}

const dialects = new WeakMap<ImplementationProfile, MatchDialect>();
/**
 * The regex dialect of the profile, plus the match conditions it does not program: a lacked
 * method or query match whose handling is to ignore it is not checked at all (HAProxy Ingress).
 */
export function matchDialect(p: ImplementationProfile): MatchDialect {
  let d = dialects.get(p);
  if (d) return d;
  d = { engine: p.regex.engine, path: p.regex.path, value: p.regex.value };
  if (p.report && p.unsupportedMatch.kind === 'ignored') {
    const ignored = (feature: string) =>
      featureSupport(p, feature, 'GATEWAY-HTTP') === 'unsupported'
        ? `${implementationLabel(p)} does not support ${feature} (${reportCitation(p)}) and ${p.unsupportedMatch.summary}${p.verified ? '' : ' (assumed)'}`
        : undefined;
    const m = ignored('HTTPRouteMethodMatching');
    const q = ignored('HTTPRouteQueryParamMatching');
    if (m) d.ignoreMethod = m;
    if (q) d.ignoreQuery = q;
  }
  dialects.set(p, d);
  return d;
}
