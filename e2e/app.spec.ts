import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { objectsConfig } from '../src/bench/generate';
import { cursorAtEndOfLine, diagram, editorLines, editorReady, importScenario, loadDiagnostics, pasteIntoEditor, problemsPanel, workSaved, screenshot, SHOP_SCENARIO, trace } from './helpers';

async function exportedText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scenario' }).click()]);
  return readFileSync((await download.path())!, 'utf8');
}

test('opens on the first example, traced', async ({ page }) => {
  // One engine worker: the one the page's inline script starts early (vite.config.ts) is the
  // one the app uses, not a second beside it.
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'RouteLab', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Prefix vs Exact paths' })).toBeVisible();
  await expect(trace(page)).toContainText('shop/health');
  await expect(diagram(page)).toContainText('Service shop/health');
  const saved = page.getByRole('region', { name: 'Saved requests' });
  await expect(saved.getByText('✓ pass')).toHaveCount(5);
  await editorReady(page);
  await expect(editorLines(page)).toContainText('kind: Ingress');
  expect(workers.filter((u) => /engine\.worker/.test(u))).toHaveLength(1);
  await screenshot(page, '01-first-example');
});

test('imports a scenario, traces a typed request, and shows the Service in the trace and the diagram', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await importScenario(page, 'shop.yaml', SHOP_SCENARIO);
  await expect(page.getByRole('heading', { name: 'E2E shop' })).toBeVisible();
  await expect(page.getByLabel('Request URL')).toHaveValue('http://shop.example.test/');
  await expect(trace(page)).toContainText('shop/web');

  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('Request URL').fill('http://shop.example.test/cart/items?id=7');
  await page.getByLabel('Request headers').fill('X-Session: abc\nAccept: application/json');
  await page.getByLabel('Ingress controller').selectOption('ingress-nginx');

  const t = trace(page);
  await expect(t).toContainText('shop/cart port 8080');
  await expect(t).toContainText('POST /cart/items?id=7');
  await expect(t).toContainText('x-session: abc');
  await expect(t).toContainText('lost'); // the / rule lost to /cart, and says why
  await expect(diagram(page)).toContainText('Service shop/cart');
  await expect(diagram(page).locator('.rf-node.state-taken')).toContainText(['Client', 'DNS', 'Ingress controller', '/cart', 'Service shop/cart', 'Pod']);
  await screenshot(page, '02-imported-scenario-traced');

  // Save the request: it is checked against its current result, and passes.
  await page.getByRole('button', { name: 'Save request' }).click();
  const saved = page.getByRole('region', { name: 'Saved requests' });
  await expect(saved.getByRole('listitem').filter({ hasText: 'POST shop.example.test/cart/items?id=7' })).toContainText('✓ pass');
});

test('clicking a diagram node or a trace step selects its lines in the editor', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await expect(diagram(page)).toContainText('/api/health Exact');
  await expect(page.locator('.monaco-editor .rl-highlight')).toHaveCount(0);
  await diagram(page).getByRole('button', { name: /\/api\/health Exact/ }).click();
  await expect(page.locator('.monaco-editor .rl-highlight').first()).toBeVisible();
  await expect(page.locator('.monaco-editor .view-overlays .rl-highlight')).toHaveCount(7); // lines 25-31: the Exact path
  await trace(page).getByRole('button', { name: /Select line 53/ }).first().click();
  await expect(page.locator('.monaco-editor .rl-highlight').first()).toBeVisible();
  await screenshot(page, '03-selection-from-diagram');
});

test('bad YAML shows a marker and a message, and keeps the text across a reload', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await importScenario(page, 'shop.yaml', SHOP_SCENARIO);
  await expect(page.getByRole('heading', { name: 'E2E shop' })).toBeVisible();
  await expect(trace(page)).toContainText('shop/web');

  await cursorAtEndOfLine(page, 4);
  await page.keyboard.insertText(' broken: here');
  await expect(editorLines(page)).toContainText('name: shop broken: here');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  const problems = loadDiagnostics(page);
  await expect(problems).toContainText('YAML syntax error');
  await expect(problems.getByRole('button', { name: /Select line/ }).first()).toBeVisible();
  await screenshot(page, '04-bad-yaml');

  await page.waitForURL(/#v1\./);
  await workSaved(page); // the address bar and storage follow edits after a short pause
  await page.reload();
  await editorReady(page);
  await expect(editorLines(page)).toContainText('name: shop broken: here');
  await expect(loadDiagnostics(page)).toContainText('YAML syntax error');
});

