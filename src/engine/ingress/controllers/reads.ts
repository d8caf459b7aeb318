// Which annotations a controller reads at all (whatever RouteLab simulates of them), and why
// one it does not read has no effect there. Lint and the controller swap use it.
import type { ControllerName } from '../../model/request.js';
import { CONTROLLER_PROFILES } from '../classes.js';
import { annotationController, NGINX_PREFIX } from './annotations.js';
import { TRAEFIK_NGINX_READS, unsupportedWhy } from './traefik-nginx/routers.js';

/** Does `controller` read the annotation `key`? */
export function controllerReads(controller: ControllerName, key: string): boolean {
  if (controller === 'spec') return false;
  // F5 reads ingress.kubernetes.io/ssl-redirect as the deprecated form of nginx.org/ssl-redirect (annotations.go).
  if (controller === 'f5-nginx' && key === 'ingress.kubernetes.io/ssl-redirect') return true;
  // Traefik's ingress-nginx provider reads the IngressConfig keys of ingress-nginx's prefix (annotations.go).
  if (controller === 'traefik-nginx') return key.startsWith(NGINX_PREFIX) && TRAEFIK_NGINX_READS.has(key.slice(NGINX_PREFIX.length));
  return annotationController(key) === controller;
}

/** Why `controller` ignores `key` (one it does not read), in one clause. */
export function ignoredWhy(controller: ControllerName, key: string): string {
  const title = CONTROLLER_PROFILES[controller].title;
  if (controller === 'traefik-nginx' && key.startsWith(NGINX_PREFIX)) return unsupportedWhy(key.slice(NGINX_PREFIX.length));
  const owner = annotationController(key);
  return owner ? `it is ${/^[aeiou]/i.test(owner) ? 'an' : 'a'} ${CONTROLLER_PROFILES[owner].title} annotation; ${title} ignores it` : `${title} does not read it`;
}
