// Cilium (cilium/cilium operator/pkg/model/translation): Envoy configured by the operator.
import { ENVOY_RE2, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const cilium: ImplementationProfile = {
  name: 'cilium',
  aliases: [],
  title: 'Cilium',
  // GatewayClass controllerName by default: cilium/cilium operator/pkg/gateway-api/helpers/consts.go CiliumDefaultControllerName.
  controllerName: 'io.cilium/gateway-controller',
  report: report('cilium'),
  // Translated to Envoy RouteMatch safe_regex (RE2, whole value).
  regex: { ...ENVOY_RE2, summary: 'RE2 (Envoy safe_regex), the whole path or value must match' },
  // Envoy's HTTP connection manager defaults (normalize_path and merge_slashes off) unless the
  // operator sets them; RouteLab assumes the defaults.
  normalization: {
    dotSegments: false,
    mergeSlashes: false,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'assumed Envoy defaults: the path is matched as sent (not checked against Cilium\'s generated listener)',
  },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['normalization and the handling of unsupported features are the spec\'s recommendation, not read from Cilium\'s code', 'CiliumEnvoyConfig and network policies are not read'],
};