test('a routing test file pasted into the editor opens as a scenario with its saved requests', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await pasteIntoEditor(page, SHOP_SCENARIO);
  await page.keyboard.press('Control+Home');
  await expect(editorLines(page)).toContainText('name: E2E shop');
  await loadDiagnostics(page).getByRole('button', { name: 'Open it as a scenario' }).click();
  await expect(page.getByRole('heading', { name: 'E2E shop' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByText('✓ pass')).toHaveCount(1);
  await expect(editorLines(page)).toContainText('kind: Ingress');
});

test("the engine's own warnings show as markers on their lines", async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  const twice = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 8080}]
`;
  await importScenario(page, 'twice.yaml', twice);
  await expect(loadDiagnostics(page)).toContainText('defined twice');
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeVisible();
  // Monaco's "next problem" (F8) opens the marker at its line, with the engine's message.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('F8');
  const widget = page.locator('.monaco-editor .marker-widget');
  await expect(widget).toContainText('Service default/web is defined twice');
  await expect(widget).not.toContainText('Service default/web: Service default/web');
  await expect(widget).toContainText('RouteLab');
  await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText('7');
  await screenshot(page, '11-engine-marker');
});

test('the share link restores the same scenario, requests and choices in a fresh browser', async ({ page, browser }) => {
  await page.goto('/');
  await editorReady(page);
  await importScenario(page, 'shop.yaml', SHOP_SCENARIO);
  await expect(page.getByRole('heading', { name: 'E2E shop' })).toBeVisible();
  await page.getByLabel('Method').selectOption('DELETE');
  await page.getByLabel('Request URL').fill('http://shop.example.test/cart/9');
  await page.getByLabel('Request headers').fill('X-Trace: on');
  await page.getByLabel('Ingress controller').selectOption('traefik');
  await expect(trace(page)).toContainText('DELETE /cart/9');
  await cursorAtEndOfLine(page, 1);
  await page.keyboard.insertText('  # shared edit');
  await expect(trace(page)).toContainText('shop/cart');

  const before = await exportedText(page);
  expect(before).toContain('# shared edit');
  await workSaved(page);
  const link = page.url();
  expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  try {
    const p2 = await other.newPage();
    await p2.goto(link);
    await expect(p2.getByRole('heading', { name: 'E2E shop' })).toBeVisible();
    await expect(p2.getByLabel('Method')).toHaveValue('DELETE');
    await expect(p2.getByLabel('Request URL')).toHaveValue('http://shop.example.test/cart/9');
    await expect(p2.getByLabel('Request headers')).toHaveValue('X-Trace: on');
    await expect(p2.getByLabel('Ingress controller')).toHaveValue('traefik');
    await expect(trace(p2)).toContainText('shop/cart');
    await editorReady(p2);
    await expect(editorLines(p2)).toContainText('# shared edit');
    expect(await exportedText(p2)).toBe(before);
    await screenshot(p2, '05-opened-from-share-link');
  } finally {
    await other.close();
  }
});

test('opening a link keeps the work this browser had one Undo away', async ({ page, context }) => {
  await page.goto('/');
  await expect(trace(page)).toContainText('shop/health');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /Canary release by weights/ }).click();
  await expect(page.getByRole('heading', { name: 'Canary release by weights' })).toBeVisible();
  // The address bar follows the work a moment after its trace is on screen (not while a trace runs).
  await expect(trace(page)).toContainText('shop/checkout');
  await workSaved(page);
  const canaryLink = page.url();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Prefix vs Exact paths' })).toBeVisible();
  await expect(trace(page)).toContainText('shop/health');
  await workSaved(page);

  const second = await context.newPage();
  await second.goto(canaryLink);
  await expect(second.getByRole('heading', { name: 'Canary release by weights' })).toBeVisible();
  await second.getByRole('button', { name: 'Undo' }).click();
  await expect(second.getByRole('heading', { name: 'Prefix vs Exact paths' })).toBeVisible();
});

test('Copy share link puts the link on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expect(trace(page)).toContainText('shop/health');
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByRole('status')).toContainText('Share link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(`${new URL(page.url()).origin}/#v1.`)).toBe(true);
});

