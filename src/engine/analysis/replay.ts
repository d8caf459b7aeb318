// Replay of real traffic: ingress-nginx access log lines traced through the config, and
// each line's traced backend compared with the one that really served it.
//
// What a line says (ingress-nginx, rootfs/etc/nginx/template/nginx.tmpl and lua/balancer.lua):
// - $proxy_upstream_name is set in every location to the location's backend, named
//   "<namespace>-<service>-<port as written in the Ingress>" (internal/ingress/controller/
//   util.go upstreamName), "upstream-default-backend" for the controller's default backend;
//   the server block sets it to "-" first, so a request answered before any location (a
//   301 for a missing slash, a 400) logs "-".
// - $proxy_alternative_upstream_name is set by the balancer when it sends the request to
//   the canary backend instead, and is empty otherwise.
// - $upstream_addr is the address contacted; "-" or empty when NGINX answered itself
//   (ssl-redirect, permanent-redirect, a 401, a 503 with no endpoints).
// The default format is the controller's log-format-upstream
// (internal/ingress/controller/config/config.go logFormatUpstream), which has no host: the
// caller gives one.
import type { Cluster } from '../model/cluster.js';
import { RequestError, type ControllerName, type RequestInput } from '../model/request.js';
import type { Trace } from '../trace/types.js';
import { simulate, type SimulateOptions } from '../simulate.js';
import { backendWithoutPods, summarizeOutcome, decidingRule } from './outcome.js';
import { RE2JS } from 're2js';

/** ingress-nginx's default log-format-upstream (config.go logFormatUpstream). */
export const INGRESS_NGINX_LOG_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id';

export interface LogFormat {
  text: string;
  variables: string[];
  /** RE2: linear in the line whatever the format, so no format or line can hang the replay */
  re: RE2JS;
  /** log-format-escape-json: values are JSON-escaped */
  json: boolean;
}

/**
 * An NGINX log_format string as a regular expression, one group per variable. A variable
 * followed by a quote or a bracket stops there (NGINX escapes a quote in a value as \x22,
 * JSON escaping as \"); one followed by a space takes no space except after a comma, as
 * NGINX lists several upstreams ("10.0.0.5:80, 10.0.0.6:80"); any other takes the shortest
 * text up to what follows it.
 */
export function compileLogFormat(text: string): LogFormat {
  const fmt = text.trim();
  if (!fmt) throw new RequestError('the log format is empty');
  const json = fmt.startsWith('{');
  const variables: string[] = [];
  let pattern = '';
  const varRe = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  let at = 0;
  const lit = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let m = varRe.exec(fmt); m; m = varRe.exec(fmt)) {
    pattern += lit(fmt.slice(at, m.index));
    at = m.index + m[0].length;
    const name = (m[1] ?? m[2]).toLowerCase();
    variables.push(name);
    const next = fmt[at];
    if (next === '"') pattern += json ? '((?:[^"\\\\]|\\\\.)*)' : '([^"]*)';
    else if (next === ']') pattern += '([^\\]]*)';
    // several upstreams tried are logged "a, b" ($upstream_addr, $upstream_status)
    else if (next === ' ') pattern += '((?:[^ ,]|, ?)*)';
    else if (at >= fmt.length) pattern += '(.*)';
    else pattern += '(.*?)';
  }
  pattern += lit(fmt.slice(at));
  if (variables.length === 0) throw new RequestError(`the log format "${fmt}" names no $variable`);
  return { text: fmt, variables, re: RE2JS.compile(`^${pattern}$`), json };
}

function unescape(value: string, json: boolean): string {
  if (json) return value.includes('\\') ? value.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e[0] === 'u' ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'n' ? '\n' : e === 't' ? '\t' : e)) : value;
  return value.includes('\\x') ? value.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : value;
}

export function parseLogLine(format: LogFormat, line: string): Map<string, string> | undefined {
  const m = format.re.matcher(line);
  if (!m.matches()) return undefined;
  const values = new Map<string, string>();
  format.variables.forEach((v, i) => {
    if (!values.has(v)) values.set(v, unescape(m.group(i + 1) ?? '', format.json));
  });
  return values;
}

