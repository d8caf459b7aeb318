// The analyses in the web app: problems (lint), the controller comparison, the
// Migrate view (conversion for a target, quirks, proof, log replay, cutover script), the changes since a baseline, and a
// weighted split's simulated run. Each drives the page as a user would.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cursorAtEndOfLine, editorLines, editorReady, highlightedLines, importScenario, problemsPanel, screenshot, SHOP_SCENARIO, trace } from './helpers';

const PROBLEMS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: old
  namespace: shop
  creationTimestamp: "2024-01-01T00:00:00Z"
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - path: /cart
        pathType: Prefix
        backend:
          service: {name: cart, port: {number: 80}}
      - path: /ghost
        pathType: Prefix
        backend:
          service: {name: nowhere, port: {number: 80}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: new
  namespace: shop
  creationTimestamp: "2024-06-01T00:00:00Z"
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - path: /cart
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: cart-0, namespace: shop, labels: {app: cart}}
spec:
  containers: [{name: c, image: cart:1, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: shop, labels: {app: web}}
spec:
  containers: [{name: c, image: web:1, ports: [{containerPort: 8080}]}]
`;

/** An Ingress whose Prefix path /foo Traefik matches by characters (/foobar), the specification by path elements. */
const FOO = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: foo, namespace: demo}
spec:
  rules:
  - host: foo.example.test
    http:
      paths:
      - path: /foo
        pathType: Prefix
        backend:
          service: {name: foo, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: foo, namespace: demo}
spec:
  selector: {app: foo}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: foo, namespace: demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: foo}}
  template:
    metadata: {labels: {app: foo}}
    spec:
      containers: [{name: foo, image: foo:1, ports: [{containerPort: 8080}]}]
`;

async function open(page: Page, name: string, text: string, heading: string): Promise<void> {
  await page.goto('/');
  await editorReady(page);
  await importScenario(page, name, text);
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
}

test('Problems lists a missing Service at its line, selects the line, marks it, and traces the proof of a path claimed twice', async ({ page }) => {
  await open(page, 'lint-demo.yaml', PROBLEMS, 'lint-demo');
  const panel = problemsPanel(page);
  const missing = panel.getByRole('listitem').filter({ hasText: 'MissingService' });
  await expect(missing).toContainText('Ingress shop/old');
  await expect(missing).toContainText('lines 18–19'); // the backend: and its service: line
  await expect(missing).toContainText('Service nowhere, which is not in namespace shop');
  await expect(missing).toContainText('Fix: create Service shop/nowhere');
  await expect(panel).toContainText('1 error, 1 warning under spec');

  await missing.getByRole('button', { name: /Service nowhere/ }).click();
  await expect.poll(() => highlightedLines(page)).toEqual([18, 19]);
  // An editor marker for the lint error (the load diagnostics have none here).
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await screenshot(page, '14-problems');

  // The path Ingress new claims again never wins; the request that proves it loads into the request bar.
  const shadowed = panel.getByRole('listitem').filter({ hasText: 'DuplicateClaim' });
  await expect(shadowed).toContainText('Proof: GET http://shop.example.test/cart goes to Ingress shop/old rules[0].paths[0]');
  await page.getByLabel('Request URL').fill('http://shop.example.test/');
  await shadowed.getByRole('button', { name: 'Trace this request' }).click();
  await expect(page.getByLabel('Request URL')).toHaveValue('http://shop.example.test/cart');
  await expect(trace(page)).toContainText('shop/cart');

  // Lint follows the request bar's controller.
  await page.getByLabel('Ingress controller').selectOption('ingress-nginx');
  await expect(panel).toContainText('under ingress-nginx');
});

test('Compare controllers shows where Traefik disagrees with the specification, and a row traces with its controller', async ({ page }) => {
  await open(page, 'foo.yaml', FOO, 'foo');
  await page.getByLabel('Request URL').fill('http://foo.example.test/foobar');
  // The result tabs take the arrow keys.
  await page.getByRole('tab', { name: 'Trace' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Compare', exact: true })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Compare', exact: true })).toHaveAttribute('aria-selected', 'true');
  const view = page.getByRole('region', { name: 'Compare controllers' });

  // The request bar's request under every controller: Traefik matches /foobar, spec does not.
  const current = view.getByRole('region', { name: 'This request under each controller' });
  await expect(current).toContainText('controllers disagree');
  // Traefik and F5 NGINX Ingress Controller (a plain NGINX prefix location) both take /foobar.
  await expect(current.locator('.cmp-differs')).toHaveCount(2);
  await expect(current.locator('.cmp-differs').first()).toContainText('Traefik');
  await expect(current.locator('.cmp-differs').first()).toContainText('proxied to demo/foo:80');
  await expect(current.locator('.cmp-differs').nth(1)).toContainText('F5 NGINX Ingress Controller');
  await expect(current.locator('.cmp-differs').first()).toContainText('Ingress demo/foo rules[0].paths[0]');
  await expect(current.getByRole('listitem').filter({ hasText: 'spec' }).first()).toContainText('404');

  // The generated set: only the disagreement is listed, explained by each controller's outcome and rule.
  const generated = view.getByRole('region', { name: 'Generated requests' });
  await expect(generated).toContainText('1 routed differently');
  const row = generated.locator('.cmp-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('GET http://foo.example.test/foox');
  await expect(row).toContainText('not a path element boundary');
  await expect(row.locator('.cmp-explanation')).toContainText('f5-nginx: proxied to demo/foo:80');
  await expect(row.locator('.cmp-explanation')).toContainText('traefik');
  await generated.scrollIntoViewIfNeeded();
  await screenshot(page, '15-compare-controllers');
  await generated.getByLabel(/Show all \d+ requests/).check();
  await expect(row).toHaveCount(6);
  await generated.getByLabel(/Show all \d+ requests/).uncheck();

  // A row's Traefik result: the request and the controller go to the request bar, and the trace shows it.
  await row.getByRole('button', { name: /^Traefik proxied/ }).click();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Trace' })).toBeFocused(); // the clicked row is gone; focus is not lost
  await expect(page.getByLabel('Request URL')).toHaveValue('http://foo.example.test/foox');
  await expect(page.getByLabel('Ingress controller')).toHaveValue('traefik');
  await expect(trace(page)).toContainText('demo/foo');
  await expect(trace(page)).toContainText('PathPrefix');
});

test('Migrate to Gateway API shows the YAML with an HTTPRoute, the proof headline, and opens as a scenario that can be undone', async ({ page }) => {
  await open(page, 'shop.yaml', SHOP_SCENARIO, 'E2E shop');
  await page.getByRole('button', { name: 'Migrate to Gateway API' }).click();
  const view = page.getByRole('region', { name: 'Migrate' });
  await expect(page.getByRole('tab', { name: 'Migrate' })).toHaveAttribute('aria-selected', 'true');
  const yaml = view.getByRole('region', { name: 'Gateway API YAML' });
  await expect(yaml).toContainText('kind: HTTPRoute');
  await expect(yaml).toContainText('kind: Gateway');
  await expect(yaml).toContainText('name: cart');
  await expect(view.locator('.proof-headline')).toHaveText(/^\d+ requests traced through both; 0 differ; 0 not declared on portable Gateway API$/);
  await expect(view.getByRole('region', { name: 'Requests that route differently' })).toContainText('None');
  await screenshot(page, '16-convert-to-gateway-api');

  await view.getByRole('button', { name: 'Open as scenario' }).click();
  await expect(page.getByRole('heading', { name: 'E2E shop (Gateway API)' })).toBeVisible();
  await expect(page.getByLabel('Entry point')).toHaveValue('gateway');
  await expect(trace(page)).toContainText('shop/web');
  await expect(trace(page)).toContainText('HTTPRoute');
  // The saved request came along and passes against the conversion.
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByText('✓ pass')).toHaveCount(1);
  await expect(editorLines(page)).toContainText('Converted by RouteLab');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'E2E shop', exact: true })).toBeVisible();
});

