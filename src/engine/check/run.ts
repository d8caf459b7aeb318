// Runs routing test files: loads the manifests once per file, traces every case,
// and compares the Trace's outcome with each expectation given.
import { loadManifests } from '../parse/manifests.js';
import { headerValue, RequestError } from '../model/request.js';
import type { Cluster } from '../model/cluster.js';
import { simulate } from '../simulate.js';
import type { Trace, WeightedBackend } from '../trace/types.js';
import { GATEWAY_ENGINE_READY } from '../gateway/route.js';
import { parseTestFile, type BackendExpectation, type Expectation, type TestCase, type TestFile } from './format.js';
import { coverageOf, type Coverage } from './coverage.js';

export interface CaseResult {
  name: string;
  line: number;
  status: 'pass' | 'fail' | 'skip';
  /** one line per expectation that does not hold: "backend: expected x, got y" */
  failures: string[];
  trace?: Trace;
}

export interface FileResult {
  file: string;
  name: string;
  mode: string;
  /** set when the whole file was skipped or could not be read */
  skipped?: string;
  errors: string[];
  cases: CaseResult[];
  coverage?: Coverage;
  cluster?: Cluster;
}

export function supportedModes(): string[] {
  return GATEWAY_ENGINE_READY ? ['ingress', 'gateway'] : ['ingress'];
}

export interface RunOptions {
  /** Gateway API implementation profile for cases that do not name one (request.implementation) */
  implementation?: string;
}

export function runTestFile(file: string, text: string, options: RunOptions = {}): FileResult {
  return runParsedTestFile(parseTestFile(file, text), options);
}

export function runParsedTestFile(tf: TestFile, options: RunOptions = {}): FileResult {
  const result: FileResult = { file: tf.file, name: tf.name, mode: tf.mode, errors: tf.errors, cases: [] };
  if (tf.errors.length > 0) return result;
  if (!supportedModes().includes(tf.mode)) {
    result.skipped = `mode "${tf.mode}" is not supported yet`;
    result.cases = tf.cases.map((c) => ({ name: c.name, line: c.line, status: 'skip', failures: [] }));
    return result;
  }
  const cluster = loadManifests([tf.manifests]);
  result.cluster = cluster;
  const mode = tf.mode === 'gateway' ? 'gateway' : 'ingress';
  const traces: Trace[] = [];
  for (const c of tf.cases) {
    const r = runCase(cluster, c, mode, options);
    if (r.trace) traces.push(r.trace);
    result.cases.push(r);
  }
  result.coverage = coverageOf(cluster, traces);
  return result;
}

export function runCase(cluster: Cluster, c: TestCase, mode: 'gateway' | 'ingress', options: RunOptions = {}): CaseResult {
  if (c.problems.length > 0) return { name: c.name, line: c.line, status: 'fail', failures: c.problems };
  let trace: Trace;
  try {
    trace = simulate(cluster, c.request, { mode, implementation: options.implementation });
  } catch (err) {
    const msg = err instanceof RequestError ? err.message : `engine error: ${err instanceof Error ? err.message : String(err)}`;
    return { name: c.name, line: c.line, status: 'fail', failures: [`request: ${msg}`] };
  }
  const failures = compareExpectation(c.expect, trace);
  return { name: c.name, line: c.line, status: failures.length ? 'fail' : 'pass', failures, trace };
}

const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));

function backendText(b: { namespace?: string; service?: string; port?: number } | undefined): string {
  if (!b) return '(none)';
  return `${b.namespace ?? '?'}/${b.service ?? '?'}${b.port !== undefined ? `:${b.port}` : ''}`;
}

function describeOutcome(t: Trace): string {
  const o = t.outcome;
  if (o.kind === 'proxied') return `proxied to ${backendText(o.backend)}`;
  if (o.kind === 'redirect') return `${o.status} redirect to ${o.location}`;
  return `${o.status} (${o.message})`;
}

