// GKE Gateway as a Gateway API implementation. Only its conformance report is read from upstream;
// the regex dialect is what its data plane uses (Google Cloud URL maps, RE2), and normalization and the handling
// of unsupported features are assumed (`verified: false`).
import { NO_NORMALIZATION, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const gkeGateway: ImplementationProfile = {
  name: 'gke-gateway',
  aliases: ['gke'],
  title: 'GKE Gateway',
  // GatewayClass controllerName by default: GKE's controller is closed source; the value GatewayClasses show in kubectl output (not read from Google's own docs).
  controllerName: 'networking.gke.io/gateway',
  report: report('gke-gateway'),
  regex: { engine: 're2', path: 'full', value: 'full', summary: 'RE2 (URL map regexMatch), the whole path or value must match' },
  normalization: { ...NO_NORMALIZATION, summary: 'assumed: the path is matched as sent (not checked against its data plane)' },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['regex anchoring, normalization and the handling of unsupported features are not read from its code', 'its own policy resources are not read'],
};
