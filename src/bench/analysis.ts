// Lint, diff and convert+proof on a config of 1,000 objects.
import { convertIngresses, diffConfigs, lint, loadManifests, proveConversion, compareControllers, generateRequests } from '../engine/index.js';
import { objectsConfig } from './generate.js';
import { fmt, table, time } from './main.js';

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
  rows.push(['compare 4 controllers (500 requests)', fmt(cmp.ms), `${cmp.value.disagreements} disagree`]);
  const conv = time(() => convertIngresses(cluster, 'ingress-nginx'));
  rows.push(['convert', fmt(conv.ms), `${conv.value.objects.length} objects out`]);
  const proof = time(() => proveConversion(cluster, conv.value));
  rows.push(['proof (trace both configs)', fmt(proof.ms), `${proof.value.requests} requests, ${proof.value.undeclared} undeclared differences`]);
  table('Analysis on a 1,000-object config (333 Ingresses, Services, Deployments)', ['task', 'time', 'result'], rows);
}
