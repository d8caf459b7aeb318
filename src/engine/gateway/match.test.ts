// The wordless verdict (what a trace decides on) must agree with the worded one (what its
// candidates say) for every kind of condition, in every regex dialect.
import { describe, expect, it } from 'vitest';
import { normalizeRequest, type RequestInput } from '../model/request.js';
import type { HTTPRoute } from '../model/gateway.js';
import { IMPLEMENTATIONS, matchDialect } from './implementations/index.js';
import { httpMatchHolds } from './match.js';
import { backend, cluster, route } from './testkit.js';

const matches = [
  {},
  { path: { type: 'Exact', value: '/api' } },
  { path: { type: 'Exact', value: '/API' } },
  { path: { type: 'PathPrefix', value: '/api' } },
  { path: { type: 'PathPrefix', value: '/api/' } },
  { path: { type: 'PathPrefix', value: '/ap' } },
  { path: { type: 'RegularExpression', value: '/api/v[0-9]+' } },
  { path: { type: 'RegularExpression', value: '/api/v[0-9]' } },
  { path: { type: 'RegularExpression', value: '(' } },
  { method: 'POST' },
  { method: 'GET', headers: [{ name: 'X-Env', value: 'canary' }] },
  { headers: [{ type: 'RegularExpression', name: 'x-env', value: 'can.*' }] },
  { headers: [{ name: 'x-missing', value: 'a' }] },
  { queryParams: [{ name: 'page', value: '2' }] },
  { queryParams: [{ type: 'RegularExpression', name: 'page', value: '[0-9]' }] },
  { path: { type: 'PathPrefix', value: '/api' }, method: 'GET', headers: [{ name: 'x-env', value: 'canary' }], queryParams: [{ name: 'page', value: '2' }] },
];

const requests: RequestInput[] = [
  { url: 'http://a.example/api' },
  { url: 'http://a.example/api/v12?page=2', headers: { 'X-Env': 'canary' } },
  { url: 'http://a.example/API/', method: 'POST' },
  { url: 'http://a.example/apis?page=x', headers: { 'x-env': 'canary', 'X-Env': 'prod' } },
  { url: 'http://a.example/', method: 'DELETE' },
];

describe('httpMatchHolds without words', () => {
  const c = cluster(route('HTTPRoute', 'r', { rules: matches.map((m) => ({ matches: [m], backendRefs: [backend('svc')] })) }));
  const rules = (c.gatewayApi.routes[0] as HTTPRoute).rules;

  it('decides as the worded check does, for every match, request and dialect', () => {
    let holds = 0;
    let fails = 0;
    for (const p of IMPLEMENTATIONS) {
      const dialect = matchDialect(p);
      for (const input of requests) {
        const req = normalizeRequest(input);
        for (const rule of rules) {
          const m = rule.matches[0];
          const worded = httpMatchHolds(c, m, req, dialect);
          const bare = httpMatchHolds(c, m, req, dialect, false);
          expect(bare.ok, `${JSON.stringify(matches[rule.index])} on ${input.url} (${p.name}): ${worded.detail}`).toBe(worded.ok);
          expect(bare.detail).toBe('');
          if (worded.ok) holds++;
          else fails++;
        }
      }
    }
    // Both answers occur, so the comparison covers each side.
    expect(holds).toBeGreaterThan(0);
    expect(fails).toBeGreaterThan(0);
  });
});
