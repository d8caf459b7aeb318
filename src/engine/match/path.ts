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

/**
 * RFC 3986 section 5.2.4 remove_dot_segments, on a path that starts with "/". A ".." with
 * nothing left to remove is dropped (RFC 3986, and Envoy); `aboveRoot: 'refuse'` returns
 * undefined instead, as NGINX refuses such a request.
 */
export function removeDotSegments(path: string): string;
export function removeDotSegments(path: string, options: { aboveRoot: 'refuse' }): string | undefined;
export function removeDotSegments(path: string, options?: { aboveRoot: 'refuse' }): string | undefined {
  const input = path.split('/');
  const out: string[] = [];
  // input[0] is "" (the leading slash); keep a trailing empty element for a trailing slash.
  for (let i = 1; i < input.length; i++) {
    const seg = input[i];
    const last = i === input.length - 1;
    if (seg === '.') {
      if (last) out.push('');
    } else if (seg === '..') {
      if (out.length === 0 && options?.aboveRoot === 'refuse') return undefined;
      out.pop();
      if (last) out.push('');
    } else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/**
 * Decodes every %XX run. Byte by byte, as NGINX and Envoy do: a run that is not valid
 * UTF-8 stays as written.
 */
export function decodePercentRuns(path: string): string {
  return path.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
