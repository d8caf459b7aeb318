import { mkdtempSync, writeFileSync, readFileSync, readSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseArgs } from './main';

function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s), color: false, readStdin: () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'routelab-cli-'));
const hasCurl = spawnSync('curl', ['--version']).status === 0;
const MANIFESTS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /admin, pathType: Exact, backend: {service: {name: admin, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: cart}}
  template: {metadata: {labels: {app: cart}}, spec: {containers: [{name: c, image: x}]}}
`;
const manifestFile = join(dir, 'shop.yaml');
writeFileSync(manifestFile, MANIFESTS);

function testFile(cases: string): string {
  const f = join(dir, `t${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, `name: shop\nmode: ingress\nmanifests: |\n${MANIFESTS.replace(/^/gm, '  ')}\ncases:\n${cases}`);
  return f;
}

describe('routelab trace', () => {
  it('prints the decisions and the response', () => {
    const r = run(['trace', '-f', manifestFile, 'http://shop.example.test/cart/items']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/won\s+\/cart Prefix -> cart:80/);
    expect(r.out).toMatch(/lost\s+\/ Prefix -> web:80/);
    expect(r.out).toMatch(/response\s+proxied to shop\/cart:80/);
    expect(r.out).toContain(`${manifestFile}:10`);
  });

  it('prints the Trace as JSON with --json', () => {
    const r = run(['trace', '--json', '-f', manifestFile, '-X', 'post', '-H', 'X-A: 1', 'http://shop.example.test/cart']);
    const trace = JSON.parse(r.out);
    expect(trace.request).toMatchObject({ method: 'POST', headers: [['x-a', '1']] });
    expect(trace.outcome).toMatchObject({ kind: 'proxied', backend: { namespace: 'shop', service: 'cart', port: 80 } });
  });

  it.each([
    [['trace', 'http://x/'], /needs manifests/],
    [['trace', '-f', join(dir, 'missing.yaml'), 'http://x/'], /cannot read .*missing\.yaml: no such file/],
    [['trace', '-f', manifestFile, 'not a url'], /is not a URL/],
    [['trace', '-f', manifestFile, '--controller', 'envoy', 'http://x/'], /--controller must be one of/],
    [['frobnicate'], /unknown command/],
  ])('bad input %j gets one line and exit code 2', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('reports YAML errors with file and line but still traces the good documents', () => {
    const f = join(dir, 'broken.yaml');
    writeFileSync(f, `${MANIFESTS}---\nkind: Service\nmetadata: {name: x\n`);
    const r = run(['trace', '-f', f, 'http://shop.example.test/cart']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`${f.replace(/[.]/g, '\\.')}:2\\d: error: YAML syntax error in document 4`));
    expect(r.out).toMatch(/proxied to shop\/cart:80/);
  });
});

