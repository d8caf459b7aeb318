// HAProxy Ingress (jcmoraisjr/haproxy-ingress) paths and their match types, as
// configured by docs/content/en/docs/configuration/keys.md:
// - "Path type": begin ("Case insensitive, matches the beginning of the path ... This is
//   the default value"), exact ("Case sensitive, matches the whole path"), prefix ("Case
//   sensitive, matches a whole subdirectory"), regex ("Case sensitive ... implicit start ^
//   and no ending $"); the annotation "will only be used if the pathType attribute from
//   the ingress spec is declared as ImplementationSpecific or is not declared";
// - path-type-order, default exact,prefix,begin,regex: "if two distinct paths of two
//   distinct types overlaps, the first in the list will be used";
// - "Strict host": with the default false, "all matching wildcard hosts will be visited in
//   order to try to match the path";
// - "Annotation": prefix haproxy-ingress.github.io, and "ingress.kubernetes.io is also
//   supported for backward compatibility".
// Where keys.md is silent, HAProxy Ingress's map builder (pkg/haproxy/types/maps.go) is
// the reference: exact paths are looked up first; a longer prefix/begin path that overlaps
// a shorter one of another type is looked up before it; regex paths come last, longest
// map key first; a wildcard host turns all its paths into regex entries.
import { prefixPathMatches } from '../../../match/path.js';
import type { HostEntry, PathEntry } from '../../table.js';
import { HAPROXY_PREFIX, LEGACY_PREFIX, readBoolSetting, readAnnotation, type Annotation } from '../annotations.js';
import { compileRegex, quoteMeta, type CompiledRegex } from '../regex.js';
import type { Ingress } from '../../../model/resources.js';

const PREFIXES = [HAPROXY_PREFIX, LEGACY_PREFIX] as const;

/** Annotation names (without prefix) the HAProxy Ingress model reads. */
export const HAPROXY_SIMULATED = new Set(['path-type', 'rewrite-target', 'ssl-redirect', 'redirect-to', 'redirect-from', 'app-root', 'http-header-match', 'http-header-match-regex']);

/**
 * Keys of the Global scope: "Configuration keys of the Global scope declared as Ingress or
 * Service annotations, and also in the IngressClass ConfigMap are ignored" (keys.md "Global").
 */
export const HAPROXY_GLOBAL_KEYS: ReadonlyMap<string, string> = new Map(
  ['ssl-redirect-code', 'redirect-from-code', 'redirect-to-code', 'strict-host', 'path-type-order', 'no-tls-redirect-locations', 'default-backend-redirect', 'default-backend-redirect-code'].map((k) => [
    k,
    `${k} is a Global key, read only from the controller's ConfigMap; Global keys set as Ingress annotations are ignored (keys.md, section Global)`,
  ]),
);

export type HaproxyMatch = 'exact' | 'prefix' | 'begin' | 'regex';

export interface HeaderCondition {
  name: string;
  value: string;
  regex?: CompiledRegex;
}

export interface HaproxyIngressConfig {
  ingress: Ingress;
  pathType?: Annotation & { match: HaproxyMatch };
  rewriteTarget?: Annotation;
  /** ssl-redirect, default true (keys.md "SSL redirect") */
  sslRedirect: boolean;
  sslRedirectAnnotation?: Annotation;
  redirectTo?: Annotation;
  redirectFrom?: Annotation;
  appRoot?: Annotation;
  headerMatch?: { annotation: Annotation; conditions: HeaderCondition[] };
  problems: Array<{ annotation: Annotation; message: string }>;
}

const configs = new WeakMap<Ingress, HaproxyIngressConfig>();

export function haproxyConfigOf(ing: Ingress): HaproxyIngressConfig {
  let c = configs.get(ing);
  if (!c) configs.set(ing, (c = parseHaproxyAnnotations(ing)));
  return c;
}

function parseHeaderConditions(a: Annotation, regex: boolean): HeaderCondition[] {
  // One "Name: value" pair per line; every pair must hold (keys.md "HTTP Match").
  return a.value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      const name = (colon === -1 ? line : line.slice(0, colon)).trim();
      const value = colon === -1 ? '' : line.slice(colon + 1).trim();
      return regex ? { name, value, regex: compileRegex(value) } : { name, value };
    });
}

