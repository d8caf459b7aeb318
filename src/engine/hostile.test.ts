// Hostile input, tried and held (issue 13): each gets a clear diagnostic that names what and
// where, or is read safely; nothing throws out of the engine and nothing runs for ever.
import { describe, expect, it } from 'vitest';
import { loadManifests } from './parse/manifests';
import { simulate } from './simulate';
import { lint } from './analysis/lint';

const ING = (path: string, annotations = '', pathType = 'ImplementationSpecific') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: evil
  namespace: x
  annotations: {${annotations}}
spec:
  rules:
  - host: evil.test
    http:
      paths:
      - path: '${path}'
        pathType: ${pathType}
        backend: {service: {name: web, port: {number: 80}}}
`;

describe('hostile manifests', () => {
  it('a YAML alias bomb (aliases of aliases, ten to the tenth values) is refused with the document and line; the documents beside it load', () => {
    const level = (i: number) => String.fromCharCode(97 + i);
    const lines = ['    a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `    ${level(i + 1)}: &${level(i + 1)} [${Array(10).fill(`*${level(i)}`).join(',')}]`)];
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol, namespace: x}\ndata:\n  v:\n${lines.join('\n')}\n---\n${ING('/', '', 'Prefix')}`;
    const c = loadManifests(bomb);
    const d = c.diagnostics.find((x) => x.severity === 'error');
    expect(d?.message).toMatch(/alias bomb/);
    expect(d?.source?.startLine).toBeGreaterThan(0);
    expect(c.ingresses).toHaveLength(1);
  });

  it('a few aliases, as real manifests use them, still load', () => {
    const c = loadManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: x}\ndata:\n  base: &b {a: "1"}\n  copy: *b\n');
    expect(c.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a deeply nested document is refused, not a stack overflow', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const c = loadManifests(deep);
    expect(c.diagnostics.some((x) => x.severity === 'error')).toBe(true);
  });

  it('a paste over 32 MB is refused with the limit', () => {
    const c = loadManifests([{ file: 'huge.yaml', text: `# ${'x'.repeat(32_000_000)}` }]);
    expect(c.diagnostics[0]).toMatchObject({ code: 'InputTooLarge' });
    expect(c.diagnostics[0].message).toMatch(/huge\.yaml has \d+ characters; the limit is/);
  });
});

describe('catastrophic regexes in paths are not run by a backtracking engine', () => {
  const evilPath = '/(a+)+$';
  const victim = `http://evil.test/${'a'.repeat(40)}!`;
  it.each([
    ['ingress-nginx use-regex', ING(evilPath, '"nginx.ingress.kubernetes.io/use-regex": "true"'), 'ingress-nginx'],
    ['Traefik PathRegexp', ING(evilPath, '"traefik.ingress.kubernetes.io/router.pathmatcher": PathRegexp'), 'traefik'],
    ['HAProxy regex path', ING(evilPath, '"haproxy-ingress.github.io/path-type": regex'), 'haproxy'],
  ])('%s: the trace finishes', (_name, yaml, controller) => {
    const c = loadManifests(yaml + '---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: x}\nspec: {ports: [{port: 80}]}\n');
    const t = simulate(c, { url: victim, controller: controller as never }, { mode: 'ingress' });
    expect(t.outcome.status).toBeGreaterThan(0);
    expect(() => lint(c, { controller: controller as never })).not.toThrow();
  });
});

describe('hostile requests', () => {
  const c = loadManifests(ING('/', '', 'Prefix'));
  it.each([
    ['an IDN host', 'http://bücher.example/'],
    ['percent-encoded dot segments', 'http://evil.test/%2e%2e/%2e%2e/etc/passwd'],
    ['a path of dot segments', 'http://evil.test/a/../../../../b'],
    ['a very long path', `http://evil.test/${'a/'.repeat(50_000)}`],
  ])('%s is traced', (_name, url) => {
    const t = simulate(c, { url, controller: 'ingress-nginx' }, { mode: 'ingress' });
    expect(t.outcome.status).toBeGreaterThan(0);
  });

  it('an IDN host is the punycode name in the Host header', () => {
    const idn = loadManifests(ING('/', '', 'Prefix').replace('host: evil.test', 'host: xn--bcher-kva.example'));
    const t = simulate(idn, { url: 'http://bücher.example/a', controller: 'ingress-nginx' }, { mode: 'ingress' });
    expect(t.request.host).toBe('xn--bcher-kva.example');
    expect(t.outcome.route?.name).toBe('evil');
  });

  it('huge headers are traced', () => {
    const t = simulate(c, { url: 'http://evil.test/', headers: { 'X-Big': 'v'.repeat(1_000_000), Cookie: 'a=b; '.repeat(10_000) } }, { mode: 'ingress' });
    expect(t.outcome.status).toBeGreaterThan(0);
  });
});