describe('routelab check', () => {
  it('passes matching expectations and ends with the summary line', () => {
    const f = testFile(`- name: cart\n  request: {url: http://shop.example.test/cart}\n  expect: {backend: {namespace: shop, service: cart, port: 80}, path: /cart}\n`);
    const r = run(['check', f]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').at(-1)).toBe('1 passed, 0 failed');
  });

  it('shows expected vs actual for a failing case and exits 1', () => {
    const f = testFile(`- name: wrong\n  request: {url: http://shop.example.test/admin/x}\n  expect: {backend: {namespace: shop, service: admin, port: 80}}\n`);
    const r = run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL');
    expect(r.out).toMatch(/backend: expected shop\/admin:80, got .*503/);
    expect(r.out.split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('fails a case with an unknown expectation key instead of ignoring it', () => {
    const f = testFile(`- name: typo\n  request: {url: http://shop.example.test/cart}\n  expect: {backnd: {service: cart}}\n`);
    const r = run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('unknown expectation "backnd"');
  });

  it('reports rule coverage and enforces --min-coverage', () => {
    const f = testFile(`- name: cart\n  request: {url: http://shop.example.test/cart}\n  expect: {backend: {service: cart}}\n`);
    const r = run(['check', '--coverage', f]);
    expect(r.out).toMatch(/coverage: 1 of 3 rules exercised \(33\.3%\)/);
    expect(r.out).toMatch(/never exercised\s+Ingress shop\/shop rules\[0\]\.paths\[2\]/);
    expect(run(['check', '--min-coverage', '30', f]).code).toBe(0);
    const low = run(['check', '--min-coverage', '50', f]);
    expect(low.code).toBe(1);
    expect(low.err).toMatch(/below --min-coverage 50%/);
  });

  it('ratchets against a baseline: only listed cases must pass, and the list only grows', () => {
    const f = testFile(`- name: good\n  request: {url: http://shop.example.test/cart}\n  expect: {backend: {service: cart}}\n- name: bad\n  request: {url: http://shop.example.test/nope}\n  expect: {status: 418}\n`);
    const baseline = join(dir, 'baseline.txt');
    writeFileSync(baseline, '');
    expect(run(['check', '--baseline', baseline, '--update-baseline', f]).code).toBe(0);
    const listed = readFileSync(baseline, 'utf8');
    expect(listed).toMatch(/::good$/m);
    expect(listed).not.toMatch(/::bad$/m);
    writeFileSync(baseline, `${listed}${listed.match(/^.*::good$/m)![0].replace('::good', '::bad')}\n`);
    const r = run(['check', '--baseline', baseline, f]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REGRESSION .*::bad/);
  });
});

describe('parseArgs', () => {
  it('accepts --opt=value and repeated options', () => {
    const p = parseArgs(['-f', 'a', '--file=b', '-H', 'A: 1', 'url']);
    expect(p.options.get('file')).toEqual(['a', 'b']);
    expect(p.positional).toEqual(['url']);
  });
});

describe('routelab lint / diff / convert', () => {
  it('lint lists problems with file:line, why and fix, and exits 1 on errors', () => {
    const r = run(['lint', manifestFile]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`${manifestFile.replace(/[.]/g, '\\.')}:9: error +MissingService +Ingress shop/shop: shop.example.test / sends traffic to Service web`));
    expect(r.out).toMatch(/fix: create Service shop\/web/);
    expect(r.out.split('\n').at(-1)).toMatch(/^\d+ error\(s\), \d+ warning\(s\), \d+ note\(s\)$/);
  });

  it('diff exits 0 when nothing routes differently and 1 with both outcomes when something does', () => {
    expect(run(['diff', manifestFile, manifestFile]).code).toBe(0);
    const changed = join(dir, 'changed.yaml');
    writeFileSync(changed, MANIFESTS.replace('path: /cart,', 'path: /basket,'));
    const r = run(['diff', manifestFile, changed]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/GET http:\/\/shop\.example\.test\/cart\b/);
    expect(r.out).toMatch(/- .*proxied to shop\/cart:80/);
    expect(r.out).toMatch(/\+ .*503/);
  });

  it('convert prints Gateway API YAML with the Services carried over', () => {
    const r = run(['convert', manifestFile]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kind: Gateway\n/);
    expect(r.out).toMatch(/kind: HTTPRoute/);
    expect(r.out).toMatch(/hostnames:\n\s+- shop\.example\.test/);
    expect(r.out).toMatch(/kind: Service\n/);
    expect(r.out).not.toMatch(/kind: Ingress\n/);
  });

  it('convert refuses input without Ingresses', () => {
    const f = join(dir, 'svc-only.yaml');
    writeFileSync(f, 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n');
    const r = run(['convert', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no Ingress in the input/);
  });
});

describe('Gateway API implementations on the command line', () => {
  const GW = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: gc}
spec: {controllerName: example.com/gc}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: app}
spec:
  gatewayClassName: gc
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: app}
spec:
  parentRefs: [{name: gw}]
  hostnames: [x.test]
  rules:
  - matches: [{path: {type: PathPrefix, value: /m}}]
    filters: [{type: RequestMirror, requestMirror: {backendRef: {name: api, port: 80}}}]
    backendRefs: [{name: api, port: 80}]
  - backendRefs: [{name: api, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: app}
spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: app}
spec:
  selector: {matchLabels: {app: api}}
  template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, image: x}]}}
