// The analysis worker: lint, comparison, conversion, diff and split runs, apart from
// the trace worker so a long analysis never delays a trace. Same message protocol and
// client rules (time limit, cancellation, stale replies) as engine.worker.ts.
import type { WorkerMessage } from './protocol';
import { AnalysisSession } from './analysis';

const session = new AnalysisSession();

// Typed loosely: the project's tsconfig uses the DOM lib, where `self` is a Window.
const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  // A part of a large text gets no reply; every job gets one.
  const reply = session.receive(e.data);
  if (reply) scope.postMessage(reply);
};