function parseHaproxyAnnotations(ing: Ingress): HaproxyIngressConfig {
  const read = (name: string) => readAnnotation(ing, PREFIXES, name);
  const problems: HaproxyIngressConfig['problems'] = [];
  const cfg: HaproxyIngressConfig = { ingress: ing, sslRedirect: true, problems };
  const pt = read('path-type');
  if (pt) {
    // "Case insensitive, so Begin and begin configures the same path type option."
    const v = pt.value.trim().toLowerCase();
    if (v === 'begin' || v === 'exact' || v === 'prefix' || v === 'regex') cfg.pathType = { ...pt, match: v };
    else problems.push({ annotation: pt, message: `"${pt.value}" is not begin, exact, prefix or regex; begin applies` });
  }
  const rt = read('rewrite-target');
  if (rt && rt.value.trim()) cfg.rewriteTarget = rt;
  const ssl = readBoolSetting(read('ssl-redirect'), true, problems);
  cfg.sslRedirect = ssl.value;
  cfg.sslRedirectAnnotation = ssl.annotation;
  const to = read('redirect-to');
  if (to && to.value.trim()) cfg.redirectTo = to;
  const from = read('redirect-from');
  if (from && from.value.trim()) cfg.redirectFrom = from;
  const root = read('app-root');
  if (root && root.value.trim()) cfg.appRoot = root;
  const hm = read('http-header-match');
  const hmr = read('http-header-match-regex');
  const conditions = [...(hm ? parseHeaderConditions(hm, false) : []), ...(hmr ? parseHeaderConditions(hmr, true) : [])];
  if (conditions.length) cfg.headerMatch = { annotation: (hm ?? hmr)!, conditions };
  return cfg;
}

export type HaproxyGroup = 'host' | 'wildcard' | 'default-host';

export interface HaproxyPath {
  entry: PathEntry;
  cfg: HaproxyIngressConfig;
  match: HaproxyMatch;
  /** where the match type comes from */
  matchFrom: 'pathType' | 'annotation' | 'default';
  group: HaproxyGroup;
  /** begin paths compare lower-cased; others as written */
  path: string;
  /** regex entries (regex paths, and every path of a wildcard host): the map key */
  key?: string;
  regex?: CompiledRegex;
  /** evaluation order within its host: lower first */
  rank: number;
}

/** readPathType: Exact -> exact, Prefix -> prefix, anything else -> path-type annotation or begin. */
function matchOf(p: PathEntry, cfg: HaproxyIngressConfig): Pick<HaproxyPath, 'match' | 'matchFrom'> {
  if (p.path.pathType === 'Exact') return { match: 'exact', matchFrom: 'pathType' };
  if (p.path.pathType === 'Prefix') return { match: 'prefix', matchFrom: 'pathType' };
  if (cfg.pathType) return { match: cfg.pathType.match, matchFrom: 'annotation' };
  return { match: 'begin', matchFrom: 'default' };
}

/** A wildcard host's path as a regular expression (maps.go convertPathToRegex). */
function pathAsRegex(match: HaproxyMatch, path: string): string {
  switch (match) {
    case 'begin':
      return quoteMeta(path);
    case 'exact':
      return `${quoteMeta(path)}$`;
    case 'prefix':
      return path.endsWith('/') ? quoteMeta(path) : `${quoteMeta(path)}(/.*)?`;
    case 'regex':
      return path;
  }
}

/** The paths of one host entry, in HAProxy's evaluation order for that host. */
export function buildHostPaths(entry: HostEntry): HaproxyPath[] {
  const group: HaproxyGroup = entry.kind === 'exact' ? 'host' : entry.kind === 'wildcard' ? 'wildcard' : 'default-host';
  const out: HaproxyPath[] = [];
  for (const p of entry.paths) {
    const cfg = haproxyConfigOf(p.ingress);
    const m = matchOf(p, cfg);
    const hp: HaproxyPath = { entry: p, cfg, ...m, group, path: m.match === 'begin' ? p.path.path.toLowerCase() : p.path.path, rank: 0 };
    if (group === 'wildcard') {
      // "^[^.]+" + the domain + "$" for the host, and the path converted to a regex: the
      // whole entry lands in the regex map (maps.go AddHostnamePathMapping).
      hp.key = `^[^.]+${quoteMeta(entry.host.slice(1))}#${pathAsRegex(m.match, p.path.path)}`;
      hp.regex = compileRegex(hp.key);
    } else if (m.match === 'regex') {
      hp.key = group === 'host' ? `^${quoteMeta(entry.host)}#${p.path.path}` : `^${p.path.path}`;
      hp.regex = compileRegex(hp.key);
    }
    out.push(hp);
  }
  const typeRank = (m: HaproxyMatch) => (m === 'exact' ? 0 : m === 'regex' ? 2 : 1);
  const order = (m: HaproxyMatch) => ['exact', 'prefix', 'begin', 'regex'].indexOf(m);
  out.sort((a, b) => {
    const ga = a.group === 'wildcard' ? 2 : typeRank(a.match);
    const gb = b.group === 'wildcard' ? 2 : typeRank(b.match);
    if (ga !== gb) return ga - gb;
    if (ga === 2) return compareRegexKeys(a, b);
    // Among prefix and begin paths the longer path is looked up first (an overlapping
    // longer path goes to an earlier map file; within a file paths are in reverse order),
    // then path-type-order puts prefix before begin, then the older Ingress.
    if (a.path.length !== b.path.length) return b.path.length - a.path.length;
    if (a.match !== b.match) return order(a.match) - order(b.match);
    return a.entry.seq - b.entry.seq;
  });
  out.forEach((p, i) => (p.rank = i));
  return out;
}

