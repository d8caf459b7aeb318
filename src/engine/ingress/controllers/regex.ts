// Regular expressions written by users (ingress-nginx PCRE paths and header patterns,
// Traefik Go RE2 PathRegexp, HAProxy POSIX ERE paths), modelled with JavaScript RegExp,
// the closest engine available in the browser. Models compile each pattern once, when
// they index a config; a pattern that does not compile is reported, never thrown.

//
// A pattern runs in RE2 (re2js) whenever RE2 accepts it: RE2 is linear in the input, so no
// pattern a user writes ("/(a+)+$") can hang a trace, and on the syntax PCRE, Go and
// JavaScript share it finds the same leftmost-first match. Only syntax RE2 lacks
// (lookaround, backreferences: PCRE only) runs in JavaScript's backtracking engine.
import { RE2JS } from 're2js';

/** The part of RegExp the controller models use: exec (leftmost match, groups), test, source, flags. */
export interface SafeRegExp {
  readonly source: string;
  readonly flags: string;
  /** kept for RegExp's shape; matching always starts at 0 */
  lastIndex: number;
  /** the engine that runs it */
  readonly engine: 're2' | 'js';
  exec(input: string): RegExpExecArray | null;
  test(input: string): boolean;
  /** every non-overlapping match, left to right (String.prototype.matchAll) */
  matchAll(input: string): RegExpExecArray[];
}

class Re2Regex implements SafeRegExp {
  lastIndex = 0;
  readonly engine = 're2' as const;
  private readonly names: Array<[string, number]>;
  constructor(
    private readonly re: RE2JS,
    readonly source: string,
    readonly flags: string,
  ) {
    this.names = Object.entries(re.namedGroups());
  }

  private at(input: string, from: number): RegExpExecArray | null {
    const m = this.re.matcher(input);
    if (!m.find(from)) return null;
    const out: string[] = [];
    for (let i = 0; i <= this.re.groupCount(); i++) out.push(m.group(i) ?? (undefined as unknown as string));
    const arr = out as unknown as RegExpExecArray;
    arr.index = m.start();
    arr.input = input;
    if (this.names.length) arr.groups = Object.fromEntries(this.names.map(([n, i]) => [n, out[i]]));
    return arr;
  }

  exec(input: string): RegExpExecArray | null {
    return this.at(input, 0);
  }

  test(input: string): boolean {
    return this.re.matcher(input).find();
  }

  matchAll(input: string): RegExpExecArray[] {
    const all: RegExpExecArray[] = [];
    let from = 0;
    while (from <= input.length) {
      const m = this.at(input, from);
      if (!m) break;
      all.push(m);
      from = m.index + m[0].length + (m[0].length === 0 ? 1 : 0);
    }
    return all;
  }
}

class JsRegex implements SafeRegExp {
  readonly engine = 'js' as const;
  constructor(private readonly re: RegExp) {}
  get source() {
    return this.re.source;
  }
  get flags() {
    return this.re.flags;
  }
  get lastIndex() {
    return this.re.lastIndex;
  }
  set lastIndex(v: number) {
    this.re.lastIndex = v;
  }
  exec(input: string): RegExpExecArray | null {
    this.re.lastIndex = 0;
    return this.re.exec(input);
  }
  test(input: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(input);
  }
  matchAll(input: string): RegExpExecArray[] {
    return [...input.matchAll(new RegExp(this.re.source, `${this.re.flags.replace('g', '')}g`))];
  }
}

export type CompiledRegex = { ok: true; re: SafeRegExp; source: string } | { ok: false; error: string; source: string };

/**
 * Compiles `source` with `flags` (only "i" is meaningful). A leading inline `(?i)` (PCRE and
 * Go both accept it, JavaScript does not) becomes the `i` flag.
 */
export function compileRegex(source: string, flags = ''): CompiledRegex {
  let body = source;
  let f = flags;
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    if (!f.includes('i')) f += 'i';
  }
  let js: RegExp;
  try {
    js = new RegExp(body, f);
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    return { ok: false, error: message, source };
  }
  try {
    // JavaScript's (?<name>...) is RE2's (?P<name>...); RE2 takes both.
    return { ok: true, re: new Re2Regex(RE2JS.compile(body, f.includes('i') ? RE2JS.CASE_INSENSITIVE : 0), body, f), source };
  } catch {
    return { ok: true, re: new JsRegex(js), source };
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
