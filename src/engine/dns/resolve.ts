// Name resolution as a client sees it. In-cluster names follow the Kubernetes DNS
// specification for Services (<service>.<ns>.svc.<zone>, and the search-path short
// forms <service> and <service>.<ns> from a Pod in namespace "default");
// every other name is external and resolves to an entry point's address.
import type { Cluster } from '../model/cluster.js';
import type { Hostname } from '../model/request.js';
import type { Service } from '../model/resources.js';
import { isIpLiteral } from '../match/hostname.js';

/** The cluster domain RouteLab simulates. */
export const CLUSTER_DOMAIN = 'cluster.local';
/** Namespace of the simulated client Pod, which decides what a bare Service name means. */
export const CLIENT_NAMESPACE = 'default';

export type NameResolution =
  | { kind: 'ip'; ip: string }
  | { kind: 'in-cluster'; service: Service; form: string }
  /** a fully qualified Service name that names no Service */
  | { kind: 'nxdomain'; name: string; why: string }
  | { kind: 'external' };

/**
 * `strict` (test files in a fixed mode, the CLI with --controller/--gateway): only
 * names that are unambiguously in-cluster (with .svc) resolve to Services; a bare
 * `name` or `name.ns` matching a Service resolves in-cluster only when not strict.
 */
const EXTERNAL: NameResolution = Object.freeze({ kind: 'external' });

export function resolveName(cluster: Cluster, host: Hostname, strict: boolean): NameResolution {
  if (isIpLiteral(host)) return { kind: 'ip', ip: host };
  // Most names have no "svc" label and are not looked up as short names: no split (every trace asks).
  if (strict && !host.includes('.svc')) return EXTERNAL;
  const labels = host.split('.');
  const svcAt = labels.indexOf('svc');
  if (svcAt === 2 && (labels.length === 3 || labels.slice(3).join('.') === CLUSTER_DOMAIN)) {
    const [name, ns] = labels;
    const service = cluster.services.get(`${ns}/${name}`);
    if (service) return { kind: 'in-cluster', service, form: host };
    return { kind: 'nxdomain', name: host, why: `no Service ${name} in namespace ${ns}` };
  }
  if (strict) return EXTERNAL;
  if (labels.length === 1) {
    const service = cluster.services.get(`${CLIENT_NAMESPACE}/${host}`);
    if (service) return { kind: 'in-cluster', service, form: `${host} (search path ${CLIENT_NAMESPACE}.svc.${CLUSTER_DOMAIN})` };
  }
  if (labels.length === 2) {
    const service = cluster.services.get(`${labels[1]}/${labels[0]}`);
    if (service) return { kind: 'in-cluster', service, form: `${host} (search path svc.${CLUSTER_DOMAIN})` };
  }
  return { kind: 'external' };
}

export function serviceDnsName(svc: Service): string {
  return `${svc.meta.name}.${svc.meta.namespace}.svc.${CLUSTER_DOMAIN}`;
}
