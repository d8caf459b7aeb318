// Trace -> readable text for the terminal. Rendering only: every word of
// substance comes from the Trace.
import { STEP_LABELS, type Trace, type TraceCandidate, type SourceRef } from '../engine/index.js';

export interface RenderOptions {
  color: boolean;
  /** print every candidate, not only winners, losers and a few misses */
  verbose?: boolean;
}

const LABEL_WIDTH = 10;

function paint(on: boolean, code: string, text: string): string {
  return on ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function where(ref: SourceRef | undefined): string {
  return ref && ref.file ? `${ref.file}:${ref.startLine}` : '';
}


export function renderTrace(trace: Trace, opts: RenderOptions): string {
  const c = opts.color;
  const lines: string[] = [];
  for (const step of trace.steps) {
    const label = STEP_LABELS[step.kind].toLowerCase().padEnd(LABEL_WIDTH);
    const color = step.status === 'fail' ? '31' : step.status === 'warn' ? '33' : step.kind === 'response' ? '1' : '0';
    const ref = where(step.source);
    lines.push(`${paint(c, '36', label)}${paint(c, color, step.summary)}${ref ? `  ${paint(c, '2', ref)}` : ''}`);
    for (const cand of visibleCandidates(step.candidates ?? [], opts.verbose)) lines.push(renderCandidate(cand, c));
    for (const note of step.notes ?? []) lines.push(`${' '.repeat(LABEL_WIDTH)}${paint(c, '2', note)}`);
  }
  return lines.join('\n');
}

function visibleCandidates(list: TraceCandidate[], verbose: boolean | undefined): TraceCandidate[] {
  if (verbose) return list;
  const misses = list.filter((x) => x.verdict === 'miss');
  return list.filter((x) => x.verdict !== 'miss' || misses.indexOf(x) < 5);
}

function renderCandidate(cand: TraceCandidate, c: boolean): string {
  const verdictColor = cand.verdict === 'won' ? '32' : cand.verdict === 'lost' ? '33' : '2';
  const ref = where(cand.source);
  return `  ${paint(c, verdictColor, cand.verdict.padEnd(6))}  ${cand.label}   ${paint(c, '2', cand.detail)}${ref ? `  ${paint(c, '2', ref)}` : ''}`;
}

/** One line summing up the outcome, for check failures. */
export function outcomeLine(trace: Trace): string {
  const o = trace.outcome;
  if (o.kind === 'proxied') return `proxied to ${o.backend?.namespace}/${o.backend?.service}:${o.backend?.port ?? '?'} (${o.upstream?.method} ${o.upstream?.path}, Host ${o.upstream?.host})`;
  if (o.kind === 'redirect') return `${o.status} redirect to ${o.location}`;
  return `${o.status} ${o.message}`;
}
