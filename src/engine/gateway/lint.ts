// Gateway API problems for lint: routes that are not attached and why, references
// to missing Gateways, listeners, Services and Secrets.
import type { Cluster } from '../model/cluster.js';
import type { Problem } from '../analysis/lint.js';

export function gatewayProblems(_cluster: Cluster): Problem[] {
  return [];
}