test('Changes lists the requests that route differently after an edit of a path, and one loads into the trace', async ({ page }) => {
  await open(page, 'shop.yaml', SHOP_SCENARIO, 'E2E shop');
  await page.getByRole('tab', { name: /Changes/ }).click();
  const view = page.getByRole('region', { name: 'Changes' });
  await view.getByRole('button', { name: 'Set as baseline' }).click();
  await expect(view).toContainText('0 route differently');
  await expect(view).toContainText('No edits since the baseline was kept');

  // Line 15 of the manifests is "- path: /cart": make it /basket.
  await cursorAtEndOfLine(page, 15);
  for (let i = 0; i < 'cart'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.insertText('basket');
  await expect(editorLines(page)).toContainText('- path: /basket');

  const cart = view.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'GET http://shop.example.test/cart', exact: true }) });
  await expect(cart).toContainText('Before');
  await expect(cart).toContainText('proxied to shop/cart:8080');
  await expect(cart).toContainText('Ingress shop/shop rules[0].paths[1]');
  await expect(cart).toContainText('proxied to shop/web:80');
  await expect(view.getByRole('button', { name: 'GET http://shop.example.test/basket', exact: true })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Changes/ })).not.toHaveText('Changes');
  await screenshot(page, '17-changes-since-baseline');

  await cart.getByRole('button', { name: 'GET http://shop.example.test/cart', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Request URL')).toHaveValue('http://shop.example.test/cart');
  await expect(trace(page)).toContainText('shop/web');

  // The baseline goes back into the editor, and nothing differs any more.
  await page.getByRole('tab', { name: /Changes/ }).click();
  await view.getByRole('button', { name: 'Put the baseline back in the editor' }).click();
  await expect(view).toContainText('0 route differently');
});

