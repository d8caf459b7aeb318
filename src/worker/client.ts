// The page's side of the engine worker.
//
// - One job runs at a time; for each kind of job only the newest waiting one is
//   kept (a newer edit replaces an older one that has not started).
// - A newer job of the same kind supersedes the running one: the older promise
//   settles as `superseded` at once and its reply is dropped when it comes. If the
//   superseded job keeps the worker busy past a short grace while the newer one
//   needs other manifests, the worker is terminated and replaced (cancellation).
// - A job that overruns the time limit settles with a TimeLimit error and the
//   worker is replaced, so a runaway regex or a huge paste never freezes the page.
//   A job that carries text to read gets more time for every million characters
//   of it: reading 20 MB of YAML is honest work, not a runaway.
// - A superseded job that is reading large manifests is not cancelled: the loader keeps
//   the documents it reads, so the newer job (an edit of that text) reuses them, and
//   cancelling would only start the same long read again in a fresh worker.
// - The worker keeps the parsed cluster; the manifests text is sent only when the
//   worker does not hold that version yet. A large text goes ahead of its job in parts,
//   one per task (see TextPart), so the page never copies all of it in one task.
import type { Job, JobKind, ResultOf, WorkerError, WorkerMessage, WorkerReply, WorkerRequest } from './protocol';

export type RunResult<K extends JobKind> =
  | { status: 'done'; value: ResultOf[K]; /** round trip as the page saw it */ ms: number; /** time inside the worker */ workerMs: number }
  | { status: 'superseded' }
  | { status: 'error'; error: WorkerError };

/** What the client needs of a Worker (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: WorkerMessage): void;
  terminate(): void;
  onmessage: ((e: { data: WorkerReply }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null;
}

export type RestartReason = 'time-limit' | 'cancel' | 'crash';

export interface EngineClientOptions {
  createWorker: () => WorkerLike;
  /** longest a job may run before the worker is replaced (default 3000 ms) */
  timeLimitMs?: number;
  /** how long a superseded job may keep running before it is cancelled (default 300 ms) */
  cancelGraceMs?: number;
  /** time added to the limit per million characters of text a job carries (default 1000 ms) */
  timeLimitMsPerMillionChars?: number;
  /** a superseded job that sends at least this many characters of manifests is left to finish (default 1,000,000) */
  keepReadingChars?: number;
  /** a manifests text longer than this goes in parts of this many characters, one per task (default 1,000,000) */
  textPartChars?: number;
  now?: () => number;
  onRestart?: (why: RestartReason) => void;
}

/**
 * Order in which waiting jobs run: an import first, then the live trace, then the saved
 * requests; then the analyses, cheapest and most visible first (the page runs them on a
 * second client and worker, so they never hold up a trace).
 */
const PRIORITY: readonly JobKind[] = ['parseScenario', 'trace', 'cases', 'split', 'lint', 'compareRequest', 'diff', 'compare', 'convert', 'verify', 'replay'];

interface Slot {
  job: Job;
  resolve: (r: RunResult<JobKind>) => void;
  requestId?: number;
  sentAt?: number;
  superseded: boolean;
  /** resent once with the manifests text after NeedManifests */
  retried: boolean;
  /** characters of text the message sent for this job carries (what the worker reads) */
  textChars?: number;
  /** of which manifests, which the worker's loader keeps for the next version */
  manifestsChars?: number;
  /** the time limit of this job as sent */
  limitMs?: number;
}

function manifestsVersion(job: Job): number | undefined {
  return 'manifests' in job ? job.manifests.version : undefined;
}

/** Characters of text in a message: the manifests, an imported file, a diff's baseline, a log. */
export function textCharsOf(msg: WorkerRequest): number {
  let n = 0;
  if ('manifests' in msg) n += msg.manifests.text?.length ?? 0;
  if (msg.type === 'parseScenario') n += msg.text.length;
  if (msg.type === 'diff') n += msg.baseline.text.length;
  if ((msg.type === 'replay' || msg.type === 'verify') && msg.log) n += msg.log.text.length;
  return n;
}