test('an example opens from the Examples menu, by mouse or keyboard, and can be undone', async ({ page }) => {
  await page.goto('/');
  await expect(trace(page)).toContainText('shop/health');
  await page.getByRole('button', { name: 'Examples' }).click();
  const menu = page.getByRole('menu', { name: 'Examples' });
  await expect(menu.getByRole('menuitem')).toHaveCount(19);
  await screenshot(page, '06-examples-menu');
  await menu.getByRole('menuitem', { name: /Canary release by weights/ }).click();
  await expect(page.getByRole('heading', { name: 'Canary release by weights' })).toBeVisible();
  await expect(page.getByLabel('Gateway listener')).toBeVisible();
  await expect(trace(page)).toContainText('Split');
  await expect(diagram(page)).toContainText('90%');
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByText('✓ pass')).toHaveCount(2);
  await screenshot(page, '07-example-canary');

  // Keyboard: open the menu with the arrow key, move, choose with Enter.
  await page.getByRole('button', { name: 'Examples' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Host rules and wildcard hosts' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Examples' })).toBeFocused();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Canary release by weights' })).toBeVisible();
});

async function openExample(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

test('Traefik middlewares and service mesh routes show in the trace, the diagram and Problems', async ({ page }) => {
  await page.goto('/');
  await expect(trace(page)).toContainText('shop/health');
  await openExample(page, /Traefik middlewares/);
  const saved = page.getByRole('region', { name: 'Saved requests' });
  await expect(saved.getByText('✓ pass')).toHaveCount(5);
  await expect(trace(page)).toContainText('stripPrefix /shop: /shop/cart -> /cart');
  await expect(diagram(page)).toContainText('x-forwarded-prefix');
  // The misspelt middleware name is an error at its annotation.
  await expect(problemsPanel(page).getByRole('listitem').filter({ hasText: 'MiddlewareMissing' })).toContainText('"strip-legacy@kubernetes" does not exist');
  await screenshot(page, '19-traefik-middlewares');

  await openExample(page, /Service mesh routes/);
  await expect(saved.getByText('✓ pass')).toHaveCount(3);
  await saved.getByText(/the test user jason/).click();
  await expect(trace(page)).toContainText('producer HTTPRoute(s) bound to it');
  await expect(diagram(page)).toContainText('Service shop/reviews-v2');
  await screenshot(page, '20-service-mesh');
});

test('a reload keeps the editor content and the requests', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await cursorAtEndOfLine(page, 1);
  await page.keyboard.insertText('  # kept across reloads');
  await page.getByLabel('Request URL').fill('http://shop.example.test/apis');
  await expect(trace(page)).toContainText('shop/storefront');
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByRole('listitem')).toHaveCount(6);
  await workSaved(page);
  await page.reload();
  await editorReady(page);
  await expect(editorLines(page)).toContainText('# kept across reloads');
  await expect(page.getByLabel('Request URL')).toHaveValue('http://shop.example.test/apis');
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByRole('listitem')).toHaveCount(6);
  // Also from local storage alone, when the address has no scenario.
  await page.goto('/');
  await editorReady(page);
  await expect(editorLines(page)).toContainText('# kept across reloads');
});

test('an edit typed just before the page closes is kept, though its save had not run yet', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await workSaved(page);
  await cursorAtEndOfLine(page, 1);
  await page.keyboard.insertText('  # typed at the last moment');
  // Straight to another address: no pause for the save after typing (the page-hide save keeps it).
  await page.goto('/?timeLimit=3000');
  await editorReady(page);
  await expect(editorLines(page)).toContainText('# typed at the last moment');
});

