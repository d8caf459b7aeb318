// The analysis worker's session: everything the trace session does, plus lint, the
// controller comparison, the conversion with its proof, the config diff and split runs.
// A separate worker entry (analysis.worker.ts), so the trace worker does not carry them.
// Replies carry what the panels show (outcomes, rules, problems), never whole traces.
import {
  capabilities,
  compareControllers,
  compareImplementations,
  findImplementation,
  IMPLEMENTATION_NAMES,
  implementationLabel,
  type Comparison,
  type Capabilities,
  convertIngresses,
  diffConfigs,
  generateRequests,
  inferController,
  lint,
  loadManifests,
  proveConversion,
  LogReplay,
  verifyPlan,
  verifyScript,
  mergeRequests,
  RequestError,
  simulateSplit,
  swapControllers,
  CONTROLLER_NAMES,
  type ControllerName,
  type Cluster,
  type ComparisonRow,
  type Diagnostic,
  type Problem,
  type RequestInput,
} from '../engine/index';
import {
  MAX_ANALYSIS_ROWS,
  MAX_DIAGNOSTICS,
  MAX_SPLIT_RUNS,
  MAX_FEATURE_OBJECTS,
  type CapabilitiesView,
  type CompareJob,
  type CompareRequestJob,
  type CompareRequestResult,
  type CompareResult,
  type CompareRowView,
  type ConvertJob,
  type ConvertResult,
  type MigrationChoice,
  type ReplayJob,
  type ReplayResult,
  type VerifyJob,
  type VerifyResult,
  MAX_REPLAY_LINES,
  type DiffJob,
  type DiffResult,
  type LintJob,
  type LintProblem,
  type LintResult,
  type SplitJob,
  type SplitResult,
  type HeldText,
  type WorkerError,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import { EngineSession, requestInput, traceForm } from './session';

/** The file name the baseline of a config diff is read as. */
export const BASELINE_FILE = 'baseline';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class AnalysisSession extends EngineSession {
  /** the config diff's "before", parsed once per baseline id */
  private baseline: { id: number; cluster: Cluster } | undefined;
  /** the access log of the last replay or verify job, kept by id: the page sends it once */
  private log: { id: number; text: string } | undefined;

  protected override handleMore(msg: WorkerRequest, requestId: number, t0: number): WorkerReply | undefined {
    switch (msg.type) {
      case 'split':
        return { requestId, ok: true, type: 'split', result: runSplit(msg), ms: now() - t0 };
      case 'lint':
      case 'compare':
      case 'compareRequest':
      case 'convert':
      case 'replay':
      case 'verify':
      case 'diff': {
        const need = this.ensure(msg.manifests);
        if (need) return { requestId, ok: false, error: need };
        return this.analyse(msg, requestId, t0);
      }
      default:
        return undefined;
    }
  }

  private analyse(job: LintJob | CompareJob | CompareRequestJob | ConvertJob | DiffJob | ReplayJob | VerifyJob, requestId: number, t0: number): WorkerReply {
    const cluster = this.cluster!;
    const version = this.version;
    switch (job.type) {
      case 'lint':
        return { requestId, ok: true, type: 'lint', result: lintResult(cluster, job, version), ms: now() - t0 };
      case 'compare':
        return { requestId, ok: true, type: 'compare', result: compareResult(cluster, job, version), ms: now() - t0 };
      case 'compareRequest':
        return { requestId, ok: true, type: 'compareRequest', result: compareRequestResult(cluster, job, version), ms: now() - t0 };
      case 'convert':
        return { requestId, ok: true, type: 'convert', result: convertResult(cluster, job, version), ms: now() - t0 };
      case 'replay': {
        const text = this.logText(job.log, requestId);
        if (text === undefined) return { requestId, ok: false, error: needText('log', job.log) };
        return { requestId, ok: true, type: 'replay', result: replayResult(cluster, { ...job, log: { ...job.log, text } }, version), ms: now() - t0 };
      }
      case 'verify': {
        const text = job.log && job.requestsFrom === 'log' ? this.logText(job.log, requestId) : '';
        if (text === undefined) return { requestId, ok: false, error: needText('log', job.log!) };
        return { requestId, ok: true, type: 'verify', result: verifyResult(cluster, { ...job, log: job.log && { ...job.log, text } }, version), ms: now() - t0 };
      }
      case 'diff': {
        if (this.baseline?.id !== job.baseline.id) {
          const text = this.sentText(job.baseline, requestId);
          if (text === undefined) return { requestId, ok: false, error: needText('baseline', job.baseline) };
          this.baseline = { id: job.baseline.id, cluster: loadManifests([{ file: BASELINE_FILE, text }]) };
        }
        return { requestId, ok: true, type: 'diff', result: diffResult(this.baseline.cluster, cluster, job, version), ms: now() - t0 };
      }
    }
  }

  /** The access log a job names: as it came with the job (or ahead of it, in parts), or the one held from an earlier job. */
  private logText(ref: HeldText, requestId: number): string | undefined {
    const sent = this.sentText(ref, requestId);
    if (sent !== undefined) this.log = { id: ref.id, text: sent };
    return sent ?? (this.log?.id === ref.id ? this.log.text : undefined);
  }

  /** A held text as this job carried it: in the job, in parts just ahead of it, or not at all (undefined). */
  private sentText(ref: HeldText, requestId: number): string | undefined {
    return ref.parts !== undefined ? this.takeParts(-requestId, ref.parts) : ref.text;
  }
}

function needText(what: 'log' | 'baseline', ref: HeldText): WorkerError {
  return { code: 'NeedText', message: `the worker does not hold ${what} ${ref.id}${ref.parts !== undefined ? ` (not all ${ref.parts} parts came)` : ''}` };
}

// ---- the engine decides; these only strip what the page does not need ----

/** Is this lint problem one of the load diagnostics (same code, line and message)? */
export function isLoadDiagnostic(p: Problem, diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some(
    (d) => d.code === p.code && d.message === p.message && d.source?.startLine === p.source?.startLine && d.source?.startCol === p.source?.startCol,
  );
}

export function lintResult(cluster: Cluster, job: LintJob, version: number): LintResult {
  const implementation = job.implementation && findImplementation(job.implementation) ? job.implementation : undefined;
  const all = lint(cluster, { controller: job.controller, implementation });
  const problems: LintProblem[] = all.slice(0, MAX_DIAGNOSTICS).map((p) => ({ ...p, fromLoad: isLoadDiagnostic(p, cluster.diagnostics) }));
  const api = cluster.gatewayApi;
  const caps = api.gateways.length || api.routes.length ? capabilities(cluster, generateRequests(cluster, { limit: CAPABILITY_REQUESTS })) : undefined;
  return { version, controller: job.controller, implementation, problems, total: all.length, capabilities: caps && capabilitiesView(caps) };
}

/** What the Capabilities panel shows of the engine's answer (see CapabilitiesView). */
export function capabilitiesView(caps: Capabilities): CapabilitiesView {
  const cap = <T>(list: T[]) => (list.length > MAX_FEATURE_OBJECTS ? list.slice(0, MAX_FEATURE_OBJECTS) : list);
  return {
    ...caps,
    features: caps.features.map((f) => ({ ...f, objects: cap(f.objects), what: cap(f.what), sources: cap(f.sources), more: Math.max(0, f.objects.length - MAX_FEATURE_OBJECTS) })),
    implementationSpecific: caps.implementationSpecific.length,
  };
}

/** Requests traced to find what each capability blocker affects (the panel lists a few per blocker). */
const CAPABILITY_REQUESTS = 200;

function rowView(r: ComparisonRow): CompareRowView {
  return {
    request: r.request,
    differs: r.differs,
    explanation: r.explanation,
    results: r.results.map(({ subject, outcome, key, rule }) => ({ subject, outcome, key, rule })),
  };
}

/** A Gateway API scenario, or one with routes and no Ingress, compares implementations; otherwise controllers. */
function comparesImplementations(cluster: Cluster, mode: CompareJob['mode']): boolean {
  if (mode === 'gateway') return true;
  if (mode === 'ingress') return false;
  return cluster.ingresses.length === 0 && cluster.gatewayApi.routes.length > 0;
}

function titlesOf(cmp: Comparison): string[] {
  return cmp.kind === 'controllers' ? cmp.subjects : cmp.subjects.map((s) => implementationLabel(findImplementation(s)!));
}

export function compareResult(cluster: Cluster, job: CompareJob, version: number): CompareResult {
  const requests = generateRequests(cluster, { limit: Math.min(job.limit ?? MAX_ANALYSIS_ROWS, MAX_ANALYSIS_ROWS) });
  const cmp = comparesImplementations(cluster, job.mode) ? compareImplementations(cluster, requests, IMPLEMENTATION_NAMES) : compareControllers(cluster, requests);
  return {
    version,
    kind: cmp.kind,
    subjects: cmp.subjects,
    titles: titlesOf(cmp),
    ingresses: cluster.ingresses.length,
    gatewayRoutes: cluster.gatewayApi.routes.length,
    rows: cmp.rows.map(rowView),
    disagreements: cmp.disagreements,
  };
}

export function compareRequestResult(cluster: Cluster, job: CompareRequestJob, version: number): CompareRequestResult {
  const implementations = comparesImplementations(cluster, job.mode);
  let request;
  try {
    request = requestInput(job.form, implementations ? 'gateway' : 'ingress');
  } catch (err) {
    if (err instanceof RequestError) return { version, requestError: err.message };
    throw err;
  }
  const cmp = implementations ? compareImplementations(cluster, [{ ...request, implementation: undefined }]) : compareControllers(cluster, [request]);
  const row = cmp.rows[0];
  if (!row) {
    // compareControllers skips a request the engine cannot send: say why.
    const r = traceForm(cluster, job.form, implementations ? 'gateway' : 'ingress');
    return { version, requestError: r.requestError ?? 'the request cannot be sent' };
  }
  return { version, row: rowView(row) };
}

/** The conversion the Migrate view's choices ask for; an unknown target is portable. */
/** Target "keep:<controller>": the Ingresses stay, the controller is swapped. */
function keptController(job: MigrationChoice): ControllerName | undefined {
  const c = job.target?.startsWith('keep:') ? (job.target.slice(5) as ControllerName) : undefined;
  return c && CONTROLLER_NAMES.includes(c) ? c : undefined;
}

function migration(cluster: Cluster, job: MigrationChoice) {
  const controller = job.controller ?? inferController(cluster);
  const target = job.target && findImplementation(job.target) ? job.target : 'portable';
  return { controller, target, conversion: convertIngresses(cluster, controller, { target, quirks: job.quirks }) };
}

export function convertResult(cluster: Cluster, job: ConvertJob, version: number): ConvertResult {
  const inferred = inferController(cluster);
  const controller = job.controller ?? inferred;
  if (cluster.ingresses.length === 0) return { version, ingresses: 0, controller, inferred, yaml: '', objects: 0, deviations: [], target: job.target ?? 'portable', quirks: [], blockers: [] };
  const keep = keptController(job);
  if (keep) {
    const s = swapControllers(cluster, controller, keep, { limit: MAX_ANALYSIS_ROWS });
    return {
      version,
      ingresses: cluster.ingresses.length,
      controller,
      inferred,
      yaml: '',
      objects: 0,
      deviations: [],
      target: job.target!,
      quirks: [],
      blockers: [],
      swap: {
        to: keep,
        requests: s.requests,
        stopWorking: s.stopWorking,
        differences: s.differences.map((d) => ({ request: d.request, before: { outcome: d.before.outcome, rule: d.before.rule }, after: { outcome: d.after.outcome, rule: d.after.rule }, cause: d.cause })),
      },
    };
  }
  const { conversion } = migration(cluster, job);
  const proof = proveConversion(cluster, conversion);
  return {
    version,
    target: conversion.target,
    quirks: conversion.quirks,
    blockers: proof.blocked.map((b) => ({ deviation: b.blocker, requests: b.requests })),
    ingresses: cluster.ingresses.length,
    controller,
    inferred,
    yaml: conversion.yaml,
    objects: conversion.objects.length,
    deviations: conversion.deviations,
    proof: {
      requests: proof.requests,
      undeclared: proof.undeclared,
      differences: proof.differences.map((d) => ({
        request: d.request,
        ingress: { outcome: d.ingress.outcome, rule: d.ingress.rule },
        gateway: { outcome: d.gateway.outcome, rule: d.gateway.rule },
        declared: d.declared,
      })),
    },
  };
}

export function diffResult(before: Cluster, after: Cluster, job: DiffJob, version: number): DiffResult {
  const implementation = job.implementation && findImplementation(job.implementation) ? job.implementation : undefined;
  const d = diffConfigs(before, after, { mode: job.mode, controller: job.controller, implementation });
  return {
    version,
    baselineId: job.baseline.id,
    requests: d.requests,
    differencesTotal: d.differences.length,
    differences: d.differences.slice(0, MAX_ANALYSIS_ROWS).map((x) => ({
      request: x.request,
      before: { outcome: x.before.outcome, rule: x.before.rule },
      after: { outcome: x.after.outcome, rule: x.after.rule },
    })),
    baselineErrors: before.diagnostics.filter((x) => x.severity === 'error').length,
  };
}

export function runSplit(job: SplitJob): SplitResult {
  const runs = Math.max(0, Math.min(MAX_SPLIT_RUNS, Math.floor(job.runs)));
  return simulateSplit(job.backends, runs, job.seed);
}


const asRoutingView = (x: { outcome: string; rule: string }) => ({ outcome: x.outcome, rule: x.rule });

/** Replays the first MAX_REPLAY_LINES lines of an access log; with Ingresses, also through their conversion on the target. */
export function replayResult(cluster: Cluster, job: ReplayJob & { log: { text: string } }, version: number): ReplayResult {
  const target = job.target && findImplementation(job.target) ? job.target : 'portable';
  const empty: ReplayResult = { version, logId: job.log.id, truncated: false, lines: 0, agree: 0, differ: 0, skipped: 0, skippedSamples: [], distinct: 0, assumptions: [], differences: [], moreDifferences: 0, changed: 0, changes: [], target };
  let replay: LogReplay;
  try {
    const keep = keptController(job);
    const after = !cluster.ingresses.length
      ? undefined
      : keep
        ? { cluster, options: { controller: keep, serveAllIngresses: true }, label: keep }
        : { cluster: loadManifests([{ file: 'converted.yaml', text: migration(cluster, job).conversion.yaml }]), options: { implementation: target }, label: target };
    replay = new LogReplay(cluster, { controller: job.controller ?? 'ingress-nginx', host: job.host || undefined, format: job.format || undefined, after });
  } catch (err) {
    if (err instanceof RequestError) return { ...empty, error: err.message };
    throw err;
  }
  const text = job.log.text;
  let at = 0;
  let n = 0;
  while (at < text.length && n < MAX_REPLAY_LINES) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    at = end < 0 ? text.length : end + 1;
    replay.add(line, ++n);
  }
  const s = replay.finish();
  const noLine = s.lines === 0 && s.skipped > 0 ? `no line matches the log format "${replay.format.text}" (line ${s.skippedSamples[0].line}: ${s.skippedSamples[0].text}); give the format in use` : undefined;
  return {
    ...empty,
    error: noLine,
    truncated: at < text.length,
    lines: s.lines,
    agree: s.agree,
    differ: s.differ,
    skipped: s.skipped,
    skippedSamples: s.skippedSamples,
    distinct: s.distinct,
    assumptions: s.assumptions,
    differences: s.differences.map(({ trace: _t, ...g }) => g),
    moreDifferences: s.moreDifferences,
    changed: s.changed ?? 0,
    changes: (s.changes ?? []).map((c) => ({ request: c.request, before: asRoutingView(c.before), after: asRoutingView(c.after), lines: c.lines, count: c.count })),
  };
}