const empty = (v: string | undefined) => v === undefined || v === '' || v === '-';

/** The lower-cased text of what the configs say, to find the header names they use; undefined if it cannot be had. */
function configText(clusters: Cluster[]): string | undefined {
  try {
    const parts: string[] = [];
    for (const c of clusters) {
      for (const i of c.ingresses) parts.push(JSON.stringify(i.meta.annotations));
      for (const r of c.gatewayApi.routes) parts.push(JSON.stringify(r));
    }
    return parts.join('\n').toLowerCase();
  } catch {
    return undefined;
  }
}

export interface LoggedRequest {
  line: number;
  request: RequestInput;
  status: number;
  upstream: string;
  alternative: string;
  /** the address NGINX contacted; undefined when the format does not log it */
  upstreamAddr?: string;
}

export interface ReplayOptions {
  /** the semantics the log comes from (default ingress-nginx) */
  controller?: ControllerName;
  /** the host of every line, when the format has no $host */
  host?: string;
  /** the scheme of every line, when the format has no $scheme */
  scheme?: 'http' | 'https';
  format?: string;
  /** a second config (or the converted one): which logged requests route differently there */
  after?: { cluster: Cluster; options: SimulateOptions; label: string };
}

export interface ReplayGroup {
  request: RequestInput;
  /** what the log says */
  logged: string;
  /** what RouteLab says */
  traced: string;
  rule: string;
  why: string;
  /** absent when the request could not be traced at all */
  trace?: Trace;
  lines: number[];
  count: number;
}

export interface ReplayChange {
  request: RequestInput;
  before: { outcome: string; rule: string; trace: Trace };
  after: { outcome: string; rule: string; trace: Trace };
  lines: number[];
  count: number;
}

export interface ReplaySummary {
  lines: number;
  agree: number;
  differ: number;
  /** blank lines are not counted; lines the format does not match are */
  skipped: number;
  skippedSamples: Array<{ line: number; text: string; why: string }>;
  differences: ReplayGroup[];
  /** differing lines of requests beyond the first KEEP_GROUPS kept in `differences` */
  moreDifferences: number;
  changed?: number;
  changes?: ReplayChange[];
  moreChanges?: number;
  /** what the replay had to assume, said once */
  assumptions: string[];
  distinct: number;
}

const KEEP_GROUPS = 50;
const KEEP_LINES = 10;
const CACHE_LIMIT = 50_000;

interface Verdict {
  agree: boolean;
  logged: string;
  traced: string;
  rule: string;
  why: string;
  trace?: Trace;
  change?: { before: string; after: string; afterRule: string; afterTrace?: Trace };
}

/**
 * Streams log lines: `add` one at a time, `finish` for the summary. Identical requests with
 * identical logged answers are traced once.
 */
export class LogReplay {
  readonly format: LogFormat;
  private readonly controller: ControllerName;
  private readonly tlsHosts: Set<string>;
  private readonly assumptions = new Set<string>();
  private readonly cache = new Map<string, Verdict>();
  private readonly groups = new Map<string, ReplayGroup>();
  private readonly changeGroups = new Map<string, ReplayChange>();
  private readonly seen = new Set<string>();
  private lines = 0;
  private agree = 0;
  private differ = 0;
  private changed = 0;
  private moreDifferences = 0;
  private moreChanges = 0;
  private skipped = 0;
  private readonly skippedSamples: ReplaySummary['skippedSamples'] = [];
  private readonly hostVar?: string;
  private readonly headerVars: Array<[string, string]>;
  private readonly cookies: boolean;
  private noEndpoints = 0;

