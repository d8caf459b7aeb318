import type { ControllerName } from '../../model/request.js';
import type { IngressControllerModel } from '../types.js';
import { haproxyController } from './haproxy.js';
import { nginxController } from './nginx.js';
import { specController } from './spec.js';
import { traefikController } from './traefik.js';

export const INGRESS_CONTROLLERS: Record<ControllerName, IngressControllerModel> = {
  spec: specController,
  'ingress-nginx': nginxController,
  traefik: traefikController,
  haproxy: haproxyController,
};
