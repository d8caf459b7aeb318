// The learning gallery: routing test files (shared/docs/routing-test-format.md)
// bundled as text. Each one's cases carry expectations, and examples.test.ts runs
// them all through the engine, so the gallery stays honest as the engine evolves.
import prefixVsExact from './01-prefix-vs-exact.yaml?raw';
import hostsAndWildcards from './02-hosts-and-wildcards.yaml?raw';
import noMatch404 from './03-no-match-404.yaml?raw';
import defaultBackend from './04-default-backend.yaml?raw';
import rewriteTarget from './05-rewrite-target.yaml?raw';
import ingressClass from './06-ingress-class.yaml?raw';
import threeControllers from './07-three-controllers.yaml?raw';
import httpsRedirect from './08-https-redirect.yaml?raw';
import gatewayRoles from './09-gateway-roles.yaml?raw';
import matchingPrecedence from './10-matching-precedence.yaml?raw';
import referenceGrant from './11-reference-grant.yaml?raw';
import canaryWeights from './12-canary-weights.yaml?raw';
import dnsInCluster from './13-dns-in-cluster.yaml?raw';
import traefikMiddlewares from './14-traefik-middlewares.yaml?raw';
import serviceMesh from './15-service-mesh.yaml?raw';
import eightImplementations from './16-eight-implementations.yaml?raw';
import leavingIngressNginx from './17-leaving-ingress-nginx.yaml?raw';
import f5Mergeable from './18-f5-nginx-mergeable.yaml?raw';
import traefikNginx from './19-traefik-nginx-provider.yaml?raw';

export interface Example {
  id: string;
  /** the test file's `name` */
  title: string;
  /** one line for the Examples menu */
  blurb: string;
  file: string;
  text: string;
}

/** The `name:` line of an example file (a plain or double-quoted scalar). */
export function exampleTitle(text: string): string {
  const m = /^name: (.*)$/m.exec(text);
  if (!m) return 'Untitled example';
  const v = m[1].trim();
  return v.startsWith('"') ? (JSON.parse(v) as string) : v;
}

function example(file: string, text: string, blurb: string): Example {
  return { id: file.replace(/^\d+-|\.yaml$/g, ''), title: exampleTitle(text), blurb, file, text };
}

export const EXAMPLES: readonly Example[] = [
  example('01-prefix-vs-exact.yaml', prefixVsExact, 'Which path wins: Exact, the longest Prefix, element by element'),
  example('02-hosts-and-wildcards.yaml', hostsAndWildcards, 'Exact hosts, *.wildcards (one label) and the host-less catch-all'),
  example('03-no-match-404.yaml', noMatch404, 'Nothing matches: the controller answers 404, and the trace says why'),
  example('04-default-backend.yaml', defaultBackend, 'A defaultBackend catches every unmatched request'),
  example('05-rewrite-target.yaml', rewriteTarget, 'ingress-nginx regex paths and rewrite-target /$2'),
  example('06-ingress-class.yaml', ingressClass, 'Which controller serves which Ingress; the default class'),
  example('07-three-controllers.yaml', threeControllers, 'The same Ingress under spec, ingress-nginx, Traefik and HAProxy'),
  example('08-https-redirect.yaml', httpsRedirect, 'spec.tls and force-ssl-redirect: 308 vs 302 vs no redirect'),
  example('09-gateway-roles.yaml', gatewayRoles, 'GatewayClass, Gateway listeners and HTTPRoutes of several teams'),
  example('10-matching-precedence.yaml', matchingPrecedence, 'Header, query and method matches and who wins'),
  example('11-reference-grant.yaml', referenceGrant, 'Backends in another namespace need a ReferenceGrant'),
  example('12-canary-weights.yaml', canaryWeights, 'Weighted backendRefs: a 90/10 canary and a header override'),
  example('13-dns-in-cluster.yaml', dnsInCluster, 'Public names go through the Ingress; cluster DNS names do not'),
  example('14-traefik-middlewares.yaml', traefikMiddlewares, 'Traefik Middlewares: StripPrefix, redirectScheme, and a misspelt name'),
  example('15-service-mesh.yaml', serviceMesh, 'HTTPRoutes bound to a Service route in-cluster traffic (GAMMA)'),
  example('16-eight-implementations.yaml', eightImplementations, 'Envoy Gateway, Istio, Cilium, NGF, kgateway, Traefik, HAProxy, agentgateway: where they differ'),
  example('17-leaving-ingress-nginx.yaml', leavingIngressNginx, 'A trailing-slash 301, a rewrite-target and a case typo that only work on ingress-nginx; migrate with proof'),
  example('18-f5-nginx-mergeable.yaml', f5Mergeable, 'F5 NGINX Ingress Controller: one owner per host, master and minions, a VirtualServer split'),
  example('19-traefik-nginx-provider.yaml', traefikNginx, "Traefik's ingress-nginx provider: the same Ingresses, where the answers change"),
];
