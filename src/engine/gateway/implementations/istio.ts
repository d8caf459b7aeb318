// Istio (istio/istio pilot/pkg/config/kube/gateway), Envoy-based.
import { ENVOY_RE2, report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const istio: ImplementationProfile = {
  name: 'istio-istio',
  aliases: ['istio'],
  title: 'Istio',
  // GatewayClass controllerName by default: istio/istio pilot/pkg/features/pilot.go ManagedGatewayController (PILOT_GATEWAY_API_CONTROLLER_NAME overrides it).
  controllerName: 'istio.io/gateway-controller',
  report: report('istio-istio'),
  // conversion.go writes StringMatch{Regex} for VirtualService, compiled to Envoy safe_regex (RE2, whole value).
  regex: { ...ENVOY_RE2, summary: 'RE2 (Envoy safe_regex via VirtualService regex), the whole path or value must match' },
  // meshConfig.pathNormalization defaults to BASE: RFC 3986 dot segments only, no merging
  // of slashes (pilot/pkg/networking/core/listener_builder.go), %2F kept.
  normalization: {
    dotSegments: true,
    mergeSlashes: false,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'dot segments resolved (meshConfig pathNormalization BASE, the default); repeated slashes kept, so //a does not match /a; %2F kept',
  },
  // conversion.go: an unsupported filter (or an unresolved ExtensionRef) drops the whole
  // HTTPRoute from the generated VirtualService; status Accepted=True, ResolvedRefs=False InvalidFilter.
  unsupportedFilter: {
    kind: 'route-rejected',
    condition: 'ResolvedRefs=False',
    reason: 'InvalidFilter',
    summary: 'the whole HTTPRoute is left out of the generated configuration; status Accepted=True, ResolvedRefs=False InvalidFilter (conversion.go)',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: true,
  limits: ['the report is from v1.5 (Istio has none in v1.6)', 'DestinationRule, EnvoyFilter and mesh-wide settings are not read'],
};
