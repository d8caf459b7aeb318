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

/**
 * How RegularExpression values are compiled and matched.
 * - `re2`: RE2 syntax (Envoy safe_regex, Go regexp, Rust regex are all RE2-family).
 * - `pcre`: PCRE (nginx `location ~`, HAProxy `-m reg`): backtracking, lookarounds allowed.
 * `anchored`: true when the whole value must match (Envoy's safe_regex "full match"); false
 * when the pattern may match anywhere in the value (nginx, Go's MatchString) unless it
 * writes ^ and $ itself.
 */
export interface RegexDialect {
  engine: 're2' | 'pcre';
  /** path matches: whole path, or anywhere in it */
  pathAnchored: boolean;
  /** header and query param value matches */
  valueAnchored: boolean;
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
  /** %2F / %5C in the path */
  escapedSlashes: 'keep' | 'decode' | 'reject' | 'redirect';
  /** %XX of unreserved characters decoded before matching (RFC 3986 2.3) */
  decodeUnreserved: boolean;
  summary: string;
}

/** What an implementation does with a route that uses an Extended feature it lacks. */
export type UnsupportedHandling =
  /** the route is not accepted: Accepted=False with this reason on its parent status */
  | { kind: 'route-rejected'; reason: string; summary: string }
  /** the rule is dropped (its matches answer nothing; other rules of the route work) */
  | { kind: 'rule-dropped'; reason: string; summary: string }
  /** the rule matches but answers 500 (the spec's "invalid filter" behaviour) */
  | { kind: 'rule-500'; reason: string; summary: string }
  /** the filter or field is ignored; the request goes on as if it were not written */
  | { kind: 'ignored'; summary: string };

export interface ImplementationProfile {
  /** the conformance report folder name, or "portable" */
  name: string;
  /** other names accepted on the command line and in test files */
  aliases: string[];
  title: string;
  /** undefined for portable */
  report?: ConformanceReportData;
  regex: RegexDialect;
  normalization: PathNormalization;
  unsupported: UnsupportedHandling;
  /** one-line statements of what the profile does not model */
  limits: string[];
}
