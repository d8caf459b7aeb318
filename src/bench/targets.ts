// The speed targets of issue 12 ("Speed at cluster scale"), filled in by the sections that
// measure them and printed last, each figure beside its target and whether it is met.
// Nothing asserts: a target missed is printed, not failed.

export type Unit = 'ms' | 'µs' | 'KB';

interface Target {
  measure: string;
  /** at most this much (in `unit`) */
  limit: number;
  unit: Unit;
  /** what was measured, and how, once a section has measured it */
  value?: number;
  how?: string;
}

export const TARGETS = {
  parseIngress: { measure: 'parse 10,000 typical Ingress objects (4 MB) into the model', limit: 300, unit: 'ms' },
  parseGateway: { measure: 'parse 12,000 Gateway API objects', limit: 400, unit: 'ms' },
  firstTraceGateway: { measure: 'first trace on 10,000 HTTPRoutes (topology and indexes)', limit: 50, unit: 'ms' },
  traceMedian: { measure: 'trace, median, 10,000 rules, every controller and implementation (the slowest)', limit: 10, unit: 'µs' },
  checkCase: { measure: 'one case through routelab check (parse of the case + trace + comparison)', limit: 20, unit: 'µs' },
  editToTrace: { measure: 'YAML edit -> trace on screen, 1,000 objects (debounce included)', limit: 50, unit: 'ms' },
  navigation: { measure: 'navigation -> first trace on screen', limit: 300, unit: 'ms' },
  initialJs: { measure: 'initial JavaScript without Monaco (gzip)', limit: 150, unit: 'KB' },
  paste50k: { measure: '50,000 objects pasted: longest main-thread task, paste -> trace on screen', limit: 50, unit: 'ms' },
} satisfies Record<string, Target>;

const values = new Map<keyof typeof TARGETS, { value: number; how?: string }>();

/** Records a measured figure; `ms` is always milliseconds (or KB for sizes). */
export function measured(key: keyof typeof TARGETS, msOrKb: number, how?: string): void {
  const t: Target = TARGETS[key];
  values.set(key, { value: t.unit === 'µs' ? msOrKb * 1000 : msOrKb, how });
}

/** The figures measured so far in this process, in each target's unit (what a repeat run reports). */
export function measuredFigures(): Partial<Record<keyof typeof TARGETS, number>> {
  const out: Partial<Record<keyof typeof TARGETS, number>> = {};
  for (const [k, m] of values) out[k] = m.value;
  return out;
}

/**
 * Folds in the figures of repeat runs (each a fresh process): every target measured in this
 * run and in all of them now reads the median of the runs, and says so with each run's figure.
 * Returns the keys combined, in table order.
 */
export function combineRuns(repeats: Array<Partial<Record<keyof typeof TARGETS, number>>>): Array<{ key: keyof typeof TARGETS; runs: number[]; median: number }> {
  const out: Array<{ key: keyof typeof TARGETS; runs: number[]; median: number }> = [];
  for (const key of Object.keys(TARGETS) as Array<keyof typeof TARGETS>) {
    const first = values.get(key);
    if (!first || repeats.some((r) => r[key] === undefined)) continue;
    const runs = [first.value, ...repeats.map((r) => r[key] as number)];
    const sorted = [...runs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const unit = (TARGETS[key] as Target).unit;
    values.set(key, { value: median, how: `median of ${runs.length} runs (${runs.map((v) => show(v, unit)).join(', ')})${first.how ? `; run 1: ${first.how}` : ''}` });
    out.push({ key, runs, median });
  }
  return out;
}

function show(v: number, unit: Unit): string {
  return unit === 'KB' ? `${v.toFixed(1)} KB` : unit === 'µs' ? `${v.toFixed(1)} µs` : `${v.toFixed(v >= 100 ? 0 : 1)} ms`;
}

export function printTargets(): void {
  const rows = (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).map((k) => {
    const t: Target = TARGETS[k];
    const m = values.get(k);
    return [t.measure, m ? show(m.value, t.unit) : 'not measured in this run', `<= ${show(t.limit, t.unit)}`, m ? (m.value <= t.limit ? 'met' : 'not met') : '-', m?.how ?? ''];
  });
  const header = ['measure (issue 12)', 'now', 'target', 'met', 'how'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('\nSpeed targets (issue 12), each figure beside its target');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r).trimEnd());
}
