// The ingress-nginx annotations RouteLab simulates, read once per Ingress into a typed
// config (docs/user-guide/nginx-configuration/annotations.md). Values that the
// controller would reject are kept as problems, shown in the trace, and the annotation
// then has its default effect, as the controller's annotation parsers fall back to
// their defaults on a parse error.
import type { Ingress } from '../../../model/resources.js';
import { NGINX_PREFIX, parseBool, readBoolSetting, parseInteger, readAnnotation, type Annotation } from '../annotations.js';
import { compileRegex, type CompiledRegex } from '../regex.js';

const PREFIXES = [NGINX_PREFIX] as const;

/** Annotation names (without prefix) the ingress-nginx model reads. */
export const NGINX_SIMULATED = new Set([
  'use-regex',
  'rewrite-target',
  'app-root',
  'ssl-redirect',
  'force-ssl-redirect',
  'preserve-trailing-slash',
  'permanent-redirect',
  'permanent-redirect-code',
  'temporal-redirect',
  'temporal-redirect-code',
  'from-to-www-redirect',
  'canary',
  'canary-by-header',
  'canary-by-header-value',
  'canary-by-header-pattern',
  'canary-by-cookie',
  'canary-weight',
  'canary-weight-total',
  'x-forwarded-prefix',
  'upstream-vhost',
  'default-backend',
  'server-alias',
  'auth-type',
  'auth-secret',
  'auth-secret-type',
  'auth-realm',
]);

/** ConfigMap options that are not annotations (configmap.md), with why they do nothing on an Ingress. */
export const NGINX_CONFIGMAP_ONLY: ReadonlyMap<string, string> = new Map(
  ['http-redirect-code', 'hsts', 'use-forwarded-headers', 'strict-validate-path-type'].map((k) => [k, `${k} is an option of the controller's ConfigMap (configmap.md), not an Ingress annotation`]),
);

export interface NginxCanaryConfig {
  enabled: Annotation;
  header?: Annotation;
  /** only used when canary-by-header is set ("It doesn't have any effect if ... canary-by-header ... is not defined") */
  headerValue?: Annotation;
  headerPattern?: Annotation & { compiled: CompiledRegex };
  cookie?: Annotation;
  weight: number;
  weightAnnotation?: Annotation;
  /** canary-weight-total, default 100 */
  weightTotal: number;
  weightTotalAnnotation?: Annotation;
}

export interface NginxRedirectConfig {
  kind: 'permanent' | 'temporal';
  url: string;
  code: number;
  annotation: Annotation;
  codeAnnotation?: Annotation;
}

export interface NginxIngressConfig {
  ingress: Ingress;
  useRegex?: Annotation;
  rewriteTarget?: Annotation;
  appRoot?: Annotation;
  /** ssl-redirect, default true (ConfigMap ssl-redirect "true") */
  sslRedirect: boolean;
  sslRedirectAnnotation?: Annotation;
  forceSslRedirect?: Annotation;
  preserveTrailingSlash?: Annotation;
  redirect?: NginxRedirectConfig;
  fromToWww?: Annotation;
  canary?: NginxCanaryConfig;
  xForwardedPrefix?: Annotation;
  upstreamVhost?: Annotation;
  /** auth-type basic|digest with its secret (annotations.md "Authentication") */
  auth?: { type: Annotation; secret?: Annotation; secretType?: Annotation; realm?: Annotation };
  /** server-alias: more names for the servers of this Ingress's hosts, lower-cased */
  serverAlias?: { names: string[]; annotation: Annotation };
  defaultBackend?: Annotation;
  /** annotations whose value the controller would not accept */
  problems: Array<{ annotation: Annotation; message: string }>;
}

const configs = new WeakMap<Ingress, NginxIngressConfig>();

/** The parsed annotations of one Ingress (memoised: Ingress objects live as long as their config). */
export function nginxConfigOf(ing: Ingress): NginxIngressConfig {
  let c = configs.get(ing);
  if (!c) {
    c = parseNginxAnnotations(ing);
    configs.set(ing, c);
  }
  return c;
}

