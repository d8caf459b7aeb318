// Hostname matching. Ingress and Gateway API differ on wildcards, so each
// rule names which semantics it implements.
import type { Hostname } from '../model/request.js';

export function isWildcardHost(host: string): boolean {
  return host.startsWith('*.');
}

/**
 * Ingress host rule vs the request host (Kubernetes docs, Ingress "Hostname wildcards"):
 * a precise host must equal the Host header; `*.foo.com` covers exactly one DNS label,
 * so it matches bar.foo.com but neither baz.bar.foo.com nor foo.com.
 */
export function ingressHostMatches(ruleHost: string, host: Hostname): boolean {
  const rule = ruleHost.toLowerCase();
  if (!isWildcardHost(rule)) return rule === host;
  const suffix = rule.slice(1); // ".foo.com"
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** The wildcard that covers a host under one-label semantics ("bar.foo.com" -> "*.foo.com"), or undefined. */
export function singleLabelWildcardFor(host: Hostname): string | undefined {
  const dot = host.indexOf('.');
  if (dot <= 0 || dot === host.length - 1) return undefined;
  return `*${host.slice(dot)}`;
}

/** True for dotted-quad IPv4 and bracketed IPv6 literals. */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}
