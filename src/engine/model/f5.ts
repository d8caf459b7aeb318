// F5 NGINX Ingress Controller's own resources (nginx/kubernetes-ingress, group
// k8s.nginx.org/v1): VirtualServer and VirtualServerRoute. Field names follow
// pkg/apis/configuration/v1/types.go; what the controller does with them is in
// ingress/controllers/f5-nginx/virtualserver.ts.
import type { K8sObject } from './resources.js';
import type { SourceRef } from './source.js';

export const F5_NGINX_GROUP = 'k8s.nginx.org';

export interface VsUpstream {
  name: string;
  /** "svc" or "namespace/svc" (cross-namespace, validateVirtualServerServiceName) */
  service: string;
  port?: number;
  source: SourceRef;
}

/** Condition: exactly one of header, cookie, argument, variable; a value starting with "!" negates. */
export interface VsCondition {
  header?: string;
  cookie?: string;
  argument?: string;
  variable?: string;
  value: string;
  source: SourceRef;
}

export type VsAction =
  | { kind: 'pass'; upstream: string; source: SourceRef }
  | { kind: 'proxy'; upstream: string; rewritePath?: string; source: SourceRef }
  | { kind: 'redirect'; url: string; code?: number; source: SourceRef }
  | { kind: 'return'; code?: number; type?: string; body?: string; source: SourceRef }
  /** written with none, or more than one, of pass / proxy / redirect / return */
  | { kind: 'invalid'; fields: string[]; source: SourceRef };

export interface VsSplit {
  weight: number;
  action?: VsAction;
  source: SourceRef;
}

export interface VsMatch {
  conditions: VsCondition[];
  action?: VsAction;
  splits?: VsSplit[];
  source: SourceRef;
}

export interface VsRoute {
  path: string;
  action?: VsAction;
  splits?: VsSplit[];
  matches: VsMatch[];
  /** a VirtualServerRoute reference, "namespace/name" or "name" */
  route?: string;
  /** spec fields RouteLab does not simulate (policies, errorPages, snippets) */
  other: string[];
  /** index in spec.routes (spec.subroutes for a VirtualServerRoute) */
  index: number;
  source: SourceRef;
}

export interface VirtualServer extends K8sObject {
  kind: 'VirtualServer';
  host?: string;
  ingressClassName?: string;
  tls?: { secret?: string; redirect?: { enable: boolean; code?: number; basedOn?: string; source: SourceRef }; source: SourceRef };
  upstreams: VsUpstream[];
  routes: VsRoute[];
}

export interface VirtualServerRoute extends K8sObject {
  kind: 'VirtualServerRoute';
  host?: string;
  ingressClassName?: string;
  upstreams: VsUpstream[];
  subroutes: VsRoute[];
}
