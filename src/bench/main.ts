// `npm run bench`: prints timings; never asserts them (speed is measured, not tested).
// Each section generates a config, times parsing and tracing, and prints one table.
import { loadManifests, simulate, CONTROLLER_NAMES, type Cluster, type RequestInput } from '../engine/index.js';
import { ingressConfig, objectsConfig } from './generate.js';
import { loadAll, parseEvents } from 'js-yaml';
import { BENCH_SECTIONS } from './sections.js';
import { combineRuns, measured, measuredFigures, printTargets, TARGETS } from './targets.js';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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

/**
 * Per-call time of `fn` over `runs` calls after `warmup` calls: the median, and the mean,
 * which every call weighs into (a slow kind of request, such as a host miss, shows there
 * even when it is a minority).
 */
export function callTimes(fn: (i: number) => void, runs = 200, warmup = 20): { median: number; mean: number } {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    fn(i);
    samples.push(now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], mean: samples.reduce((a, b) => a + b, 0) / samples.length };
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

function traceTimes(cluster: Cluster, requests: RequestInput[]): { median: number; mean: number } {
  // 320 runs: each of the 64 requests five times.
  return callTimes((i) => simulate(cluster, requests[i % requests.length], { mode: 'ingress' }), 320, 64);
}

function benchIngress(): void {
  const sizes = [100, 1000, 10000];
  const rows: string[][] = [];
  const perController: Record<string, Array<{ median: number; mean: number }>> = {};
  for (const n of sizes) {
    const cfg = ingressConfig(n);
    const parsed = time(() => loadManifests([{ file: 'bench.yaml', text: cfg.text }]));
    const cluster = parsed.value;
    const first = time(() => simulate(cluster, { ...cfg.requests[0], controller: 'spec' }, { mode: 'ingress' }));
    const row = [`${n} rules (${cfg.objects} objects)`, fmt(parsed.ms), fmt(first.ms)];
    for (const c of CONTROLLER_NAMES) {
      const reqs = cfg.requests.map((r) => ({ ...r, controller: c }));
      simulate(cluster, reqs[0], { mode: 'ingress' }); // build this controller's index
      const t = traceTimes(cluster, reqs);
      (perController[c] ??= []).push(t);
      row.push(`${fmt(t.median)} / ${fmt(t.mean)}`);
    }
    rows.push(row);
  }
  table('Ingress: parse, first trace (builds indexes), then trace time per controller, median / mean over 64 requests (a fifth of them host misses)', ['config', 'parse', 'first trace', ...CONTROLLER_NAMES], rows);
  const ratio = (c: string) => {
    const [small, , large] = perController[c];
    return `${c} ${(large.mean / small.mean).toFixed(2)}x (median ${(large.median / small.median).toFixed(2)}x)`;
  };
  console.log(`trace time ratio 10,000 / 100 rules, mean (target <= 3x): ${CONTROLLER_NAMES.map(ratio).join(', ')}`);
  const slowest = CONTROLLER_NAMES.map((c) => [c, perController[c][2].median] as const).sort((a, b) => b[1] - a[1])[0];
  traceMedians.push([`Ingress ${slowest[0]}`, slowest[1]]);
}

/** Median of 3 timings of `fn`, and the best. */
function median3(fn: () => unknown): { median: number; best: number } {
  const runs = [0, 1, 2].map(() => time(fn).ms).sort((a, b) => a - b);
  return { median: runs[1], best: runs[0] };
}

/**
 * js-yaml alone on a text, as a yardstick for the parse rows: its own loadAll (values only,
 * no positions) and parseEvents (the event stream with offsets, which RouteLab reads).
 * Neither builds a model; no parse into the model can take less than the second.
 */
export function yamlFloor(text: string): { loadAll: number; events: number } {
  return { loadAll: median3(() => loadAll(text)).median, events: median3(() => parseEvents(text, { maxDepth: 200 })).median };
}