test('a weighted canary shows each backend’s share and a seeded simulated run of N requests', async ({ page }) => {
  await page.goto('/');
  await expect(trace(page)).toContainText('shop/health');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /Canary release by weights/ }).click();
  await expect(page.getByRole('heading', { name: 'Canary release by weights' })).toBeVisible();
  const split = trace(page).getByRole('region', { name: 'Traffic split' });
  const v1 = split.getByRole('row', { name: /shop\/checkout-v1:80/ });
  const v2 = split.getByRole('row', { name: /shop\/checkout-v2:80/ });
  await expect(v1).toContainText('90.0%');
  await expect(v2).toContainText('10.0%');
  await expect(split).toContainText('1,000 requests simulated with seed 1');
  const count = async (row: typeof v1) => Number((await row.getByRole('cell').nth(2).textContent())!.replace(/,/g, ''));
  const a = await count(v1);
  const b = await count(v2);
  expect(a + b).toBe(1000);
  expect(a).toBeGreaterThan(850);
  await split.scrollIntoViewIfNeeded();
  await screenshot(page, '18-traffic-split');

  await split.getByLabel('Simulated requests').fill('20000');
  await expect(split).toContainText('20,000 requests simulated with seed 1');
  expect((await count(v1)) + (await count(v2))).toBe(20000);
  // Same seed, same run: back to 1,000 gives the same counts.
  await split.getByLabel('Simulated requests').fill('1000');
  await expect(split).toContainText('1,000 requests simulated');
  expect(await count(v1)).toBe(a);
});

test('one HTTPRoute on eight implementations: the Implementation selector, Compare implementations and Capabilities', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: /One HTTPRoute on eight implementations/ }).click();
  await expect(page.getByRole('heading', { name: 'One HTTPRoute on eight implementations' })).toBeVisible();
  // Every saved case names its implementation and passes.
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByText('✓ pass')).toHaveCount(8);

  // The selector sits beside the Gateway listener; the request bar holds the first case, on Envoy Gateway.
  const impl = page.getByLabel('Implementation');
  await expect(page.getByLabel('Gateway listener')).toBeVisible();
  await expect(impl).toHaveValue('envoy-gateway');
  await impl.selectOption('portable');
  await page.getByLabel('Request URL').fill('http://shop.example.test/checkout');
  await expect(trace(page)).toContainText('shop/web');
  await impl.selectOption('traefik-traefik');
  await expect(trace(page)).toContainText('does not support HTTPRouteRequestMirror');
  await expect(trace(page)).toContainText('500');
  await impl.selectOption('envoy-gateway');
  await expect(trace(page)).toContainText('shop/web');
  await expect(trace(page)).not.toContainText('does not support HTTPRouteRequestMirror');

  // Capabilities: the feature with its object and line, and the implementations it blocks.
  const caps = page.getByRole('region', { name: 'Capabilities' });
  await expect(caps).toContainText('HTTPRouteRequestMirror');
  await expect(caps.getByRole('button', { name: /HTTPRoute shop\/shop · line \d+/ })).toBeVisible();
  await expect(caps.locator('[data-implementation="traefik-traefik"]')).toContainText('blocked');
  await expect(caps.locator('[data-implementation="envoy-gateway"]')).toContainText('supports all');
  await caps.getByRole('button', { name: /HTTPRoute shop\/shop · line \d+/ }).click();
  await expect.poll(async () => (await highlightedLines(page)).length).toBeGreaterThan(0);

  // Compare: the same requests through every implementation, the disagreements explained.
  await page.getByRole('tab', { name: 'Compare', exact: true }).click();
  const view = page.getByRole('region', { name: 'Compare implementations' });
  await expect(view.getByRole('region', { name: 'This request under each implementation' })).toContainText('implementations disagree');
  const generated = view.getByRole('region', { name: 'Generated requests' });
  await expect(generated).toContainText(/\d+ routed differently/);
  const row = generated.locator('.cmp-row').filter({ hasText: 'GET http://shop.example.test/api/v1/sub' });
  await expect(row).toContainText('NGINX Gateway Fabric');
  await expect(row.locator('.cmp-explanation')).toContainText(/matches (part|the start) of the path/);
  await screenshot(page, '21-compare-implementations');
  // A result traces the request with that implementation.
  await row.getByRole('button', { name: /^NGINX Gateway Fabric/ }).click();
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(impl).toHaveValue('nginx-nginx-gateway-fabric');
  await expect(page.getByLabel('Request URL')).toHaveValue('http://shop.example.test/api/v1/sub');
  await expect(trace(page)).toContainText('shop/api');
});

