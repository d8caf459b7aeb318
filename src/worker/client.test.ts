// The client against a session in-process (a fake worker); the analysis session answers
// everything the trace session does, so it stands in for both workers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, type WorkerLike } from './client';
import { DEFAULT_FORM, type DiffJob, type ReplayJob, type TextPart, type TraceJob, type WorkerMessage, type WorkerReply, type WorkerRequest } from './protocol';
import { AnalysisSession } from './analysis';

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

/** A worker that answers only when the test says so (or never, to play a runaway job). */
class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  inbox: WorkerMessage[] = [];
  terminated = false;
  constructor(private session: AnalysisSession, private forgetful = false) {}
  postMessage(m: WorkerMessage) {
    // Structured cloning, as a real worker would see it.
    this.inbox.push(structuredClone(m));
  }
  terminate() {
    this.terminated = true;
  }
  /** Handles the oldest job and replies; the parts of a large text before it are kept, as a worker does (they go one per task: the timers run until the job is in). */
  answer(): WorkerReply {
    if (this.forgetful) this.session = new AnalysisSession();
    for (let turns = 0; this.inbox[0]?.type !== 'trace' && !isJob(this.inbox[0]); turns++) {
      if (turns > 10_000) throw new Error('no job came');
      if (this.inbox.length === 0) vi.advanceTimersToNextTimer();
      else expect(this.session.receive(this.inbox.shift()!)).toBeUndefined();
    }
    const m = this.inbox.shift() as WorkerRequest;
    const reply = structuredClone(this.session.receive(m)!);
    this.onmessage?.({ data: reply });
    return reply;
  }
}

const isJob = (m: WorkerMessage | undefined): m is WorkerRequest => !!m && m.type !== 'textPart';

function setup(opts: { forgetful?: boolean; msPerMillionChars?: number; keepReadingChars?: number; textPartChars?: number } = {}) {
  const workers: FakeWorker[] = [];
  const restarts: string[] = [];
  let t = 0;
  const client = new EngineClient({
    createWorker: () => {
      const w = new FakeWorker(new AnalysisSession(), opts.forgetful);
      workers.push(w);
      return w;
    },
    timeLimitMs: 1000,
    cancelGraceMs: 200,
    timeLimitMsPerMillionChars: opts.msPerMillionChars,
    keepReadingChars: opts.keepReadingChars,
    textPartChars: opts.textPartChars,
    now: () => t,
    onRestart: (why) => restarts.push(why),
  });
  const advance = (ms: number) => {
    t += ms;
    vi.advanceTimersByTime(ms);
  };
  return { client, workers, restarts, advance, current: () => workers[workers.length - 1] };
}

