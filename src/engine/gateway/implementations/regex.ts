// RegularExpression matches in an implementation's dialect. The spec leaves the dialect
// and anchoring to the implementation (HTTPPathMatch: "RegularExpression ... Support:
// Implementation-specific"), and the implementations disagree: Envoy's safe_regex must match
// the whole value, nginx's `location ~` and Go's regexp.MatchString match anywhere.
//
// Every pattern RE2 accepts runs in RE2 (linear time, so no user pattern can hang the
// engine); PCRE's leftmost-first search gives the same answer on that common syntax. Only a
// PCRE dialect falls back to the JavaScript engine, for PCRE-only syntax (lookaround,
// backreferences) that RE2 rejects.
import { RE2JS } from 're2js';
import type { Cluster } from '../../model/cluster.js';
import { cached } from '../../model/cluster.js';
import type { RegexAnchoring, RegexDialect } from './types.js';

type Compiled = { re2: RE2JS } | { js: RegExp } | { error: string };

function compile(cluster: Cluster, engine: RegexDialect['engine'], pattern: string): Compiled {
  return cached(cluster, `gateway:regex ${engine} ${pattern}`, (): Compiled => {
    try {
      return { re2: RE2JS.compile(pattern) };
    } catch (err) {
      const re2Error = err instanceof Error ? err.message : String(err);
      if (engine === 're2') return { error: `"${pattern}" is not a valid RE2 expression (${re2Error})` };
      try {
        return { js: new RegExp(pattern) };
      } catch (e2) {
        return { error: `"${pattern}" is not a valid PCRE expression (${e2 instanceof Error ? e2.message : String(e2)})` };
      }
    }
  });
}

export interface RegexVerdict {
  ok: boolean;
  error?: string;
  /** how the pattern was applied, for the trace: "the whole path", "part of the path" */
  how: string;
}

const HOW: Record<RegexAnchoring, string> = { full: 'the whole', start: 'the start of the', none: 'part of the' };

/** Does `pattern` match `value` under this dialect and anchoring? */
export function dialectRegexMatch(cluster: Cluster, engine: RegexDialect['engine'], anchoring: RegexAnchoring, pattern: string, value: string): RegexVerdict {
  const c = compile(cluster, engine, pattern);
  const how = HOW[anchoring];
  if ('error' in c) return { ok: false, error: c.error, how };
  if ('re2' in c) {
    if (anchoring === 'full') return { ok: c.re2.testExact(value), how };
    const m = c.re2.matcher(value);
    if (anchoring === 'start') return { ok: m.lookingAt(), how };
    return { ok: m.find(), how };
  }
  const src = anchoring === 'full' ? `^(?:${c.js.source})$` : anchoring === 'start' ? `^(?:${c.js.source})` : c.js.source;
  const re = cached(cluster, `gateway:regex js ${anchoring} ${pattern}`, () => new RegExp(src));
  return { ok: re.test(value), how: `${how} (PCRE-only syntax, run by the JavaScript engine)` };
}
