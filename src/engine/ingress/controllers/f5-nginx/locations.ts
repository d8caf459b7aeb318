// NGINX location selection as NGINX itself does it, for the locations F5 NGINX Ingress
// Controller writes (it does not re-order or rewrite them: docs.nginx.com "Path matching",
// and the NGINX "location" directive docs):
// 1. an exact location (=) equal to the URI wins at once;
// 2. else the longest matching prefix location is remembered; if it is ^~, it wins;
// 3. else regular expression locations (~ case-sensitive, ~* case-insensitive) are tried in
//    the order written, and the first that matches wins;
// 4. else the remembered prefix location.
// A prefix location that ends in "/" and proxies answers the URI without that slash with
// 301 to the URI with it (auto_redirect), unless an exact or prefix location is the URI
// itself; no regex is tried then (ngx_http_core_find_static_location returns NGX_DONE).
import { compileRegex, type CompiledRegex } from '../regex.js';

export type NginxModifier = '' | '=' | '^~' | '~' | '~*';

export interface F5Location<T> {
  modifier: NginxModifier;
  /** the path, or the regex, after the modifier */
  path: string;
  regex?: CompiledRegex;
  /** why this location can never match (a broken location the controller writes anyway) */
  never?: string;
  /** what the location serves */
  value: T;
}

export function makeLocation<T>(modifier: NginxModifier, path: string, value: T, never?: string): F5Location<T> {
  const loc: F5Location<T> = { modifier, path, value, never };
  if (modifier === '~' || modifier === '~*') loc.regex = compileRegex(path, modifier === '~*' ? 'i' : '');
  return loc;
}

/** The location as nginx.conf shows it. */
export function locationText(l: F5Location<unknown>): string {
  if (l.modifier === '~' || l.modifier === '~*') return `${l.modifier} "${l.path}"`;
  return l.modifier ? `${l.modifier} ${l.path}` : l.path;
}

export interface LocationChoice<T> {
  location: F5Location<T>;
  /** 301 to the URI with a trailing slash */
  slashRedirect?: boolean;
  match?: RegExpExecArray;
  /** the prefix location a regex location overrode */
  overrode?: F5Location<T>;
}

export function locationMatches(l: F5Location<unknown>, uri: string): RegExpExecArray | boolean {
  if (l.never) return false;
  switch (l.modifier) {
    case '=':
      return uri === l.path;
    case '':
    case '^~':
      return uri.startsWith(l.path);
    default: {
      if (!l.regex?.ok) return false;
      return l.regex.re.exec(uri) ?? false;
    }
  }
}

export function selectNginxLocation<T>(locations: ReadonlyArray<F5Location<T>>, uri: string, proxies: (l: F5Location<T>) => boolean = () => true): LocationChoice<T> | undefined {
  let longest: F5Location<T> | undefined;
  let slash: F5Location<T> | undefined;
  for (const l of locations) {
    if (l.never) continue;
    if (l.modifier === '=') {
      if (uri === l.path) return { location: l };
      continue;
    }
    if (l.modifier !== '' && l.modifier !== '^~') continue;
    if (!slash && l.path.length === uri.length + 1 && l.path.endsWith('/') && l.path.startsWith(uri) && proxies(l)) slash = l;
    if (uri.startsWith(l.path) && (!longest || l.path.length > longest.path.length)) longest = l;
  }
  if (slash && longest?.path !== uri) return { location: slash, slashRedirect: true };
  if (longest?.modifier === '^~') return { location: longest };
  for (const l of locations) {
    if (l.never || (l.modifier !== '~' && l.modifier !== '~*') || !l.regex?.ok) continue;
    const m = l.regex.re.exec(uri);
    if (m) return { location: l, match: m, overrode: longest };
  }
  return longest ? { location: longest } : undefined;
}
