// Kong (operator) as a Gateway API implementation. Only its conformance report is read from upstream;
// the regex dialect is what its data plane uses (Kong expressions router: ^ prepended to path regexes, no $ appended), and normalization and the handling
// of unsupported features are assumed (`verified: false`).
import { NO_NORMALIZATION, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const kongOperator: ImplementationProfile = {
  name: 'kong-operator',
  aliases: ['kong'],
  title: 'Kong (operator)',
  // GatewayClass controllerName by default: Kong/kong-operator pkg/vars/gateway.go DefaultControllerName.
  controllerName: 'konghq.com/gateway-operator',
  report: report('kong-operator'),
  regex: { engine: 're2', path: 'start', value: 'full', summary: 'Kong expressions router: the path regex must match from the start of the path (^ prepended, no $); values full match' },
  normalization: { ...NO_NORMALIZATION, summary: 'assumed: the path is matched as sent (not checked against its data plane)' },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['regex anchoring, normalization and the handling of unsupported features are not read from its code', 'its own policy resources are not read'],
};
