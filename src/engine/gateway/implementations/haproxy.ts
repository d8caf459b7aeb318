// HAProxy Ingress (jcmoraisjr/haproxy-ingress) as a Gateway API implementation.
import { report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const haproxy: ImplementationProfile = {
  name: 'haproxy-ingress',
  aliases: ['haproxy'],
  title: 'HAProxy Ingress',
  report: report('haproxy-ingress'),
  // Regex paths become `path_reg` / `-m reg` ACLs: PCRE, unanchored.
  regex: { engine: 'pcre', path: 'none', value: 'none', summary: 'PCRE (HAProxy -m reg), unanchored: the pattern may match any part of the path unless it writes ^ and $' },
  // HAProxy matches the path as received (no normalize-uri directives by default).
  normalization: {
    dotSegments: false,
    mergeSlashes: false,
    escapedSlashes: 'keep',
    percentDecoding: 'none',
    summary: 'the path is matched as sent (HAProxy applies no normalize-uri rules by default)',
  },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['the report is from v1.5 (HAProxy Ingress has none in v1.6)', 'the handling of unsupported features is the spec\'s recommendation, not read from its code'],
};