  constructor(private readonly cluster: Cluster, private readonly options: ReplayOptions = {}) {
    this.format = compileLogFormat(options.format ?? INGRESS_NGINX_LOG_FORMAT);
    this.controller = options.controller ?? 'ingress-nginx';
    const vars = new Set(this.format.variables);
    if (!vars.has('proxy_upstream_name')) {
      throw new RequestError('the log format has no $proxy_upstream_name, the backend that served each request (namespace-service-port); add it to log-format-upstream to replay');
    }
    if (!vars.has('request') && !(vars.has('request_method') && (vars.has('request_uri') || vars.has('uri')))) {
      throw new RequestError('the log format has neither $request nor $request_method with $request_uri, so the requests cannot be read from it');
    }
    this.hostVar = ['host', 'http_host', 'server_name'].find((v) => vars.has(v));
    if (!this.hostVar && !options.host) {
      throw new RequestError(`the log format has no $host (nor $http_host or $server_name), so which host each request asked for is not in the log; give it with --host${this.format.text === INGRESS_NGINX_LOG_FORMAT ? ' (ingress-nginx\'s default log-format-upstream does not log the host)' : ''}`);
    }
    if (!this.hostVar) this.assumptions.add(`the log format has no host: every line is replayed as host ${options.host}`);
    // Request headers the format logs are sent again: $http_x_canary is the X-Canary header.
    // Only headers a config names can change routing (a canary-by-header, a header match);
    // the others (User-Agent, Referer) would only make every line a distinct request.
    const named = configText([cluster, ...(options.after ? [options.after.cluster] : [])]);
    this.headerVars = this.format.variables
      .filter((v) => v.startsWith('http_') && v !== 'http_host')
      .map((v): [string, string] => [v, v.slice(5).replace(/_/g, '-')])
      .filter(([, h]) => named === undefined || named.includes(h));
    this.cookies = named === undefined || named.includes('cookie');
    this.tlsHosts = new Set(cluster.ingresses.flatMap((i) => i.tls.flatMap((t) => t.hosts.map((h) => h.toLowerCase()))));
    if (!vars.has('scheme') && !options.scheme) {
      this.assumptions.add('the log format has no $scheme: a line is replayed as https when the config has TLS for its host, as http when it has not, and as http when NGINX answered it with a redirect itself (ssl-redirect)');
    }
  }

  /** The request a parsed line describes, or why it cannot be replayed. */
  private readRequest(v: Map<string, string>, lineNo: number): LoggedRequest | string {
    let method: string;
    let target: string;
    const request = v.get('request');
    if (request !== undefined) {
      const parts = request.split(' ');
      if (parts.length < 2 || !parts[1]) return `$request "${request}" is not "METHOD URI PROTOCOL"`;
      [method, target] = parts;
    } else {
      method = v.get('request_method') ?? 'GET';
      target = v.get('request_uri') ?? `${v.get('uri') ?? '/'}${empty(v.get('args')) ? '' : `?${v.get('args')}`}`;
    }
    if (!/^[A-Z]+$/.test(method)) return `"${method}" is not an HTTP method`;
    let host = this.hostVar ? v.get(this.hostVar) : undefined;
    if (empty(host)) host = this.options.host;
    const abs = /^(https?):\/\/([^/]+)(.*)$/i.exec(target);
    if (abs) {
      host ??= abs[2];
      target = abs[3] || '/';
    }
    if (!target.startsWith('/')) return `the request target "${target}" is not a path`;
    if (!host) return 'the line has no host and no --host was given';
    const status = Number(v.get('status'));
    if (!Number.isInteger(status)) return `$status "${v.get('status')}" is not a number`;
    const upstreamAddr = v.get('upstream_addr');
    const answeredItself = this.format.variables.includes('upstream_addr') && empty(upstreamAddr);
    let scheme = v.get('scheme') ?? this.options.scheme;
    if (!scheme) scheme = this.tlsHosts.has(host.split(':')[0].toLowerCase()) && !(answeredItself && status >= 301 && status <= 308) ? 'https' : 'http';
    const headers: Array<[string, string]> = [];
    for (const [name, header] of this.headerVars) {
      const value = v.get(name);
      if (!empty(value)) headers.push([header, value!]);
    }
    const cookies = !this.cookies ? [] : this.format.variables.filter((x) => x.startsWith('cookie_')).map((x) => [x.slice(7), v.get(x)] as const).filter(([, val]) => !empty(val));
    if (cookies.length && !headers.some(([h]) => h === 'cookie')) headers.push(['cookie', cookies.map(([k, val]) => `${k}=${val}`).join('; ')]);
    return {
      line: lineNo,
      request: { method, url: `${scheme}://${host}${target}`, headers, controller: this.controller },
      status,
      upstream: v.get('proxy_upstream_name') ?? '',
      alternative: v.get('proxy_alternative_upstream_name') ?? '',
      upstreamAddr: this.format.variables.includes('upstream_addr') ? upstreamAddr ?? '' : undefined,
    };
  }

