// View data for the analysis panels (problems, controller comparison, conversion,
// config diff, traffic split), derived from what the worker returned. Pure and
// tested; nothing here decides routing: outcomes, rules and verdicts are the engine's.
import type { ControllerName } from '../../engine/index';
import type {
  AnalysisRequest,
  CompareRowView,
  ConvertResult,
  LintProblem,
  RequestForm,
  SavedRequest,
  ScenarioData,
  SplitResult,
} from '../../worker/protocol';

export const CONTROLLER_TITLE: Record<ControllerName, string> = {
  spec: 'spec',
  'ingress-nginx': 'ingress-nginx',
  traefik: 'Traefik',
  haproxy: 'HAProxy Ingress',
  'f5-nginx': 'F5 NGINX Ingress Controller',
  'traefik-nginx': 'Traefik (ingress-nginx provider)',
};

/** Header lines ("Name: value" per line) from any header shape a RequestInput allows. */
export function headerLinesOf(headers: AnalysisRequest['headers']): string {
  if (!headers) return '';
  const pairs: Array<[string, string]> = Array.isArray(headers)
    ? headers
    : Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
  return pairs.map(([k, v]) => `${k}: ${v}`).join('\n');
}

/**
 * The request bar for a request an analysis produced: its method, URL and headers, the
 * controller it was traced with (an explicit one wins over the request's own), and the
 * Gateway it names (none, so DNS chooses, as in the analysis).
 */
export function formFromRequest(req: AnalysisRequest, base: RequestForm, controller?: ControllerName): RequestForm {
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url: req.url,
    headers: headerLinesOf(req.headers),
    controller: controller ?? req.controller ?? base.controller,
    gateway: req.gateway ?? '',
    listener: req.gateway ? (req.listener ?? '') : '',
    implementation: req.implementation ?? base.implementation,
  };
}

/** "GET http://shop.example.test/cart" plus a short note of the headers it carries. */
export function requestText(req: AnalysisRequest): string {
  const h = headerLinesOf(req.headers);
  const n = h ? h.split('\n').length : 0;
  return `${(req.method ?? 'GET').toUpperCase()} ${req.url}${n ? ` (${h.split('\n').join(', ')})` : ''}`;
}

// ---- problems ----

export interface ProblemCounts {
  error: number;
  warning: number;
  info: number;
  /** problems that are load diagnostics too (listed under Load diagnostics) */
  fromLoad: number;
}

/** The problems the Problems panel lists: lint's own findings (load diagnostics are listed and marked already). */
export function panelProblems(problems: readonly LintProblem[]): LintProblem[] {
  return problems.filter((p) => !p.fromLoad);
}

export function problemCounts(problems: readonly LintProblem[]): ProblemCounts {
  const c: ProblemCounts = { error: 0, warning: 0, info: 0, fromLoad: 0 };
  for (const p of problems) {
    if (p.fromLoad) c.fromLoad++;
    else c[p.severity]++;
  }
  return c;
}

/** "2 errors, 1 warning" (or "no problems"). */
export function countsText(c: ProblemCounts): string {
  const parts: string[] = [];
  if (c.error) parts.push(`${c.error} error${c.error === 1 ? '' : 's'}`);
  if (c.warning) parts.push(`${c.warning} warning${c.warning === 1 ? '' : 's'}`);
  if (c.info) parts.push(`${c.info} note${c.info === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no problems';
}

// ---- controller comparison ----

/**
 * Which outcome group each controller's result belongs to, in order of first
 * appearance (the first controller, spec, is group 0): equal engine keys, equal group.
 */
export function outcomeGroups(row: CompareRowView): number[] {
  const groups: string[] = [];
  return row.results.map((r) => {
    let i = groups.indexOf(r.key);
    if (i < 0) i = groups.push(r.key) - 1;
    return i;
  });
}

/** The rows to show: the ones where controllers disagree, or all of them. */
export function visibleRows(rows: readonly CompareRowView[], showAll: boolean): CompareRowView[] {
  return showAll ? [...rows] : rows.filter((r) => r.differs);
}

// ---- conversion ----

/** The proof's headline: "N requests traced through both; M differ; K not declared". */
export function proofHeadline(proof: NonNullable<ConvertResult['proof']>): string {
  const n = proof.requests;
  return `${n} request${n === 1 ? '' : 's'} traced through both; ${proof.differences.length} differ; ${proof.undeclared} not declared`;
}

/**
 * The converted config as a scenario: Gateway API entry, the saved requests kept (their
 * expectations now check the conversion) without a pinned Gateway.
 */
export function convertedScenario(current: { name: string }, requests: readonly SavedRequest[], conv: ConvertResult): ScenarioData {
  const proof = conv.proof ? ` ${proofHeadline(conv.proof)}.` : '';
  return {
    name: `${current.name} (Gateway API)`,
    description: `Converted by RouteLab from the Ingresses of “${current.name}” (${CONTROLLER_TITLE[conv.controller]} semantics).${proof} The saved requests keep their expectations, so they check the conversion.`,
    mode: 'gateway',
    manifests: conv.yaml,
    requests: requests.map((r) => ({ ...r, form: { ...r.form, gateway: '', listener: '' } })),
  };
}

// ---- traffic split ----

export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

export interface SplitRowView {
  backend: string;
  weight: number;
  share: string;
  count: number;
  observed: string;
}

export function splitRows(run: SplitResult): SplitRowView[] {
  return run.rows.map((r) => ({
    backend: `${r.namespace}/${r.service}${r.port !== undefined ? `:${r.port}` : ''}`,
    weight: r.weight,
    share: percent(r.share),
    count: r.count,
    observed: percent(r.observed),
  }));
}

/** A run count typed by the user: a whole number in 1..max, else undefined. */
export function parseRuns(text: string, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}
