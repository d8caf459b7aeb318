// The entry points a user can pin a request to: Ingress controller semantics,
// and each Gateway with its listeners. Read by the UI's request bar and the CLI.
import type { Cluster } from './model/cluster.js';
import { CONTROLLER_NAMES, type ControllerName } from './model/request.js';
import type { SourceRef } from './model/source.js';
import { gatewayTopology } from './gateway/listeners.js';

export interface GatewayEntry {
  namespace: string;
  name: string;
  source: SourceRef;
  /** the Gateway's own listeners, then those of attached ListenerSets */
  listeners: Array<{ name: string; port: number; protocol: string; hostname?: string }>;
}

export interface EntryPoints {
  controllers: readonly ControllerName[];
  gateways: GatewayEntry[];
  hasIngresses: boolean;
}

export function entryPoints(cluster: Cluster): EntryPoints {
  return {
    controllers: CONTROLLER_NAMES,
    hasIngresses: cluster.ingresses.length > 0,
    gateways: gatewayTopology(cluster).gateways.map((g) => ({
      namespace: g.gateway.meta.namespace,
      name: g.gateway.meta.name,
      source: g.gateway.source,
      listeners: g.listeners.map((l) => ({ name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname })),
    })),
  };
}
