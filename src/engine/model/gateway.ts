// Gateway API objects as RouteLab reads them (gateway.networking.k8s.io).
// Filled in by the Gateway API engine; the foundation only carries the objects.
import type { K8sObject } from './resources.js';

export interface GatewayApiModel {
  gatewayClasses: K8sObject[];
  gateways: K8sObject[];
  routes: K8sObject[];
  referenceGrants: K8sObject[];
  listenerSets: K8sObject[];
}

export function emptyGatewayApiModel(): GatewayApiModel {
  return { gatewayClasses: [], gateways: [], routes: [], referenceGrants: [], listenerSets: [] };
}
