// Regular expressions written by users (ingress-nginx PCRE paths and header patterns,
// Traefik Go RE2 PathRegexp, HAProxy POSIX ERE paths), modelled with JavaScript RegExp,
// the closest engine available in the browser. Models compile each pattern once, when
// they index a config; a pattern that does not compile is reported, never thrown.

export type CompiledRegex = { ok: true; re: RegExp; source: string } | { ok: false; error: string; source: string };

/**
 * Compiles `source` with `flags`. A leading inline `(?i)` (PCRE and Go both accept it,
 * JavaScript does not) becomes the `i` flag.
 */
export function compileRegex(source: string, flags = ''): CompiledRegex {
  let body = source;
  let f = flags;
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    if (!f.includes('i')) f += 'i';
  }
  try {
    return { ok: true, re: new RegExp(body, f), source };
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    return { ok: false, error: message, source };
  }
}

/** Escapes every character with a meaning in a regular expression (Go regexp.QuoteMeta). */
export function quoteMeta(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
}

/** "$1=a $2=b" for a trace; empty groups shown as "" so users see they exist. */
export function describeCaptures(m: RegExpExecArray): string {
  const parts: string[] = [];
  for (let i = 1; i < m.length; i++) parts.push(`$${i}=${m[i] === undefined || m[i] === '' ? '""' : m[i]}`);
  return parts.join(' ');
}
