// The URI NGINX matches locations against: $uri, the request path after
// ngx_http_parse_complex_uri. NGINX docs, "location": "The matching is performed against a
// normalized URI, after decoding the text encoded in the "%XX" form, resolving references to
// relative path components "." and "..", and possible compression of two or more adjacent
// slashes into a single slash" (merge_slashes is on by default, and ingress-nginx does not
// turn it off). A decoded character is parsed again as if it had been sent, so %2F is a
// slash and %2E%2E a ".." segment. A ".." above the root is refused with 400.
// What the backend sees is another matter: ingress-nginx's proxy_pass names no URI, so
// "the request URI is passed to the server in the same form as sent by a client"
// (proxy_pass docs) unless a rewrite changed it.

import { decodePercentRuns, removeDotSegments } from '../../../match/path.js';

export interface NginxUri {
  /** $uri */
  path: string;
  /** one phrase per change, in order */
  changes: string[];
  /** set when NGINX refuses the request line (400) */
  invalid?: string;
}

export function nginxUri(raw: string): NginxUri {
  const changes: string[] = [];
  let p = raw;
  if (/%[0-9a-fA-F]{2}/.test(p)) {
    const d = decodePercentRuns(p);
    if (d !== p) changes.push(`percent-escapes decoded (${p} -> ${d})`);
    p = d;
  }
  if (p.includes('//')) {
    const d = p.replace(/\/{2,}/g, '/');
    changes.push(`repeated slashes merged (${p} -> ${d})`);
    p = d;
  }
  if (/(^|\/)\.\.?(\/|$)/.test(p)) {
    const d = removeDotSegments(p, { aboveRoot: 'refuse' });
    if (d === undefined) return { path: p, changes, invalid: `${raw} climbs above the root with "..", which NGINX refuses as an invalid request (400 Bad Request)` };
    if (d !== p) changes.push(`dot segments resolved (${p} -> ${d})`);
    p = d;
  }
  return { path: p, changes };
}
