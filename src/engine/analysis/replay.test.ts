// Replay of ingress-nginx access logs. Lines are written here in the controller's default
// log-format-upstream (internal/ingress/controller/config/config.go logFormatUpstream), with
// the upstream names it gives (util.go upstreamName: namespace-service-port as written).
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../parse/manifests';
import { compileLogFormat, INGRESS_NGINX_LOG_FORMAT, LogReplay, parseLogLine } from './replay';
import { RequestError } from '../model/request';

const CONFIG = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls: [{hosts: [secure.example.test], secretName: tls}]
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /docs/, pathType: Prefix, backend: {service: {name: docs, port: {name: http}}}}
  - host: secure.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: beta
  namespace: shop
  annotations: {nginx.ingress.kubernetes.io/canary: "true", nginx.ingress.kubernetes.io/canary-by-header: X-Beta}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web-beta, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-beta, namespace: shop}
spec: {selector: {app: web-beta}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: docs, namespace: shop}
spec: {selector: {app: docs}, ports: [{name: http, port: 8080}]}
${['web', 'web-beta', 'docs'].map((app) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}, namespace: shop}
spec: {selector: {matchLabels: {app: ${app}}}, template: {metadata: {labels: {app: ${app}}}, spec: {containers: [{name: c, image: x}]}}}
`).join('')}`;
const cluster = loadManifests(CONFIG);

/** A line as ingress-nginx writes it with its default format. */
function line(request: string, status: number, upstream: string, addr = '10.244.0.9:8080', alternative = '') {
  return `10.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "${request}" ${status} 12 "-" "curl/8.5.0" 80 0.002 [${upstream}] [${alternative}] ${addr} 12 0.002 ${addr === '-' ? '-' : status} 5f1e`;
}

function replay(lines: string[], options: ConstructorParameters<typeof LogReplay>[1] = { host: 'shop.example.test' }) {
  const r = new LogReplay(cluster, options);
  lines.forEach((l, i) => r.add(l, i + 1));
  return r.finish();
}

describe('log formats', () => {
  it('reads every variable of the default format, quoted and bracketed ones included', () => {
    const v = parseLogLine(compileLogFormat(INGRESS_NGINX_LOG_FORMAT), line('GET /a?b=1 HTTP/2.0', 200, 'shop-web-80', '10.0.0.5:80, 10.0.0.6:80'));
    expect(v?.get('request')).toBe('GET /a?b=1 HTTP/2.0');
    expect(v?.get('proxy_upstream_name')).toBe('shop-web-80');
    expect(v?.get('proxy_alternative_upstream_name')).toBe('');
    expect(v?.get('upstream_addr')).toBe('10.0.0.5:80, 10.0.0.6:80');
    expect(v?.get('http_user_agent')).toBe('curl/8.5.0');
  });

  it('undoes NGINX\'s \\xHH escaping and JSON escaping', () => {
    expect(parseLogLine(compileLogFormat('"$request" $status'), '"GET /a\\x22b HTTP/1.1" 200')?.get('request')).toBe('GET /a"b HTTP/1.1');
    const json = compileLogFormat('{"req": "$request", "up": "$proxy_upstream_name", "host": "$host"}');
    expect(parseLogLine(json, '{"req": "GET /q\\"x HTTP/1.1", "up": "a-b-80", "host": "h"}')?.get('request')).toBe('GET /q"x HTTP/1.1');
  });

  it('a format and a line made to backtrack are read in linear time (RE2): a thousand separators that never close the line', () => {
    // With a backtracking engine this is O(n^4): it would not finish.
    const f = compileLogFormat('$a:$b:$c:$d|$proxy_upstream_name');
    expect(parseLogLine(f, `${':'.repeat(20_000)}x`)).toBeUndefined();
    expect(parseLogLine(f, '1:2:3:4|up')?.get('proxy_upstream_name')).toBe('up');
  });

  it('a format without the upstream name, the request or a host (and no --host) is refused with why', () => {
    expect(() => new LogReplay(cluster, { format: '$host "$request" $status' })).toThrow(/no \$proxy_upstream_name/);
    expect(() => new LogReplay(cluster, { format: '$host $status [$proxy_upstream_name]' })).toThrow(/neither \$request/);
    expect(() => new LogReplay(cluster, {})).toThrow(RequestError);
    expect(() => new LogReplay(cluster, {})).toThrow(/does not log the host.*|give it with --host/);
  });
});

