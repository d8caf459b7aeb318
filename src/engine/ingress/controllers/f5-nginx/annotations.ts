// The nginx.org/* annotations of F5 NGINX Ingress Controller (nginx/kubernetes-ingress)
// that change where a request goes or what the backend sees, read once per Ingress.
// Sources: internal/configs/annotations.go (parsing, master/minion deny lists),
// internal/k8s/validation.go (allowed values), internal/configs/parsing_helpers.go
// (nginx.org/rewrites), docs.nginx.com "Advanced configuration with Annotations".
// A value the controller rejects is kept as a problem and has no effect, as the
// controller's validation drops it.
import type { Ingress } from '../../../model/resources.js';
import { readAnnotation, readBoolSetting, LEGACY_PREFIX, type Annotation } from '../annotations.js';

const ORG = ['nginx.org/'] as const;

/** Annotation names (without nginx.org/) the model simulates. */
export const F5_SIMULATED = new Set([
  'mergeable-ingress-type',
  'path-regex',
  'rewrites',
  'rewrite-target',
  'ssl-redirect',
  'redirect-to-https',
  'http-redirect-code',
  'app-root',
]);

export type PathRegexMode = 'case_sensitive' | 'case_insensitive' | 'exact';

export interface F5Problem {
  annotation: Annotation;
  message: string;
}

export interface F5IngressConfig {
  ingress: Ingress;
  mergeable?: { type: 'master' | 'minion'; annotation: Annotation };
  pathRegex?: { mode: PathRegexMode; annotation: Annotation };
  /** nginx.org/rewrites: service name -> the URI proxy_pass gets */
  rewrites: Map<string, string>;
  rewritesAnnotation?: Annotation;
  rewriteTarget?: Annotation;
  /** nginx.org/ssl-redirect (fallback ingress.kubernetes.io/ssl-redirect), default true */
  sslRedirect: boolean;
  sslRedirectAnnotation?: Annotation;
  redirectToHttps?: Annotation;
  /** nginx.org/http-redirect-code, default 301 */
  redirectCode: number;
  redirectCodeAnnotation?: Annotation;
  appRoot?: Annotation;
  problems: F5Problem[];
}

/**
 * Annotations a master or a minion may not carry (annotations.go masterDenylist and
 * minionDenylist): the controller logs an error and ignores them there.
 */
export const MASTER_DENIED = new Set(['nginx.org/rewrites', 'nginx.org/ssl-services', 'nginx.org/grpc-services', 'nginx.org/websocket-services', 'nginx.org/sticky-cookie-services', 'nginx.com/sticky-cookie-services', 'nginx.com/health-checks', 'nginx.com/health-checks-mandatory', 'nginx.com/health-checks-mandatory-queue', 'nginx.org/use-cluster-ip']);
export const MINION_DENIED = new Set(['nginx.org/proxy-hide-headers', 'nginx.org/proxy-pass-headers', 'nginx.org/redirect-to-https', 'ingress.kubernetes.io/ssl-redirect', 'nginx.org/ssl-redirect', 'nginx.org/http-redirect-code', 'nginx.org/hsts', 'nginx.org/hsts-max-age', 'nginx.org/hsts-include-subdomains', 'nginx.org/server-tokens', 'nginx.org/listen-ports', 'nginx.org/listen-ports-ssl', 'nginx.org/server-snippets', 'nginx.org/ssl-ciphers', 'nginx.org/ssl-prefer-server-ciphers', 'nginx.org/app-root']);

const REDIRECT_CODES = new Set([301, 302, 307, 308]);

/** nginx.org/rewrites: "serviceName=tea-svc rewrite=/;serviceName=coffee-svc rewrite=/beans/" (parsing_helpers.go parseRewrites). */
export function parseRewrites(value: string): { ok: true; map: Map<string, string> } | { ok: false; error: string } {
  const map = new Map<string, string>();
  for (const part of value.split(';')) {
    const entry = part.trim();
    if (!entry) continue;
    const space = entry.indexOf(' ');
    if (space < 0) return { ok: false, error: `"${entry}" is not "serviceName=<service> rewrite=<path>"` };
    const [svc, rw] = [entry.slice(0, space).trim(), entry.slice(space + 1).trim()];
    if (!svc.startsWith('serviceName=') || !rw.startsWith('rewrite=')) return { ok: false, error: `"${entry}" is not "serviceName=<service> rewrite=<path>"` };
    const path = rw.slice('rewrite='.length);
    if (!/^\/[^\s{};$]*$/.test(path)) return { ok: false, error: `rewrite path "${path}" must start with / and hold no spaces, braces, ";" or "$"` };
    map.set(svc.slice('serviceName='.length), path);
  }
  return { ok: true, map };
}

