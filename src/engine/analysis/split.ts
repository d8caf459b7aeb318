// Weighted backends and canaries: the configured shares, and a simulated run of
// N requests with a seeded generator (deterministic, so a run can be shared and
// reproduced), to show how far a finite sample strays from the shares.
import type { Trace, WeightedBackend } from '../trace/types.js';

export interface SplitRun {
  runs: number;
  seed: number;
  rows: Array<{ namespace: string; service: string; port?: number; weight: number; share: number; count: number; observed: number }>;
}

/** mulberry32: small, fast, good enough for sampling shares. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulateSplit(backends: WeightedBackend[], runs: number, seed = 1): SplitRun {
  const n = Math.max(0, Math.min(Math.floor(runs), 10_000_000));
  const counts = backends.map(() => 0);
  const total = backends.reduce((a, b) => a + b.weight, 0);
  if (total > 0) {
    const rand = seededRandom(seed);
    for (let i = 0; i < n; i++) {
      let x = rand() * total;
      let k = 0;
      while (k < backends.length - 1 && x >= backends[k].weight) x -= backends[k++].weight;
      counts[k]++;
    }
  }
  return {
    runs: n,
    seed,
    rows: backends.map((b, i) => ({ namespace: b.namespace, service: b.service, port: b.port, weight: b.weight, share: b.share, count: counts[i], observed: n ? counts[i] / n : 0 })),
  };
}

/** The split of a traced request, if it had one. */
export function splitOf(trace: Trace): WeightedBackend[] | undefined {
  const b = trace.outcome.backends;
  return b && b.length > 1 ? b : undefined;
}
