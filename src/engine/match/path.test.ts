import { describe, expect, it } from 'vitest';
import { exactPathMatches, prefixPathMatches } from './path';

// Rows of the Kubernetes Ingress docs' "Examples" table (Path types), one per line.
describe('Ingress path matching (Kubernetes docs, Path types > Examples)', () => {
  it.each([
    ['Prefix', '/', '/', true],
    ['Prefix', '/', '/foo', true],
    ['Prefix', '/', '/aaa/bbb/ccc', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/bar', false],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo/', '/foo', false],
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/foo/', '/foo/', true],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb/', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false],
    ['Prefix', '/aaa', '/ccc', false],
  ])('%s %s vs request %s -> %s', (type, path, request, matches) => {
    const fn = type === 'Exact' ? exactPathMatches : prefixPathMatches;
    expect(fn(path, request)).toBe(matches);
  });

  it('is case-sensitive for both types', () => {
    expect(exactPathMatches('/foo', '/FOO')).toBe(false);
    expect(prefixPathMatches('/foo', '/FOO/bar')).toBe(false);
  });
});