test('the editor validates against the schemas (monaco-yaml)', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await expect(editorLines(page)).toContainText('pathType: Prefix');
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')).toHaveCount(0);
  await cursorAtEndOfLine(page, 12); // "pathType: Prefix"
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('ks');
  await expect(editorLines(page)).toContainText('pathType: Prefiks');
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeVisible();
  await screenshot(page, '08-schema-warning');
});

/** On the line of a `pathType: Prefix`, retypes the value from its first letters and takes the suggestion. */
async function completePathType(page: Page, line: number): Promise<void> {
  await cursorAtEndOfLine(page, line);
  await expect(editorLines(page)).toContainText('pathType: Prefix');
  for (let i = 0; i < 'Prefix'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Im');
  await expect(page.locator('.monaco-editor .suggest-widget')).toContainText('ImplementationSpecific');
  await page.keyboard.press('Enter');
  await expect(editorLines(page)).toContainText('pathType: ImplementationSpecific');
}

test('the editor completes and documents fields from the schemas', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  // Hover documentation of a field, with the descriptions of its values.
  await page.locator('.monaco-editor .view-line span span', { hasText: /^pathType$/ }).first().hover();
  const hover = page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'How the path matches the request path' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('Exact: the request path must equal path exactly');
  await screenshot(page, '13-schema-hover');
  // Completion of an enum value as it is typed.
  await completePathType(page, 12); // "pathType: Prefix"
});

test('a runaway regex is stopped with a message, and the next edit traces again', async ({ page }) => {
  // /(a+)+$ no longer runs away (RE2 runs it); a lookahead is PCRE-only syntax, which only
  // JavaScript's backtracking engine can run: the worker's time limit stops it.
  await page.goto('/?timeLimit=1500');
  await editorReady(page);
  const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: slow
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
spec:
  ingressClassName: nginx
  rules:
  - host: slow.example.test
    http:
      paths:
      - path: /(?=(a+)+$)a
        pathType: ImplementationSpecific
        backend:
          service: {name: web, port: {number: 80}}
`;
  await importScenario(page, 'slow.yaml', manifests);
  await expect(page.getByRole('heading', { name: 'slow' })).toBeVisible();
  await page.getByLabel('Ingress controller').selectOption('ingress-nginx');
  await page.getByLabel('Request URL').fill(`http://slow.example.test/${'a'.repeat(40)}!`);
  const t = trace(page);
  await expect(t.getByRole('alert')).toContainText('Stopped at the time limit: the engine did not finish within 1.5 s');
  await screenshot(page, '09-runaway-regex-stopped');
  // The page still answers, and the replaced worker traces the next request.
  await page.getByLabel('Request URL').fill('http://slow.example.test/aaa');
  await expect(t.getByRole('alert')).toHaveCount(0);
  await expect(t).toContainText('default/web');
});

