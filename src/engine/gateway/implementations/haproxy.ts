// HAProxy Ingress (jcmoraisjr/haproxy-ingress) as a Gateway API implementation.
// Read from its code at commit 465a51c (pkg/converters/gateway/gateway.go and the HAProxy
// templates it feeds).
import { report } from './common.js';
import type { ImplementationProfile } from './types.js';

export const haproxy: ImplementationProfile = {
  name: 'haproxy-ingress',
  aliases: ['haproxy'],
  title: 'HAProxy Ingress',
  // GatewayClass controllerName by default: jcmoraisjr/haproxy-ingress pkg/config/config.go; docs/content/en/docs/configuration/gateway-api.md.
  controllerName: 'haproxy-ingress.github.io/controller',
  report: report('haproxy-ingress'),
  // A RegularExpression path becomes a `map_reg` entry keyed by `^<host>#<pattern>`: the
  // pattern starts right after the host, so it is anchored at the start of the path and may end
  // anywhere unless it writes `$`. Header regexes become `req.hdr(...) -m reg` ACLs: unanchored.
  regex: { engine: 'pcre', path: 'start', value: 'none', summary: 'PCRE: a path regex is anchored at the start of the path only (map_reg ^host#pattern); header regexes (-m reg) may match any part of the value' },
  // HAProxy matches the path as received (no normalize-uri directives by default).
  normalization: {
    dotSegments: false,
    mergeSlashes: false,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'the path is matched as sent (HAProxy applies no normalize-uri rules by default)',
  },
  // gateway.go (route filters): a filter type it does not implement sets the route's Accepted
  // condition to False with reason UnsupportedValue ("Unsupported filter type"), yet the route's
  // backends are still created: the filter is simply not applied. backendRef filters are not read.
  unsupportedFilter: {
    kind: 'ignored',
    condition: 'Accepted=False',
    reason: 'UnsupportedValue',
    summary: 'the filter is not applied and the rule still routes, though the route reports Accepted=False UnsupportedValue (gateway.go: "Unsupported filter type")',
  },
  // gateway.go reads only the path and header conditions of a match: method and queryParams
  // are never looked at and no condition is set.
  unsupportedMatch: {
    kind: 'ignored',
    condition: 'none',
    reason: '',
    summary: 'the condition is not read: the rule matches as if it were not written (gateway.go reads only path and headers)',
  },
  verified: true,
  limits: [
    'the report is from v1.5 (HAProxy Ingress has none in v1.6)',
    'ignored method and query conditions still count in the Gateway API precedence RouteLab ranks by',
  ],
};