test('Migrate "Leaving ingress-nginx" to Envoy Gateway: quirks kept or dropped, the proof, an access log dropped in, the cutover script downloaded', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: /Leaving ingress-nginx/ }).click();
  await expect(page.getByRole('heading', { name: 'Leaving ingress-nginx' })).toBeVisible();
  await page.getByRole('button', { name: 'Migrate to Gateway API' }).click();
  const view = page.getByRole('region', { name: 'Migrate' });
  await view.getByLabel('Moving to').selectOption('envoy-gateway');
  const headline = view.locator('.proof-headline').first();
  await expect(headline).toHaveText(/requests traced through both; \d+ differ; 0 not declared on Envoy Gateway$/);
  await expect(view.getByRole('region', { name: 'Gateway API YAML' })).toContainText('gateway.envoyproxy.io/gatewayclass-controller');

  // The quirks: the 301 is kept (an Exact rule), the case typo is dropped and shows as a change.
  const quirks = view.getByRole('region', { name: 'Quirks' });
  await expect(quirks).toContainText('Trailing-slash redirect');
  await expect(quirks.getByLabel('Keep trailing-slash redirect')).toBeChecked();
  const differing = view.getByRole('region', { name: 'Requests that route differently' });
  await expect(differing).toContainText('http://app.example.com/LOGIN');
  await expect(differing).not.toContainText('http://shop.example.com/docs ');

  // An access log dropped on the view: the two lines agree with the trace, and /login changes after the move.
  const log = [
    '10.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "GET /login HTTP/1.1" 200 512 "-" "curl/8" 80 0.002 [shop-login-80] [] 10.244.1.5:8080 512 0.002 200 a1',
    '10.0.0.1 - - [07/Dec/2026:10:00:01 +0000] "GET /api/orders HTTP/1.1" 200 512 "-" "curl/8" 80 0.002 [shop-api-80] [] 10.244.1.6:8080 512 0.002 200 a2',
  ].join('\n');
  await view.getByLabel('Host of every line').fill('app.example.com');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'access.log', { type: 'text/plain' }));
    return dt;
  }, log);
  await view.getByTestId('log-drop-zone').dispatchEvent('drop', { dataTransfer });
  const replay = view.getByLabel('Replay result');
  await expect(replay).toHaveText('2 lines replayed: 2 agree, 0 differ; 1 route differently after the move');
  await expect(view.getByRole('list', { name: 'Logged requests that change after the move' })).toContainText('http://app.example.com/login');
  await screenshot(page, '22-migrate-leaving-ingress-nginx');

  // Keep the case-insensitivity: the typo no longer changes, in the proof and in the replay.
  await quirks.getByLabel('Keep case-insensitive regex locations').check();
  await expect(replay).toHaveText('2 lines replayed: 2 agree, 0 differ; 0 route differently after the move');
  await expect(differing).not.toContainText('app.example.com/LOGIN');

  // The cutover script for the new entry point's address.
  await view.getByLabel('New entry point’s IP address').fill('192.0.2.10');
  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Download verify script' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('routelab-verify.sh');
  const script = readFileSync((await file.path())!, 'utf8');
  expect(script).toMatch(/^#!\/usr\/bin\/env bash/);
  expect(script).toContain("ADDRESS=${ADDRESS:-192.0.2.10}");
  expect(script).toMatch(/^check GET http:\/\/shop\.example\.com\/docs shop\.example\.com:80 answered 301 http:\/\/shop\.example\.com\/docs\/ /m);
  await expect(view.getByRole('status').filter({ hasText: 'routelab-verify.sh' })).toContainText('requests');

  // The same script for the requests of the dropped log: its two distinct requests.
  await view.getByLabel('Requests to send').selectOption('log');
  const fromLog = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Download verify script' }).click();
  const logScript = readFileSync((await (await fromLog).path())!, 'utf8');
  expect(logScript.split('\n').filter((l) => l.startsWith('check ')).map((l) => l.split(' ')[2])).toEqual(['http://app.example.com/login', 'http://app.example.com/api/orders']);
});