  /** The request of one line, without replaying it (undefined for a line the format does not match). */
  readLine(text: string, lineNo = 0): LoggedRequest | undefined {
    const values = parseLogLine(this.format, text.endsWith('\r') ? text.slice(0, -1) : text);
    const r = values && this.readRequest(values, lineNo);
    return typeof r === 'object' ? r : undefined;
  }

  add(text: string, lineNo = this.lines + this.skipped + 1): void {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!line.trim()) return;
    const values = parseLogLine(this.format, line);
    const logged = values ? this.readRequest(values, lineNo) : 'the line does not match the log format';
    if (typeof logged === 'string') {
      this.skipped++;
      if (this.skippedSamples.length < 5) this.skippedSamples.push({ line: lineNo, text: line.length > 200 ? `${line.slice(0, 200)}...` : line, why: logged });
      return;
    }
    this.lines++;
    const key = `${logged.request.method} ${logged.request.url} ${JSON.stringify(logged.request.headers)} ${logged.status} ${logged.upstream} ${logged.alternative} ${empty(logged.upstreamAddr) ? '-' : '+'}`;
    let verdict = this.cache.get(key);
    if (!verdict) {
      verdict = this.judge(logged);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      // Traces are kept only by the groups below (first occurrence); the cache holds words.
      const { trace: _t, change, ...words } = verdict;
      this.cache.set(key, { ...words, change: change && { ...change, afterTrace: undefined } });
    }
    if (!this.seen.has(key) && this.seen.size < CACHE_LIMIT * 4) this.seen.add(key);
    if (verdict.agree) this.agree++;
    else {
      this.differ++;
      const g = this.groups.get(key);
      if (g) {
        g.count++;
        if (g.lines.length < KEEP_LINES) g.lines.push(lineNo);
      } else if (this.groups.size < KEEP_GROUPS) {
        this.groups.set(key, { request: logged.request, logged: verdict.logged, traced: verdict.traced, rule: verdict.rule, why: verdict.why, trace: verdict.trace, lines: [lineNo], count: 1 });
      } else this.moreDifferences++;
    }
    if (verdict.change) {
      this.changed++;
      const ckey = `${logged.request.method} ${logged.request.url} ${JSON.stringify(logged.request.headers)}`;
      const g = this.changeGroups.get(ckey);
      if (g) {
        g.count++;
        if (g.lines.length < KEEP_LINES) g.lines.push(lineNo);
      } else if (this.changeGroups.size < KEEP_GROUPS) {
        this.changeGroups.set(ckey, { request: logged.request, before: { outcome: verdict.change.before, rule: verdict.rule, trace: verdict.trace! }, after: { outcome: verdict.change.after, rule: verdict.change.afterRule, trace: verdict.change.afterTrace! }, lines: [lineNo], count: 1 });
      } else this.moreChanges++;
    }
  }

  /** Upstream names ingress-nginx gives a backend: the port as a number and as the Service's port name. */
  private upstreamNames(ns: string, service: string, port: number | undefined): string[] {
    const names = [`${ns}-${service}-${port}`];
    const svc = this.cluster.services.get(`${ns}/${service}`);
    const named = svc?.ports.find((p) => p.port === port)?.name;
    if (named) names.push(`${ns}-${service}-${named}`);
    return names;
  }

  private judge(l: LoggedRequest): Verdict {
    let trace: Trace;
    try {
      trace = simulate(this.cluster, l.request, { mode: 'ingress', controller: this.controller });
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      return { agree: false, logged: this.loggedText(l), traced: `cannot be traced: ${err.message}`, rule: '(no rule)', why: err.message };
    }
    const o = trace.outcome;
    const s = summarizeOutcome(trace);
    const served = !empty(l.alternative) ? l.alternative : l.upstream;
    const contacted = l.upstreamAddr === undefined ? !empty(served) && served !== '-' : !empty(l.upstreamAddr);
    let agree: boolean;
    let why: string;
    // A Service with no Pods in the manifests is usually a config without its workloads:
    // the backend ingress-nginx chose is still the thing to compare.
    const unready = !!backendWithoutPods(trace);
    if (unready) this.noEndpoints++;
    if (o.kind === 'proxied' || unready) {
      const backends = o.backends?.length ? o.backends : o.backend ? [o.backend] : [];
      const names = backends.flatMap((b) => this.upstreamNames(b.namespace, b.service, b.port));
      // A custom default backend's upstream is named after its Service too, with a prefix.
      const named = names.some((n) => served === n || served.endsWith(`-${n}`));
      agree = named && (contacted || (unready && l.status === 503));
      why = agree
        ? ''
        : named
          ? `ingress-nginx chose ${served} but answered ${l.status} itself without contacting it (no endpoints, or a denial RouteLab does not see in the manifests)`
          : empty(served)
            ? `ingress-nginx answered ${l.status} before choosing any location's backend, where RouteLab proxies to ${names[0] ?? 'a backend'}`
            : `the log says ${served} served it, RouteLab's trace picks ${names.join(' or ') || 'a backend'}${!empty(l.alternative) ? ' (ingress-nginx sent it to the canary; a header or cookie that decided it may not be in the log format)' : ''}`;
    } else {
      const defaultBackend = served === 'upstream-default-backend';
      agree = defaultBackend ? o.reason === 'ControllerDefaultBackend' || o.status === l.status : !contacted && o.status === l.status;
      why = agree
        ? ''
        : contacted && !defaultBackend
          ? `the log says ${served} served it with ${l.status}; RouteLab's trace answers ${o.status} without a backend`
          : `the log says ${l.status}, RouteLab's trace answers ${o.status}`;
    }
    const verdict: Verdict = { agree, logged: this.loggedText(l), traced: s.text, rule: decidingRule(trace), why, trace };
    const after = this.options.after;
    if (after) {
      let t2: Trace | undefined;
      try {
        // A second controller on the same config (a swap) names itself; otherwise the logged request's controller stays.
        t2 = simulate(after.cluster, after.options.controller ? Object.assign({}, l.request, { controller: after.options.controller }) : l.request, after.options);
      } catch (err) {
        if (!(err instanceof RequestError)) throw err;
      }
      if (t2) {
        const s2 = summarizeOutcome(t2);
        if (s2.key !== s.key) verdict.change = { before: s.text, after: s2.text, afterRule: decidingRule(t2), afterTrace: t2 };
      }
    }
    return verdict;
  }

  private loggedText(l: LoggedRequest): string {
    const served = !empty(l.alternative) ? `${l.alternative} (canary of ${l.upstream})` : l.upstream;
    const addr = l.upstreamAddr === undefined ? '' : empty(l.upstreamAddr) ? ', no upstream contacted' : ` at ${l.upstreamAddr}`;
    return `${l.status}${empty(served) ? ' before any location' : ` from ${served}`}${addr}`;
  }

  get progress(): { lines: number; agree: number; differ: number; skipped: number } {
    return { lines: this.lines, agree: this.agree, differ: this.differ, skipped: this.skipped };
  }

  finish(): ReplaySummary {
    if (this.noEndpoints) this.assumptions.add(`${this.noEndpoints} distinct request(s) went to a Service with no ready endpoints in the manifests; for them the Service RouteLab chose is compared with the logged one`);
    const summary: ReplaySummary = {
      lines: this.lines,
      agree: this.agree,
      differ: this.differ,
      skipped: this.skipped,
      skippedSamples: this.skippedSamples,
      differences: [...this.groups.values()],
      moreDifferences: this.moreDifferences,
      assumptions: [...this.assumptions],
      distinct: this.seen.size,
    };
    if (this.options.after) {
      summary.changed = this.changed;
      summary.changes = [...this.changeGroups.values()];
      summary.moreChanges = this.moreChanges;
    }
    return summary;
  }
}