test('a huge paste hits the time limit with a message, and the page keeps answering', async ({ page }) => {
  await page.goto('/?timeLimit=250');
  await editorReady(page);
  // About 6 MB of manifests: far more than a quarter of a second of parsing.
  const doc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: bulk\n  labels: {app: svc-${i}, tier: backend}\nspec:\n  selector: {app: svc-${i}}\n  ports:\n  - {name: http, port: 80, targetPort: 8080}\n  - {name: metrics, port: 9090, targetPort: 9090}`;
  await importScenario(page, 'huge.yaml', Array.from({ length: 30_000 }, (_, i) => doc(i)).join('\n---\n'));
  await expect(page.getByRole('heading', { name: 'huge' })).toBeVisible();
  await expect(trace(page).getByRole('alert')).toContainText('Stopped at the time limit');
  // Still responsive: the request bar takes input and the Examples menu opens.
  await page.getByLabel('Request URL').fill('http://svc-1.bulk.svc.cluster.local/');
  await expect(page.getByLabel('Request URL')).toHaveValue('http://svc-1.bulk.svc.cluster.local/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await expect(page.getByRole('menu', { name: 'Examples' })).toBeVisible();
  await page.keyboard.press('Escape');
  await screenshot(page, '12-huge-paste-stopped');
});

test('in a text over 100 KB the editor still completes a value, once typing pauses', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  // 300 typical objects (about 125 KB): suggestions wait for a pause there (largeText.ts).
  const text = objectsConfig(300);
  expect(text.length).toBeGreaterThan(100_000);
  await importScenario(page, 'medium.yaml', text);
  await expect(loadDiagnostics(page).locator('.load-summary strong')).toHaveText('300', { timeout: 30_000 });
  await completePathType(page, 15); // "        pathType: Prefix" of the first Ingress
});

test('a large paste (2.5 MB) is traced, the editor says its schema checks are off, and one Undo brings back the text and the checks', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  const summary = loadDiagnostics(page).locator('.load-summary strong');
  await expect(summary).toHaveText(/^\d+$/);
  const before = await summary.textContent();
  // 6,000 typical objects: over the editor's 2 MB large-text threshold.
  const text = objectsConfig(6000);
  expect(text.length).toBeGreaterThan(2_000_000);
  await page.getByLabel('Ingress controller').selectOption('ingress-nginx');
  await page.getByLabel('Request URL').fill('http://web-1999.example.com/api/orders');
  await pasteIntoEditor(page, text);
  await expect(page.getByTestId('large-text-note')).toContainText('schema checks');
  await expect(summary).toHaveText('6000', { timeout: 30_000 });
  await expect(trace(page)).toContainText('team-19/web-1999');
  await expect(editorLines(page)).toContainText('app: web-1999'); // the end of the paste, where the cursor is
  // Plain text to the editor: one token colour for everything.
  const highlighted = page.locator('.monaco-editor .view-lines span[class*="mtk"]:not(.mtk1)');
  await expect(highlighted).toHaveCount(0);
  await screenshot(page, '13-large-paste-traced');
  // The paste is one edit away (it goes in in pieces, one undo group): Ctrl+Z in the editor
  // brings back the example, with the editor's YAML features, and Ctrl+Y all of the paste.
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('large-text-note')).toHaveCount(0);
  await expect(summary).toHaveText(before!);
  await expect(highlighted.first()).toBeVisible();
  await page.keyboard.press('Control+Y');
  await expect(summary).toHaveText('6000', { timeout: 30_000 });
  await expect(page.getByTestId('large-text-note')).toContainText('schema checks');
});

test('a large file imported goes into the editor whole, and one Undo in the editor brings back the text before', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  const summary = loadDiagnostics(page).locator('.load-summary strong');
  await expect(summary).toHaveText(/^\d+$/);
  const before = await summary.textContent();
  // Over the 2 MB large-text threshold: it goes into the editor in pieces.
  await importScenario(page, 'dump.yaml', objectsConfig(6000));
  await expect(page.getByRole('heading', { name: 'dump' })).toBeVisible();
  await expect(page.getByTestId('large-text-note')).toContainText('schema checks');
  await expect(summary).toHaveText('6000', { timeout: 30_000 });
  // All of it is in the editor: its end is the last object of the file.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await expect(editorLines(page)).toContainText('app: web-1999');
  // Export holds the whole text.
  const text = await exportedText(page);
  expect(text.split('kind: Deployment').length - 1).toBe(2000);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Z');
  await expect(summary).toHaveText(before!);
  await expect(page.getByTestId('large-text-note')).toHaveCount(0);
});

test('a 50 MB file is refused on import with its name and size, and the work stays as it was', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await expect(trace(page)).toContainText('shop/health');
  const before = await page.getByRole('heading', { level: 2 }).first().textContent();
  // Playwright passes files over 50 MB by path only.
  const file = join(mkdtempSync(join(tmpdir(), 'routelab-e2e-')), 'dump.yaml');
  writeFileSync(file, Buffer.alloc(50_000_000, 'a'));
  await page.getByLabel('Import scenario').setInputFiles(file);
  await expect(page.locator('.notices').getByRole('alert')).toContainText('dump.yaml is 50.0 MB; RouteLab opens files up to 32 MB.');
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(before!);
  await expect(trace(page)).toContainText('shop/health');
});

test('a scenario too large for a link says so, and export still works', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  // Random names compress badly: 2,500 Services make a link far over the limit.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648).toString(36).slice(2, 12);
  const docs = Array.from({ length: 2500 }, () => `apiVersion: v1\nkind: Service\nmetadata: {name: s-${rnd()}${rnd()}, namespace: n-${rnd()}}\nspec:\n  selector: {app: a-${rnd()}${rnd()}}\n  ports: [{port: 80}]`);
  await importScenario(page, 'big.yaml', docs.join('\n---\n'));
  await expect(page.getByRole('heading', { name: 'big' })).toBeVisible();
  await expect(page.getByText(/too large for a share link/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'too large for a share link' })).toBeVisible();
  await expect(page).not.toHaveURL(/#v1\./);
  const text = await exportedText(page);
  expect(text).toContain('manifests: |');
  expect(text.split('kind: Service').length - 1).toBe(2500);
  await screenshot(page, '10-too-large-for-a-link');
});

/** The shop scenario with 500 more Services: reading it takes long enough to type during it. */
function bigShop(i: number): string {
  const filler = Array.from({ length: 500 }, (_, n) => `  ---\n  apiVersion: v1\n  kind: Service\n  metadata: {name: filler-${n}, namespace: shop}\n  spec: {selector: {app: filler-${n}}, ports: [{port: 80}]}\n`).join('');
  return SHOP_SCENARIO.replace('name: E2E shop', `name: E2E shop ${i}`).replace('\ncases:\n', `\n${filler}cases:\n`);
}

test('Import scenario, then type a URL at once, on a throttled CPU, again and again: the typed URL stays and is what the trace answers', async ({ page }) => {
  // Eight imports on a CPU slowed six times: more than the default budget of one test.
  test.setTimeout(240_000);
  await page.goto('/');
  await editorReady(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  const url = page.getByLabel('Request URL');
  for (let i = 1; i <= 8; i++) {
    const typed = `http://shop.example.test/cart/items-${i}`;
    // The user is in the URL box with its text selected, imports, and types at once: the
    // import is still being read and parsed while the keys arrive.
    await url.click();
    await page.keyboard.press('Control+A');
    await importScenario(page, `shop-${i}.yaml`, bigShop(i));
    await page.keyboard.type(typed);
    await expect(page.getByRole('heading', { name: `E2E shop ${i}`, exact: true })).toBeVisible();
    await expect(url).toHaveValue(typed);
    await expect(trace(page)).toContainText(`GET ${typed}`);
    await expect(trace(page)).toContainText('shop/cart');
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});

