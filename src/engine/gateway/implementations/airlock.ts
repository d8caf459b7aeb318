// Airlock Microgateway as a Gateway API implementation. Only its conformance report is read from upstream;
// the regex dialect is what its data plane uses (Envoy safe_regex), and normalization and the handling
// of unsupported features are assumed (`verified: false`).
import { NO_NORMALIZATION, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const airlock: ImplementationProfile = {
  name: 'airlock-microgateway',
  aliases: ['airlock'],
  title: 'Airlock Microgateway',
  // GatewayClass controllerName by default: airlock/microgateway deploy/charts/airlock-microgateway/values.yaml (templates/gatewayclass.yaml).
  controllerName: 'microgateway.airlock.com/gatewayclass-controller',
  report: report('airlock-microgateway'),
  regex: { engine: 're2', path: 'full', value: 'full', summary: 'RE2 (Envoy safe_regex), the whole path or value must match' },
  normalization: { ...NO_NORMALIZATION, summary: 'assumed: the path is matched as sent (not checked against its data plane)' },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['regex anchoring, normalization and the handling of unsupported features are not read from its code', 'its own policy resources are not read'],
};
