// Browser figures for the web app, measured in real Chromium against `vite preview`
// of the built site (dist/, rebuilt when src/ui, src/worker or src/engine is newer):
// - the initial JavaScript without Monaco (loaded lazily), gzip (target <= 300 KB);
// - time from navigation to the first trace on screen (the first example);
// - re-trace time after an edit of a 1,000-object scenario (target < 100 ms), and
//   after an edit of the request alone (the worker keeps the parsed cluster).
// The page records User Timing entries (routelab:first-trace, routelab:retrace,
// routelab:worker-roundtrip); nothing here asserts, it prints.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { objectsConfig } from './generate.js';
import { fmt, table } from './main.js';
import { measured } from './targets.js';
import { TRACE_DEBOUNCE_MS } from '../ui/timing.js';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const PORT = 4179;
const URL_BASE = `http://127.0.0.1:${PORT}/`;
const LOAD_RUNS = 5;
const EDITS = 15;

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

function ensureBuilt(): string {
  const index = join(DIST, 'index.html');
  const sources = ['src/ui', 'src/worker', 'src/engine'].map((d) => join(ROOT, d)).filter(existsSync);
  const stale = !existsSync(index) || sources.some((d) => newest(d) > statSync(index).mtimeMs);
  if (!stale) return 'dist/ is up to date';
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  return 'dist/ rebuilt with vite build';
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The JavaScript index.html loads before any lazy import: the entry and its modulepreloads. */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)].map((r) => join(DIST, r.replace(/^\.?\//, '')));
}

async function startPreview(): Promise<ChildProcess> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(URL_BASE);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${URL_BASE}`);
}

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // As e2e/ensure-browser.mjs: CHROMIUM_PATH, else Playwright's own browser, else Debian's chromium.
  let executablePath: string | undefined = process.env.CHROMIUM_PATH;
  if (!executablePath) {
    let own: string | undefined;
    try {
      own = chromium.executablePath();
    } catch {
      own = undefined;
    }
    executablePath = own && existsSync(own) ? undefined : '/usr/bin/chromium';
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const entries = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => ({ start: e.startTime, duration: e.duration })), name);

async function waitForEntries(page: Page, name: string, count: number): Promise<Array<{ start: number; duration: number }>> {
  await page.waitForFunction(([n, c]) => performance.getEntriesByName(n as string).length >= (c as number), [name, count] as const, { timeout: 30_000 });
  return entries(page, name);
}

/** Navigation to the first trace on screen, in fresh contexts (no saved work, so the first example opens). */
async function loadToFirstTrace(browser: Browser): Promise<{ firstTrace: number[]; jsBeforeTrace: number[]; monacoLazy: boolean }> {
  const firstTrace: number[] = [];
  const jsBeforeTrace: number[] = [];
  let monacoLazy = true;
  for (let i = 0; i < LOAD_RUNS; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(URL_BASE);
    const [mark] = await waitForEntries(page, 'routelab:first-trace', 1);
    firstTrace.push(mark.start);
    // Scripts requested by the page itself before the first trace (workers are separate).
    const before = await page.evaluate((t) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js') && e.startTime <= t).map((e) => e.name), mark.start);
    jsBeforeTrace.push(before.length);
    if (before.some((u) => /MonacoEditor/.test(u)) && i === 0) monacoLazy = false;
    await ctx.close();
  }
  return { firstTrace, jsBeforeTrace, monacoLazy };
}

/** Re-trace after editing the YAML of a 1,000-object scenario, and after editing the request only. */
async function retrace(browser: Browser): Promise<{ yamlEdit: number[]; yamlRoundTrip: number[]; yamlParse: number[]; yamlTrace: number[]; requestEdit: number[]; requestRoundTrip: number[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(URL_BASE);
  await waitForEntries(page, 'routelab:first-trace', 1);
  await page.locator('.monaco-editor .view-lines').waitFor();
  const text = objectsConfig(1000);
  await page.getByLabel('Import scenario').setInputFiles({ name: 'bench-1000.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await page.getByRole('heading', { name: 'bench-1000' }).waitFor();
  // The generated Ingresses name class nginx, which ingress-nginx serves.
  await page.getByLabel('Ingress controller').selectOption('ingress-nginx');
  await page.getByLabel('Request URL').fill('http://web-250.example.com/api/orders');
  await page.getByRole('region', { name: 'Trace' }).getByText('team-10/web-250').first().waitFor({ timeout: 30_000 });

  // YAML edits: a character typed at the end of the first line, then removed, in turn.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  let n = (await entries(page, 'routelab:retrace')).length;
  for (let i = 0; i < EDITS; i++) {
    if (i % 2 === 0) await page.keyboard.type('x');
    else await page.keyboard.press('Backspace');
    await waitForEntries(page, 'routelab:retrace', ++n);
    await page.waitForTimeout(150); // let the saved requests check and the address bar settle between edits
  }
  const yamlMeasures = (await entries(page, 'routelab:retrace')).slice(-EDITS).map((e) => e.duration);
  const yamlTrips = (await entries(page, 'routelab:worker-roundtrip')).slice(-EDITS).map((e) => e.duration);
  const yamlParse = (await entries(page, 'routelab:worker-parse')).slice(-EDITS).map((e) => e.duration);
  const yamlTrace = (await entries(page, 'routelab:worker-trace')).slice(-EDITS).map((e) => e.duration);

  // Request edits: the cluster stays parsed in the worker.
  const url = page.getByLabel('Request URL');
  for (let i = 0; i < EDITS; i++) {
    await url.fill(`http://web-${(i * 37) % 333}.example.com/api/orders/${i}`);
    await waitForEntries(page, 'routelab:retrace', ++n);
    await page.waitForTimeout(100);
  }
  const requestMeasures = (await entries(page, 'routelab:retrace')).slice(-EDITS).map((e) => e.duration);
  const requestTrips = (await entries(page, 'routelab:worker-roundtrip')).slice(-EDITS).map((e) => e.duration);
  await ctx.close();
  return { yamlEdit: yamlMeasures, yamlRoundTrip: yamlTrips, yamlParse, yamlTrace, requestEdit: requestMeasures, requestRoundTrip: requestTrips };
}