/** maps.go: regex entries "in order from most to least specific, based on rule length". */
export function compareRegexKeys(a: HaproxyPath, b: HaproxyPath): number {
  const ka = a.key ?? '';
  const kb = b.key ?? '';
  if (ka.length !== kb.length) return kb.length - ka.length;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.entry.seq - b.entry.seq;
}

export interface PathTest {
  matched: boolean;
  /** for regex entries: the match, for rewrite and the trace */
  m?: RegExpExecArray;
  /** one clause on why it (did not) match */
  detail: string;
  caseOnly?: boolean;
}

/** Tests one path against the request (host already chosen). */
/**
 * Whether `p` matches, without saying why: the decision tests path after path until one
 * matches, and testPath's sentences for each miss were most of a trace's garbage. Agrees
 * with testPath(...).matched (haproxy.test.ts checks it on every kind of entry).
 */
export function pathMatches(p: HaproxyPath, host: string, path: string): boolean {
  if (p.regex) {
    if (!p.regex.ok) return false;
    p.regex.re.lastIndex = 0;
    return p.regex.re.test(p.group === 'default-host' ? path : `${host}#${path}`);
  }
  switch (p.match) {
    case 'exact':
      return path === p.path;
    case 'prefix':
      return prefixPathMatches(p.path, path);
    case 'begin':
      return path.toLowerCase().startsWith(p.path);
    case 'regex':
      return false;
  }
}

export function testPath(p: HaproxyPath, host: string, path: string): PathTest {
  if (p.regex) {
    if (!p.regex.ok) return { matched: false, detail: `the regex ${p.key} does not compile (${p.regex.error})` };
    const subject = p.group === 'default-host' ? path : `${host}#${path}`;
    p.regex.re.lastIndex = 0;
    const m = p.regex.re.exec(subject);
    if (m) return { matched: true, m, detail: `${p.key} matches ${subject}${p.group === 'wildcard' ? '' : ' (no end anchor: a match at the start is enough)'}` };
    return { matched: false, detail: `${p.key} does not match ${subject} (case-sensitive)` };
  }
  switch (p.match) {
    case 'exact':
      if (path === p.path) return { matched: true, detail: `${path} equals ${p.path}` };
      return { matched: false, caseOnly: path.toLowerCase() === p.path.toLowerCase(), detail: `${path} is not exactly ${p.path}${path.toLowerCase() === p.path.toLowerCase() ? ' (exact is case-sensitive)' : ''}` };
    case 'prefix':
      if (prefixPathMatches(p.path, path)) return { matched: true, detail: `${p.path} is a whole-directory prefix of ${path}` };
      if (prefixPathMatches(p.path.toLowerCase(), path.toLowerCase())) return { matched: false, caseOnly: true, detail: `${p.path} matches ${path} only if case is ignored; prefix is case-sensitive` };
      return { matched: false, detail: path.startsWith(p.path) ? `${path} starts with ${p.path}, but prefix matches whole subdirectories only` : `${p.path} is not a subdirectory prefix of ${path}` };
    case 'begin':
      if (path.toLowerCase().startsWith(p.path)) return { matched: true, detail: `${path} begins with ${p.path} (case-insensitive)` };
      return { matched: false, detail: `${path} does not begin with ${p.path}` };
    case 'regex':
      return { matched: false, detail: 'regex path without a compiled key' };
  }
}

/**
 * rewrite-target (keys.md "Rewrite target" table): the matched beginning of the path is
 * replaced by the target, so /abc + target /y makes /abc -> /y, /abc/ -> /y/, /abc/x ->
 * /y/x, and target / makes /abc/x -> /x (a doubled slash collapses).
 */
export function rewritePath(p: HaproxyPath, path: string, test: PathTest, target: string): string {
  let matchedLength = p.entry.path.path.length;
  if (test.m) {
    // regex entries match "<host>#<path>": the path part is what follows the "#".
    const whole = test.m[0];
    const hash = whole.indexOf('#');
    matchedLength = hash === -1 ? whole.length : whole.length - hash - 1;
  } else if (p.match === 'prefix') {
    matchedLength = p.entry.path.path.replace(/\/+$/, '').length;
  }
  const rest = path.slice(matchedLength);
  let out = target.endsWith('/') && rest.startsWith('/') ? target + rest.slice(1) : target + rest;
  if (!out.startsWith('/')) out = `/${out}`;
  return out;
}
