// Pieces several profiles share: the report lookup and the behaviours the spec recommends,
// used where an implementation's own behaviour has not been read from its code (each such
// profile says so: `verified: false`).
import { CONFORMANCE_REPORTS } from './conformance.generated.js';
import type { ConformanceReportData, PathNormalization, RegexDialect, UnsupportedHandling } from './types.js';

export function report(folder: string): ConformanceReportData {
  const r = CONFORMANCE_REPORTS[folder];
  if (!r) throw new Error(`no conformance report for ${folder} in conformance.generated.ts`);
  return r;
}

/**
 * HTTPRouteRule.filters: "In cases where incompatible or unsupported filters are specified
 * and cause the Accepted condition to be set to status False, implementations may use the
 * IncompatibleFilters reason".
 */
export const SPEC_UNSUPPORTED_FILTER: UnsupportedHandling = {
  kind: 'route-rejected',
  condition: 'Accepted=False',
  reason: 'IncompatibleFilters',
  summary: 'the route is not accepted (Accepted=False IncompatibleFilters), as the spec recommends for unsupported filters',
};

/** A match field the implementation cannot program: the spec's UnsupportedValue on Accepted. */
export const SPEC_UNSUPPORTED_MATCH: UnsupportedHandling = {
  kind: 'route-rejected',
  condition: 'Accepted=False',
  reason: 'UnsupportedValue',
  summary: 'the route is not accepted (Accepted=False UnsupportedValue)',
};

/** Envoy safe_regex (RE2): "The regex match must match the entire value" (route_components.proto). */
export const ENVOY_RE2: Omit<RegexDialect, 'summary'> = { engine: 're2', path: 'full', value: 'full' };

export const NO_NORMALIZATION: PathNormalization = {
  dotSegments: false,
  mergeSlashes: false,
  escapedSlashes: 'keep',
  percentDecoding: 'none',
  summary: 'the path is matched as sent',
};
