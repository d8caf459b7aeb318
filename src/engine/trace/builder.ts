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

/** Where a lazy step keeps its parts: the function that writes them, then what it wrote. */
const PARTS = Symbol('routelab.lazyParts');
type Holder = { [PARTS]: (() => LazyStepParts) | LazyStepParts };

function partsOf(step: Holder): LazyStepParts {
  const p = step[PARTS];
  if (typeof p !== 'function') return p;
  const written = p();
  step[PARTS] = written;
  return written;
}

// One getter pair shared by every lazy step: no function is made per step.
const CANDIDATES: PropertyDescriptor = {
  get(this: Holder) {
    return partsOf(this).candidates;
  },
  enumerable: true,
  configurable: true,
};
const NOTES: PropertyDescriptor = {
  get(this: Holder) {
    return partsOf(this).notes;
  },
  enumerable: true,
  configurable: true,
};

/**
 * A step whose candidate list and notes are written when first read. Most traces are never
 * shown (a routing test, a comparison of 15 implementations, a replay of a thousand
 * requests compares outcomes), and writing every candidate's sentence was most of a trace's
 * time. The step reads like any other: JSON, structured clone (postMessage), spreads and
 * property reads all get the same candidates, written once, from the same decision.
 * `parts` must depend only on values fixed when the step is added.
 *
 * Built with defineProperty and shared getters, not an object literal with getters: V8
 * makes such a literal a dictionary-mode object with two new functions each time (840
 * bytes and ~1.8 us per step, measured); this way it is an ordinary fast object of one
 * shape (~200 bytes, about half the time).
 */
export function lazyStep(step: Omit<TraceStep, 'candidates' | 'notes'>, parts: () => LazyStepParts): TraceStep {
  // The fields in the order steps always had (fields left undefined read, print and clone as absent).
  const o = { kind: step.kind, summary: step.summary, reason: step.reason, status: step.status, object: step.object, source: step.source } as TraceStep;
  Object.defineProperty(o, 'candidates', CANDIDATES);
  Object.defineProperty(o, 'notes', NOTES);
  o.facts = step.facts;
  // Not enumerable: spreads, JSON and structured clones see only the step's own fields.
  Object.defineProperty(o, PARTS, { value: parts, writable: true, configurable: true });
  return o;
}