const job = (version: number, url = 'http://shop.example.test/', text = YAML): TraceJob => ({
  type: 'trace',
  manifests: { version, text },
  mode: 'ingress',
  form: { ...DEFAULT_FORM, url },
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('EngineClient', () => {
  it('traces and keeps the cluster in the worker when only the request changes', async () => {
    const { client, current } = setup();
    const p1 = client.run(job(1));
    const first = current().inbox[0];
    expect(first.type === 'trace' && first.manifests.text).toBe(YAML);
    current().answer();
    const r1 = await p1;
    expect(r1.status).toBe('done');
    if (r1.status !== 'done') return;
    expect(r1.value.trace?.outcome.backend).toMatchObject({ namespace: 'shop', service: 'web' });

    const p2 = client.run(job(1, 'http://shop.example.test/other'));
    const sent = current().inbox[0];
    expect(sent.type === 'trace' && sent.manifests).toEqual({ version: 1 });
    current().answer();
    const r2 = await p2;
    expect(r2.status === 'done' && r2.value.load.parseMs).toBe(0);
    expect(r2.status === 'done' && r2.value.trace?.request.path).toBe('/other');
  });

  it('drops the reply of a superseded job and answers the newer one', async () => {
    const { client, current } = setup();
    const older = client.run(job(1, 'http://shop.example.test/old'));
    const newer = client.run(job(1, 'http://shop.example.test/new'));
    expect(await older).toEqual({ status: 'superseded' });
    // The older job is still in the worker; its reply must not reach anyone.
    current().answer();
    expect(current().inbox).toHaveLength(1);
    current().answer();
    const r = await newer;
    expect(r.status === 'done' && r.value.trace?.request.path).toBe('/new');
  });

  it('keeps only the newest waiting job of a kind', async () => {
    const { client, current } = setup();
    const running = client.run({ type: 'parseScenario', file: 'a.yaml', text: YAML });
    const a = client.run(job(1, 'http://shop.example.test/a'));
    const b = client.run(job(1, 'http://shop.example.test/b'));
    expect(await a).toEqual({ status: 'superseded' });
    current().answer();
    expect((await running).status).toBe('done');
    current().answer();
    const rb = await b;
    expect(rb.status === 'done' && rb.value.trace?.request.path).toBe('/b');
  });

  it('stops a job that overruns the time limit and replaces the worker', async () => {
    const { client, workers, restarts, advance, current } = setup();
    const p = client.run(job(1));
    advance(999);
    expect(workers).toHaveLength(1);
    advance(1);
    const r = await p;
    expect(r.status).toBe('error');
    expect(r.status === 'error' && r.error.code).toBe('TimeLimit');
    expect(restarts).toEqual(['time-limit']);
    expect(workers[0].terminated).toBe(true);

    // The fresh worker holds no cluster, so the next job carries the text again.
    const p2 = client.run(job(1));
    const sent = current().inbox[0];
    expect(sent.type === 'trace' && sent.manifests.text).toBe(YAML);
    current().answer();
    expect((await p2).status).toBe('done');
  });

  it('cancels a superseded job that keeps running when the newer one needs other manifests', async () => {
    const { client, workers, restarts, advance, current } = setup();
    const old = client.run(job(1));
    const next = client.run(job(2, 'http://shop.example.test/', `${YAML}\n# edited\n`));
    expect(await old).toEqual({ status: 'superseded' });
    advance(200);
    expect(restarts).toEqual(['cancel']);
    expect(workers[0].terminated).toBe(true);
    const sent = current().inbox[0];
    expect(sent.type === 'trace' && sent.manifests.version).toBe(2);
    current().answer();
    expect((await next).status).toBe('done');
  });

  it('lets a superseded job finish when the newer one needs the same manifests', async () => {
    const { client, restarts, advance, current } = setup();
    client.run(job(1, 'http://shop.example.test/a'));
    const next = client.run(job(1, 'http://shop.example.test/b'));
    advance(500);
    expect(restarts).toEqual([]);
    current().answer();
    current().answer();
    expect((await next).status).toBe('done');
  });

  it('resends the manifests when the worker does not hold them', async () => {
    const { client, current } = setup({ forgetful: true });
    const p1 = client.run(job(1));
    current().answer();
    await p1;
    const p2 = client.run(job(1, 'http://shop.example.test/again'));
    const reply = current().answer();
    expect(!reply.ok && reply.error.code).toBe('NeedManifests');
    const resent = current().inbox[0];
    expect(resent.type === 'trace' && resent.manifests.text).toBe(YAML);
    current().answer();
    expect((await p2).status).toBe('done');
  });

  it('reports a crashed worker as a plain error and starts a new one', async () => {
    const { client, workers, restarts, current } = setup();
    const p = client.run(job(1));
    current().onerror?.({ message: 'boom' });
    expect(await p).toEqual({ status: 'error', error: { code: 'WorkerCrashed', message: 'boom' } });
    expect(restarts).toEqual(['crash']);
    expect(workers).toHaveLength(2);
  });

  it('runs analysis jobs after the trace, sends the manifests once, and supersedes them like traces', async () => {
    const { client, current } = setup();
    const lintOld = client.run({ type: 'lint', manifests: { version: 1, text: YAML }, controller: 'spec' });
    const traced = client.run(job(1));
    const lintNew = client.run({ type: 'lint', manifests: { version: 1, text: YAML }, controller: 'traefik' });
    const split = client.run({ type: 'split', backends: [{ namespace: 'a', service: 'b', weight: 1, share: 1 }], runs: 10, seed: 1 });
    // The older lint was in flight; the newer one replaces it and its reply is dropped.
    expect(await lintOld).toEqual({ status: 'superseded' });
    current().answer();
    // Waiting: the trace first, then the split (no manifests), then the newer lint.
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = current().inbox[0];
      order.push(m.type);
      if ('manifests' in m) expect(m.manifests).toEqual({ version: 1 });
      else expect(m.type).toBe('split');
      current().answer();
    }
    expect(order).toEqual(['trace', 'split', 'lint']);
    expect((await traced).status).toBe('done');
    const s = await split;
    expect(s.status === 'done' && s.value.rows[0].count).toBe(10);
    const l = await lintNew;
    expect(l.status === 'done' && l.value.controller).toBe('traefik');
  });

  it('gives a job that carries a large text more time, and says which limit stopped it', async () => {
    // In one message (no parts: their tasks would start the limit a little later).
    const { client, restarts, advance, current } = setup({ msPerMillionChars: 1000, textPartChars: 10_000_000 });
    // 2 MB of YAML (a comment block after the manifests): the limit is 1 s + 2 s.
    const big = `${YAML}${'# padding\n'.repeat(200_000)}`;
    expect(client.limitFor(big.length)).toBe(3000);
    const p = client.run(job(1, 'http://shop.example.test/', big));
    advance(2999);
    expect(restarts).toEqual([]);
    advance(1);
    const r = await p;
    expect(r.status === 'error' && r.error).toMatchObject({ code: 'TimeLimit', limitMs: 3000, message: expect.stringContaining('3.0 s') });

    // Once the worker holds the text, a job that sends only the version has the base limit.
    const p2 = client.run(job(1, 'http://shop.example.test/', big));
    current().answer();
    expect((await p2).status).toBe('done');
    const p3 = client.run(job(1, 'http://shop.example.test/other', big));
    advance(1000);
    const r3 = await p3;
    expect(r3.status === 'error' && r3.error).toMatchObject({ code: 'TimeLimit', limitMs: 1000 });
  });

  it('lets a superseded job that reads a large text finish, so the edit after it reuses what it read', async () => {
    const { client, workers, restarts, advance, current } = setup({ keepReadingChars: 100_000 });
    const big = `${YAML}${'# padding\n'.repeat(20_000)}`;
    const old = client.run(job(1, 'http://shop.example.test/', big));
    const next = client.run(job(2, 'http://shop.example.test/', `${big}# edited\n`));
    expect(await old).toEqual({ status: 'superseded' });
    advance(500);
    expect(restarts).toEqual([]);
    expect(workers).toHaveLength(1);
    current().answer(); // the old read finishes; its reply is dropped
    const sent = current().inbox[0];
    expect(sent.type === 'trace' && sent.manifests.version).toBe(2);
    current().answer();
    expect((await next).status).toBe('done');
  });

  it('still cancels a superseded import of a large file: nothing of it is kept for the next one', async () => {
    const { client, restarts, advance } = setup({ keepReadingChars: 100_000 });
    const big = `${YAML}${'# padding\n'.repeat(20_000)}`;
    const first = client.run({ type: 'parseScenario', file: 'a.yaml', text: big });
    const second = client.run({ type: 'parseScenario', file: 'b.yaml', text: YAML });
    expect(await first).toEqual({ status: 'superseded' });
    advance(200);
    expect(restarts).toEqual(['cancel']);
    void second;
  });

  it('stops an analysis job at the time limit with a plain error', async () => {
    const { client, restarts, advance } = setup();
    const p = client.run({ type: 'compare', manifests: { version: 1, text: YAML } });
    advance(1000);
    const r = await p;
    expect(r.status === 'error' && r.error.code).toBe('TimeLimit');
    expect(restarts).toEqual(['time-limit']);
  });
  it('sends a large text in parts, one per task, then the job, and the worker reads the whole text', async () => {
    const { client, current } = setup({ textPartChars: 1000 });
    const big = `${YAML}${'# padding\n'.repeat(500)}`;
    const count = Math.ceil(big.length / 1000);
    const p = client.run(job(1, 'http://shop.example.test/', big));
    // One part now; each of the others in a task of its own, and the job with the last one.
    expect(count).toBeGreaterThan(3);
    expect(current().inbox).toHaveLength(1);
    for (let i = 1; i < count; i++) {
      vi.advanceTimersToNextTimer();
      expect(current().inbox).toHaveLength(i === count - 1 ? count + 1 : i + 1);
    }
    const sent = current().inbox;
    expect(sent).toHaveLength(count + 1);
    const parts = sent.slice(0, count) as TextPart[];
    expect(parts.map((m) => [m.type, m.version, m.index, m.count])).toEqual(parts.map((_, i) => ['textPart', 1, i, count]));
    expect(parts.every((m) => m.text.length <= 1000)).toBe(true);
    expect(parts.map((m) => m.text).join('')).toBe(big);
    const last = sent[count];
    expect(last.type === 'trace' && last.manifests).toEqual({ version: 1, parts: count });
    current().answer();
    const r = await p;
    expect(r.status === 'done' && r.value.load.objects).toBe(2);
    expect(r.status === 'done' && r.value.trace?.outcome.backend).toMatchObject({ namespace: 'shop', service: 'web' });
  });

  it('sends the text again when the worker did not get all of its parts', async () => {
    const { client, current } = setup({ textPartChars: 1000 });
    const big = `${YAML}${'# padding\n'.repeat(500)}`;
    const p = client.run(job(1, 'http://shop.example.test/', big));
    vi.advanceTimersToNextTimer();
    current().inbox.splice(1, 1); // a part lost
    expect(current().answer()).toMatchObject({ ok: false, error: { code: 'NeedManifests' } });
    current().answer();
    const r = await p;
    expect(r.status === 'done' && r.value.load.objects).toBe(2);
  });

  it('keeps sending the parts of a superseded job, and the newer job of the same text sends none', async () => {
    const { client, current } = setup({ textPartChars: 1000 });
    const big = `${YAML}${'# padding\n'.repeat(500)}`;
    const older = client.run(job(1, 'http://shop.example.test/old', big));
    const newer = client.run(job(1, 'http://shop.example.test/new', big));
    expect(await older).toEqual({ status: 'superseded' });
    current().answer(); // the older job, once its parts are in; its reply is dropped
    const sent = current().inbox;
    expect(sent).toHaveLength(1);
    expect(sent[0].type === 'trace' && sent[0].manifests).toEqual({ version: 1 });
    current().answer();
    const r = await newer;
    expect(r.status === 'done' && r.value.trace?.request.path).toBe('/new');
  });

  it('sends a large imported file in parts too, and the worker reads all of it', async () => {
    const { client, current } = setup({ textPartChars: 1000 });
    const big = `${YAML}${'# padding\n'.repeat(500)}`;
    const count = Math.ceil(big.length / 1000);
    const p = client.run({ type: 'parseScenario', file: 'dump.yaml', text: big });
    expect(current().inbox[0]).toMatchObject({ type: 'textPart', index: 0, count });
    for (let i = 1; i < count; i++) vi.advanceTimersToNextTimer();
    const sent = current().inbox;
    expect(sent).toHaveLength(count + 1);
    expect((sent.slice(0, count) as TextPart[]).map((m) => m.text).join('')).toBe(big);
    expect(sent[count]).toMatchObject({ type: 'parseScenario', file: 'dump.yaml', text: '', textParts: count });
    current().answer();
    const r = await p;
    expect(r.status === 'done' && r.value.kind).toBe('manifests');
    expect(r.status === 'done' && r.value.scenario.manifests).toBe(big);
  });

  it('stops sending parts when the worker is replaced', async () => {
    const { client, workers, current } = setup({ textPartChars: 1000 });
    const big = `${YAML}${'# padding\n'.repeat(500)}`;
    const p = client.run(job(1, 'http://shop.example.test/', big));
    const first = current();
    first.onerror?.({ message: 'boom' });
    expect((await p).status).toBe('error');
    vi.runAllTimers();
    expect(first.inbox).toHaveLength(1);
    expect(workers).toHaveLength(2);
    expect(current().inbox).toHaveLength(0);
  });

  describe('an access log or a baseline goes once per worker', () => {
    const line = (path: string) => `1.2.3.4 - - [t] "GET ${path} HTTP/1.1" 200 1 "-" "ua" 1 0.1 [shop-web-80] [] 10.0.0.1:8080 1 0.1 200 x`;
    const LOG = [line('/a'), line('/b'), line('/c')].join('\n');
    const replay = (version: number, text = LOG, manifests = YAML): ReplayJob => ({ type: 'replay', manifests: { version, text: manifests }, log: { id: 1, name: 'access.log', text }, host: 'shop.example.test', target: 'keep:ingress-nginx' });
    const sentLog = (m: WorkerMessage | undefined) => (m?.type === 'replay' ? m.log : undefined);

    it('a later replay of the same log names it by id, and the worker replays the log it holds', async () => {
      const { client, current } = setup();
      const first = client.run(replay(1));
      expect(sentLog(current().inbox[0])?.text).toBe(LOG);
      current().answer();
      const r1 = await first;
      expect(r1.status === 'done' && r1.value.lines).toBe(3);
      // An edit of the manifests: the replay runs again on the log the worker holds.
      const second = client.run(replay(2, LOG, YAML.replace('port: 80,', 'port: 81,')));
      expect(sentLog(current().inbox[0])).toEqual({ id: 1, name: 'access.log' });
      current().answer();
      const r2 = await second;
      expect(r2.status === 'done' && r2.value.lines).toBe(3);
      expect(r2.status === 'done' && r2.value.version).toBe(2);
    });

    it('sends the log again to a worker that does not hold it (NeedText), and after a restart', async () => {
      const { client, current } = setup();
      await Promise.all([client.run(replay(1)), Promise.resolve(current().answer())]);
      const p = client.run(replay(1));
      const asked = current().inbox.shift() as WorkerRequest;
      expect(sentLog(asked)?.text).toBeUndefined();
      // What a worker that lost the log answers (the session's own answer is tested in analysis.test.ts).
      current().onmessage?.({ data: { requestId: asked.requestId, ok: false, error: { code: 'NeedText', message: 'the worker does not hold log 1' } } });
      expect(sentLog(current().inbox[0])?.text).toBe(LOG);
      current().answer();
      const r = await p;
      expect(r.status === 'done' && r.value.lines).toBe(3);

      const crash = client.run(replay(1));
      current().onerror?.({ message: 'boom' });
      expect((await crash).status).toBe('error');
      const again = client.run(replay(1));
      expect(sentLog(current().inbox[0])?.text).toBe(LOG);
      current().answer();
      expect((await again).status).toBe('done');
    });

    it('a large log goes ahead of its job in parts, after the manifests’ parts, and the worker reads both', async () => {
      const { client, current } = setup({ textPartChars: 1000 });
      const manifests = `${YAML}${'# padding\n'.repeat(300)}`;
      const log = Array.from({ length: 40 }, (_, i) => line(`/item/${i}`)).join('\n');
      const p = client.run(replay(1, log, manifests));
      const sent = current().inbox;
      while (sent[sent.length - 1].type === 'textPart') vi.advanceTimersToNextTimer();
      const parts = sent.filter((m): m is TextPart => m.type === 'textPart');
      const job = sent[sent.length - 1] as WorkerRequest;
      expect(sent).toHaveLength(parts.length + 1);
      expect(parts.every((m) => m.text.length <= 1000)).toBe(true);
      const named = (v: number) => parts.filter((m) => m.version === v).map((m) => m.text).join('');
      expect(named(1)).toBe(manifests);
      expect(named(-job.requestId)).toBe(log);
      expect(parts.findIndex((m) => m.version !== 1)).toBe(Math.ceil(manifests.length / 1000));
      expect(job.type === 'replay' && job.manifests).toEqual({ version: 1, parts: Math.ceil(manifests.length / 1000) });
      expect(sentLog(job)).toEqual({ id: 1, name: 'access.log', parts: Math.ceil(log.length / 1000) });
      current().answer();
      const r = await p;
      expect(r.status === 'done' && r.value.lines).toBe(40);
    });

    it('a diff’s baseline is sent once, and later diffs against it name it by id', async () => {
      const { client, current } = setup();
      const diff = (version: number, text: string): DiffJob => ({ type: 'diff', manifests: { version, text }, baseline: { id: 5, text: YAML }, mode: 'ingress', controller: 'spec' });
      const first = client.run(diff(1, YAML));
      expect(current().inbox[0]).toMatchObject({ baseline: { id: 5, text: YAML } });
      current().answer();
      expect((await first).status).toBe('done');
      const edited = YAML.replace('host: shop.example.test', 'host: other.example.test');
      const second = client.run(diff(2, edited));
      const sent = current().inbox[0];
      expect(sent.type === 'diff' && sent.baseline).toEqual({ id: 5 });
      current().answer();
      const r = await second;
      expect(r.status === 'done' && r.value.differences.length).toBeGreaterThan(0);
    });
  });
});
