import type { ControllerName } from '../../model/request.js';
import type { IngressControllerModel } from '../types.js';
import { haproxyController } from './haproxy.js';
import { nginxController } from './nginx.js';
import { specController } from './spec.js';
import { traefikController } from './traefik.js';
import { f5NginxController } from './f5-nginx.js';
import { traefikNginxController } from './traefik-nginx.js';

export const INGRESS_CONTROLLERS: Record<ControllerName, IngressControllerModel> = {
  spec: specController,
  'ingress-nginx': nginxController,
  traefik: traefikController,
  haproxy: haproxyController,
  'f5-nginx': f5NginxController,
  'traefik-nginx': traefikNginxController,
};
