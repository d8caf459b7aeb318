// The shape every Gateway API implementation profile has. A profile is data plus a few
// decisions (regex dialect, path normalization, what happens to a feature it lacks); the
// Gateway API engine consults the profile of the trace's implementation at each of those
// points and writes the outcome as a trace step.

/** Conformance profiles whose Extended features the reports list. */
export type ConformanceProfileName = 'GATEWAY-HTTP' | 'GATEWAY-GRPC' | 'GATEWAY-TLS' | 'MESH-HTTP' | 'MESH-GRPC';

export interface ConformanceProfileData {
  /** result of the Core tests: success, partial, failure */
  core: string;
  /** result of the Extended tests, or "not run" */
  extended: string;
  supported: string[];
  unsupported: string[];
}

/** One upstream conformance report, as generated from the copy in data/conformance. */
export interface ConformanceReportData {
  /** the report folder name, e.g. "envoy-gateway", "traefik-traefik" */
  implementation: string;
  project: string;
  organization: string;
  url: string;
  /** implementation version the report was run against */
  version: string;
  gatewayAPIVersion: string;
  gatewayAPIChannel: string;
  mode: string;
  date: string;
  provenance: { repo: string; path: string; commit: string };
  profiles: Partial<Record<string, ConformanceProfileData>>;
}

/** Where a RegularExpression must match: the whole value, from its start, or anywhere in it. */
export type RegexAnchoring = 'full' | 'start' | 'none';

/**
 * How RegularExpression values are compiled and matched.
 * - `re2`: RE2 syntax (Envoy safe_regex, Go regexp, Rust regex are all RE2-family): a
 *   pattern RE2 rejects (backreferences, lookaround) is invalid.
 * - `pcre`: PCRE (nginx `location ~`, HAProxy `-m reg`): RE2's syntax plus backtracking-only
 *   constructs. RouteLab runs the common syntax in RE2 (same leftmost-first semantics,
 *   linear time) and only PCRE-only patterns in the JavaScript engine.
 */
export interface RegexDialect {
  engine: 're2' | 'pcre';
  /** path matches (HTTPPathMatch RegularExpression; the path without the query) */
  path: RegexAnchoring;
  /** header and query param value matches */
  value: RegexAnchoring;
  /** what a reader is told, with the citation */
  summary: string;
}

/**
 * What happens to the path before routes see it. Each field is what the implementation does
 * by default (its HTTP connection manager or server configuration as it generates it).
 */
export interface PathNormalization {
  /** RFC 3986 5.2.4: /a/./b -> /a/b, /a/../b -> /b */
  dotSegments: boolean;
  /** //a///b -> /a/b */
  mergeSlashes: boolean;
  /** %2F / %5C in the path: kept encoded, decoded, the request refused (400), or redirected to the decoded path */
  escapedSlashes: 'keep' | 'decode' | 'reject' | 'redirect';
  /** which %XX escapes are decoded before matching: none, or all of them (nginx decodes the URI before location matching) */
  percentDecoding: 'none' | 'all';
  summary: string;
}

/**
 * What an implementation does with a route that uses an Extended feature it lacks.
 * `condition` is the route status condition it sets ("Accepted=False", "ResolvedRefs=False",
 * or "none" when the status stays Accepted=True), with `reason`.
 */
export type UnsupportedHandling =
  /** the whole route is not programmed: none of its rules answers */
  | { kind: 'route-rejected'; condition: string; reason: string; summary: string }
  /** the rule is dropped (its matches answer nothing; other rules of the route work) */
  | { kind: 'rule-dropped'; condition: string; reason: string; summary: string }
  /** the rule matches but answers 500 (the spec's behaviour for a filter that cannot be applied) */
  | { kind: 'rule-500'; condition: string; reason: string; summary: string }
  /** the filter or field is ignored; the request goes on as if it were not written */
  | { kind: 'ignored'; condition: string; reason: string; summary: string };

export interface ImplementationProfile {
  /** the conformance report folder name, or "portable" */
  name: string;
  /** other names accepted on the command line and in test files */
  aliases: string[];
  title: string;
  /** the GatewayClass spec.controllerName the implementation answers to by default (undefined for portable) */
  controllerName?: string;
  /** undefined for portable */
  report?: ConformanceReportData;
  regex: RegexDialect;
  normalization: PathNormalization;
  /** a filter (or filter field) the implementation lacks */
  unsupportedFilter: UnsupportedHandling;
  /** a match condition (query, method, parentRef port) the implementation lacks */
  unsupportedMatch: UnsupportedHandling;
  /** true when the handling above is read from the implementation's code; false when RouteLab assumes the spec's recommendation */
  verified: boolean;
  /** one-line statements of what the profile does not model */
  limits: string[];
}
