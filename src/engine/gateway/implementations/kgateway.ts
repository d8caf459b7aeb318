// kgateway (kgateway-dev/kgateway, formerly Gloo Gateway: seed 000's Gloo), Envoy-based.
import { ENVOY_RE2, report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const kgateway: ImplementationProfile = {
  name: 'kgateway',
  aliases: ['gloo', 'gloo-gateway'],
  title: 'kgateway',
  // GatewayClass controllerName by default: kgateway-dev/kgateway pkg/kgateway/wellknown/controller.go DefaultGatewayControllerName.
  controllerName: 'kgateway.dev/kgateway',
  report: report('kgateway'),
  // Route translation emits Envoy safe_regex matchers (RE2, whole value).
  regex: { ...ENVOY_RE2, summary: 'RE2 (Envoy safe_regex), the whole path or value must match' },
  // Its HTTP connection manager sets normalize_path and merge_slashes; escaped slashes keep
  // Envoy's default (KEEP_UNCHANGED).
  normalization: {
    dotSegments: true,
    mergeSlashes: true,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'dot segments resolved and slashes merged (Envoy normalize_path, merge_slashes); %2F kept as sent',
  },
  // internal/kgateway/krtcollections (convertFilterIr): a filter type without a plugin is
  // skipped, the route stays Accepted.
  unsupportedFilter: {
    kind: 'ignored',
    condition: 'none',
    reason: '',
    summary: 'the filter is skipped and the rule routes as if it were not written; the route stays Accepted (krtcollections convertFilterIr)',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: true,
  limits: ['TrafficPolicy, HTTPListenerPolicy and other kgateway policies are not read'],
};
