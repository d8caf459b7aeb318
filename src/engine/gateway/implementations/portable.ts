// portable: the Gateway API as its specification writes it, RouteLab's default. Every
// Extended feature RouteLab simulates is on; RegularExpression uses RE2 with full match
// (the Envoy-based majority; the spec leaves it implementation-specific); the path is
// matched as sent (the spec says nothing about normalization).
import { ENVOY_RE2, NO_NORMALIZATION } from './common.js';
import type { ImplementationProfile } from './types.js';

export const portable: ImplementationProfile = {
  name: 'portable',
  aliases: ['spec', 'gateway-api'],
  title: 'portable Gateway API',
  regex: { ...ENVOY_RE2, summary: 'RE2, the whole path or value must match (RouteLab default; the spec leaves RegularExpression implementation-specific)' },
  normalization: { ...NO_NORMALIZATION, summary: 'the path is matched as sent (the spec does not define normalization)' },
  unsupportedFilter: { kind: 'ignored', condition: 'none', reason: '', summary: 'every Extended feature RouteLab simulates is supported' },
  unsupportedMatch: { kind: 'ignored', condition: 'none', reason: '', summary: 'every Extended feature RouteLab simulates is supported' },
  verified: true,
  limits: ['no implementation\'s gaps: use a named profile to see them'],
};
