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
  convertIngresses,
  diffConfigs,
  generateRequests,
  inferController,
  lint,
  loadManifests,
  proveConversion,
  RequestError,
  simulateSplit,
  type Cluster,
  type ComparisonRow,
  type Diagnostic,
  type Problem,
} from '../engine/index';
import {
  MAX_ANALYSIS_ROWS,
  MAX_DIAGNOSTICS,
  MAX_SPLIT_RUNS,
  type CompareJob,
  type CompareRequestJob,
  type CompareRequestResult,
  type CompareResult,
  type CompareRowView,
  type ConvertJob,
  type ConvertResult,
  type DiffJob,
  type DiffResult,
  type LintJob,
  type LintProblem,
  type LintResult,
  type SplitJob,
  type SplitResult,
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

  protected override handleMore(msg: WorkerRequest, requestId: number, t0: number): WorkerReply | undefined {
    switch (msg.type) {
      case 'split':
        return { requestId, ok: true, type: 'split', result: runSplit(msg), ms: now() - t0 };
      case 'lint':
      case 'compare':
      case 'compareRequest':
      case 'convert':
      case 'diff': {
        const need = this.ensure(msg.manifests);
        if (need) return { requestId, ok: false, error: need };
        return this.analyse(msg, requestId, t0);
      }
      default:
        return undefined;
    }
  }

  private analyse(job: LintJob | CompareJob | CompareRequestJob | ConvertJob | DiffJob, requestId: number, t0: number): WorkerReply {
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
      case 'diff': {
        if (this.baseline?.id !== job.baseline.id) {
          this.baseline = { id: job.baseline.id, cluster: loadManifests([{ file: BASELINE_FILE, text: job.baseline.text }]) };
        }
        return { requestId, ok: true, type: 'diff', result: diffResult(this.baseline.cluster, cluster, job, version), ms: now() - t0 };
      }
    }
  }
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
  return { version, controller: job.controller, implementation, problems, total: all.length, capabilities: caps };
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

export function convertResult(cluster: Cluster, job: ConvertJob, version: number): ConvertResult {
  const inferred = inferController(cluster);
  const controller = job.controller ?? inferred;
  if (cluster.ingresses.length === 0) return { version, ingresses: 0, controller, inferred, yaml: '', objects: 0, deviations: [] };
  const conversion = convertIngresses(cluster, controller);
  const proof = proveConversion(cluster, conversion);
  return {
    version,
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