function parseNginxAnnotations(ing: Ingress): NginxIngressConfig {
  const read = (name: string) => readAnnotation(ing, PREFIXES, name);
  const problems: NginxIngressConfig['problems'] = [];
  // The on/off annotations all default to off; the annotation is kept when it turns one on.
  const flag = (name: string): Annotation | undefined => {
    const setting = readBoolSetting(read(name), false, problems);
    return setting.value ? setting.annotation : undefined;
  };
  const text = (name: string): Annotation | undefined => {
    const a = read(name);
    return a && a.value.trim() !== '' ? a : undefined;
  };

  const cfg: NginxIngressConfig = { ingress: ing, sslRedirect: true, problems };
  cfg.useRegex = flag('use-regex');
  cfg.rewriteTarget = text('rewrite-target');
  cfg.appRoot = text('app-root');
  // internal/ingress/annotations/rewrite/main.go: url.ParseRequestURI must accept the value
  // (an absolute path, or a URL) and the URL must not be absolute (u.IsAbs(): "only allows
  // absolute paths"); otherwise AppRoot is cleared and / reaches the backend.
  if (cfg.appRoot) {
    const v = cfg.appRoot.value.trim();
    const why = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)
      ? `"${v}" is a URL with a scheme; ingress-nginx allows only a path here (rewrite annotation: "only allows absolute paths"), so it clears app-root and / is not redirected`
      : !v.startsWith('/')
        ? `"${v}" is not an absolute path (ingress-nginx parses it as a request URI and rejects it), so it clears app-root and / is not redirected`
        : undefined;
    if (why) {
      problems.push({ annotation: cfg.appRoot, message: why });
      cfg.appRoot = undefined;
    }
  }
  const ssl = readBoolSetting(read('ssl-redirect'), true, problems);
  cfg.sslRedirect = ssl.value;
  cfg.sslRedirectAnnotation = ssl.annotation;
  cfg.forceSslRedirect = flag('force-ssl-redirect');
  cfg.preserveTrailingSlash = flag('preserve-trailing-slash');
  cfg.fromToWww = flag('from-to-www-redirect');
  cfg.xForwardedPrefix = text('x-forwarded-prefix');
  cfg.upstreamVhost = text('upstream-vhost');
  const alias = text('server-alias');
  if (alias) cfg.serverAlias = { names: alias.value.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean), annotation: alias };
  cfg.defaultBackend = text('default-backend');
  const authType = read('auth-type');
  if (authType) cfg.auth = { type: authType, secret: text('auth-secret'), secretType: text('auth-secret-type'), realm: read('auth-realm') };
  cfg.redirect = parseRedirect(read, problems);

  const canary = read('canary');
  if (canary && parseBool(canary.value) === true) cfg.canary = parseCanary(canary, read, problems);
  else if (canary && parseBool(canary.value) === undefined) problems.push({ annotation: canary, message: `"${canary.value}" is not a boolean; the Ingress is not a canary` });
  return cfg;
}

/**
 * "If the Ingress contains both annotations the execution order is temporal and then
 * permanent" (redirect annotation parser); codes outside 300-308 fall back to the
 * defaults 302 (temporal) and 301 (permanent) (annotations.md "Permanent Redirect Code",
 * "Temporal Redirect Code"). Only http(s) URLs are accepted.
 */
function parseRedirect(read: (name: string) => Annotation | undefined, problems: NginxIngressConfig['problems']): NginxRedirectConfig | undefined {
  for (const kind of ['temporal', 'permanent'] as const) {
    const a = read(`${kind}-redirect`);
    if (!a || a.value.trim() === '') continue;
    const url = a.value.trim();
    if (!/^https?:\/\//i.test(url)) {
      problems.push({ annotation: a, message: `"${url}" is not an http or https URL; ingress-nginx rejects it and does not redirect` });
      continue;
    }
    const def = kind === 'temporal' ? 302 : 301;
    const codeAnn = read(`${kind}-redirect-code`);
    let code = def;
    if (codeAnn) {
      const n = parseInteger(codeAnn.value);
      if (n !== undefined && n >= 300 && n <= 308) code = n;
      else problems.push({ annotation: codeAnn, message: `"${codeAnn.value}" is not a redirect code between 300 and 308; ${def} applies` });
    }
    return { kind, url, code, annotation: a, codeAnnotation: codeAnn };
  }
  return undefined;
}

function parseCanary(enabled: Annotation, read: (name: string) => Annotation | undefined, problems: NginxIngressConfig['problems']): NginxCanaryConfig {
  const c: NginxCanaryConfig = { enabled, weight: 0, weightTotal: 100 };
  const nonEmpty = (name: string) => {
    const a = read(name);
    return a && a.value !== '' ? a : undefined;
  };
  c.header = nonEmpty('canary-by-header');
  c.headerValue = nonEmpty('canary-by-header-value');
  const pattern = nonEmpty('canary-by-header-pattern');
  // ngx.re.match (PCRE) is unanchored, like RegExp.exec.
  if (pattern) c.headerPattern = { ...pattern, compiled: compileRegex(pattern.value) };
  c.cookie = nonEmpty('canary-by-cookie');
  const weight = read('canary-weight');
  if (weight) {
    const n = parseInteger(weight.value);
    if (n === undefined || n < 0) problems.push({ annotation: weight, message: `"${weight.value}" is not a non-negative integer; weight 0 applies` });
    else {
      c.weight = n;
      c.weightAnnotation = weight;
    }
  }
  const total = read('canary-weight-total');
  if (total) {
    const n = parseInteger(total.value);
    if (n === undefined || n <= 0) problems.push({ annotation: total, message: `"${total.value}" is not a positive integer; the total stays 100` });
    else {
      c.weightTotal = n;
      c.weightTotalAnnotation = total;
    }
  }
  return c;
}
