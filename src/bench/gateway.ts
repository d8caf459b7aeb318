// Gateway API bench: one Gateway with an HTTP listener and an HTTPS wildcard listener,
// and N HTTPRoutes (3 rules each: a path prefix, an Exact path, a header match; every
// tenth route shares one hostname with distinct prefixes, so both the hostname index and
// the path index are exercised). Prints parse, first trace (builds the per-listener
// indexes) and the median trace, and the 10,000 / 100 ratio (target <= 3x).
import { capabilities, compareImplementations, generateRequests, IMPLEMENTATION_NAMES, loadManifests, simulate, type RequestInput } from '../engine/index.js';
import { fmt, callTimes, table, time, traceMedians, yamlFloor } from './main.js';
import { measured } from './targets.js';

export function gatewayConfig(routes: number): { text: string; objects: number; requests: RequestInput[] } {
  const services = Math.max(1, Math.floor(routes / 10));
  const docs: string[] = [
    'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: bench\nspec:\n  controllerName: example.com/bench',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: wildcard-cert\n  namespace: bench\ntype: kubernetes.io/tls',
    `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: edge\n  namespace: bench\nspec:\n  gatewayClassName: bench\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: All\n  - name: https\n    port: 443\n    protocol: HTTPS\n    hostname: "*.bench.example.com"\n    tls:\n      certificateRefs:\n      - name: wildcard-cert\n    allowedRoutes:\n      namespaces:\n        from: All`,
  ];
  for (let s = 0; s < services; s++) {
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${s}\n  namespace: bench\nspec:\n  selector:\n    app: app-${s}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http`);
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${s}\n  namespace: bench\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app-${s}\n  template:\n    metadata:\n      labels:\n        app: app-${s}\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n        ports:\n        - name: http\n          containerPort: 8080`);
  }
  for (let i = 0; i < routes; i++) {
    const shared = i % 10 === 0;
    const host = shared ? 'shared.bench.example.com' : `app-${i}.bench.example.com`;
    const prefix = shared ? `/team-${i}` : '/api';
    docs.push(
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: route-${i}\n  namespace: bench\n  creationTimestamp: "2024-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z"\nspec:\n  parentRefs:\n  - name: edge\n  hostnames:\n  - ${host}\n  rules:\n` +
        `  - matches:\n    - path:\n        type: PathPrefix\n        value: ${prefix}\n    backendRefs:\n    - name: svc-${i % services}\n      port: 80\n` +
        `  - matches:\n    - path:\n        type: Exact\n        value: ${prefix}/health\n    filters:\n    - type: ResponseHeaderModifier\n      responseHeaderModifier:\n        set:\n        - name: X-Health\n          value: "1"\n    backendRefs:\n    - name: svc-${i % services}\n      port: 80\n` +
        `  - matches:\n    - path:\n        type: PathPrefix\n        value: ${prefix}/v2\n      headers:\n      - name: x-canary\n        value: "true"\n    backendRefs:\n    - name: svc-${(i + 1) % services}\n      port: 80\n      weight: 90\n    - name: svc-${(i + 2) % services}\n      port: 80\n      weight: 10`,
    );
  }
  const requests: RequestInput[] = [];
  for (let k = 0; k < 64; k++) {
    const i = (k * 7919) % routes;
    const shared = i % 10 === 0;
    const host = shared ? 'shared.bench.example.com' : `app-${k % 7 === 6 ? routes + k : i}.bench.example.com`;
    const prefix = shared ? `/team-${i}` : '/api';
    const variant = k % 4;
    const path = variant === 0 ? `${prefix}/items/${k}` : variant === 1 ? `${prefix}/health` : variant === 2 ? `${prefix}/v2/x` : '/nowhere';
    requests.push({ url: `${k % 3 === 0 ? 'https' : 'http'}://${host}${path}`, headers: variant === 2 ? { 'x-canary': 'true' } : undefined });
  }
  return { text: docs.join('\n---\n'), objects: docs.length, requests };
}

