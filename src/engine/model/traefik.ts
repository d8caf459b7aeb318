// Traefik's Middleware custom resource (traefik.io/v1alpha1, formerly
// traefik.containo.us/v1alpha1), which an Ingress names in its
// traefik.ingress.kubernetes.io/router.middlewares annotation. Only the HTTP
// middlewares that change where a request goes or what the backend sees are
// modelled field by field; the others are kept by name so the trace can say that
// they run and that RouteLab does not simulate them.
import type { K8sObject } from './resources.js';
import type { SourceRef } from './source.js';

export const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'] as const;

export type MiddlewareConfig =
  | { type: 'stripPrefix'; prefixes: string[] }
  | { type: 'stripPrefixRegex'; regex: string[] }
  | { type: 'addPrefix'; prefix: string }
  | { type: 'replacePath'; path: string }
  | { type: 'replacePathRegex'; regex: string; replacement: string }
  | { type: 'redirectScheme'; scheme: string; port: string; permanent: boolean }
  | { type: 'redirectRegex'; regex: string; replacement: string; permanent: boolean }
  | { type: 'headers'; request: Array<[string, string]>; response: Array<[string, string]>; other: string[] }
  | { type: 'basicAuth' | 'digestAuth'; secret: string }
  | { type: 'chain'; middlewares: Array<{ name: string; namespace?: string }> }
  /** a middleware RouteLab does not simulate (forwardAuth, rateLimit, retry, compress ...) */
  | { type: 'other'; name: string };

export interface TraefikMiddleware extends K8sObject {
  kind: 'Middleware';
  /** undefined: the spec names no middleware type, which Traefik rejects */
  config: MiddlewareConfig | undefined;
  /** where the middleware type is written (spec.stripPrefix ...) */
  configSource: SourceRef;
}