test('hostile share links: markup in names and YAML is shown as text and never runs; truncated, garbage and future-version links say why and keep the work', async ({ page, context }) => {
  const hostile = SHOP_SCENARIO.replace('name: E2E shop', 'name: "<img src=x onerror=\\"window.__pwned=1\\"><script>window.__pwned=2</script>"').replace(
    '    name: shop\n    namespace: shop\n  spec:',
    '    name: shop\n    namespace: shop\n    annotations: {x: "<img src=y onerror=window.__pwned=3>"}\n  spec:',
  );
  await page.goto('/');
  await editorReady(page);
  await importScenario(page, 'hostile.yaml', hostile);
  const heading = page.getByRole('heading', { name: /<img src=x onerror=/ });
  await expect(heading).toBeVisible();
  await workSaved(page);
  const link = page.url();
  expect(link).toContain('#');

  // The link opened in a fresh tab: the markup is text, nothing ran.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { name: /<img src=x onerror=/ })).toHaveText('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
  await expect(trace(other)).toContainText('shop/web');
  expect(await other.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await other.locator('img[src="x"], img[src="y"]').count()).toBe(0);

  // Broken links: each says why, and the work kept in this browser is shown instead.
  const base = link.slice(0, link.indexOf('#'));
  const fragment = link.slice(link.indexOf('#') + 1);
  for (const [broken, why] of [
    [fragment.slice(0, Math.floor(fragment.length / 2)), /could not be opened/],
    ['v1.!!!garbage!!!', /could not be opened/],
    [`v99.${fragment.slice(fragment.indexOf('.') + 1)}`, /newer RouteLab \(format v99\)/],
  ] as const) {
    const p = await context.newPage();
    await p.goto(`${base}#${broken}`);
    await expect(p.getByRole('alert')).toContainText(why);
    await expect(p.getByRole('heading', { name: /<img src=x onerror=/ })).toBeVisible();
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await p.close();
  }
});
