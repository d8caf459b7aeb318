// The path as an implementation sees it before any route matches: RFC 3986 dot segments,
// merged slashes, percent-decoding and escaped slashes, each as the profile says the
// implementation does by default.
import type { PathNormalization } from './types.js';
import { decodePercentRuns as decodeAll, removeDotSegments } from '../../match/path.js';

export interface NormalizedPath {
  path: string;
  /** one phrase per change made, in order */
  changes: string[];
  /** the implementation answers before routing (Envoy: 400 for a rejected %2F, or a redirect to the decoded path) */
  answer?: { status: number; message: string; location?: string };
}

const ESCAPED_SLASH = /%2F|%5C/i;

/**
 * Order as Envoy's ConnectionManagerUtility::maybeNormalizePath applies it: escaped slashes
 * first, then dot segments (canonicalPath), then merged slashes; a redirect goes to the final
 * path. nginx decodes every escape as it parses the URI, so decoding comes first there too.
 */
export function normalizePath(path: string, n: PathNormalization): NormalizedPath {
  const changes: string[] = [];
  let p = path;
  let redirect = false;
  if (n.percentDecoding === 'all') {
    if (/%[0-9a-fA-F]{2}/.test(p)) {
      const d = decodeAll(p);
      if (d !== p) changes.push(`percent-escapes decoded (${p} -> ${d})`);
      p = d;
    }
  } else if (ESCAPED_SLASH.test(p)) {
    if (n.escapedSlashes === 'reject') {
      return { path: p, changes, answer: { status: 400, message: `400 Bad Request: the path ${path} holds an escaped slash (%2F or %5C), which this implementation refuses` } };
    }
    if (n.escapedSlashes === 'decode' || n.escapedSlashes === 'redirect') {
      const d = p.replace(/%2F/gi, '/').replace(/%5C/gi, '\\');
      changes.push(`escaped slashes decoded (${p} -> ${d})`);
      p = d;
      redirect = n.escapedSlashes === 'redirect';
    }
  }
  if (n.dotSegments && /(^|\/)\.\.?(\/|$)/.test(p)) {
    const d = removeDotSegments(p);
    if (d !== p) changes.push(`dot segments resolved (${p} -> ${d})`);
    p = d;
  }
  if (n.mergeSlashes && p.includes('//')) {
    const d = p.replace(/\/{2,}/g, '/');
    changes.push(`repeated slashes merged (${p} -> ${d})`);
    p = d;
  }
  if (redirect) return { path: p, changes, answer: { status: 307, location: p, message: `307 redirect to ${p}: the path held escaped slashes, which this implementation unescapes and redirects to` } };
  return { path: p, changes };
}