export class EngineClient {
  readonly timeLimitMs: number;
  private readonly cancelGraceMs: number;
  private readonly msPerMillionChars: number;
  private readonly keepReadingChars: number;
  private readonly textPartChars: number;
  private readonly now: () => number;
  private worker: WorkerLike;
  /** manifests version the current worker holds (or will, once it reads what was sent) */
  private loadedVersion: number | undefined;
  private inflight: Slot | undefined;
  private readonly pending = new Map<JobKind, Slot>();
  private nextId = 1;
  private limitTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  /** the next part of a large text, while its parts go */
  private partTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly opts: EngineClientOptions) {
    this.timeLimitMs = opts.timeLimitMs ?? 3000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 300;
    this.msPerMillionChars = opts.timeLimitMsPerMillionChars ?? 1000;
    this.keepReadingChars = opts.keepReadingChars ?? 1_000_000;
    this.textPartChars = Math.max(1, opts.textPartChars ?? 1_000_000);
    this.now = opts.now ?? (() => performance.now());
    this.worker = this.spawn();
  }

  run<K extends JobKind>(job: Extract<Job, { type: K }>): Promise<RunResult<K>> {
    return new Promise<RunResult<K>>((resolve) => {
      if (this.disposed) {
        resolve({ status: 'error', error: { code: 'WorkerCrashed', message: 'the engine client was shut down' } });
        return;
      }
      const slot: Slot = { job, resolve: resolve as Slot['resolve'], superseded: false, retried: false };
      this.pending.get(job.type)?.resolve({ status: 'superseded' });
      this.pending.set(job.type, slot);
      const f = this.inflight;
      if (f && f.job.type === job.type && !f.superseded) {
        f.superseded = true;
        f.resolve({ status: 'superseded' });
      }
      this.scheduleCancel();
      this.pump();
    });
  }

  /** The time limit of a job whose message carries `textChars` characters of text. */
  limitFor(textChars: number): number {
    return Math.round(this.timeLimitMs + (this.msPerMillionChars * textChars) / 1_000_000);
  }

  /** True while a job runs or waits. */
  get busy(): boolean {
    return !!this.inflight || this.pending.size > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    for (const s of this.pending.values()) s.resolve({ status: 'superseded' });
    this.pending.clear();
    if (this.inflight && !this.inflight.superseded) this.inflight.resolve({ status: 'superseded' });
    this.inflight = undefined;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
  }

  private spawn(): WorkerLike {
    const w = this.opts.createWorker();
    w.onmessage = (e) => this.onReply(w, e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.onCrash(w, e.message || 'the engine worker failed');
    };
    return w;
  }

  /** Replaces the worker; whatever it was doing is abandoned. */
  private restart(why: RestartReason): void {
    this.clearTimers();
    const old = this.worker;
    old.onmessage = null;
    old.onerror = null;
    old.terminate();
    this.inflight = undefined;
    this.loadedVersion = undefined;
    this.worker = this.spawn();
    this.opts.onRestart?.(why);
  }

  private clearTimers(): void {
    if (this.limitTimer !== undefined) clearTimeout(this.limitTimer);
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    if (this.partTimer !== undefined) clearTimeout(this.partTimer);
    this.limitTimer = undefined;
    this.graceTimer = undefined;
    this.partTimer = undefined;
  }

  /**
   * Cancels a superseded job that is still running after the grace period, unless
   * the job waiting behind it needs the same manifests (then the running job is
   * loading exactly what the next one needs, and finishing it is cheaper).
   */
  private scheduleCancel(): void {
    const f = this.inflight;
    if (!f || !f.superseded || this.graceTimer !== undefined) return;
    if ((f.manifestsChars ?? 0) >= this.keepReadingChars) return;
    const next = this.pending.get(f.job.type);
    const v = manifestsVersion(f.job);
    if (next && v !== undefined && manifestsVersion(next.job) === v) return;
    const wait = Math.max(0, this.cancelGraceMs - (this.now() - (f.sentAt ?? this.now())));
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (this.inflight !== f) return;
      this.restart('cancel');
      this.pump();
    }, wait);
  }

  private pump(): void {
    if (this.inflight || this.disposed) return;
    const kind = PRIORITY.find((k) => this.pending.has(k));
    if (!kind) return;
    const slot = this.pending.get(kind)!;
    this.pending.delete(kind);
    this.send(slot);
  }

  private send(slot: Slot): void {
    const requestId = this.nextId++;
    slot.requestId = requestId;
    slot.sentAt = this.now();
    const job = slot.job;
    let msg: WorkerRequest;
    if (!('manifests' in job)) {
      msg = { ...job, requestId };
    } else {
      const v = job.manifests.version;
      const withText = this.loadedVersion !== v;
      msg = { ...job, manifests: withText ? job.manifests : { version: v }, requestId };
      // The worker handles messages in order, so it holds this version before it reads the next one.
      this.loadedVersion = v;
    }
    this.inflight = slot;
    slot.textChars = textCharsOf(msg);
    slot.manifestsChars = 'manifests' in msg ? (msg.manifests.text?.length ?? 0) : 0;
    slot.limitMs = this.limitFor(slot.textChars);
    const manifestsText = 'manifests' in msg ? msg.manifests.text : undefined;
    if ('manifests' in msg && manifestsText !== undefined && manifestsText.length > this.textPartChars) {
      const m = msg;
      this.sendParts(slot, m.manifests.version, manifestsText, (count) => ({ ...m, manifests: { version: m.manifests.version, parts: count } }));
    } else if (msg.type === 'parseScenario' && msg.text.length > this.textPartChars) {
      const m = msg;
      this.sendParts(slot, -requestId, m.text, (count) => ({ ...m, text: '', textParts: count }));
    } else this.post(slot, msg);
  }

  /**
   * Sends a large text in parts named `version`, one per task, then the job that reads
   * them (`job(count)`). A superseded job's parts still go: the job behind it is an edit of
   * the same text, which the worker's loader reads faster once it has read this one (see
   * keepReadingChars), and an import superseded meanwhile is cancelled as before. A
   * restart (a crash, a cancel) or dispose stops them.
   */
  private sendParts(slot: Slot, version: number, text: string, job: (count: number) => WorkerRequest): void {
    const worker = this.worker;
    const size = this.textPartChars;
    const count = Math.ceil(text.length / size);
    let index = 0;
    const next = () => {
      this.partTimer = undefined;
      if (this.disposed || this.worker !== worker || this.inflight !== slot) return;
      try {
        worker.postMessage({ type: 'textPart', version, index, count, text: text.slice(index * size, (index + 1) * size) });
      } catch (err) {
        this.failSend(slot, err);
        return;
      }
      index++;
      if (index < count) this.partTimer = setTimeout(next, 0);
      else this.post(slot, job(count));
    };
    next();
  }

  /** Posts a job; its time limit starts now. */
  private post(slot: Slot, msg: WorkerRequest): void {
    this.limitTimer = setTimeout(() => this.onTimeLimit(slot), slot.limitMs);
    try {
      this.worker.postMessage(msg);
    } catch (err) {
      this.failSend(slot, err);
    }
  }

  /** A message that could not be posted (e.g. a value that cannot be cloned): a bug on this side; reported rather than left to hang. */
  private failSend(slot: Slot, err: unknown): void {
    this.clearTimers();
    this.inflight = undefined;
    this.loadedVersion = undefined;
    if (!slot.superseded) slot.resolve({ status: 'error', error: { code: 'BadMessage', message: err instanceof Error ? err.message : String(err) } });
    this.pump();
  }

  private onReply(from: WorkerLike, reply: WorkerReply): void {
    const f = this.inflight;
    // Replies from a replaced worker, or for a job no longer in flight, are stale.
    if (from !== this.worker || !f || reply?.requestId !== f.requestId) return;
    this.clearTimers();
    this.inflight = undefined;
    if (!reply.ok) {
      // A worker that failed a job dropped its cluster; one that asks for the text never had it.
      this.loadedVersion = undefined;
      if (reply.error.code === 'NeedManifests' && !f.retried && !f.superseded) {
        f.retried = true;
        this.send(f);
        return;
      }
    }
    if (!f.superseded) {
      const ms = this.now() - (f.sentAt ?? this.now());
      f.resolve(reply.ok ? { status: 'done', value: reply.result, ms, workerMs: reply.ms } : { status: 'error', error: reply.error });
    }
    this.pump();
  }

  private onTimeLimit(slot: Slot): void {
    if (this.inflight !== slot) return;
    this.restart('time-limit');
    if (!slot.superseded) {
      slot.resolve({
        status: 'error',
        error: { code: 'TimeLimit', message: `the engine did not finish within ${((slot.limitMs ?? this.timeLimitMs) / 1000).toFixed(1)} s and was stopped`, limitMs: slot.limitMs },
      });
    }
    this.pump();
  }

  private onCrash(from: WorkerLike, message: string): void {
    if (from !== this.worker) return;
    const f = this.inflight;
    this.restart('crash');
    if (f && !f.superseded) f.resolve({ status: 'error', error: { code: 'WorkerCrashed', message } });
    this.pump();
  }
}