`;
  const gwFile = join(dir, 'gw.yaml');
  writeFileSync(gwFile, GW);

  it('trace --implementation applies the profile and names its report', () => {
    const r = run(['trace', '-f', gwFile, '--implementation', 'traefik', 'http://x.test/m']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/impl\s+Traefik v3\.7/);
    expect(r.out).toMatch(/response\s+500 from Traefik/);
    expect(run(['trace', '-f', gwFile, '--implementation', 'envoy-gateway', 'http://x.test/m']).out).toMatch(/response\s+proxied to app\/api:80/);
  });

  it('an unknown --implementation is a usage error that lists the names', () => {
    const r = run(['trace', '-f', gwFile, '--implementation', 'nope', 'http://x.test/']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--implementation must be one of .*envoy-gateway/);
  });

  it('compare --implementations lists the rows where they disagree, with why', () => {
    const r = run(['compare', '--implementations', 'envoy-gateway,traefik', gwFile]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/DIFFERS GET http:\/\/x\.test\/m/);
    expect(r.out).toMatch(/traefik-traefik\s+500 from Traefik/);
    expect(r.out).toMatch(/why: .*because .*does not support HTTPRouteRequestMirror/);
    const json = JSON.parse(run(['compare', '--json', '--implementations', 'eg,traefik', gwFile]).out);
    expect(json.implementations).toEqual(['envoy-gateway', 'traefik-traefik']);
    expect(json.rows.find((x: { request: { url: string } }) => x.request.url === 'http://x.test/m').results.map((x: { implementation: string }) => x.implementation)).toEqual(['envoy-gateway', 'traefik-traefik']);
  });

  it('capabilities names a document it could not read, on stderr, instead of leaving its features out silently', () => {
    const f = join(dir, 'caps-broken.yaml');
    writeFileSync(f, 'apiVersion: gateway.networking.k8s.io/v1\nmetadata: {name: r}\n');
    const r = run(['capabilities', f]);
    expect(r.err).toMatch(/caps-broken\.yaml:1.*has no "kind"/);
  });
  it('capabilities --json has the issue\'s shape: features with objects, implementations with supports, lacks and blockers', () => {
    const r = run(['capabilities', '--json', gwFile]);
    expect(r.code).toBe(0);
    const caps = JSON.parse(r.out);
    expect(caps.features).toEqual([{ name: 'HTTPRouteRequestMirror', objects: [{ kind: 'HTTPRoute', namespace: 'app', name: 'r', line: 21 }] }]);
    const traefik = caps.implementations.find((i: { name: string }) => i.name === 'traefik-traefik');
    expect(traefik.blockers).toEqual(['HTTPRouteRequestMirror']);
    expect(traefik.lacks).toContain('HTTPRouteRequestMirror');
    expect(traefik.supports).not.toContain('HTTPRouteRequestMirror');
    expect(traefik.affected[0].requests).toContainEqual({ method: 'GET', url: 'http://x.test/m' });
    const names = caps.implementations.map((i: { name: string }) => i.name);
    expect(names.indexOf('envoy-gateway')).toBeLessThan(names.indexOf('traefik-traefik'));
    expect(names).not.toContain('portable');
  });

  it('lint --implementation reports the feature the implementation lacks, with its line', () => {
    const r = run(['lint', '--implementation', 'traefik', gwFile]);
    expect(r.out).toMatch(/gw\.yaml:21: error\s+ImplementationUnsupported  HTTPRoute app\/r: Traefik v3\.7\.\d+ does not support HTTPRouteRequestMirror/);
    expect(r.code).toBe(1);
    expect(run(['lint', '--implementation', 'envoy-gateway', gwFile]).out).not.toContain('ImplementationUnsupported');
  });

  it('check reads request.implementation, and --implementation sets the default', () => {
    const f = join(dir, 'impl-check.yaml');
    writeFileSync(f, `name: impl\nmode: gateway\nmanifests: |\n${GW.replace(/^/gm, '  ')}\ncases:\n- name: traefik 500\n  request: {url: http://x.test/m, implementation: traefik}\n  expect: {status: 500}\n- name: default\n  request: {url: http://x.test/m}\n  expect: {status: 200}\n- name: bad name\n  request: {url: http://x.test/m, implementation: nope}\n  expect: {status: 200}\n`);
    const r = run(['check', f]);
    expect(r.out).toMatch(/bad name/);
    expect(r.out).toMatch(/request\.implementation "nope" is not one of/);
    expect(r.out).not.toMatch(/FAIL.*traefik 500/);
    const withDefault = run(['check', '--implementation', 'traefik', f]);
    expect(withDefault.out).toMatch(/FAIL.*default/);
  });

  it('diff --implementation compares two configs as that implementation routes them', () => {
    const after = join(dir, 'gw-after.yaml');
    writeFileSync(after, GW.replace('/m}}]', '/n}}]'));
    const r = run(['diff', '--implementation', 'traefik', gwFile, after]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/GET http:\/\/x\.test\/m/);
    expect(r.out).toMatch(/500 from Traefik/);
  });
});

