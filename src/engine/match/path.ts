// Ingress path matching (Kubernetes docs, Ingress "Path types" and "Examples" table;
// KEP-1453). Gateway API path matching lives with the Gateway engine.

/** Exact: the path must equal the request path, case-sensitively (trailing slash included). */
export function exactPathMatches(path: string, requestPath: string): boolean {
  return path === requestPath;
}

/**
 * Prefix: element-wise prefix match on "/"-separated elements, case-sensitive.
 * A trailing slash on either side is ignored, and "/" matches every path;
 * /aaa/bbb matches /aaa/bbb, /aaa/bbb/ and /aaa/bbb/ccc but not /aaa/bbbxyz.
 */
export function prefixPathMatches(path: string, requestPath: string): boolean {
  const p = trimTrailingSlashes(path);
  if (p === '') return true;
  const r = requestPath;
  return r === p || (r.startsWith(p) && r.charCodeAt(p.length) === 47 /* "/" */);
}

export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

/** Character-wise prefix (Traefik PathPrefix, nginx prefix locations). */
export function stringPrefixMatches(path: string, requestPath: string): boolean {
  return requestPath.startsWith(path);
}
