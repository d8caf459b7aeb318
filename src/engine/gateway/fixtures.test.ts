// Scenario fixtures (routing test files in fixtures/) must pass, and one golden trace
// pins the wording of a whole Gateway trace. Regenerate on purpose with UPDATE_GOLDEN=1
// and read the diff in review.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestFile } from '../check/run';
import { parseTestFile } from '../check/format';
import { loadManifests } from '../parse/manifests';
import { simulate } from '../simulate';
import type { Trace } from '../trace/types';

const dir = join(__dirname, 'fixtures');

describe('Gateway API scenario fixtures', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    it(`${f}: every case passes`, () => {
      const r = runTestFile(f, readFileSync(join(dir, f), 'utf8'));
      expect(r.errors).toEqual([]);
      expect(r.cases.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.failures.join('; ')}`)).toEqual([]);
      expect(r.coverage?.percent).toBeGreaterThan(50);
    });
  }
});

/** The trace as text: every step, candidate and note, without source lines (they move with edits). */
function render(t: Trace): string {
  const out: string[] = [];
  for (const s of t.steps) {
    out.push(`${s.kind.padEnd(9)} [${s.reason}] ${s.summary}`);
    for (const c of s.candidates ?? []) out.push(`  ${c.verdict.padEnd(5)} ${c.label}  -- ${c.detail}`);
    for (const n of s.notes ?? []) out.push(`          ${n}`);
  }
  out.push(`outcome   ${t.outcome.kind} ${t.outcome.status} ${JSON.stringify({ backend: t.outcome.backend, route: t.outcome.route?.ruleId, upstream: t.outcome.upstream && { path: t.outcome.upstream.path, host: t.outcome.upstream.host } })}`);
  return `${out.join('\n')}\n`;
}

describe('golden trace', () => {
  it('storefront: the beta header request, every decision in order', () => {
    const tf = parseTestFile('storefront.yaml', readFileSync(join(dir, 'storefront.yaml'), 'utf8'));
    const cluster = loadManifests([tf.manifests]);
    const text = render(simulate(cluster, { url: 'https://shop.example.test/cart/items', headers: { 'X-Beta': '1' } }, { mode: 'gateway' }));
    const golden = join(dir, 'storefront.beta.trace.txt');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
