// Placeholder: routes with the portable semantics until this controller is modelled.
import { CONTROLLER_PROFILES } from '../classes.js';
import type { IngressControllerModel } from '../types.js';
import { specController } from './spec.js';

export const traefikController: IngressControllerModel = {
  profile: CONTROLLER_PROFILES.traefik,
  unavailableStatus: 503,
  route: (ctx) => specController.route(ctx),
};
