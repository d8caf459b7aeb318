// Collects steps while the engine decides; the finished Trace is plain data
// (structured-cloneable for the worker, JSON for the CLI).
import type { NormalizedRequest } from '../model/request.js';
import type { ImplementationProfile } from '../gateway/implementations/types.js';
import type { ReasonCode } from './reasons.js';
import { outcomeSucceeded, TRACE_VERSION, type EntryPoint, type Outcome, type Trace, type TraceStep } from './types.js';

export class TraceBuilder {
  readonly steps: TraceStep[] = [];
  readonly exercised = new Set<string>();
  entry: EntryPoint | undefined;
  /**
   * The request as routes see it. An implementation that normalizes the path replaces it;
   * the finished trace keeps the request as it was sent.
   */
  request: NormalizedRequest;
  private readonly sent: NormalizedRequest;

  constructor(
    request: NormalizedRequest,
    public mode: Trace['mode'],
    /** the Gateway API implementation whose behaviour applies (portable by default) */
    readonly implementation: ImplementationProfile,
  ) {
    this.request = request;
    this.sent = request;
  }

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
    // Object.assign, not a spread with more fields: in Node 20's V8 every object made that
    // way by optimized code gets a hidden class of its own (see parse/context.ts objectWith).
    const full: Outcome = Object.assign({}, outcome, { responseHeaders: outcome.responseHeaders ?? [], mirroredTo: outcome.mirroredTo ?? [] });
    this.steps.push({
      kind: 'response',
      summary: full.message,
      reason: full.reason,
      status: outcomeSucceeded(full) ? 'ok' : 'fail',
      facts: { status: full.status },
    });
    return {
      version: TRACE_VERSION,
      request: this.sent,
      mode: this.mode,
      implementation: this.mode === 'gateway' || this.mode === 'cluster' ? this.implementation.name : undefined,
      entry: this.entry,
      steps: this.steps,
      outcome: full,
      exercised: [...this.exercised],
    };
  }
}

/** The parts of a step that are written only when something reads them. */
export type LazyStepParts = Pick<TraceStep, 'candidates' | 'notes'>;

/**
 * A step whose candidate list and notes are written when first read. Most traces are never
 * shown (a routing test, a comparison of 15 implementations, a replay of a thousand
 * requests compares outcomes), and writing every candidate's sentence was most of a trace's
 * time. The step reads like any other: JSON, structured clone (postMessage), spreads and
 * property reads all get the same candidates, written once, from the same decision.
 * `parts` must depend only on values fixed when the step is added.
 */
export function lazyStep(step: Omit<TraceStep, 'candidates' | 'notes'>, parts: () => LazyStepParts): TraceStep {
  let written: LazyStepParts | undefined;
  const get = () => (written ??= parts());
  // A literal with the fields in the order steps always had (cheaper than a spread; fields
  // left undefined read, print and clone as absent).
  return {
    kind: step.kind,
    summary: step.summary,
    reason: step.reason,
    status: step.status,
    object: step.object,
    source: step.source,
    get candidates() {
      return get().candidates;
    },
    get notes() {
      return get().notes;
    },
    facts: step.facts,
  };
}
