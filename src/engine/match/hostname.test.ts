import { describe, expect, it } from 'vitest';
import { ingressHostMatches } from './hostname';
import { toHostname } from '../model/request';

// Kubernetes docs, Ingress "Hostname wildcards" table.
describe('Ingress host matching', () => {
  it.each([
    ['*.foo.com', 'bar.foo.com', true, 'matches based on shared suffix'],
    ['*.foo.com', 'baz.bar.foo.com', false, 'wildcard only covers a single DNS label'],
    ['*.foo.com', 'foo.com', false, 'wildcard only covers a single DNS label'],
    ['foo.bar.com', 'foo.bar.com', true, 'precise match'],
    ['foo.bar.com', 'FOO.bar.com', true, 'host names are case-insensitive'],
    ['foo.bar.com', 'bar.com', false, 'a precise host needs an exact match'],
  ])('%s vs %s -> %s (%s)', (rule, host, matches) => {
    expect(ingressHostMatches(rule, toHostname(host))).toBe(matches);
  });
});
