// Traefik Proxy v3.7 (traefik/traefik pkg/provider/kubernetes/gateway), Go net/http.
import { report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const traefik: ImplementationProfile = {
  name: 'traefik-traefik',
  aliases: ['traefik'],
  title: 'Traefik',
  // GatewayClass controllerName by default: traefik/traefik pkg/provider/kubernetes/gateway/kubernetes.go controllerName.
  controllerName: 'traefik.io/gateway-controller',
  report: report('traefik-traefik'),
  // httproute.go writes PathRegexp / HeaderRegexp / QueryRegexp rules with the pattern as
  // given; Traefik's matchers use Go regexp MatchString, which searches (no ^ or $ added).
  regex: { engine: 're2', path: 'none', value: 'none', summary: 'Go regexp (RE2 syntax), unanchored: the pattern may match any part of the path or value unless it writes ^ and $' },
  // The entry point's sanitizePath (default true) resolves dot segments and merges slashes;
  // encoded slashes are kept encoded (allowed by default since v3.6.7).
  normalization: {
    dotSegments: true,
    mergeSlashes: true,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'dot segments resolved and slashes merged (entry point http.sanitizePath, default true); %2F kept encoded',
  },
  // httproute.go: a filter type it does not load (RequestMirror, CORS, a foreign
  // ExtensionRef) makes the router answer 500; the route status is unchanged.
  unsupportedFilter: {
    kind: 'rule-500',
    condition: 'none',
    reason: '',
    summary: 'the rule\'s router answers 500; the route status stays Accepted=True (httproute.go)',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: true,
  limits: ['rule precedence is simulated as the spec orders it; Traefik\'s own priority computation for Gateway API routes is not modelled'],
};
