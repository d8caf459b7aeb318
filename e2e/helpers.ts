// Shared steps for the browser tests: a scenario file to import, editor access
// through the page (never through app internals), screenshots in e2e/output.
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = fileURLToPath(new URL('./output/screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

/** A routing test file: a shop with a cart Service, and one saved request. */
export const SHOP_SCENARIO = `name: E2E shop
description: Imported by the browser tests.
mode: ingress
manifests: |
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: shop
    namespace: shop
  spec:
    rules:
    - host: shop.example.test
      http:
        paths:
        - path: /
          pathType: Prefix
          backend:
            service: {name: web, port: {number: 80}}
        - path: /cart
          pathType: Prefix
          backend:
            service: {name: cart, port: {number: 8080}}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec:
    selector: {app: web}
    ports: [{port: 80, targetPort: 8080}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: cart, namespace: shop}
  spec:
    selector: {app: cart}
    ports: [{port: 8080, targetPort: 8080}]
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    replicas: 2
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: web:1, ports: [{containerPort: 8080}]}]
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: cart, namespace: shop}
  spec:
    replicas: 3
    selector: {matchLabels: {app: cart}}
    template:
      metadata: {labels: {app: cart}}
      spec:
        containers: [{name: cart, image: cart:1, ports: [{containerPort: 8080}]}]
cases:
- name: the home page
  request:
    url: http://shop.example.test/
  expect:
    backend: {namespace: shop, service: web, port: 80}
`;

export async function importScenario(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Import scenario').setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
}

/** Waits until Monaco has replaced the plain text area. */
export async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
}

/** Text of the editor's visible lines (Monaco renders only what is on screen). */
export function editorLines(page: Page) {
  return page.locator('.monaco-editor .view-lines');
}

/** Puts the cursor at the end of a 1-based line of the editor (Monaco's Go to Line, Ctrl+G). */
export async function cursorAtEndOfLine(page: Page, line: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.insertText(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
}

export const trace = (page: Page) => page.getByRole('region', { name: 'Trace' });
export const diagram = (page: Page) => page.getByRole('region', { name: 'Diagram' });
export const loadDiagnostics = (page: Page) => page.getByRole('region', { name: 'Load diagnostics' });

/** Replaces the editor's text with a real paste: the text on the clipboard, then Ctrl+A and Ctrl+V. */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('.monaco-editor .view-lines').click();
  // Monaco takes focus asynchronously: select-all and paste go nowhere before it has it.
  await expect(page.locator('.monaco-editor.focused')).toBeVisible();
  await page.keyboard.press('Control+A');
  await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();
  await page.keyboard.press('Control+V');
}

/** Waits until the address bar and this browser's storage hold the work as it is now. */
export async function workSaved(page: Page): Promise<void> {
  await expect(page.locator('[data-save-state="saved"]')).toBeAttached();
}

export const problemsPanel = (page: Page) => page.getByRole('region', { name: 'Problems' });

/** Line numbers of the editor lines the app has highlighted (a selection from a trace step, a node or a problem). */
export async function highlightedLines(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.monaco-editor .margin-view-overlays > div'))
      .filter((d) => d.querySelector('.rl-highlight-gutter'))
      .map((d) => Number(d.querySelector('.line-numbers')?.textContent))
      .sort((a, b) => a - b),
  );
}