export async function benchBrowser(): Promise<void> {
  let built: string;
  try {
    built = ensureBuilt();
  } catch (err) {
    console.log(`\nbrowser: skipped, the site does not build (${err instanceof Error ? err.message : String(err)})`);
    return;
  }

  // Bundle sizes straight from dist/.
  const initial = initialScripts();
  const initialGz = initial.reduce((a, f) => a + gz(f), 0);
  measured('initialJs', initialGz / 1024, `${initial.length} file(s)`);
  const assets = readdirSync(join(DIST, 'assets'));
  const sized = (re: RegExp) => assets.filter((a) => re.test(a)).reduce((acc, a) => acc + gz(join(DIST, 'assets', a)), 0);
  table(
    `Web app bundle (${built}), gzip level 9`,
    ['part', 'gzip', 'loaded'],
    [
      [`initial JavaScript (${initial.length} file(s), without Monaco; target <= 300 KB)`, kb(initialGz), 'at start'],
      ['engine worker', kb(sized(/^engine\.worker-.*\.js$/)), 'at start, in its own thread'],
      ['analysis worker (lint, compare, convert, diff, split)', kb(sized(/^analysis\.worker-.*\.js$/)), 'after the first trace, in its own thread'],
      ['Monaco editor chunk', kb(sized(/^MonacoEditor-.*\.js$/)), 'lazily'],
      ['Monaco editor and YAML workers', kb(sized(/^(editor|yaml)\.worker-.*\.js$/)), 'lazily'],
    ],
  );

  let preview: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    preview = await startPreview();
    browser = await launch();
    const load = await loadToFirstTrace(browser);
    const r = await retrace(browser);
    table(
      `Web app in Chromium (vite preview; medians of ${LOAD_RUNS} loads and ${EDITS} edits)`,
      ['measure', 'median', 'best', 'worst'],
      [
        ['navigation -> first trace on screen (first example)', fmt(median(load.firstTrace)), fmt(Math.min(...load.firstTrace)), fmt(Math.max(...load.firstTrace))],
        [`1,000 objects: YAML edit -> trace on screen (incl. ${TRACE_DEBOUNCE_MS} ms debounce)`, fmt(median(r.yamlEdit)), fmt(Math.min(...r.yamlEdit)), fmt(Math.max(...r.yamlEdit))],
        ['1,000 objects: worker round trip after a YAML edit (parse + trace)', fmt(median(r.yamlRoundTrip)), fmt(Math.min(...r.yamlRoundTrip)), fmt(Math.max(...r.yamlRoundTrip))],
        ['  of which: re-reading the manifests in the worker', fmt(median(r.yamlParse)), fmt(Math.min(...r.yamlParse)), fmt(Math.max(...r.yamlParse))],
        ['  of which: the trace in the worker', fmt(median(r.yamlTrace)), fmt(Math.min(...r.yamlTrace)), fmt(Math.max(...r.yamlTrace))],
        ['1,000 objects: request edit -> trace on screen (cluster kept, incl. debounce)', fmt(median(r.requestEdit)), fmt(Math.min(...r.requestEdit)), fmt(Math.max(...r.requestEdit))],
        ['1,000 objects: worker round trip after a request edit', fmt(median(r.requestRoundTrip)), fmt(Math.min(...r.requestRoundTrip)), fmt(Math.max(...r.requestRoundTrip))],
      ],
    );
    measured('navigation', median(load.firstTrace), `median of ${LOAD_RUNS} loads`);
    measured('editToTrace', median(r.yamlEdit), `median of ${EDITS} edits`);
    console.log(`Monaco ${load.monacoLazy ? 'was not' : 'WAS'} among the scripts loaded before the first trace. After a YAML edit the worker re-parses only the changed document.`);
    const retraceTarget = median(r.yamlEdit) < 100 ? 'met' : 'missed';
    console.log(`targets: initial JS ${kb(initialGz)} (<= 300 KB: ${initialGz <= 300 * 1024 ? 'met' : 'missed'}); re-trace after a YAML edit ${fmt(median(r.yamlEdit))} (< 100 ms: ${retraceTarget})`);
  } catch (err) {
    console.log(`\nbrowser: could not measure in Chromium (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    await browser?.close();
    preview?.kill();
  }
}
