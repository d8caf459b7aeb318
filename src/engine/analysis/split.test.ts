import { describe, expect, it } from 'vitest';
import { seededRandom, simulateSplit } from './split';

const backends = [
  { namespace: 'shop', service: 'stable', weight: 90, share: 0.9 },
  { namespace: 'shop', service: 'canary', weight: 10, share: 0.1 },
];

describe('simulateSplit', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    expect(simulateSplit(backends, 1000, 7)).toEqual(simulateSplit(backends, 1000, 7));
    expect(simulateSplit(backends, 1000, 7).rows[1].count).not.toBe(simulateSplit(backends, 1000, 8).rows[1].count);
  });

  it('counts every request once and approaches the configured shares', () => {
    const run = simulateSplit(backends, 100_000, 3);
    expect(run.rows[0].count + run.rows[1].count).toBe(100_000);
    expect(run.rows[1].observed).toBeGreaterThan(0.09);
    expect(run.rows[1].observed).toBeLessThan(0.11);
  });

  it('sends nothing to a zero weight and nothing at all when every weight is zero', () => {
    expect(simulateSplit([{ ...backends[0] }, { ...backends[1], weight: 0 }], 500, 1).rows[1].count).toBe(0);
    expect(simulateSplit(backends.map((b) => ({ ...b, weight: 0 })), 500, 1).rows.map((r) => r.count)).toEqual([0, 0]);
  });

  it('draws uniformly in [0, 1)', () => {
    const r = seededRandom(42);
    const xs = Array.from({ length: 10_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});