function benchParse(): void {
  const rows: string[][] = [];
  for (const n of [1000, 10000]) {
    const cfg = objectsConfig(n);
    const own = median3(() => loadManifests([{ file: 'bench.yaml', text: cfg }]));
    const floor = yamlFloor(cfg);
    rows.push([`${n} objects (${(cfg.length / 1024 / 1024).toFixed(1)} MB, ${Math.round(cfg.length / n)} B/object)`, fmt(own.median), fmt(own.best), fmt(floor.events), fmt(floor.loadAll)]);
    if (n === 10000) measured('parseIngress', own.median, `median of 3 parses; js-yaml alone on this text: parseEvents ${fmt(floor.events)}, loadAll ${fmt(floor.loadAll)}`);
  }
  table('Parsing typical objects (Ingress, Service, Deployment) into the model, Pods simulated; beside it js-yaml alone on the same text (its event stream, which RouteLab reads, and its own loadAll), medians of 3', ['config', 'into the model', 'best', 'js-yaml parseEvents', 'js-yaml loadAll'], rows);
}

/** The slowest median trace at 10,000 rules of each section: [who, ms]. */
export const traceMedians: Array<[string, number]> = [];

// A repeat run (`--repeat`, started by the run below) measures the engine rows again in a
// fresh process, prints nothing but its figures, and the first run reports their medians.
const REPEAT_FLAG = '--repeat';
const FIGURES_MARK = 'routelab-bench-figures ';
const args = process.argv.slice(2);
const repeat = args[0] === REPEAT_FLAG;
const only = repeat ? args.slice(1) : args;
/** Sections whose figures are engine rows of the targets table: these are run again. */
const ENGINE_SECTIONS = ['parse', 'ingress', 'analysis', 'gateway', 'implementations'];
const RUNS = Math.max(1, Math.floor(Number(process.env.ROUTELAB_BENCH_RUNS ?? 5)) || 1);
const log = console.log;
if (repeat) console.log = () => {};
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
if (traceMedians.length) {
  const [who, ms] = traceMedians.sort((a, b) => b[1] - a[1])[0];
  measured('traceMedian', ms, `slowest: ${who}`);
}
if (repeat) {
  process.stdout.write(`${FIGURES_MARK}${JSON.stringify(measuredFigures())}\n`);
} else {
  const again = ENGINE_SECTIONS.filter((s) => !only.length || only.includes(s));
  if (RUNS > 1 && again.length) repeatEngineRows(again);
  printTargets();
}

/**
 * Runs the engine sections RUNS - 1 more times, one fresh process after another (never two
 * at once: they would share the two cores), so each engine row of the targets table is the
 * median of RUNS runs, as issue 12 asks; a run's JIT warm-up and GC state are its own.
 */
function repeatEngineRows(again: string[]): void {
  const self = fileURLToPath(import.meta.url);
  const repeats: Array<Partial<Record<keyof typeof TARGETS, number>>> = [];
  for (let r = 2; r <= RUNS; r++) {
    log(`\nrun ${r} of ${RUNS}: ${again.join(', ')} in a fresh process`);
    try {
      const out = execFileSync(process.execPath, ['--expose-gc', self, REPEAT_FLAG, ...again], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
      const line = out.split('\n').find((l) => l.startsWith(FIGURES_MARK));
      if (!line) throw new Error('it printed no figures');
      repeats.push(JSON.parse(line.slice(FIGURES_MARK.length)));
    } catch (err) {
      log(`run ${r} failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); the targets table reads the runs that finished`);
    }
  }
  if (!repeats.length) return;
  const combined = combineRuns(repeats);
  const unit = (k: keyof typeof TARGETS) => (TARGETS[k] as { unit: string }).unit;
  table(
    `Engine rows over ${repeats.length + 1} runs (run 1 is the tables above; each later run a fresh process); the targets table reads the median`,
    ['measure', ...combined[0].runs.map((_, i) => `run ${i + 1}`), 'median'],
    combined.map(({ key, runs, median }) => [TARGETS[key].measure, ...runs.map((v) => `${v.toFixed(1)} ${unit(key)}`), `${median.toFixed(1)} ${unit(key)}`]),
  );
}
