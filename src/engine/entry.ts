// The entry points a user can pin a request to: Ingress controller semantics,
// and each Gateway with its listeners. Read by the UI's request bar and the CLI.
import type { Cluster } from './model/cluster.js';
import { CONTROLLER_NAMES, type ControllerName } from './model/request.js';
import { asArray, asInt, asRecord, asString } from './parse/context.js';
import type { SourceRef } from './model/source.js';

export interface GatewayEntry {
  namespace: string;
  name: string;
  source: SourceRef;
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
    gateways: cluster.gatewayApi.gateways.map((g) => ({
      namespace: g.meta.namespace,
      name: g.meta.name,
      source: g.source,
      listeners: asArray(asRecord(g.raw.spec).listeners).map((l) => {
        const x = asRecord(l);
        return { name: asString(x.name) ?? '', port: asInt(x.port) ?? 0, protocol: asString(x.protocol) ?? '', hostname: asString(x.hostname) };
      }),
    })),
  };
}
