// Higress as a Gateway API implementation. Only its conformance report is read from upstream;
// the regex dialect is what its data plane uses (Envoy safe_regex), and normalization and the handling
// of unsupported features are assumed (`verified: false`).
import { NO_NORMALIZATION, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const higress: ImplementationProfile = {
  name: 'higress-group-higress',
  aliases: ['higress'],
  title: 'Higress',
  // GatewayClass controllerName by default: alibaba/higress pkg/config/constants/constants.go ManagedGatewayController.
  controllerName: 'higress.io/gateway-controller',
  report: report('higress-group-higress'),
  regex: { engine: 're2', path: 'full', value: 'full', summary: 'RE2 (Envoy safe_regex), the whole path or value must match' },
  normalization: { ...NO_NORMALIZATION, summary: 'assumed: the path is matched as sent (not checked against its data plane)' },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['regex anchoring, normalization and the handling of unsupported features are not read from its code', 'its own policy resources are not read'],
};
