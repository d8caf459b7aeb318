// Gateway API routing: placeholder until the Gateway API engine lands.
import type { Cluster } from '../model/cluster.js';
import type { TraceBuilder } from '../trace/builder.js';
import type { Trace } from '../trace/types.js';

export function hasGatewayEntry(cluster: Cluster): boolean {
  return cluster.gatewayApi.gateways.length > 0;
}

export function routeGateway(_cluster: Cluster, tb: TraceBuilder): Trace {
  tb.mode = 'gateway';
  return tb.finish({
    kind: 'not-found',
    status: 404,
    reason: 'NotFound',
    message: 'Gateway API routing is not modelled yet',
  });
}

/** Set to true once the Gateway API engine routes requests; `routelab check` skips gateway files until then. */
export const GATEWAY_ENGINE_READY = false;

/** Every Gateway API route rule, for coverage. */
export function gatewayRules(_cluster: Cluster): Array<{ id: string; label: string }> {
  return [];
}
