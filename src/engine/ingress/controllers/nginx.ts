// Placeholder: routes with the portable semantics until this controller is modelled.
import { CONTROLLER_PROFILES } from '../classes.js';
import type { IngressControllerModel } from '../types.js';
import { specController } from './spec.js';

export const nginxController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES['ingress-nginx'],
  unavailableStatus: 503,
  route: (ctx) => specController.route(ctx),
};
