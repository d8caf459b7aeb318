// Collects steps while the engine decides; the finished Trace is plain data
// (structured-cloneable for the worker, JSON for the CLI).
import type { NormalizedRequest } from '../model/request.js';
import type { ReasonCode } from './reasons.js';
import { outcomeSucceeded, TRACE_VERSION, type EntryPoint, type Outcome, type Trace, type TraceStep } from './types.js';

export class TraceBuilder {
  readonly steps: TraceStep[] = [];
  readonly exercised = new Set<string>();
  entry: EntryPoint | undefined;

  constructor(
    readonly request: NormalizedRequest,
    public mode: Trace['mode'],
  ) {}

  add(step: TraceStep): TraceStep {
    this.steps.push(step);
    return step;
  }

  note(summary: string, reason: ReasonCode = 'Note'): void {
    this.steps.push({ kind: 'note', summary, reason, status: 'info' });
  }

  exercise(ruleId: string | undefined): void {
    if (ruleId) this.exercised.add(ruleId);
  }

  finish(outcome: Omit<Outcome, 'responseHeaders' | 'mirroredTo'> & Partial<Pick<Outcome, 'responseHeaders' | 'mirroredTo'>>): Trace {
    // Explicitly undefined fields must not override the defaults: the type says these are lists.
    const full: Outcome = { ...outcome, responseHeaders: outcome.responseHeaders ?? [], mirroredTo: outcome.mirroredTo ?? [] };
    this.steps.push({
      kind: 'response',
      summary: full.message,
      reason: full.reason,
      status: outcomeSucceeded(full) ? 'ok' : 'fail',
      facts: { status: full.status },
    });
    return {
      version: TRACE_VERSION,
      request: this.request,
      mode: this.mode,
      entry: this.entry,
      steps: this.steps,
      outcome: full,
      exercised: [...this.exercised],
    };
  }
}