export function benchGateway(): void {
  const sizes = [100, 1000, 10000];
  const rows: string[][] = [];
  const times: Array<{ median: number; mean: number }> = [];
  let settled = '';
  for (const n of sizes) {
    const cfg = gatewayConfig(n);
    const parsed = time(() => loadManifests([{ file: 'bench.yaml', text: cfg.text }]));
    const cluster = parsed.value;
    const first = time(() => simulate(cluster, cfg.requests[0], { mode: 'gateway' }));
    for (const r of cfg.requests) simulate(cluster, r, { mode: 'gateway' }); // build every listener's index
    const t = callTimes((i) => simulate(cluster, cfg.requests[i % cfg.requests.length], { mode: 'gateway' }), 320, 64);
    times.push(t);
    rows.push([`${n} HTTPRoutes (${cfg.objects} objects)`, fmt(parsed.ms), fmt(first.ms), fmt(t.median), fmt(t.mean)]);
    if (n === 10000) {
      // The same traces once the JIT has settled: the row above samples the first ~400
      // traces after a 200 MB parse, while V8 is still optimizing the Gateway code.
      const steady = callTimes((i) => simulate(cluster, cfg.requests[i % cfg.requests.length], { mode: 'gateway' }), 640, 3200);
      settled = `10,000 HTTPRoutes, after 3,200 more traces: median ${fmt(steady.median)}, mean ${fmt(steady.mean)} (the targets table reads the row above)`;
      const floor = yamlFloor(cfg.text);
      measured('parseGateway', parsed.ms, `${cfg.objects} objects, one parse; js-yaml alone on this text: parseEvents ${fmt(floor.events)}, loadAll ${fmt(floor.loadAll)}`);
      measured('firstTraceGateway', first.ms);
      traceMedians.push(['Gateway API portable', t.median]);
    }
  }
  table('Gateway API: parse, first trace (builds topology, attachments, listener index), trace time over 64 requests', ['config', 'parse', 'first trace', 'median', 'mean'], rows);
  console.log(settled);
  console.log(`trace time ratio 10,000 / 100 HTTPRoutes, mean (target <= 3x): ${(times[2].mean / times[0].mean).toFixed(2)}x (median ${(times[2].median / times[0].median).toFixed(2)}x)`);
}

/** Compare across every implementation profile, and capabilities, on a Gateway config of about 1,000 objects. */
export function benchImplementations(): void {
  const cfg = gatewayConfig(830);
  const cluster = loadManifests([{ file: 'bench.yaml', text: cfg.text }]);
  const requests = generateRequests(cluster, { limit: 500 });
  const rows: string[][] = [];
  const cmp = time(() => compareImplementations(cluster, requests));
  const traces = cmp.value.rows.length * IMPLEMENTATION_NAMES.length;
  rows.push([`compare ${IMPLEMENTATION_NAMES.length} implementations (${requests.length} requests)`, fmt(cmp.ms), `${fmt(cmp.ms / traces)} per trace; ${cmp.value.disagreements} rows disagree`]);
  for (const name of ['portable', 'envoy-gateway', 'traefik-traefik', 'nginx-nginx-gateway-fabric']) {
    const t = callTimes((i) => simulate(cluster, { ...cfg.requests[i % cfg.requests.length], implementation: name }, { mode: 'gateway' }), 320, 64);
    rows.push([`trace as ${name}, median / mean over 64 requests`, fmt(t.median), fmt(t.mean)]);
    traceMedians.push([`Gateway API ${name} (830 HTTPRoutes)`, t.median]);
  }
  const caps = time(() => capabilities(cluster, requests));
  rows.push(['capabilities (features, ranking, affected requests)', fmt(caps.ms), `${caps.value.features.length} features, ${caps.value.implementations.length} implementations`]);
  table(`Gateway API implementations on a ${cfg.objects}-object config (830 HTTPRoutes)`, ['task', 'time', 'result'], rows);
}
