// The learning gallery: routing test files (shared/docs/routing-test-format.md). The
// first one is bundled with the page (it opens at start); the others are separate chunks
// fetched when chosen from the Examples menu, so the menu's titles and blurbs are written
// here (examples.test.ts checks each title against its file's `name`). Each one's cases
// carry expectations, and examples.test.ts runs them all through the engine, so the
// gallery stays honest as the engine evolves.
import prefixVsExact from './01-prefix-vs-exact.yaml?raw';

export interface Example {
  id: string;
  /** the test file's `name` */
  title: string;
  /** one line for the Examples menu */
  blurb: string;
  file: string;
  /** the test file's text (fetched on first use for all but the first example) */
  load: () => Promise<string>;
}

const text = (m: { default: string }) => m.default;

function example(file: string, title: string, blurb: string, load: () => Promise<string>): Example {
  return { id: file.replace(/^\d+-|\.yaml$/g, ''), title, blurb, file, load };
}

export const EXAMPLES: readonly Example[] = [
  example(
    '01-prefix-vs-exact.yaml',
    'Prefix vs Exact paths',
    'Which path wins: Exact, the longest Prefix, element by element',
    () => Promise.resolve(prefixVsExact),
  ),
  example(
    '02-hosts-and-wildcards.yaml',
    'Host rules and wildcard hosts',
    'Exact hosts, *.wildcards (one label) and the host-less catch-all',
    () => import('./02-hosts-and-wildcards.yaml?raw').then(text),
  ),
  example(
    '03-no-match-404.yaml',
    'No match: 404 and the closest miss',
    'Nothing matches: the controller answers 404, and the trace says why',
    () => import('./03-no-match-404.yaml?raw').then(text),
  ),
  example(
    '04-default-backend.yaml',
    'defaultBackend: where unmatched requests go',
    'A defaultBackend catches every unmatched request',
    () => import('./04-default-backend.yaml?raw').then(text),
  ),
  example(
    '05-rewrite-target.yaml',
    'rewrite-target with capture groups (ingress-nginx)',
    'ingress-nginx regex paths and rewrite-target /$2',
    () => import('./05-rewrite-target.yaml?raw').then(text),
  ),
  example(
    '06-ingress-class.yaml',
    'IngressClass and the default class',
    'Which controller serves which Ingress; the default class',
    () => import('./06-ingress-class.yaml?raw').then(text),
  ),
  example(
    '07-three-controllers.yaml',
    'One Ingress, four readings (spec, ingress-nginx, Traefik, HAProxy)',
    'The same Ingress under spec, ingress-nginx, Traefik and HAProxy',
    () => import('./07-three-controllers.yaml?raw').then(text),
  ),
  example(
    '08-https-redirect.yaml',
    'HTTPS redirect',
    'spec.tls and force-ssl-redirect: 308 vs 302 vs no redirect',
    () => import('./08-https-redirect.yaml?raw').then(text),
  ),
  example(
    '09-gateway-roles.yaml',
    'Gateway API roles: GatewayClass, Gateway, HTTPRoute',
    'GatewayClass, Gateway listeners and HTTPRoutes of several teams',
    () => import('./09-gateway-roles.yaml?raw').then(text),
  ),
  example(
    '10-matching-precedence.yaml',
    'HTTPRoute matching: headers, query, method and precedence',
    'Header, query and method matches and who wins',
    () => import('./10-matching-precedence.yaml?raw').then(text),
  ),
  example(
    '11-reference-grant.yaml',
    'Cross-namespace backends and ReferenceGrant',
    'Backends in another namespace need a ReferenceGrant',
    () => import('./11-reference-grant.yaml?raw').then(text),
  ),
  example(
    '12-canary-weights.yaml',
    'Canary release by weights',
    'Weighted backendRefs: a 90/10 canary and a header override',
    () => import('./12-canary-weights.yaml?raw').then(text),
  ),
  example(
    '13-dns-in-cluster.yaml',
    'External DNS names vs in-cluster Service names',
    'Public names go through the Ingress; cluster DNS names do not',
    () => import('./13-dns-in-cluster.yaml?raw').then(text),
  ),
  example(
    '14-traefik-middlewares.yaml',
    'Traefik middlewares (StripPrefix, redirectScheme)',
    'Traefik Middlewares: StripPrefix, redirectScheme, and a misspelt name',
    () => import('./14-traefik-middlewares.yaml?raw').then(text),
  ),
  example(
    '15-service-mesh.yaml',
    'Service mesh routes (Gateway API for Service Mesh)',
    'HTTPRoutes bound to a Service route in-cluster traffic (GAMMA)',
    () => import('./15-service-mesh.yaml?raw').then(text),
  ),
  example(
    '16-eight-implementations.yaml',
    'One HTTPRoute on eight implementations',
    'Envoy Gateway, Istio, Cilium, NGF, kgateway, Traefik, HAProxy, agentgateway: where they differ',
    () => import('./16-eight-implementations.yaml?raw').then(text),
  ),
  example(
    '17-leaving-ingress-nginx.yaml',
    'Leaving ingress-nginx',
    'A trailing-slash 301, a rewrite-target and a case typo that only work on ingress-nginx; migrate with proof',
    () => import('./17-leaving-ingress-nginx.yaml?raw').then(text),
  ),
  example(
    '18-f5-nginx-mergeable.yaml',
    'F5 NGINX Ingress Controller - master, minions and a VirtualServer split',
    'F5 NGINX Ingress Controller: one owner per host, master and minions, a VirtualServer split',
    () => import('./18-f5-nginx-mergeable.yaml?raw').then(text),
  ),
  example(
    '19-traefik-nginx-provider.yaml',
    "Traefik's ingress-nginx provider - the same Ingresses, other answers",
    "Traefik's ingress-nginx provider: the same Ingresses, where the answers change",
    () => import('./19-traefik-nginx-provider.yaml?raw').then(text),
  ),
];
