// Lint, diff and convert+proof on a config of 1,000 objects.
import { convertIngresses, diffConfigs, lint, loadManifests, proveConversion, compareControllers, generateRequests, parseTestFile, runCase, CONTROLLER_NAMES } from '../engine/index.js';
import { measured } from './targets.js';
import { objectsConfig } from './generate.js';
import { callTimes, fmt, table, time, yamlFloor } from './main.js';

/** A routing test file on the config with `n` cases (ingress-nginx, proxied to the Ingress's Service). */
function testFile(manifests: string, n: number): string {
  const cases: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 37) % 333;
    cases.push(`  - name: case ${k}\n    request: {url: http://web-${i}.example.com/api/x${k}, controller: ingress-nginx}\n    expect:\n      backend: {namespace: team-${i % 20}, service: web-${i}, port: 80}`);
  }
  return `name: bench\nmode: ingress\nmanifests: |\n${manifests.replace(/^/gm, '  ')}\ncases:\n${cases.join('\n')}\n`;
}

/**
 * Per case of `routelab check`: reading the case from the file (a file of N cases beside a
 * one-line manifests block, divided by N) plus tracing it and comparing (runCase on the
 * 1,000-object config read once, as check reads a file's manifests once).
 */
function checkCaseTime(manifests: string): { perCase: number; passed: number; yamlPerCase: number } {
  const N = 400;
  const parseOnly = testFile('apiVersion: v1\nkind: Namespace\nmetadata: {name: x}', N);
  parseTestFile('warm.yaml', parseOnly);
  const parses = [0, 1, 2].map(() => time(() => parseTestFile('bench.yaml', parseOnly)).ms).sort((a, b) => a - b);
  const tf = parseTestFile('bench.yaml', testFile(manifests, N));
  const cluster = loadManifests([{ file: 'bench.yaml', text: tf.manifests.text }]);
  const passed = tf.cases.filter((c) => runCase(cluster, c, 'ingress').status === 'pass').length;
  const run = callTimes((k) => runCase(cluster, tf.cases[k % N], 'ingress'), N, 40);
  return { perCase: parses[1] / N + run.mean, passed, yamlPerCase: yamlFloor(parseOnly).events / N };
}

export function benchAnalysis(): void {
  const text = objectsConfig(1000);
  const cluster = loadManifests([{ file: 'bench.yaml', text }]);
  const changed = loadManifests([{ file: 'bench2.yaml', text: text.replace(/number: 80\n/g, 'number: 8080\n') }]);
  const rows: string[][] = [];
  const requests = generateRequests(cluster);
  rows.push(['generate requests', fmt(time(() => generateRequests(cluster)).ms), `${requests.length} requests`]);
  const l = time(() => lint(cluster, { controller: 'ingress-nginx' }));
  rows.push(['lint (ingress-nginx)', fmt(l.ms), `${l.value.length} problems`]);
  const d = time(() => diffConfigs(cluster, changed, { controller: 'ingress-nginx' }));
  rows.push(['diff (a Service port changed on every Ingress)', fmt(d.ms), `${d.value.requests} requests, ${d.value.differences.length} differ`]);
  const cmp = time(() => compareControllers(cluster, requests.slice(0, 500)));
  rows.push([`compare ${CONTROLLER_NAMES.length} controllers (500 requests)`, fmt(cmp.ms), `${cmp.value.disagreements} disagree`]);
  const conv = time(() => convertIngresses(cluster, 'ingress-nginx'));
  rows.push(['convert', fmt(conv.ms), `${conv.value.objects.length} objects out`]);
  const proof = time(() => proveConversion(cluster, conv.value));
  rows.push(['proof (trace both configs)', fmt(proof.ms), `${proof.value.requests} requests, ${proof.value.undeclared} undeclared differences`]);
  const check = checkCaseTime(text);
  rows.push(['routelab check, per case (parse of the case, trace, comparison)', fmt(check.perCase), `${check.passed} of 400 cases pass`]);
  measured('checkCase', check.perCase, `reading a case (file of 400) + runCase, mean; js-yaml's parseEvents alone on the file: ${fmt(check.yamlPerCase)} per case`);
  table('Analysis on a 1,000-object config (333 Ingresses, Services, Deployments)', ['task', 'time', 'result'], rows);
}
