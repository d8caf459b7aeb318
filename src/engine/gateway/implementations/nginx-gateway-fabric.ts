// NGINX Gateway Fabric (nginx/nginx-gateway-fabric): NGINX locations generated per route.
import { report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const nginxGatewayFabric: ImplementationProfile = {
  name: 'nginx-nginx-gateway-fabric',
  aliases: ['nginx-gateway-fabric', 'ngf'],
  title: 'NGINX Gateway Fabric',
  report: report('nginx-nginx-gateway-fabric'),
  // A RegularExpression path becomes `location ~ <pattern>`: PCRE, unanchored
  // (NGF#4409, #4450, #4761: patterns that match part of the path, PCRE-only syntax).
  // Header and query regexes are evaluated by its njs module with JavaScript RegExp.test.
  regex: { engine: 'pcre', path: 'none', value: 'none', summary: 'PCRE (nginx location ~), unanchored: the pattern may match any part of the path unless it writes ^ and $ (NGF#4409, #4450, #4761)' },
  // nginx decodes %XX, resolves . and .. and merges slashes (merge_slashes on) before it
  // picks a location (ngx_http_parse_complex_uri).
  normalization: {
    dotSegments: true,
    mergeSlashes: true,
    escapedSlashes: 'decode',
    percentDecoding: 'all',
    summary: 'nginx decodes percent-escapes (so %2F becomes /), resolves dot segments and merges slashes before matching locations',
  },
  // internal/controller/state/graph: a rule with a filter it cannot program is invalid; the
  // route gets Accepted=False UnsupportedValue (partially invalid: other rules stay) and the
  // rule's matches answer 500.
  unsupportedFilter: {
    kind: 'rule-500',
    condition: 'Accepted=False',
    reason: 'UnsupportedValue',
    summary: 'the rule answers 500; the route status says UnsupportedValue',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['NginxProxy, ClientSettingsPolicy, SnippetsFilter and other NGF resources are not read', 'the 500-for-an-unsupported-filter behaviour is read from its documentation, not checked against its code'],
};
