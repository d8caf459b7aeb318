// Gateway API hostnames: listener and route hostnames, their intersection, and how
// specific a hostname is. Gateway API wildcards differ from Ingress wildcards:
//
//   gateway_types.go Listener.Hostname / httproute_types.go HTTPRouteSpec.Hostnames:
//   "Hostnames that are prefixed with a wildcard label (`*.`) are interpreted as a
//   suffix match. That means that a match for `*.example.com` would match both
//   `test.example.com`, and `foo.test.example.com`, but not `example.com`."
//
// The same suffix rule applies to the TLS SNI a TLS listener matches (Listener.Hostname:
// "TLS: The Listener Hostname MUST match the SNI"). What covers exactly one label is the
// certificate a listener presents: RFC 6125 section 6.4.3 lets a client accept `*.example.com`
// only for a single left-most label, so a client connecting to a.b.example.com rejects a
// certificate issued for *.example.com even though the listener routes the name.

/** `*.example.com` style. */
export function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/**
 * Gateway API hostname match (suffix semantics): an exact hostname equals the host; a
 * wildcard covers one or more labels in front of its suffix, never the bare suffix.
 */
export function gatewayHostnameMatches(pattern: string, host: string): boolean {
  if (!isWildcard(pattern)) return pattern === host;
  const suffix = pattern.slice(1); // ".example.com"
  return host.length > suffix.length && host.endsWith(suffix);
}

/** RFC 6125 6.4.3: a wildcard certificate name covers exactly one left-most label. */
export function certificateNameCovers(certName: string, sni: string): boolean {
  if (!isWildcard(certName)) return certName === sni;
  const suffix = certName.slice(1);
  if (!sni.endsWith(suffix)) return false;
  const label = sni.slice(0, sni.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** Labels to the right of the wildcard: `*.foo.example.com` -> 3. */
export function wildcardDepth(hostname: string): number {
  // The labels after "*.": one more than the dots there (counted, not split: every trace ranks hostnames).
  let labels = 1;
  for (let i = 2; i < hostname.length; i++) if (hostname.charCodeAt(i) === 46) labels++;
  return labels;
}

/**
 * The hostnames both a listener and a route accept (GEP and HTTPRouteSpec.Hostnames:
 * "If both the Listener and HTTPRoute have specified hostnames, any HTTPRoute hostnames
 * that do not match the Listener hostname MUST be ignored"). The intersection of two
 * hostnames is the more specific of the two when one covers the other:
 *
 *   listener *.example.com, route foo.example.com  -> foo.example.com
 *   listener foo.example.com, route *.example.com  -> foo.example.com
 *   listener *.foo.example.com, route *.example.com -> *.foo.example.com
 *   listener *.example.com, route example.com      -> none
 */
export function intersectHostnames(listener: string | undefined, route: string): string | undefined {
  if (listener === undefined) return route;
  if (listener === route) return route;
  const lw = isWildcard(listener);
  const rw = isWildcard(route);
  if (!lw && !rw) return undefined;
  if (lw && !rw) return gatewayHostnameMatches(listener, route) ? route : undefined;
  if (!lw && rw) return gatewayHostnameMatches(route, listener) ? listener : undefined;
  // Both wildcards: the longer suffix must end with the shorter one.
  if (route.slice(1).endsWith(listener.slice(1))) return route;
  if (listener.slice(1).endsWith(route.slice(1))) return listener;
  return undefined;
}

/**
 * Wildcard hostnames that could cover `host`, most specific first:
 * a.b.example.com -> *.b.example.com, *.example.com, *.com.
 */
export function coveringWildcards(host: string): string[] {
  const out: string[] = [];
  let dot = host.indexOf('.');
  while (dot !== -1 && dot < host.length - 1) {
    out.push(`*${host.slice(dot)}`);
    dot = host.indexOf('.', dot + 1);
  }
  return out;
}

/**
 * Precedence of a hostname that matched a request, as a number: higher wins.
 * Exact names come first, then wildcards with more labels (gateway_types.go, "Listeners
 * that are distinct only by Hostname": "the higher the number of dots in the hostname
 * to the right of the wildcard character, the higher the precedence"), then no hostname.
 * For routes the spec counts characters of the matching hostname, which orders wildcards
 * the same way when they cover the same request host.
 */
export function hostnameRank(hostname: string | undefined): number {
  if (hostname === undefined || hostname === '') return 0;
  if (!isWildcard(hostname)) return 1_000_000 + hostname.length;
  return 1000 * wildcardDepth(hostname) + hostname.length;
}

export function describeHostname(hostname: string | undefined): string {
  return hostname === undefined || hostname === '' ? '(any hostname)' : hostname;
}