describe('routelab replay', () => {
  const logLine = (path: string, upstream: string, status = 200) => `10.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "GET ${path} HTTP/1.1" ${status} 12 "-" "curl/8" 80 0.002 [${upstream}] [] 10.244.0.9:8080 12 0.002 ${status} 5f1e`;
  const logFile = (lines: string[]) => {
    const f = join(dir, `log${Math.random().toString(36).slice(2)}.log`);
    writeFileSync(f, `${lines.join('\n')}\n`);
    return f;
  };

  it('ends with "N agree, N differ" and exits 0 when every line agrees', () => {
    const r = run(['replay', '--log', logFile([logLine('/cart/1', 'shop-cart-80'), logLine('/cart/2', 'shop-cart-80')]), '--host', 'shop.example.test', manifestFile]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').at(-1)).toBe('2 agree, 0 differ');
    expect(r.out).toMatch(/assumed: the log format has no host/);
  });

  it('prints each differing request with both answers and its trace, and exits 1', () => {
    const r = run(['replay', '--log', logFile([logLine('/cart/1', 'shop-web-80')]), '--host', 'shop.example.test', manifestFile]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/DIFFERS GET http:\/\/shop\.example\.test\/cart\/1 {3}line 1 \(1 line\)/);
    expect(r.out).toMatch(/logged: {3}200 from shop-web-80 at 10\.244\.0\.9:8080/);
    expect(r.out).toMatch(/routelab: .*shop\/cart/);
    expect(r.out).toMatch(/^ {6}rule /m);
    expect(r.out.split('\n').at(-1)).toBe('0 agree, 1 differ');
  });

  it('reads a gzip log and stdin, a chunk at a time, and reports progress', () => {
    const lines = Array.from({ length: 30 }, (_, i) => logLine(`/cart/${i}`, 'shop-cart-80'));
    const gz = join(dir, 'access.log.gz');
    writeFileSync(gz, gzipSync(new TextEncoder().encode(`${lines.join('\n')}\n`)));
    const out: string[] = [];
    const chunks: number[] = [];
    const code = main(['replay', '--log', gz, '--host', 'shop.example.test', manifestFile], {
      out: (s) => out.push(s), err: () => {}, color: false, readStdin: () => '',
      // 100 bytes at a time: lines cross chunk boundaries
      readChunk: (fd, buf) => { const n = readSync(fd, buf, 0, 100, null); chunks.push(n); return n; },
    });
    expect(code).toBe(0);
    expect(chunks.length).toBeGreaterThan(3);
    expect(out.at(-1)).toBe('30 agree, 0 differ');
  });

  it('a log in another format is refused with the format and the first line', () => {
    const r = run(['replay', '--log', logFile(['{"msg": "hello"}']), '--host', 'shop.example.test', manifestFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no line of .* matches the log format .*line 1: .*--log-format/);
  });

  it('without --host for a format that has none, says so', () => {
    const r = run(['replay', '--log', logFile([logLine('/', 'shop-web-80')]), manifestFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not log the host/);
  });

  it('with --after, the logged requests that route differently after the change', () => {
    const after = join(dir, 'after.yaml');
    writeFileSync(after, MANIFESTS.replace('name: cart, port', 'name: web, port'));
    const r = run(['replay', '--log', logFile([logLine('/cart/1', 'shop-cart-80'), logLine('/cart/1', 'shop-cart-80')]), '--host', 'shop.example.test', '--after', after, manifestFile]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/CHANGES GET http:\/\/shop\.example\.test\/cart\/1 {3}lines 1, 2 \(2 lines\)/);
    expect(r.out.split('\n').at(-1)).toBe('2 agree, 0 differ, 2 route differently after the change');
  });
});

describe('routelab verify-script', () => {
  const OLD = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop, annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "false"}}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /docs/, pathType: Prefix, backend: {service: {name: docs, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: docs, namespace: shop}
spec: {selector: {app: docs}, ports: [{port: 80}]}
`;
  const NEW = (port: number) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  gatewayClassName: eg
  listeners: [{name: http, protocol: HTTP, port: ${port}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs: [{name: gw}]
  hostnames: [shop.example.test]
  rules:
  - matches: [{path: {type: PathPrefix, value: /cart}}]
    backendRefs: [{name: cart, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /docs/}}]
    backendRefs: [{name: docs, port: 80}]
---${OLD.split('---').slice(2).join('---')}`;

  /** The new entry point, played by a local server; `cartBackend` is who answers /cart. */
  async function entryPoint(cartBackend: string) {
    const server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/cart')) res.writeHead(200, { 'X-Backend': `${cartBackend}-7f9c` });
      else if (url.startsWith('/docs')) res.writeHead(200, { 'X-Backend': 'docs-55d' });
      else res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }

  async function scriptRun(cartBackend: string) {
    const { server, port } = await entryPoint(cartBackend);
    try {
      const oldFile = join(dir, 'vs-old.yaml');
      const newFile = join(dir, 'vs-new.yaml');
      const cases = join(dir, 'vs-cases.yaml');
      const script = join(dir, 'vs.sh');
      writeFileSync(oldFile, OLD);
      writeFileSync(newFile, NEW(port));
      writeFileSync(cases, `name: cutover\nmode: ingress\nmanifests: vs-old.yaml\ncases:\n${['/cart/1', '/docs', '/docs/a', '/nothing'].map((p) => `- request: {url: "http://shop.example.test:${port}${p}"}\n  expect: {status: 200}`).join('\n')}\n`);
      const r = run(['verify-script', oldFile, newFile, '--address', '127.0.0.1', '--implementation', 'envoy-gateway', '--cases', cases, '--backend-header', 'X-Backend', '-o', script]);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/4 requests, 1 known to route differently/);
      // the server runs in this process: the script must run without blocking it
      return await new Promise<{ code: number | null; out: string }>((resolve) => {
        execFile('bash', [script], (err, stdout) => resolve({ code: err ? (err as { code?: number }).code ?? 1 : 0, out: stdout }));
      });
    } finally {
      server.close();
    }
  }

  it.skipIf(!hasCurl)('the script passes where the new entry point answers as the old config does, the predicted change marked KNOWN', async () => {
    const r = await scriptRun('cart');
    expect(r.out).toMatch(/^ok {4}GET http:\/\/shop\.example\.test:\d+\/cart\/1 \(200\)$/m);
    expect(r.out).toMatch(/^KNOWN GET http:\/\/shop\.example\.test:\d+\/docs: 200, the predicted change \(before: 301 -> http:\/\/shop\.example\.test\/docs\/ from the proxy\)$/m);
    expect(r.out).toMatch(/^ok {4}GET .*\/nothing \(404\)$/m);
    expect(r.out).toMatch(/4 requests: 3 ok, 0 failed, 1 known differences/);
    expect(r.code).toBe(0);
  });

  it.skipIf(!hasCurl)('the script fails, naming the request, where another backend answers', async () => {
    const r = await scriptRun('web');
    expect(r.out).toMatch(/^FAIL {2}GET http:\/\/shop\.example\.test:\d+\/cart\/1: got 200 from web-7f9c, expected a backend \(shop\/cart\)$/m);
    expect(r.code).toBe(1);
  });

  it('refuses an address that is not an IP, and needs OLD and NEW', () => {
    expect(run(['verify-script', manifestFile, manifestFile, '--address', 'lb.example.com']).err).toMatch(/must be an IP address/);
    expect(run(['verify-script', manifestFile, '--address', '10.0.0.1']).code).toBe(2);
  });
});
