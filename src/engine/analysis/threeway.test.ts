// The three-way check on ingress2gateway's own fixtures (data/ingress2gateway, copied with
// provenance by scripts/ingress2gateway-fixtures.mjs): the Ingress as written, the Gateway API
// YAML ingress2gateway printed for it (notice boxes included), and NGINX Gateway Fabric, the
// implementation that output was written for. The fixtures name Services they do not define;
// the test adds those (and the IngressClass) so the traces are about routing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { threeWayDiff } from './diff';

const DATA = join(__dirname, '..', '..', '..', 'data', 'ingress2gateway');
const services = (names: string[]) => names.map((n) => `---
apiVersion: v1
kind: Service
metadata: {name: ${n}, namespace: default}
spec: {selector: {app: ${n}}, ports: [{port: 80}, {name: alt, port: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${n}, namespace: default}
spec: {selector: {matchLabels: {app: ${n}}}, template: {metadata: {labels: {app: ${n}}}, spec: {containers: [{name: c, image: x}]}}}
`).join('');
const CLASS = '---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n';

function fixture(name: string, backends: string[]) {
  const input = readFileSync(join(DATA, 'input', `${name}.yaml`), 'utf8');
  const output = readFileSync(join(DATA, 'output', `${name}.yaml`), 'utf8');
  const before = loadManifests([{ file: 'input.yaml', text: input }, { file: 'extra.yaml', text: CLASS + services(backends) }]);
  const after = loadManifests([{ file: 'output.yaml', text: output }, { file: 'extra.yaml', text: services(backends) }]);
  return threeWayDiff(before, after, { controller: 'ingress-nginx', implementation: 'nginx-gateway-fabric' });
}

const causeOf = (d: ReturnType<typeof threeWayDiff>, path: string) => d.differences.find((x) => new URL(x.request.url).pathname === path)?.cause;

describe('three-way diff on ingress2gateway fixtures (ingress-nginx -> its output -> NGINX Gateway Fabric)', () => {
  it('nginx-path-regex: the regex the output writes is anchored at the start only on NGF, so /staticx changes because of the implementation', () => {
    const d = fixture('nginx-path-regex', ['api-service', 'static-service']);
    // ingress-nginx ignores nginx.org/path-regex: Prefix /static does not take /staticx;
    // portable RegularExpression /static must match the whole path; NGF writes location ~ ^/static.
    expect(causeOf(d, '/staticx')).toBe('implementation');
    const x = d.differences.find((y) => y.request.url.endsWith('/staticx'))!;
    expect(x.before.trace.outcome.status).toBe(404);
    expect(x.portable.trace.outcome.status).toBe(404);
    expect(x.after.trace.outcome.backend?.service).toBe('static-service');
    // /api/v1 matches the regex everywhere but ingress-nginx read the path literally: the config changed it
    expect(causeOf(d, '/api/v1')).toBe('config');
    // /static/sub routes the same on ingress-nginx and NGF: not listed, though portable would 404
    expect(causeOf(d, '/static/sub')).toBeUndefined();
  });

  it('nginx-ssl-redirect: the output redirects to https where ingress-nginx (which ignores nginx.org/redirect-to-https) proxied', () => {
    const d = fixture('nginx-ssl-redirect', ['secure-service']);
    expect(d.differences.length).toBeGreaterThan(0);
    for (const x of d.differences) {
      expect(x.cause).toBe('config');
      expect(x.before.trace.outcome.kind).toBe('proxied');
      expect(x.after.trace.outcome).toMatchObject({ kind: 'redirect', status: 301 });
    }
  });

  it('the output loads with ingress2gateway\'s notice box kept as a diagnostic, not a YAML error', () => {
    const out = loadManifests([{ file: 'output.yaml', text: readFileSync(join(DATA, 'output', 'nginx-path-regex.yaml'), 'utf8') }]);
    expect(out.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(out.diagnostics.some((x) => x.code === 'ToolNotice' && x.message.includes('nginx.org/path-regex'))).toBe(true);
    expect(out.gatewayApi.gateways).toHaveLength(1);
  });
});