/** The cutover script: the generated requests, expecting what the Ingresses give today, sent to the address. */
export function verifyResult(cluster: Cluster, job: VerifyJob & { log?: { text: string } }, version: number): VerifyResult {
  if (cluster.ingresses.length === 0) return { version, error: 'no Ingress in the manifests: there is nothing to move', requests: 0, known: 0, skipped: 0 };
  const keep = keptController(job);
  const controller = job.controller ?? inferController(cluster);
  const { target, conversion } = keep ? { target: 'portable', conversion: undefined } : migration(cluster, job);
  const after = conversion ? loadManifests([{ file: 'converted.yaml', text: conversion.yaml }]) : cluster;
  let requests: Array<RequestInput & { why?: string }>;
  if (job.requestsFrom === 'log' && job.log) {
    let replay: LogReplay;
    try {
      replay = new LogReplay(cluster, { controller, host: job.host || undefined, format: job.format || undefined });
    } catch (err) {
      if (err instanceof RequestError) return { version, error: err.message, requests: 0, known: 0, skipped: 0 };
      throw err;
    }
    const seen = new Set<string>();
    requests = [];
    let n = 0;
    const text = job.log.text;
    // Line by line, as replay reads it: a log can be far longer than the lines read.
    for (let at = 0; at < text.length; ) {
      const end = text.indexOf('\n', at);
      const line = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end + 1;
      n++;
      if (requests.length >= 500 || n > MAX_REPLAY_LINES) break;
      const r = replay.readLine(line, n);
      if (!r) continue;
      const key = `${r.request.method} ${r.request.url} ${JSON.stringify(r.request.headers)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      requests.push({ ...r.request, why: `logged, line ${n}` });
    }
  } else if (job.requestsFrom === 'saved' && job.saved) {
    requests = job.saved.map((x) => ({ ...requestInput(x.form, 'ingress'), controller: keep ? undefined : controller, why: `saved request ${x.name}` }));
  } else requests = mergeRequests(generateRequests(cluster, { limit: 500 }));
  if (requests.length === 0) return { version, error: job.requestsFrom === 'log' ? 'no line of the access log could be read in its format' : 'there are no requests to check', requests: 0, known: 0, skipped: 0 };
  if (keep) requests = requests.map((r) => ({ ...r, controller: undefined }));
  const plan = verifyPlan(cluster, after, requests, keep ? { before: { controller }, after: { controller: keep, serveAllIngresses: true } } : { before: { controller }, after: { implementation: target } });
  try {
    const script = verifyScript(plan, { address: job.address.trim(), backendHeader: job.backendHeader || undefined, oldLabel: `the Ingresses on ${controller}`, newLabel: keep ? `the same Ingresses on ${keep}` : `the conversion on ${implementationLabel(findImplementation(target)!)}`, generatedBy: 'the RouteLab web app (Migrate view)' });
    return { version, script, requests: plan.items.length, known: plan.known, skipped: plan.skipped.length };
  } catch (err) {
    if (err instanceof RequestError) return { version, error: err.message, requests: plan.items.length, known: plan.known, skipped: plan.skipped.length };
    throw err;
  }
}
