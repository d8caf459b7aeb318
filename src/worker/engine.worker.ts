// The engine's Web Worker: one session, one job at a time. A job that runs away
// (a backtracking regex, a huge paste) is stopped by the client, which terminates
// this worker and starts a fresh one.
import type { WorkerMessage } from './protocol';
import { EngineSession } from './session';

const session = new EngineSession();

// Typed loosely: the project's tsconfig uses the DOM lib, where `self` is a Window.
const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  // A part of a large text gets no reply; every job gets one.
  const reply = session.receive(e.data);
  if (reply) scope.postMessage(reply);
};
