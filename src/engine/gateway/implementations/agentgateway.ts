// agentgateway (agentgateway/agentgateway), a Rust proxy.
import { report, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const agentgateway: ImplementationProfile = {
  name: 'agentgateway-agentgateway',
  aliases: ['agentgateway'],
  title: 'agentgateway',
  // GatewayClass controllerName by default: agentgateway/agentgateway controller/pkg/wellknown/controller.go DefaultAgwControllerName.
  controllerName: 'agentgateway.dev/agentgateway',
  report: report('agentgateway-agentgateway'),
  // crates/agentgateway/src/http/route.rs: Rust `regex`, and a path or header matches only
  // when the first match spans the whole string (effectively a full match).
  regex: { engine: 're2', path: 'full', value: 'full', summary: 'Rust regex (RE2-like syntax); the match must cover the whole path or value' },
  // No path normalization before matching (agentgateway#1023).
  normalization: {
    dotSegments: false,
    mergeSlashes: false,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'the path is matched as sent: no dot-segment or slash normalization (agentgateway#1023)',
  },
  // An unsupported filter leaves the whole HTTPRoute out; status Accepted=True,
  // ResolvedRefs=False IncompatibleFilters.
  unsupportedFilter: {
    kind: 'route-rejected',
    condition: 'ResolvedRefs=False',
    reason: 'IncompatibleFilters',
    summary: 'the whole HTTPRoute is left out; status ResolvedRefs=False IncompatibleFilters',
  },
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: true,
  limits: ['agentgateway policies (AgentgatewayPolicy) and MCP/A2A backends are not read'],
};
