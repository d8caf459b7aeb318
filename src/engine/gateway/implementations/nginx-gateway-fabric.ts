// NGINX Gateway Fabric (nginx/nginx-gateway-fabric): NGINX locations generated per route.
// Read at nginx/nginx-gateway-fabric@e55bfe33969f313b210d3497b3ae56b923175d69.
import { report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const nginxGatewayFabric: ImplementationProfile = {
  name: 'nginx-nginx-gateway-fabric',
  aliases: ['nginx-gateway-fabric', 'ngf'],
  title: 'NGINX Gateway Fabric',
  // GatewayClass controllerName by default: nginx/nginx-gateway-fabric charts/nginx-gateway-fabric/values.yaml nginxGateway.gatewayControllerName; deploy/default/deploy.yaml.
  controllerName: 'gateway.nginx.org/nginx-gateway-controller',
  report: report('nginx-nginx-gateway-fabric'),
  // Path: createPath writes `location ~ ^<pattern>` (internal/controller/nginx/config/servers.go:2268):
  // PCRE, case-sensitive, anchored at the start only, no $ added (NGF#4409, #4450, #4761).
  // Headers and query params: njs httpmatches.js runs `new RegExp(value).test(v)` (lines 192, 256):
  // JavaScript RegExp, unanchored; a header value is split on "," and any piece may match.
  regex: {
    engine: 'pcre',
    path: 'start',
    value: 'none',
    summary: 'PCRE (nginx location ~ ^pattern): a path regex must match from the start of the path, not to its end; header and query regexes (njs RegExp.test) match anywhere in the value',
  },
  // No merge_slashes in its templates: nginx's defaults apply. nginx decodes %XX, resolves
  // . and .. and merges slashes before it picks a location (ngx_http_parse_complex_uri).
  normalization: {
    dotSegments: true,
    mergeSlashes: true,
    escapedSlashes: 'decode',
    percentDecoding: 'all',
    summary: 'nginx decodes percent-escapes (so %2F becomes /), resolves dot segments and merges slashes before matching locations',
  },
  // graph/common_filter.go processRouteRuleFilters: an unsupported filter type makes the
  // rule's filters invalid; dataplane/configuration.go gives the rule InvalidFilter and
  // servers.go writes `return 500` for its location. Status (httproute.go): PartiallyInvalid=True
  // UnsupportedValue ("Dropped Rule(s)") while another rule is valid; Accepted=False
  // UnsupportedValue, and no configuration, when every rule is invalid.
  unsupportedFilter: {
    kind: 'rule-500',
    condition: 'PartiallyInvalid=True',
    reason: 'UnsupportedValue',
    summary: 'the rule\'s location answers 500 (return 500); the route says PartiallyInvalid=True UnsupportedValue, or Accepted=False when no rule is valid (graph/common_filter.go, config/servers.go)',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: true,
  limits: [
    'NginxProxy, ClientSettingsPolicy, SnippetsFilter and other NGF resources are not read',
    'with header, query or method matches NGF proxies from an internal location with $request_uri, so the backend sees the path as sent rather than normalized; not modelled',
    'a route whose every rule is invalid (Accepted=False, no configuration) is modelled as rules answering 500',
  ],
};
