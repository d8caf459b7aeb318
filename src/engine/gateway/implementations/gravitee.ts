// Gravitee as a Gateway API implementation. Only its conformance report is read from upstream;
// the regex dialect is what its data plane uses (Java regex, assumed full match), and normalization and the handling
// of unsupported features are assumed (`verified: false`).
import { NO_NORMALIZATION, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const gravitee: ImplementationProfile = {
  name: 'gravitee',
  aliases: [],
  title: 'Gravitee',
  // GatewayClass controllerName by default: gravitee-io/gravitee-kubernetes-operator internal/core/keys.go GraviteeGatewayClassController.
  controllerName: 'apim.gravitee.io/gateway',
  report: report('gravitee'),
  regex: { engine: 're2', path: 'full', value: 'full', summary: 'assumed full match (not checked)' },
  normalization: { ...NO_NORMALIZATION, summary: 'assumed: the path is matched as sent (not checked against its data plane)' },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['regex anchoring, normalization and the handling of unsupported features are not read from its code', 'its own policy resources are not read'],
};
