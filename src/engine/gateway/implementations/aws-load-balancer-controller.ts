// AWS Load Balancer Controller as a Gateway API implementation. Only its conformance report is read from upstream;
// the regex dialect is what its data plane uses (ALB rule conditions), and normalization and the handling
// of unsupported features are assumed (`verified: false`).
import { NO_NORMALIZATION, report, SPEC_UNSUPPORTED_FILTER, SPEC_UNSUPPORTED_MATCH } from './common.js';
import type { ImplementationProfile } from './types.js';

export const awsLoadBalancerController: ImplementationProfile = {
  name: 'aws-load-balancer-controller',
  aliases: ['aws-lbc', 'aws'],
  title: 'AWS Load Balancer Controller',
  // GatewayClass controllerName by default: kubernetes-sigs/aws-load-balancer-controller pkg/gateway/constants/controller_constants.go (gateway.k8s.aws/nlb is its L4 class).
  controllerName: 'gateway.k8s.aws/alb',
  report: report('aws-load-balancer-controller'),
  regex: { engine: 're2', path: 'full', value: 'full', summary: 'assumed RE2-style full match of ALB regex conditions' },
  normalization: { ...NO_NORMALIZATION, summary: 'assumed: the path is matched as sent (not checked against its data plane)' },
  unsupportedFilter: SPEC_UNSUPPORTED_FILTER,
  unsupportedMatch: SPEC_UNSUPPORTED_MATCH,
  verified: false,
  limits: ['regex anchoring, normalization and the handling of unsupported features are not read from its code', 'its own policy resources are not read'],
};
