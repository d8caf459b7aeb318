// Keeping the Ingresses and swapping the controller: the ingress-nginx cases of the shared
// corpus (../shared/corpus/ingress, read where it is beside the project, as in CI) traced
// under ingress-nginx and under each controller a team moves to. Every request that routes
// differently must come with a cause read from the traces; none may be unexplained.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests, parseTestFile, swapControllers, type ControllerName } from '../index';
import { ingressCluster } from '../ingress/controllers/testkit';

const CORPUS = join(__dirname, '../../../../shared/corpus/ingress');

function nginxFiles() {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parseTestFile(f, readFileSync(join(CORPUS, f), 'utf8')))
    .filter((tf) => tf.cases.some((c) => c.request.controller === 'ingress-nginx'));
}

describe('swapControllers: causes from the traces', () => {
  it('names the ignored annotation when the new controller does not read it', () => {
    const c = ingressCluster([{ name: 'a', host: 'a.test', paths: [{ path: '/api', svc: 'one' }], annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }], ['one']);
    const s = swapControllers(c, 'ingress-nginx', 'f5-nginx', { requests: [{ url: 'http://a.test/api/x' }] });
    expect(s.differences).toHaveLength(1);
    expect(s.differences[0].cause).toContain('rewrite-target');
    expect(s.stopWorking.map((x) => x.key)).toEqual(['nginx.ingress.kubernetes.io/rewrite-target']);
  });

  it('names both winning rules when the matching differs (Traefik orders routers by rule length)', () => {
    const c = ingressCluster([{ name: 'a', host: 'a.test', paths: [{ path: '/foo/bar', type: 'Exact', svc: 'one' }, { path: '/foo', svc: 'two' }] }], ['one', 'two']);
    const s = swapControllers(c, 'ingress-nginx', 'traefik-nginx', { requests: [{ url: 'http://a.test/foo/bar' }] });
    expect(s.differences[0].cause).toMatch(/ingress-nginx: .*; Traefik's ingress-nginx provider: router .* takes the request/);
  });

  it('finds nothing to explain when both agree', () => {
    const c = ingressCluster([{ name: 'a', host: 'a.test', paths: [{ path: '/', svc: 'one' }] }], ['one']);
    expect(swapControllers(c, 'ingress-nginx', 'traefik-nginx', { requests: [{ url: 'http://a.test/x' }] }).differences).toEqual([]);
  });
});

const files = nginxFiles();
describe.skipIf(files.length === 0)('the corpus ingress-nginx scenarios on the controllers teams move to', () => {
  it.each<ControllerName>(['f5-nginx', 'traefik-nginx'])('%s: every difference has a cause', (to) => {
    let compared = 0;
    const unexplained: string[] = [];
    for (const tf of files) {
      const cluster = loadManifests([{ file: tf.manifests.file ?? tf.name, text: tf.manifests.text }]);
      const requests = tf.cases.filter((c) => c.request.controller === 'ingress-nginx').map((c) => ({ method: c.request.method, url: c.request.url, headers: c.request.headers, why: c.name }));
      const s = swapControllers(cluster, 'ingress-nginx', to, { requests });
      compared += s.requests;
      for (const d of s.differences) if (!d.cause) unexplained.push(`${tf.name}: ${d.request.url}`);
    }
    expect(compared).toBeGreaterThan(50);
    expect(unexplained).toEqual([]);
  });
});
