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

export interface NginxUri {
  /** $uri */
  path: string;
  /** one phrase per change, in order */
  changes: string[];
  /** set when NGINX refuses the request line (400) */
  invalid?: string;
}

function decodeAll(path: string): string {
  // Byte by byte, as NGINX does: a sequence that is not valid UTF-8 stays as bytes, so decode
  // runs with decodeURIComponent and keep a run it cannot decode as written.
  return path.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export function nginxUri(raw: string): NginxUri {
  const changes: string[] = [];
  let p = raw;
  if (/%[0-9a-fA-F]{2}/.test(p)) {
    const d = decodeAll(p);
    if (d !== p) changes.push(`percent-escapes decoded (${p} -> ${d})`);
    p = d;
  }
  if (p.includes('//')) {
    const d = p.replace(/\/{2,}/g, '/');
    changes.push(`repeated slashes merged (${p} -> ${d})`);
    p = d;
  }
  if (/(^|\/)\.\.?(\/|$)/.test(p)) {
    const segs = p.split('/');
    const out: string[] = [];
    for (let i = 1; i < segs.length; i++) {
      const seg = segs[i];
      const last = i === segs.length - 1;
      if (seg === '.') {
        if (last) out.push('');
      } else if (seg === '..') {
        if (out.length === 0) return { path: p, changes, invalid: `${raw} climbs above the root with "..", which NGINX refuses as an invalid request (400 Bad Request)` };
        out.pop();
        if (last) out.push('');
      } else out.push(seg);
    }
    const d = `/${out.join('/')}`;
    if (d !== p) changes.push(`dot segments resolved (${p} -> ${d})`);
    p = d;
  }
  return { path: p, changes };
}
