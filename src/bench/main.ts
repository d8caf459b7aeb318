// `npm run bench`: prints timings; never asserts them (speed is measured, not tested).
// Each section generates a config, times parsing and tracing, and prints one table.
import { loadManifests, simulate, CONTROLLER_NAMES, type Cluster, type RequestInput } from '../engine/index.js';
import { ingressConfig, objectsConfig } from './generate.js';
import { BENCH_SECTIONS } from './sections.js';

export interface Timing {
  label: string;
  value: string;
}

function now(): number {
  return performance.now();
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = now();
  const value = fn();
  return { ms: now() - t0, value };
}

/** Median per-call time of `fn` over `runs` calls after `warmup` calls. */
export function median(fn: (i: number) => void, runs = 200, warmup = 20): number {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    fn(i);
    samples.push(now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export function fmt(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

export function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function traceMedian(cluster: Cluster, requests: RequestInput[]): number {
  return median((i) => simulate(cluster, requests[i % requests.length], { mode: 'ingress' }), 300, 30);
}

function benchIngress(): void {
  const sizes = [100, 1000, 10000];
  const rows: string[][] = [];
  const perController: Record<string, number[]> = {};
  for (const n of sizes) {
    const cfg = ingressConfig(n);
    const parsed = time(() => loadManifests([{ file: 'bench.yaml', text: cfg.text }]));
    const cluster = parsed.value;
    const first = time(() => simulate(cluster, { ...cfg.requests[0], controller: 'spec' }, { mode: 'ingress' }));
    const row = [`${n} rules (${cfg.objects} objects)`, fmt(parsed.ms), fmt(first.ms)];
    for (const c of CONTROLLER_NAMES) {
      const reqs = cfg.requests.map((r) => ({ ...r, controller: c }));
      simulate(cluster, reqs[0], { mode: 'ingress' }); // build this controller's index
      const m = traceMedian(cluster, reqs);
      (perController[c] ??= []).push(m);
      row.push(fmt(m));
    }
    rows.push(row);
  }
  table('Ingress: parse, first trace (builds indexes), then median trace per controller', ['config', 'parse', 'first trace', ...CONTROLLER_NAMES], rows);
  console.log(`trace time ratio 10,000 / 100 rules (target <= 3x): ${CONTROLLER_NAMES.map((c) => `${c} ${(perController[c][2] / perController[c][0]).toFixed(2)}x`).join(', ')}`);
}

function benchParse(): void {
  const rows: string[][] = [];
  for (const n of [1000, 10000]) {
    const cfg = objectsConfig(n);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(time(() => loadManifests([{ file: 'bench.yaml', text: cfg }])).ms);
    runs.sort((a, b) => a - b);
    rows.push([`${n} objects (${(cfg.length / 1024 / 1024).toFixed(1)} MB, ${Math.round(cfg.length / n)} B/object)`, fmt(runs[1]), fmt(runs[0])]);
  }
  table('Parsing typical objects (Ingress, Service, Deployment) into the model, Pods simulated; target: 10,000 objects under 1 s', ['config', 'median of 3', 'best'], rows);
}

const only = process.argv.slice(2);
const sections: Array<[string, () => void | Promise<void>]> = [
  ['parse', benchParse],
  ['ingress', benchIngress],
  ...BENCH_SECTIONS,
];
console.log(`RouteLab benchmarks (node ${process.version}, ${new Date().toISOString()})`);
for (const [name, run] of sections) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
