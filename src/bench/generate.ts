// Generated configs for benchmarks: realistic shapes, deterministic content.
import type { RequestInput } from '../engine/index.js';

const PATHS_PER_INGRESS = 10;

/**
 * `rules` Ingress paths: rules/10 Ingresses, one host each, 10 paths, plus a Service and Deployment per Ingress.
 * No IngressClass: every controller then serves every Ingress, so each controller's timing
 * measures real routing (an IngressClass belongs to one controller only).
 */
export function ingressConfig(rules: number): { text: string; objects: number; requests: RequestInput[] } {
  const ingresses = Math.max(1, Math.floor(rules / PATHS_PER_INGRESS));
  const docs: string[] = [];
  for (let i = 0; i < ingresses; i++) {
    const paths: string[] = [];
    for (let j = 0; j < PATHS_PER_INGRESS; j++) {
      const type = j % 3 === 0 ? 'Exact' : 'Prefix';
      paths.push(`      - path: /api/v${j % 3}/res-${j}\n        pathType: ${type}\n        backend:\n          service:\n            name: svc-${i}\n            port:\n              number: 80`);
    }
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-${i}\n  namespace: bench\n  creationTimestamp: "2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z"\nspec:\n  rules:\n  - host: app-${i}.bench.example.com\n    http:\n      paths:\n${paths.join('\n')}`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: bench\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http`);
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: bench\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n        ports:\n        - name: http\n          containerPort: 8080`);
  }
  const requests: RequestInput[] = [];
  for (let k = 0; k < 64; k++) {
    const i = (k * 7919) % ingresses;
    const j = k % PATHS_PER_INGRESS;
    const miss = k % 5 === 4;
    requests.push({ url: `http://app-${miss ? ingresses + k : i}.bench.example.com/api/v${j % 3}/res-${j}${j % 3 === 0 ? '' : '/item'}` });
  }
  return { text: docs.join('\n---\n'), objects: ingresses * 3, requests };
}

/**
 * `n` objects of typical hand-written size, a third each of Ingress (one host, two
 * paths), Service and Deployment (one container with ports, env, resources, probe).
 */
export function objectsConfig(n: number): string {
  const docs: string[] = [];
  for (let i = 0; docs.length < n; i++) {
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web-${i}\n  namespace: team-${i % 20}\n  labels:\n    app: web-${i}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: web-${i}.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web-${i}\n            port:\n              number: 80\n      - path: /api\n        pathType: Prefix\n        backend:\n          service:\n            name: web-${i}\n            port:\n              name: http`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: web-${i}\n  namespace: team-${i % 20}\nspec:\n  selector:\n    app: web-${i}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http`);
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: team-${i % 20}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web-${i}\n  template:\n    metadata:\n      labels:\n        app: web-${i}\n    spec:\n      containers:\n      - name: web\n        image: registry.example.com/web:1.${i % 10}\n        ports:\n        - name: http\n          containerPort: 8080\n        env:\n        - name: LOG_LEVEL\n          value: info\n        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n        readinessProbe:\n          httpGet: {path: /healthz, port: http}`);
  }
  return docs.slice(0, n).join('\n---\n');
}