describe('replaying ingress-nginx lines', () => {
  it('agrees where the logged upstream is the traced backend, by port number or by port name as the Ingress wrote it', () => {
    const s = replay([line('GET /cart HTTP/1.1', 200, 'shop-web-80'), line('GET /docs/a HTTP/1.1', 200, 'shop-docs-http')]);
    expect(s).toMatchObject({ lines: 2, agree: 2, differ: 0 });
  });

  it('differs where the log names another backend, and says which', () => {
    const s = replay([line('GET /docs/a HTTP/1.1', 200, 'shop-web-80'), line('GET /docs/b HTTP/1.1', 200, 'shop-web-80')]);
    expect(s).toMatchObject({ agree: 0, differ: 2 });
    expect(s.differences).toHaveLength(2);
    expect(s.differences[0].why).toMatch(/shop-web-80 served it, RouteLab's trace picks shop-docs-8080 or shop-docs-http/);
    expect(s.differences[0].trace?.outcome.backend?.service).toBe('docs');
  });

  it('identical lines are one group with their line numbers', () => {
    const l = line('GET /docs/a HTTP/1.1', 200, 'shop-web-80');
    const s = replay([l, l, l]);
    expect(s.differences).toHaveLength(1);
    expect(s.differences[0]).toMatchObject({ count: 3, lines: [1, 2, 3] });
    expect(s.distinct).toBe(1);
  });

  it('answers NGINX gave itself compare by status: the trailing-slash 301 logs "-" and no upstream', () => {
    expect(replay([line('GET /docs HTTP/1.1', 301, '-', '-')])).toMatchObject({ agree: 1 });
    // had ingress-nginx proxied /docs, this config could not explain it
    expect(replay([line('GET /docs HTTP/1.1', 200, 'shop-docs-http')])).toMatchObject({ differ: 1 });
  });

  it('the default backend is upstream-default-backend', () => {
    const s = replay([line('GET / HTTP/1.1', 404, 'upstream-default-backend', '127.0.0.1:8181')], { host: 'unknown.example.test' });
    expect(s).toMatchObject({ agree: 1, differ: 0 });
  });

  it('without $scheme a TLS host is replayed as https, and a redirect NGINX answered itself as http', () => {
    const https = new LogReplay(cluster, { host: 'secure.example.test' });
    https.add(line('GET / HTTP/1.1', 200, 'shop-web-80'));
    https.add(line('GET / HTTP/1.1', 308, 'shop-web-80', '-'));
    const s = https.finish();
    expect(s).toMatchObject({ agree: 2, differ: 0 });
    expect(s.assumptions.join(' ')).toMatch(/no \$scheme/);
  });

  it('a logged request header the config routes on is sent again; the canary is the alternative upstream', () => {
    const format = `${INGRESS_NGINX_LOG_FORMAT} "$http_x_beta"`;
    const beta = `${line('GET / HTTP/1.1', 200, 'shop-web-80', '10.0.0.7:80', 'shop-web-beta-80')} "always"`;
    const main = `${line('GET / HTTP/1.1', 200, 'shop-web-80')} "-"`;
    expect(replay([beta, main], { host: 'shop.example.test', format })).toMatchObject({ agree: 2, differ: 0 });
    // without the header in the format the canary line cannot be explained, and the trace says so
    const s = replay([line('GET / HTTP/1.1', 200, 'shop-web-80', '10.0.0.7:80', 'shop-web-beta-80')]);
    expect(s.differ).toBe(1);
    expect(s.differences[0].why).toMatch(/canary/);
  });

  it('lines that do not match the format are counted and shown, not fatal', () => {
    const s = replay(['not a log line', '', line('GET / HTTP/1.1', 200, 'shop-web-80')]);
    expect(s).toMatchObject({ lines: 1, skipped: 1, agree: 1 });
    expect(s.skippedSamples[0]).toMatchObject({ line: 1, why: 'the line does not match the log format' });
  });

  it('with a second config, the logged requests that route differently there', () => {
    const after = loadManifests(CONFIG.replace('name: docs, port: {name: http}', 'name: web, port: {number: 80}'));
    const s = replay([line('GET /docs/a HTTP/1.1', 200, 'shop-docs-http'), line('GET /cart HTTP/1.1', 200, 'shop-web-80')], {
      host: 'shop.example.test',
      after: { cluster: after, options: { controller: 'ingress-nginx' }, label: 'after' },
    });
    expect(s).toMatchObject({ agree: 2, differ: 0, changed: 1 });
    expect(s.changes?.[0].request.url).toBe('http://shop.example.test/docs/a');
    expect(s.changes?.[0].after.trace.outcome.backend?.service).toBe('web');
  });

  it('a config without its workloads is compared by the Service chosen, and the replay says it assumed so', () => {
    const bare = loadManifests(CONFIG.split('---\napiVersion: apps/v1')[0]);
    const r = new LogReplay(bare, { host: 'shop.example.test' });
    r.add(line('GET /docs/a HTTP/1.1', 200, 'shop-docs-http'));
    r.add(line('GET /docs/a HTTP/1.1', 200, 'shop-web-80'));
    const s = r.finish();
    expect(s).toMatchObject({ agree: 1, differ: 1 });
    expect(s.assumptions.join(' ')).toMatch(/no ready endpoints in the manifests/);
  });
});
