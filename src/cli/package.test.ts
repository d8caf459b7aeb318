// The CLI as a package, as CI would use it: `npm pack`, install the tarball in an empty
// folder with no network (npm --offline), and run `routelab check` there, and the same
// command as `kubectl-routelab`. The package carries a prebuilt bundle and no dependency,
// so nothing of the web app (React, Monaco) is installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const TEST_FILE = `name: packaged
mode: ingress
manifests: |
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: shop, namespace: shop}
  spec:
    rules:
    - host: shop.example.test
      http:
        paths:
        - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: cart, namespace: shop}
  spec: {selector: {app: cart}, ports: [{port: 80}]}
cases:
- name: the cart
  request: {url: "http://shop.example.test/cart/1"}
  expect: {status: 503}
`;

describe('the routelab package', () => {
  it('installs from its tarball in an empty folder offline and runs routelab check and kubectl-routelab', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'routelab-pack-'));
    const pack = spawnSync(npm, ['pack', '--pack-destination', dir, '--silent'], { cwd: root, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(dir, pack.stdout.trim().split('\n').pop()!);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name": "ci-checks", "private": true}\n');
    const install = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    // the CLI only: no web app package came along
    expect(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['routelab']);
    writeFileSync(join(app, 'routing.yaml'), TEST_FILE);
    const check = spawnSync(join(app, 'node_modules', '.bin', 'routelab'), ['check', '--no-color', 'routing.yaml'], { cwd: app, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/1 passed, 0 failed/);
    const kubectl = spawnSync(join(app, 'node_modules', '.bin', 'kubectl-routelab'), ['--version'], { cwd: app, encoding: 'utf8' });
    expect(kubectl.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
