// Browser figures for the web app, measured in real Chromium against `vite preview`
// of the built site (dist/, rebuilt when src/ui, src/worker or src/engine is newer):
// - the initial JavaScript without Monaco (loaded lazily), gzip (target <= 300 KB);
// - time from navigation to the first trace on screen (the first example);
// - re-trace time after an edit of a 1,000-object scenario (target < 100 ms), and
//   after an edit of the request alone (the worker keeps the parsed cluster);
// - 50,000 objects (about 20 MB) pasted into the editor through the clipboard: the
//   longest main-thread task from the paste until its trace is on screen and the page
//   has settled (target: none over 50 ms), and the peak JavaScript heap of the page and
//   of its workers.
// The page records User Timing entries (routelab:first-trace, routelab:retrace,
// routelab:worker-roundtrip); nothing here asserts, it prints.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { objectsConfig } from './generate.js';
import { fmt, table } from './main.js';
import { measured } from './targets.js';

const ROOT = process.cwd();
// ROUTELAB_BENCH_DIST: build and serve another folder than dist/ (a bench beside other builds).
const DIST = process.env.ROUTELAB_BENCH_DIST ? resolve(process.env.ROUTELAB_BENCH_DIST) : join(ROOT, 'dist');
const PORT = Number(process.env.ROUTELAB_BENCH_PORT) || 4179;
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
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
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
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], { cwd: ROOT, stdio: 'ignore' });
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

// ROUTELAB_BENCH_PASTE_OBJECTS: paste another number of objects (e.g. 5,000 to see where
// the editor's large-file mode starts); the targets table reads only the 50,000 row.
const PASTE_OBJECTS = Number(process.env.ROUTELAB_BENCH_PASTE_OBJECTS) || 50_000;
const LONG_TASK_MS = 50;

interface PasteFigures {
  chars: number;
  /** what the page showed at the end: the pasted config's trace, or the message it gave instead */
  outcome: string;
  /** paste (Ctrl+V) -> the pasted config's trace on screen */
  toTraceMs: number;
  /** paste -> trace, lint and saving done, two frames later */
  toSettledMs: number;
  longest: number;
  over50: number;
  /** the long tasks, longest first (start relative to the paste) */
  tasks: Array<{ start: number; duration: number }>;
  peakPageMB: number;
  /**
   * Chromium reading the same clipboard text in a paste event (getData), timed in a text
   * area of the same page before the measured paste: what any paste of this text costs the
   * page in one task, before the editor sees a character of it.
   */
  clipboardReadMs: number;
  /** the largest heap of each worker, by its name */
  peakWorkersMB: Record<string, number>;
  samples: number;
}

/**
 * Heap sampler over CDP: the page's isolate, and each worker's, which it attaches to
 * (non-flattened sessions, so Playwright's own attachment is not disturbed).
 */
async function heapSampler(page: Page): Promise<{ sample(): Promise<void>; peaks(): { page: number; workers: Record<string, number> }; count(): number; stop(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const workers = new Map<string, string>(); // sessionId -> worker name
  const pending = new Map<number, (v: { usedSize: number } | undefined) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; title: string; url: string } }) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.title || e.targetInfo.url.replace(/^.*\//, ''));
  });
  cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
    if (m.id !== undefined) pending.get(m.id)?.(m.result);
    if (m.id !== undefined) pending.delete(m.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const peakWorkers: Record<string, number> = {};
  let peakPage = 0;
  let samples = 0;
  const workerHeap = (sessionId: string) =>
    new Promise<{ usedSize: number } | undefined>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(undefined));
      setTimeout(() => pending.has(id) && (pending.delete(id), resolve(undefined)), 5000);
    });
  return {
    async sample() {
      const within = <T,>(p: Promise<T>) => Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000))]);
      const [own, ...others] = await Promise.all([
        within(cdp.send('Runtime.getHeapUsage').catch(() => undefined)),
        ...[...workers.entries()].map(async ([sid, name]) => [name, await workerHeap(sid)] as const),
      ]);
      samples++;
      if (own) peakPage = Math.max(peakPage, own.usedSize);
      for (const [name, h] of others as Array<readonly [string, { usedSize: number } | undefined]>) if (h) peakWorkers[name] = Math.max(peakWorkers[name] ?? 0, h.usedSize);
    },
    peaks: () => ({ page: peakPage / 1024 / 1024, workers: Object.fromEntries(Object.entries(peakWorkers).map(([k, v]) => [k, v / 1024 / 1024])) }),
    count: () => samples,
    stop: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * 50,000 objects pasted the way a user does: on the clipboard, then Ctrl+A and Ctrl+V in
 * the Monaco editor. Waits on what the page shows (the pasted config's trace, or the
 * message the app gives instead), never on time.
 */
