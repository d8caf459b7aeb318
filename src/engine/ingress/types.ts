// The contract between the shared Ingress pipeline (ingress/route.ts) and each
// controller model (ingress/controllers/*). A controller decides host, path,
// annotations (redirects, rewrites, canaries); the pipeline does DNS, classes,
// Service -> Pods and the response, identically for all.
import type { Cluster } from '../model/cluster.js';
import type { NormalizedRequest } from '../model/request.js';
import type { Ingress, IngressBackend, ObjectRef } from '../model/resources.js';
import type { SourceRef } from '../model/source.js';
import type { TraceBuilder } from '../trace/builder.js';
import type { ReasonCode } from '../trace/reasons.js';
import type { ClassSelection, ControllerProfile } from './classes.js';
import type { HostTable } from './table.js';

export interface IngressTarget {
  ingress: Ingress;
  backend: IngressBackend;
  /** id of the rule (path or defaultBackend) that chose this backend */
  ruleId: string;
  /** "rules[0].paths[1]" or "defaultBackend" */
  rule: string;
  source: SourceRef;
  /** the object that chose the backend when it is not the Ingress itself (an F5 VirtualServer) */
  object?: ObjectRef;
  /** namespace of the backend Service when it is not the object's own (VirtualServer upstream "ns/svc") */
  serviceNamespace?: string;
}

export type IngressDecision =
  | (IngressTarget & {
      kind: 'proxy';
      /** path with query as the backend receives it (default: unchanged) */
      upstreamPath?: string;
      /** Host header as the backend receives it (default: unchanged) */
      upstreamHost?: string;
      setRequestHeaders?: Array<[string, string]>;
      /** lower-case names of request headers the backend does not receive */
      removeRequestHeaders?: string[];
      responseHeaders?: Array<[string, string]>;
      /** weighted alternatives (canary); the chosen target is the one above */
      split?: Array<IngressTarget & { weight: number }>;
    })
  | {
      kind: 'redirect';
      status: number;
      location: string;
      reason: ReasonCode;
      message: string;
      target?: IngressTarget;
    }
  | {
      kind: 'respond';
      status: number;
      reason: ReasonCode;
      message: string;
      target?: IngressTarget;
    };

export interface ControllerContext {
  cluster: Cluster;
  profile: ControllerProfile;
  selection: ClassSelection;
  table: HostTable;
  request: NormalizedRequest;
  trace: TraceBuilder;
}

export interface IngressControllerModel {
  profile: ControllerProfile;
  /** status when the chosen Service does not exist or has no endpoints */
  unavailableStatus: number;
  /** why that status, for the trace (the controller's own mechanism, cited) */
  unavailableWhy?: string;
  /** Chooses what happens to the request; writes its host/rule/annotation steps to ctx.trace. */
  route(ctx: ControllerContext): IngressDecision;
}
