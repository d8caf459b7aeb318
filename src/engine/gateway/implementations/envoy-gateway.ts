// Envoy Gateway (envoyproxy/gateway), as its translator writes Envoy configuration.
import { ENVOY_RE2, report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const envoyGateway: ImplementationProfile = {
  name: 'envoy-gateway',
  aliases: ['eg', 'envoy'],
  title: 'Envoy Gateway',
  // GatewayClass controllerName by default: envoyproxy/gateway api/v1alpha1/envoygateway_types.go GatewayControllerName; examples/kubernetes/quickstart.yaml.
  controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
  report: report('envoy-gateway'),
  // internal/gatewayapi/route.go builds StringMatch{SafeRegex} for path, header and query
  // regexes; Envoy's safe_regex matches the whole value (RE2).
  regex: { ...ENVOY_RE2, summary: 'RE2 (Envoy safe_regex), the whole path or value must match' },
  // internal/gatewayapi/listener.go (ClientTrafficPolicy defaults): normalize_path and
  // merge_slashes on, path_with_escaped_slashes_action UNESCAPE_AND_REDIRECT; Envoy
  // unescapes first, then canonicalizes, then merges (ConnectionManagerUtility::maybeNormalizePath).
  normalization: {
    dotSegments: true,
    mergeSlashes: true,
    escapedSlashes: 'redirect',
    percentDecoding: 'none',
    summary: 'dot segments resolved and slashes merged (Envoy normalize_path, merge_slashes); %2F and %5C unescaped and redirected (UNESCAPE_AND_REDIRECT), Envoy Gateway\'s ClientTrafficPolicy defaults',
  },
  // internal/gatewayapi/filters.go: a filter it cannot translate sets Accepted=False
  // UnsupportedValue on the route and turns the rule into a direct 500 response.
  unsupportedFilter: {
    kind: 'rule-500',
    condition: 'Accepted=False',
    reason: 'UnsupportedValue',
    summary: 'the rule answers 500 and the route is marked Accepted=False UnsupportedValue (internal/gatewayapi/filters.go)',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: true,
  limits: ['ClientTrafficPolicy and BackendTrafficPolicy are not read; of SecurityPolicy only basicAuth on an HTTPRoute (a request without credentials gets 401, credentials are not checked), of HTTPRouteFilter only urlRewrite.path ReplaceRegexMatch are simulated'],
};
