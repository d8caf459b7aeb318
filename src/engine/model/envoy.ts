// Envoy Gateway's own resources that RouteLab simulates under the envoy-gateway profile.
// Field names follow Envoy Gateway's API (api/v1alpha1, group gateway.envoyproxy.io).
import type { K8sObject } from './resources.js';
import type { SourceRef } from './source.js';

export const ENVOY_GATEWAY_GROUP = 'gateway.envoyproxy.io';

/**
 * HTTPRouteFilter (api/v1alpha1/httproutefilter_types.go), referenced from an HTTPRoute rule
 * by an ExtensionRef filter. Only spec.urlRewrite.path of type ReplaceRegexMatch is
 * simulated; the other fields are listed in `other` and said in the trace.
 */
export interface EnvoyHttpRouteFilter extends K8sObject {
  kind: 'HTTPRouteFilter';
  regexRewrite?: { pattern: string; substitution: string; source: SourceRef };
  /** spec fields (or urlRewrite fields) RouteLab does not simulate */
  other: string[];
}

/**
 * SecurityPolicy (api/v1alpha1/securitypolicy_types.go) attached to HTTPRoutes by
 * targetRefs (or the older targetRef). Only basicAuth is simulated: a request without
 * credentials is answered 401 before the route's filters run; the other kinds of
 * authentication it can hold are listed in `other` and said in the trace.
 */
export interface EnvoySecurityPolicy extends K8sObject {
  kind: 'SecurityPolicy';
  targets: Array<{ group: string; kind: string; name: string; sectionName?: string }>;
  /** the Secret with the htpasswd file under the key ".htpasswd" */
  basicAuth?: { secret: string; source: SourceRef };
  other: string[];
}
