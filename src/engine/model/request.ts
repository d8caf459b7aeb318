// The request a user traces: what they type in the request bar, on the CLI, or
// in a routing test file, and its normalised form the engine works on.

export type ControllerName = 'spec' | 'ingress-nginx' | 'traefik' | 'haproxy' | 'f5-nginx' | 'traefik-nginx';
export const CONTROLLER_NAMES: readonly ControllerName[] = ['spec', 'ingress-nginx', 'traefik', 'haproxy', 'f5-nginx', 'traefik-nginx'];

export type Protocol = 'http' | 'https' | 'grpc' | 'tls' | 'tcp' | 'udp';

/** As written by a user. */
export interface RequestInput {
  method?: string;
  url: string;
  /** a map (test files) or a list of pairs (CLI -H, the request bar); names are case-insensitive */
  headers?: Record<string, string | string[]> | Array<[string, string]>;
  /** ingress mode: which controller semantics to apply (default `spec`) */
  controller?: ControllerName;
  /** gateway mode: "namespace/name" (or "name" in default) of the Gateway the request enters */
  gateway?: string;
  /** gateway mode: listener (sectionName) of that Gateway */
  listener?: string;
  /** gateway mode: the Gateway API implementation profile (report folder name or alias; default portable) */
  implementation?: string;
}

/** A hostname as the engine compares it: lower-case, no port, no trailing dot. */
export type Hostname = string & { readonly __brand: 'Hostname' };

export function toHostname(host: string): Hostname {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h as Hostname;
}

export interface NormalizedRequest {
  method: string;
  url: string;
  /** how the URL was written */
  scheme: string;
  /** what travels on the wire: grpc:// is HTTP/2 POST, tls:// is a TLS connection with SNI */
  protocol: Protocol;
  /** the name the client resolves and connects to (URL authority) */
  connectHost: Hostname;
  /** the HTTP Host header / :authority the entry point routes on (the Host header when given) */
  host: Hostname;
  /** TLS server name, for https and tls:// */
  sni?: Hostname;
  port: number;
  portExplicit: boolean;
  /** path without the query, as sent (not decoded) */
  path: string;
  /** "?a=b" or "" */
  query: string;
  queryParams: Array<[string, string]>;
  /** header names lower-cased, in order; repeated names are kept */
  headers: Array<[string, string]>;
  /** gRPC service and method, when the request is a gRPC call */
  grpc?: { service: string; method: string };
  controller?: ControllerName;
  gateway?: string;
  listener?: string;
  implementation?: string;
}

export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, grpc: 80, grpcs: 443, tls: 443 };
const URL_SHAPE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;

/** Parses and normalises a request; throws RequestError with a one-line message on bad input. */
/** The WHATWG URL parser's IDNA (in every browser and Node; not part of ECMAScript, hence the lookup). */
function punycodeHost(host: string): string {
  const URLCtor = (globalThis as unknown as { URL?: new (u: string) => { hostname: string } }).URL;
  try {
    if (URLCtor) return new URLCtor(`http://${host}/`).hostname;
  } catch {
    // fall through to the error below
  }
  throw new RequestError(`"${host}" is not a valid host name (an internationalized name that cannot be written in punycode)`);
}