async function paste50k(browser: Browser): Promise<PasteFigures> {
  const step = (what: string) => process.env.ROUTELAB_BENCH_VERBOSE && console.error(`paste50k: ${what}`);
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Long tasks from the start, so none is missed between installing the observer and the paste.
  await ctx.addInitScript(() => {
    const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await ctx.newPage();
  const heap = await heapSampler(page);
  await page.goto(URL_BASE);
  await waitForEntries(page, 'routelab:first-trace', 1);
  await page.locator('.monaco-editor .view-lines').waitFor();
  // A request for the pasted config (the generated Ingresses name class nginx): its backend
  // on screen is the sign the paste went through.
  const i = Math.floor(PASTE_OBJECTS / 3) - 1;
  const backend = `team-${i % 20}/web-${i}`;
  await page.getByLabel('Ingress controller').selectOption('ingress-nginx');
  await page.getByLabel('Request URL').fill(`http://web-${i}.example.com/api/orders`);
  await page.locator('section[aria-label="Trace"][aria-busy="false"]').waitFor();

  const text = objectsConfig(PASTE_OBJECTS);
  step('ready; writing the clipboard');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  step('clipboard written');
  // The floor of any paste of this text: the clipboard read in the paste event itself.
  const reading = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const area = document.createElement('textarea');
        area.setAttribute('aria-label', 'clipboard read probe');
        document.body.appendChild(area);
        area.addEventListener(
          'paste',
          (e) => {
            e.preventDefault();
            const t0 = performance.now();
            e.clipboardData?.getData('text/plain');
            resolve(performance.now() - t0);
            area.remove();
          },
          { once: true },
        );
        area.focus();
      }),
  );
  await page.getByLabel('clipboard read probe').waitFor();
  await page.keyboard.press('Control+V');
  const clipboardReadMs = await reading;
  step(`clipboard read in ${clipboardReadMs.toFixed(0)} ms`);
  await page.locator('.monaco-editor .view-lines').click();
  await page.locator('.monaco-editor.focused').waitFor();
  await page.keyboard.press('Control+A');
  await page.locator('.monaco-editor .selected-text').first().waitFor();
  // Let the tasks of putting 20 MB on the clipboard pass before the paste is timed.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await heap.sample();

  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await heap.sample();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  // ROUTELAB_BENCH_PROFILE=file.cpuprofile: a CPU profile of the page's main thread over the paste.
  const profile = process.env.ROUTELAB_BENCH_PROFILE;
  const profiler = profile ? await page.context().newCDPSession(page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press('Control+V');
  step('pasted');
  // The trace of the pasted config, or a message saying why there is none.
  const outcome = await page.waitForFunction(
    (b) => {
      const trace = document.querySelector('section[aria-label="Trace"]');
      const banner = document.querySelector('.run-banner, .notice-error');
      if (banner) return `message: ${banner.textContent}`;
      if (trace && trace.getAttribute('aria-busy') === 'false' && trace.textContent?.includes(b)) return 'trace on screen';
      return false;
    },
    backend,
    { timeout: 180_000, polling: 100 },
  ).then(
    async (handle) => (await handle.jsonValue()) as string,
    // No trace within 3 minutes: say what the page shows instead (read now, while the page is open).
    async () => `no trace of the pasted config after 180 s; the trace panel says: ${((await page.locator('section[aria-label="Trace"]').textContent({ timeout: 60_000 }).catch(() => '(page not answering)')) ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
  );
  const toTrace = (await page.evaluate(() => performance.now())) - t0;
  step(`outcome after ${toTrace.toFixed(0)} ms`);
  // Settled: lint of the pasted text done or stopped (Problems neither busy nor showing an
  // older text's result: lint waits while the trace runs, and is not busy while it waits),
  // the work saved (or refused), then two frames.
  await page
    .waitForFunction(
      () => {
        const problems = document.querySelector('section[aria-label="Problems"]');
        const linted = !!problems && problems.getAttribute('aria-busy') === 'false' && (!problems.classList.contains('is-updating') || !!problems.querySelector('[role="alert"]'));
        return linted && !document.querySelector('[data-save-state="saving"]');
      },
      undefined,
      { timeout: 180_000, polling: 100 },
    )
    .catch(() => step('lint or saving not done after 180 s'));
  step(`settled after ${((await page.evaluate(() => performance.now())) - t0).toFixed(0)} ms`);
  const t1 = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
  sampling = false;
  await sampler;
  if (profiler && profile) {
    const { profile: data } = await profiler.send('Profiler.stop');
    writeFileSync(profile, JSON.stringify(data));
    await profiler.detach();
  }
  await heap.sample();
  const all = await page.evaluate(() => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks);
  const tasks = all
    .filter((t) => t.start + t.duration >= t0 && t.start <= t1)
    .map((t) => ({ start: t.start - t0, duration: t.duration }))
    .sort((a, b) => b.duration - a.duration);
  const peaks = heap.peaks();
  const samples = heap.count();
  await heap.stop();
  await ctx.close();
  return {
    chars: text.length,
    outcome,
    toTraceMs: toTrace,
    toSettledMs: t1 - t0,
    longest: tasks[0]?.duration ?? 0,
    over50: tasks.filter((t) => t.duration > LONG_TASK_MS).length,
    tasks,
    peakPageMB: peaks.page,
    clipboardReadMs,
    peakWorkersMB: peaks.workers,
    samples,
  };
}

function reportPaste(p: PasteFigures): void {
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const workers = Object.entries(p.peakWorkersMB).sort((a, b) => b[1] - a[1]);
  table(
    `Web app in Chromium: ${PASTE_OBJECTS.toLocaleString('en')} objects (${(p.chars / 1024 / 1024).toFixed(1)} MB) pasted into the editor with Ctrl+V`,
    ['measure', 'value'],
    [
      ['what the page showed', p.outcome.slice(0, 120)],
      ['paste -> the pasted config traced on screen', fmt(p.toTraceMs)],
      ['paste -> settled (trace, lint, saving done, two frames)', fmt(p.toSettledMs)],
      ['longest main-thread task in that time (target <= 50 ms)', fmt(p.longest)],
      [`main-thread tasks over ${LONG_TASK_MS} ms`, String(p.over50)],
      ['  the longest ones (start after the paste: duration)', p.tasks.slice(0, 6).map((t) => `${fmt(t.start)}: ${fmt(t.duration)}`).join(', ') || '-'],
      ['Chromium reading this text from the clipboard (getData, one task; timed before, in a text area)', fmt(p.clipboardReadMs)],
      [`peak JS heap, page (${p.samples} samples over CDP)`, mb(p.peakPageMB)],
      ...workers.map(([name, v]) => [`peak JS heap, worker ${name}`, mb(v)]),
    ],
  );
  const heaps = [`page ${mb(p.peakPageMB)}`, ...workers.map(([n, v]) => `${n.replace(/^routelab-/, '')} ${mb(v)}`)].join(', ');
  if (PASTE_OBJECTS === 50_000) measured('paste50k', p.longest, `${p.over50} task(s) over ${LONG_TASK_MS} ms; the clipboard read alone ${fmt(p.clipboardReadMs)}; ${p.outcome.startsWith('trace') ? `traced after ${fmt(p.toTraceMs)}` : p.outcome.slice(0, 60)}; peak heap ${heaps}`);
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
    // ROUTELAB_BENCH_PASTE_ONLY=1: only the 50,000-object paste (when working on it).
    if (process.env.ROUTELAB_BENCH_PASTE_ONLY) {
      reportPaste(await paste50k(browser));
      return;
    }
    const load = await loadToFirstTrace(browser);
    const r = await retrace(browser);
    table(
      `Web app in Chromium (vite preview; medians of ${LOAD_RUNS} loads and ${EDITS} edits)`,
      ['measure', 'median', 'best', 'worst'],
      [
        ['navigation -> first trace on screen (first example)', fmt(median(load.firstTrace)), fmt(Math.min(...load.firstTrace)), fmt(Math.max(...load.firstTrace))],
        ['1,000 objects: YAML edit -> trace on screen (no debounce: the page traces at once)', fmt(median(r.yamlEdit)), fmt(Math.min(...r.yamlEdit)), fmt(Math.max(...r.yamlEdit))],
        ['1,000 objects: worker round trip after a YAML edit (parse + trace)', fmt(median(r.yamlRoundTrip)), fmt(Math.min(...r.yamlRoundTrip)), fmt(Math.max(...r.yamlRoundTrip))],
        ['  of which: re-reading the manifests in the worker', fmt(median(r.yamlParse)), fmt(Math.min(...r.yamlParse)), fmt(Math.max(...r.yamlParse))],
        ['  of which: the trace in the worker', fmt(median(r.yamlTrace)), fmt(Math.min(...r.yamlTrace)), fmt(Math.max(...r.yamlTrace))],
        ['1,000 objects: request edit -> trace on screen (cluster kept)', fmt(median(r.requestEdit)), fmt(Math.min(...r.requestEdit)), fmt(Math.max(...r.requestEdit))],
        ['1,000 objects: worker round trip after a request edit', fmt(median(r.requestRoundTrip)), fmt(Math.min(...r.requestRoundTrip)), fmt(Math.max(...r.requestRoundTrip))],
      ],
    );
    // In order, so a slow start after the import (the editor's own checks of the new text) shows.
    console.log(`YAML edits in order (ms): ${r.yamlEdit.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`  worker round trips (ms): ${r.yamlRoundTrip.map((x) => x.toFixed(0)).join(', ')}`);
    measured('navigation', median(load.firstTrace), `median of ${LOAD_RUNS} loads`);
    measured('editToTrace', median(r.yamlEdit), `median of ${EDITS} edits`);
    console.log(`Monaco ${load.monacoLazy ? 'was not' : 'WAS'} among the scripts loaded before the first trace. After a YAML edit the worker re-parses only the changed document.`);
    const retraceTarget = median(r.yamlEdit) < 100 ? 'met' : 'missed';
    console.log(`targets: initial JS ${kb(initialGz)} (<= 300 KB: ${initialGz <= 300 * 1024 ? 'met' : 'missed'}); re-trace after a YAML edit ${fmt(median(r.yamlEdit))} (< 100 ms: ${retraceTarget})`);
    // ROUTELAB_BENCH_SKIP_PASTE=1: everything but the 50,000-object paste (minutes on this machine).
    if (!process.env.ROUTELAB_BENCH_SKIP_PASTE) reportPaste(await paste50k(browser));
  } catch (err) {
    console.log(`\nbrowser: could not measure in Chromium (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    await browser?.close();
    preview?.kill();
  }
}
