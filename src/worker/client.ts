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
//   worker does not hold that version yet. An access log and a diff's baseline are
//   kept the same way, by id (see HeldText): an edit re-runs the replay without
//   posting the log again. A large text goes ahead of its job in parts, one per task
//   (see TextPart), so the page never copies all of it in one task.
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
  if (msg.type === 'diff') n += msg.baseline.text?.length ?? 0;
  if ((msg.type === 'replay' || msg.type === 'verify') && msg.log) n += msg.log.text?.length ?? 0;
  return n;
}

/** The held text a job reads besides its manifests (see HeldText): a replay's or verify's log, a diff's baseline. */
function heldTextOf(job: Job): { kind: 'log' | 'baseline'; id: number; text: string } | undefined {
  if (job.type === 'diff') return job.baseline.text === undefined ? undefined : { kind: 'baseline', id: job.baseline.id, text: job.baseline.text };
  if ((job.type === 'replay' || (job.type === 'verify' && job.requestsFrom === 'log')) && job.log?.text !== undefined) return { kind: 'log', id: job.log.id, text: job.log.text };
  return undefined;
}

/** The message with its held text replaced: left out (`text` undefined) or sent in `parts`. */
function withHeldText(msg: WorkerRequest, text: string | undefined, parts?: number): WorkerRequest {
  if (msg.type === 'diff') return { ...msg, baseline: { id: msg.baseline.id, text, parts } };
  if ((msg.type === 'replay' || msg.type === 'verify') && msg.log) return { ...msg, log: { id: msg.log.id, name: msg.log.name, text, parts } } as WorkerRequest;
  return msg;
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
  /** the log and the baseline the current worker holds, by id (or will, once it reads what was sent) */
  private readonly heldIds = new Map<'log' | 'baseline', number>();
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
    this.heldIds.clear();
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
    // A log or baseline goes once per worker: later jobs name it by id (see HeldText).
    const held = heldTextOf(job);
    let heldChars = 0;
    if (held) {
      if (this.heldIds.get(held.kind) === held.id) {
        msg = withHeldText(msg, undefined);
        // The worker reads a held log again (a held baseline stays parsed): its time counts.
        if (held.kind === 'log') heldChars = held.text.length;
      } else this.heldIds.set(held.kind, held.id);
    }
    this.inflight = slot;
    slot.textChars = textCharsOf(msg) + heldChars;
    slot.manifestsChars = 'manifests' in msg ? (msg.manifests.text?.length ?? 0) : 0;
    slot.limitMs = this.limitFor(slot.textChars);
    // Each text over textPartChars goes ahead of the job in parts: the manifests named by
    // their version, the job's own text (an imported file, a log, a baseline) by -requestId.
    const size = this.textPartChars;
    const parts: Array<{ name: number; text: string }> = [];
    const count = (text: string) => Math.ceil(text.length / size);
    const manifestsText = 'manifests' in msg ? msg.manifests.text : undefined;
    if ('manifests' in msg && manifestsText !== undefined && manifestsText.length > size) {
      parts.push({ name: msg.manifests.version, text: manifestsText });
      msg = { ...msg, manifests: { version: msg.manifests.version, parts: count(manifestsText) } };
    }
    if (msg.type === 'parseScenario' && msg.text.length > size) {
      parts.push({ name: -requestId, text: msg.text });
      msg = { ...msg, text: '', textParts: count(msg.text) };
    } else {
      const own = heldTextOf(msg);
      if (own && own.text.length > size) {
        parts.push({ name: -requestId, text: own.text });
        msg = withHeldText(msg, undefined, count(own.text));
      }
    }
    if (parts.length) this.sendParts(slot, parts, msg);
    else this.post(slot, msg);
  }

  /**
   * Sends large texts in parts, one part per task, then the job that reads them. A
   * superseded job's parts still go: the job behind it is an edit of the same text, which
   * the worker's loader reads faster once it has read this one (see keepReadingChars), and
   * an import superseded meanwhile is cancelled as before. A restart (a crash, a cancel) or
   * dispose stops them.
   */
  private sendParts(slot: Slot, texts: Array<{ name: number; text: string }>, job: WorkerRequest): void {
    const worker = this.worker;
    const size = this.textPartChars;
    let t = 0;
    let index = 0;
    const next = () => {
      this.partTimer = undefined;
      if (this.disposed || this.worker !== worker || this.inflight !== slot) return;
      const { name, text } = texts[t];
      const count = Math.ceil(text.length / size);
      try {
        worker.postMessage({ type: 'textPart', version: name, index, count, text: text.slice(index * size, (index + 1) * size) });
      } catch (err) {
        this.failSend(slot, err);
        return;
      }
      if (++index === count) {
        index = 0;
        t++;
      }
      if (t < texts.length) this.partTimer = setTimeout(next, 0);
      else this.post(slot, job);
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
      // It may not have kept the job's log or baseline either: the next job sends them again.
      this.loadedVersion = undefined;
      this.heldIds.clear();
      if ((reply.error.code === 'NeedManifests' || reply.error.code === 'NeedText') && !f.retried && !f.superseded) {
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
