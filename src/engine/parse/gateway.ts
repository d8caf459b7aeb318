// Readers for Gateway API kinds (gateway.networking.k8s.io).
import type { K8sObject } from '../model/resources.js';
import type { ReadContext } from './context.js';
import type { ClusterBuilder, KindReader } from './manifests.js';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

function collect(list: 'gatewayClasses' | 'gateways' | 'routes' | 'referenceGrants' | 'listenerSets'): KindReader {
  return (base: K8sObject, _ctx: ReadContext, b: ClusterBuilder) => {
    b.cluster.gatewayApi[list].push(base);
  };
}

export const GATEWAY_READERS: Record<string, KindReader> = {
  [`${GATEWAY_API_GROUP}/GatewayClass`]: collect('gatewayClasses'),
  [`${GATEWAY_API_GROUP}/Gateway`]: collect('gateways'),
  [`${GATEWAY_API_GROUP}/HTTPRoute`]: collect('routes'),
  [`${GATEWAY_API_GROUP}/GRPCRoute`]: collect('routes'),
  [`${GATEWAY_API_GROUP}/TLSRoute`]: collect('routes'),
  [`${GATEWAY_API_GROUP}/TCPRoute`]: collect('routes'),
  [`${GATEWAY_API_GROUP}/UDPRoute`]: collect('routes'),
  [`${GATEWAY_API_GROUP}/ReferenceGrant`]: collect('referenceGrants'),
  [`${GATEWAY_API_GROUP}/ListenerSet`]: collect('listenerSets'),
  [`gateway.networking.x-k8s.io/XListenerSet`]: collect('listenerSets'),
};
