import { describe, expect, it } from 'vitest';
import { lazyStep } from './builder.js';
import { loadManifests } from '../parse/manifests.js';
import { simulate } from '../simulate.js';

describe('lazyStep', () => {
  it('writes its candidates and notes once, when first read, and reads like a plain step everywhere', () => {
    let writes = 0;
    const step = lazyStep({ kind: 'rule', summary: 's', reason: 'PathPrefixMatch', status: 'ok' }, () => {
      writes++;
      return { candidates: [{ label: '/a Prefix', verdict: 'won', reason: 'PathPrefixMatch', detail: 'd' }], notes: ['n'] };
    });
    expect(writes).toBe(0);
    const plain = { kind: 'rule', summary: 's', reason: 'PathPrefixMatch', status: 'ok', candidates: [{ label: '/a Prefix', verdict: 'won', reason: 'PathPrefixMatch', detail: 'd' }], notes: ['n'] };
    expect(JSON.stringify(step)).toBe(JSON.stringify(plain));
    expect(structuredClone(step)).toEqual(plain);
    expect({ ...step }).toEqual(plain);
    expect(step.candidates).toBe(step.candidates);
    expect(writes).toBe(1);
  });

  it('gives a trace whose candidates say which path won, lost and missed, as read by a renderer', () => {
    const cluster = loadManifests(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /cart/checkout, pathType: Exact, backend: {service: {name: pay, port: {number: 80}}}}
`);
    for (const controller of ['spec', 'ingress-nginx'] as const) {
      const t = simulate(cluster, { url: 'http://shop.example.test/cart/1', controller });
      const rule = structuredClone(t).steps.find((s) => s.kind === 'rule')!;
      // By backend (NGINX writes a Prefix path as two locations): the best verdict each got.
      const rank = { won: 3, lost: 2, miss: 1, skip: 0 } as const;
      const verdicts: Record<string, keyof typeof rank> = {};
      for (const c of rule.candidates!) {
        const backend = /-> (\w+):/.exec(c.label)?.[1];
        if (backend && (!verdicts[backend] || rank[c.verdict] > rank[verdicts[backend]])) verdicts[backend] = c.verdict;
      }
      expect(verdicts).toEqual({ cart: 'won', web: 'lost', pay: 'miss' });
    }
  });
});