/** Every expectation given must hold; returns one line per mismatch. */
export function compareExpectation(e: Expectation, t: Trace): string[] {
  const f: string[] = [];
  const o = t.outcome;
  if (e.status !== undefined && o.status !== e.status) f.push(`status: expected ${e.status}, got ${describeOutcome(t)}`);
  if (e.backend) {
    // "backend without status means the request is proxied"
    if (e.status === undefined && o.kind !== 'proxied') f.push(`backend: expected ${backendText(e.backend)}, got ${describeOutcome(t)}`);
    else if (!backendMatches(e.backend, o.backend)) f.push(`backend: expected ${backendText(e.backend)}, got ${backendText(o.backend)}`);
  }
  if (e.redirect !== undefined && o.location !== e.redirect) f.push(`redirect: expected ${show(e.redirect)}, got ${o.kind === 'redirect' ? show(o.location) : describeOutcome(t)}`);
  if (e.path !== undefined && o.upstream?.path !== e.path) f.push(`path: expected ${show(e.path)}, got ${o.upstream ? show(o.upstream.path) : describeOutcome(t)}`);
  if (e.host !== undefined && o.upstream?.host !== e.host.toLowerCase() && o.upstream?.host !== e.host) {
    f.push(`host: expected ${show(e.host)}, got ${o.upstream ? show(o.upstream.host) : describeOutcome(t)}`);
  }
  if (e.requestHeaders) {
    for (const [k, v] of Object.entries(e.requestHeaders)) {
      const got = o.upstream ? headerValue(o.upstream.headers, k) : undefined;
      if (got !== v) f.push(`requestHeaders.${k}: expected ${show(v)}, got ${o.upstream ? show(got) : describeOutcome(t)}`);
    }
  }
  if (e.absentRequestHeaders) {
    for (const k of e.absentRequestHeaders) {
      const got = o.upstream ? headerValue(o.upstream.headers, k) : undefined;
      if (!o.upstream) f.push(`absentRequestHeaders.${k}: the request was not proxied (${describeOutcome(t)})`);
      else if (got !== undefined) f.push(`absentRequestHeaders.${k}: expected absent, got ${show(got)}`);
    }
  }
  if (e.responseHeaders) {
    for (const [k, v] of Object.entries(e.responseHeaders)) {
      const got = headerValue(o.responseHeaders, k);
      if (got !== v) f.push(`responseHeaders.${k}: expected ${show(v)}, got ${show(got)}`);
    }
  }
  if (e.route) {
    const r = o.route;
    const ok = !!r && (e.route.kind === undefined || e.route.kind === r.kind) && (e.route.namespace === undefined || e.route.namespace === r.namespace) && (e.route.name === undefined || e.route.name === r.name);
    if (!ok) f.push(`route: expected ${e.route.kind ?? ''} ${e.route.namespace ?? '?'}/${e.route.name ?? '?'}, got ${r ? `${r.kind} ${r.namespace}/${r.name}` : '(none)'}`);
  }
  if (e.mirroredTo) {
    const got = o.mirroredTo;
    const missing = e.mirroredTo.filter((m) => !got.some((g) => backendMatches(m, g)));
    if (missing.length > 0 || got.length !== e.mirroredTo.length) {
      f.push(`mirroredTo: expected [${e.mirroredTo.map(backendText).join(', ')}], got [${got.map(backendText).join(', ')}]`);
    }
  }
  if (e.backends) {
    const got = o.backends ?? (o.backend ? [{ ...o.backend, weight: 1, share: 1 }] : []);
    if (!weightedMatch(e.backends, got)) {
      const fmt = (list: Array<BackendExpectation | WeightedBackend>) => list.map((b) => `${backendText(b)}=${b.weight ?? '?'}`).join(', ');
      f.push(`backends: expected [${fmt(e.backends)}], got [${fmt(got)}]`);
    }
  }
  return f;
}

function backendMatches(e: BackendExpectation, got: { namespace?: string; service?: string; port?: number } | undefined): boolean {
  if (!got) return false;
  return (e.namespace === undefined || e.namespace === got.namespace) && (e.service === undefined || e.service === got.service) && (e.port === undefined || e.port === got.port);
}

/** Same candidates, same shares (weights compared relative to their totals). */
function weightedMatch(expected: BackendExpectation[], got: WeightedBackend[]): boolean {
  if (expected.length !== got.length) return false;
  const et = expected.reduce((a, b) => a + (b.weight ?? 0), 0);
  const gt = got.reduce((a, b) => a + b.weight, 0);
  const used = new Set<number>();
  for (const e of expected) {
    const i = got.findIndex((g, gi) => {
      if (used.has(gi) || !backendMatches(e, g)) return false;
      if (e.weight === undefined) return true;
      const es = et > 0 ? e.weight / et : 0;
      const gs = gt > 0 ? g.weight / gt : 0;
      return Math.abs(es - gs) < 1e-9;
    });
    if (i === -1) return false;
    used.add(i);
  }
  return true;
}