test('keeping Ingress: F5 NGINX Ingress Controller and Traefik\'s ingress-nginx provider trace and compare in the browser', async ({ page }) => {
  await page.goto('/');
  await editorReady(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: /F5 NGINX Ingress Controller: one owner per host/ }).click();
  await expect(page.getByRole('heading', { name: /master, minions and a VirtualServer split/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByText('✓ pass')).toHaveCount(7);

  const controller = page.getByLabel('Ingress controller');
  const url = page.getByLabel('Request URL');
  await controller.selectOption('f5-nginx');
  await url.fill('http://shop.example.test/');
  await expect(trace(page)).toContainText('VirtualServer cafe/shop');
  await expect(trace(page)).toContainText('splits: 90%');
  await url.fill('http://cafe.example.test/coffeecake');
  await expect(trace(page)).toContainText('master of 2 minion(s)');
  await expect(trace(page)).toContainText('cafe/coffee');

  // The same request on ingress-nginx: one Ingress per host does not apply there, nor does /coffee take /coffeecake.
  await controller.selectOption('ingress-nginx');
  await expect(trace(page)).not.toContainText('master of 2 minion(s)');

  // Traefik's provider, from its own example: the Exact path loses to the longer Prefix rule.
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: /Traefik's ingress-nginx provider: the same Ingresses/ }).click();
  await expect(page.getByRole('region', { name: 'Saved requests' }).getByText('✓ pass')).toHaveCount(5);
  await controller.selectOption('traefik-nginx');
  await url.fill('https://site.example.test/docs/latest');
  await expect(trace(page)).toContainText('priority');
  await expect(trace(page)).toContainText('web/docs');

  // Compare: this request under every controller, the two new ones among them.
  await page.getByRole('tab', { name: 'Compare', exact: true }).click();
  const current = page.getByRole('region', { name: 'Compare controllers' }).getByRole('region', { name: 'This request under each controller' });
  await expect(current).toContainText('controllers disagree');
  await expect(current.getByRole('button', { name: /^Traefik \(ingress-nginx provider\)/ })).toContainText('web/docs');
  await expect(current.getByRole('button', { name: /^ingress-nginx/ })).toContainText('web/latest');
  await expect(current.getByRole('button', { name: /^F5 NGINX Ingress Controller/ })).toBeVisible();

  // Migrate, keeping the Ingresses: ingress-nginx today against Traefik's provider, each change with its cause.
  await page.getByRole('button', { name: 'Migrate to Gateway API' }).click();
  const migrate = page.getByRole('region', { name: 'Migrate' });
  await migrate.getByLabel('Moving to').selectOption('keep:traefik-nginx');
  await expect(migrate.getByRole('heading', { name: /Keep the Ingresses, move to Traefik/ })).toBeVisible();
  await expect(migrate.getByLabel('Swap result')).toContainText('route differently');
  const changes = migrate.getByRole('region', { name: 'Requests that route differently' });
  const latest = changes.getByRole('listitem').filter({ hasText: 'https://site.example.test/docs/latest' }).first();
  await expect(latest).toContainText('web/latest');
  await expect(latest).toContainText('web/docs');
  await expect(latest).toContainText('rule string');
  await expect(migrate.getByRole('region', { name: 'Annotations that stop working' })).toContainText('mirror-target');
  await screenshot(page, '23-keep-ingress-swap');
  await latest.getByRole('button', { name: "Traefik (ingress-nginx provider)" }).click();
  await expect(page.getByLabel('Ingress controller')).toHaveValue('traefik-nginx');
  await expect(trace(page)).toContainText('web/docs');
});