export function normalizeRequest(input: RequestInput): NormalizedRequest {
  const url = (input.url ?? '').trim();
  if (!url) throw new RequestError('the request URL is empty');
  const m = URL_SHAPE.exec(url);
  if (!m) throw new RequestError(`"${url}" is not a URL like http://host/path (a scheme and // are required)`);
  const scheme = m[1].toLowerCase();
  const protocol = protocolOf(scheme);
  if (!protocol) throw new RequestError(`unsupported scheme "${scheme}": use http, https, grpc, tls, tcp or udp`);
  const authority = m[2];
  if (authority.includes('@')) throw new RequestError('user info in the URL (user@host) is not supported');
  const hp = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!hp || !hp[1]) throw new RequestError(`"${url}" has no host`);
  let hostText = hp[1];
  // An internationalized name travels as punycode (IDNA, as browsers and curl send it):
  // bücher.example is xn--bcher-kva.example in the Host header and in the manifests.
  if (/[^\x00-\x7f]/.test(hostText)) hostText = punycodeHost(hostText);
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._*-]+)$/.test(hostText)) throw new RequestError(`"${hostText}" is not a valid host name`);
  let port = DEFAULT_PORTS[scheme];
  let portExplicit = false;
  if (hp[2] !== undefined && hp[2] !== '') {
    port = Number(hp[2]);
    portExplicit = true;
    if (!(port >= 1 && port <= 65535)) throw new RequestError(`port ${hp[2]} is out of range`);
  }
  if (port === undefined) throw new RequestError(`${scheme}:// needs a port, as in ${scheme}://${hostText}:9000`);

  const headers = normalizeHeaders(input.headers);
  const connectHost = toHostname(hostText);
  const hostHeader = headers.find(([n]) => n === 'host' || n === ':authority');
  const host = hostHeader ? toHostname(stripPort(hostHeader[1])) : connectHost;

  let path = m[3] || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  const query = m[4] ?? '';
  let method = (input.method ?? '').trim().toUpperCase() || 'GET';
  let grpc: NormalizedRequest['grpc'];
  if (protocol === 'grpc') {
    method = 'POST';
    if (!headers.some(([n]) => n === 'content-type')) headers.push(['content-type', 'application/grpc']);
  }
  if (protocol === 'grpc' || (protocol !== 'tls' && protocol !== 'tcp' && protocol !== 'udp' && isGrpcContentType(headers))) {
    const g = /^\/([^/]+)\/([^/]+)$/.exec(path);
    if (g) grpc = { service: g[1], method: g[2] };
    else if (protocol === 'grpc') throw new RequestError(`a gRPC URL needs the path /package.Service/Method, not "${path}"`);
  }
  return {
    method,
    url,
    scheme,
    protocol,
    connectHost,
    host,
    sni: protocol === 'https' || protocol === 'tls' || scheme === 'grpcs' ? connectHost : undefined,
    port,
    portExplicit,
    path,
    query,
    queryParams: parseQuery(query),
    headers,
    grpc,
    controller: input.controller,
    gateway: input.gateway,
    listener: input.listener,
    implementation: input.implementation,
  };
}

function protocolOf(scheme: string): Protocol | undefined {
  switch (scheme) {
    case 'http':
    case 'https':
    case 'tls':
    case 'tcp':
    case 'udp':
    case 'grpc':
      return scheme;
    case 'grpcs':
      return 'grpc';
    default:
      return undefined;
  }
}

function stripPort(host: string): string {
  const t = host.trim();
  if (t.startsWith('[')) return t.slice(0, t.indexOf(']') + 1);
  const i = t.lastIndexOf(':');
  return i === -1 ? t : t.slice(0, i);
}

export function isGrpcContentType(headers: Array<[string, string]>): boolean {
  const ct = headers.find(([n]) => n === 'content-type');
  return !!ct && /^application\/grpc(\+|;|$)/i.test(ct[1].trim());
}

export function normalizeHeaders(h: RequestInput['headers']): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!h) return out;
  const push = (name: string, value: unknown) => {
    const n = String(name).trim().toLowerCase();
    if (!n) return;
    if (!/^:?[!#$%&'*+.^_`|~0-9a-z-]+$/.test(n)) throw new RequestError(`"${name}" is not a valid header name`);
    if (Array.isArray(value)) for (const v of value) out.push([n, String(v ?? '')]);
    else out.push([n, String(value ?? '')]);
  };
  if (Array.isArray(h)) for (const [n, v] of h) push(n, v);
  else for (const [n, v] of Object.entries(h)) push(n, v);
  return out;
}

/** Parses `Name: value` lines (the request bar, `-H`). Blank lines and `#` comments are skipped. */
export function parseHeaderLines(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const colon = t.indexOf(':', t.startsWith(':') ? 1 : 0);
    if (colon <= 0) throw new RequestError(`header line ${i + 1} "${t}" is not "Name: value"`);
    out.push([t.slice(0, colon).trim(), t.slice(colon + 1).trim()]);
  });
  return out;
}

export function parseQuery(query: string): Array<[string, string]> {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (!q) return [];
  return q.split('&').filter(Boolean).map((part) => {
    const i = part.indexOf('=');
    const k = i === -1 ? part : part.slice(0, i);
    const v = i === -1 ? '' : part.slice(i + 1);
    return [safeDecode(k), safeDecode(v)];
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Header value as HTTP folds repeated fields: joined with ",". */
export function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const n = name.toLowerCase();
  const values = headers.filter(([k]) => k === n).map(([, v]) => v);
  return values.length ? values.join(',') : undefined;
}
