// Small facts about the request and the config that several controller models use:
// the URI as NGINX/HAProxy see it, the origin for redirects, and which hosts have TLS.
import { cached } from '../../model/cluster.js';
import type { Hostname, NormalizedRequest } from '../../model/request.js';
import type { Ingress } from '../../model/resources.js';
import { ingressHostMatches } from '../../match/hostname.js';
import type { TraceCandidate } from '../../trace/types.js';
import { ingressRef } from '../steps.js';
import { nearestHosts, type HostTable } from '../table.js';
import type { ControllerContext } from '../types.js';

/** Path and query as sent ($request_uri). */
export function requestUri(req: NormalizedRequest): string {
  return req.path + req.query;
}

/** scheme://host[:port] as the client addressed it ($scheme://$http_host); default ports are omitted. */
export function requestOrigin(req: NormalizedRequest): string {
  const scheme = req.protocol === 'https' ? 'https' : 'http';
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${req.host}${req.portExplicit && req.port !== defaultPort ? `:${req.port}` : ''}`;
}

export interface TlsHosts {
  /** the oldest served Ingress whose spec.tls lists a host covering `host`, if any */
  coveredBy(host: Hostname): Ingress | undefined;
}

/**
 * Hosts with TLS configured by any served Ingress (spec.tls[].hosts; a wildcard entry
 * covers one label). Indexed once per config and controller.
 */
export function tlsHostsOf(ctx: ControllerContext): TlsHosts {
  return cached(ctx.cluster, `tls-hosts ${ctx.profile.name}`, () => {
    const exact = new Map<string, Ingress>();
    const wildcards: Array<[string, Ingress]> = [];
    for (const ing of ctx.table.served) {
      for (const t of ing.tls) {
        for (const h of t.hosts) {
          const host = h.toLowerCase();
          if (host.startsWith('*.')) wildcards.push([host, ing]);
          else if (!exact.has(host)) exact.set(host, ing);
        }
      }
    }
    return {
      coveredBy(host: Hostname) {
        return exact.get(host) ?? wildcards.find(([w]) => ingressHostMatches(w, host))?.[1];
      },
    };
  });
}

/** The hosts closest to one no rule names (shared trailing labels), as "miss" candidates. */
export function nearMisses(table: HostTable, host: Hostname): TraceCandidate[] {
  return nearestHosts(table, host).map((h) => {
    const entry = table.exact.get(h) ?? table.wildcard.get(h);
    return {
      label: h,
      verdict: 'miss' as const,
      reason: 'HostMismatch' as const,
      detail: h.startsWith('*.') ? `${h} covers names under ${h.slice(2)}; ${host} is not one of them` : `${h} is not ${host}`,
      object: entry?.ingresses[0] ? ingressRef(entry.ingresses[0]) : undefined,
      source: entry?.paths[0]?.rule.source,
    };
  });
}
