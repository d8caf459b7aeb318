// `routelab replay` on a generated 100,000-line ingress-nginx access log against the
// 1,000-object config: lines per second through the whole command (reading the file in
// chunks, parsing, tracing, comparing) and the peak memory while it runs. The log is
// written to a temporary file first so the command streams it as it would a real one.
// Targets (RouteLab's own): >= 10,000 lines/s, and the heap never more than 256 MB above
// where it started (a streamed log must not be held).
import { mkdtempSync, writeFileSync, rmSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { INGRESS_NGINX_LOG_FORMAT } from '../engine/index.js';
import { objectsConfig } from './generate.js';
import { fmt, table } from './main.js';

const LINES = 100_000;
const FORMAT = `${INGRESS_NGINX_LOG_FORMAT} $host`;

/** A deterministic log: 333 hosts, / and /api/users/<id> (many distinct paths), 1% logged on the wrong backend. */
function logText(): string {
  // mulberry32: uniform enough that most requests are distinct, as in real traffic
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const out: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const app = rand(333);
    const ns = `team-${app % 20}`;
    const api = rand(3) > 0;
    const path = api ? `/api/users/${rand(20_000)}?page=${rand(5)}` : '/';
    const wrong = rand(100) === 0;
    const upstream = wrong ? `${ns}-web-${(app + 1) % 333}-80` : `${ns}-web-${app}-${api ? 'http' : '80'}`;
    out.push(`10.1.${rand(255)}.${rand(255)} - - [07/Dec/2026:10:00:00 +0000] "GET ${path} HTTP/1.1" 200 ${rand(5000)} "-" "Mozilla/5.0 (bench ${rand(50)})" 300 0.00${rand(9)} [${upstream}] [] 10.244.${rand(255)}.${rand(255)}:8080 ${rand(5000)} 0.002 200 ${i.toString(16)} web-${app}.example.com`);
  }
  return `${out.join('\n')}\n`;
}

export function benchReplay(): void {
  const dir = mkdtempSync(join(tmpdir(), 'routelab-bench-replay-'));
  try {
    const config = join(dir, 'config.yaml');
    const log = join(dir, 'access.log');
    writeFileSync(config, objectsConfig(1000));
    writeFileSync(log, logText());
    const bytes = statSync(log).size;
    const g = globalThis as { gc?: () => void };
    g.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    let peakRss = process.memoryUsage().rss;
    const out: string[] = [];
    const t0 = performance.now();
    const code = main(['replay', '--log', log, '--log-format', FORMAT, config], {
      out: (s) => out.push(s),
      err: () => {},
      color: false,
      readStdin: () => '',
      // sampled once per chunk read (1 MiB)
      readChunk: (fd, buf) => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed);
        peakRss = Math.max(peakRss, m.rss);
        return readSync(fd, buf);
      },
    });
    const ms = performance.now() - t0;
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed);
    const perSec = LINES / (ms / 1000);
    const growth = (peak - base) / 2 ** 20;
    table(`Replay: routelab replay of a ${LINES.toLocaleString('en')}-line ingress-nginx log (${(bytes / 2 ** 20).toFixed(1)} MB) on the 1,000-object config`, ['measure', 'value', 'target'], [
      ['whole command', fmt(ms), ''],
      ['lines per second', Math.round(perSec).toLocaleString('en'), `>= 10,000: ${perSec >= 10_000 ? 'met' : 'missed'}`],
      ['peak heap above the start', `${growth.toFixed(0)} MB`, `<= 256 MB: ${growth <= 256 ? 'met' : 'missed'}`],
      ['peak RSS of the process', `${(peakRss / 2 ** 20).toFixed(0)} MB`, ''],
      ['distinct requests traced', out.at(-2)?.match(/\((\d+) distinct/)?.[1] ?? '?', ''],
      ['result', out.at(-1) ?? '', `exit ${code}`],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