const cache = new WeakMap<Ingress, F5IngressConfig>();

export function f5ConfigOf(ing: Ingress): F5IngressConfig {
  let c = cache.get(ing);
  if (!c) cache.set(ing, (c = readConfig(ing)));
  return c;
}

function readConfig(ing: Ingress): F5IngressConfig {
  const problems: F5Problem[] = [];
  const a = (name: string) => readAnnotation(ing, ORG, name);
  const cfg: F5IngressConfig = { ingress: ing, rewrites: new Map(), sslRedirect: true, redirectCode: 301, problems };

  const mt = a('mergeable-ingress-type');
  if (mt) {
    const v = mt.value.trim();
    if (v === 'master' || v === 'minion') cfg.mergeable = { type: v, annotation: mt };
    // validation.go validateMergeableIngressTypeAnnotation: the Ingress itself is invalid.
    else problems.push({ annotation: mt, message: `"${mt.value}" is neither master nor minion, so the controller rejects the Ingress` });
  }
  const role = cfg.mergeable?.type;
  const denied = (an: Annotation | undefined): Annotation | undefined => {
    if (!an) return undefined;
    if (role === 'master' && MASTER_DENIED.has(an.key)) problems.push({ annotation: an, message: 'is not allowed on a master Ingress (annotations.go masterDenylist); the controller ignores it' });
    else if (role === 'minion' && MINION_DENIED.has(an.key)) problems.push({ annotation: an, message: 'is not allowed on a minion Ingress (annotations.go minionDenylist); the master decides it, and the controller ignores it here' });
    else return an;
    return undefined;
  };

  const pr = a('path-regex');
  if (pr) {
    const v = pr.value.trim();
    if (v === 'case_sensitive' || v === 'case_insensitive' || v === 'exact') cfg.pathRegex = { mode: v, annotation: pr };
    else problems.push({ annotation: pr, message: `"${pr.value}" is not case_sensitive, case_insensitive or exact; the paths stay as written` });
  }

  const rw = denied(a('rewrites'));
  if (rw) {
    const r = parseRewrites(rw.value);
    if (r.ok) {
      cfg.rewrites = r.map;
      cfg.rewritesAnnotation = rw;
    } else problems.push({ annotation: rw, message: `${r.error}; the controller rejects the annotation` });
  }
  const rt = a('rewrite-target');
  if (rt) {
    const v = rt.value.trim();
    // validation.go validateRewriteTarget: a path, not a URL, no "..", none of ;{}[]|<>,^\`~
    if (!v.startsWith('/') || v.startsWith('//') || v.includes('..') || /[;{}[\]|<>,^\\`~]/.test(v)) problems.push({ annotation: rt, message: `"${rt.value}" must be a path starting with / (no URL, no "..", none of ;{}[]|<>,^\\\`~); the controller rejects it` });
    else if (cfg.rewritesAnnotation) problems.push({ annotation: rt, message: 'nginx.org/rewrites is set too, and it wins (the controller warns and ignores rewrite-target)' });
    else cfg.rewriteTarget = rt;
  }

  const ssl = denied(readAnnotation(ing, ORG, 'ssl-redirect')) ?? denied(readAnnotation(ing, [LEGACY_PREFIX], 'ssl-redirect'));
  const s = readBoolSetting(ssl, true, problems);
  cfg.sslRedirect = s.value;
  cfg.sslRedirectAnnotation = s.annotation;
  const rth = denied(a('redirect-to-https'));
  if (rth) {
    const b = readBoolSetting(rth, false, problems);
    if (b.value) cfg.redirectToHttps = rth;
  }
  const code = denied(a('http-redirect-code'));
  if (code) {
    const n = Number(code.value.trim());
    if (REDIRECT_CODES.has(n)) {
      cfg.redirectCode = n;
      cfg.redirectCodeAnnotation = code;
    } else problems.push({ annotation: code, message: `"${code.value}" is not one of 301, 302, 307, 308; the default 301 applies` });
  }
  const root = denied(a('app-root'));
  if (root) {
    const v = root.value.trim();
    if (!v.startsWith('/') || v === '/') problems.push({ annotation: root, message: `"${root.value}" must be a path other than / ; the controller rejects it` });
    else cfg.appRoot = root;
  }
  return cfg;
}
