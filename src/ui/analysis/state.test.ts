// When the analyses run: each only while someone can see it, again only when what it
// depends on changed, never before the first trace, and never while a trace is under way.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../worker/protocol';
import { DEFAULT_FORM } from '../../worker/protocol';

const sent: Job[] = [];
const traceWorker = { busy: false };

vi.mock('../engine', () => ({
  engineClient: () => traceWorker,
  analysisClient: () => ({
    run: (job: Job) => {
      sent.push(job);
      const value = job.type === 'lint' ? { version: 'manifests' in job ? job.manifests.version : 0, controller: job.controller, problems: [], total: 0 } : {};
      return Promise.resolve({ status: 'done', value, ms: 1, workerMs: 1 });
    },
  }),
}));
vi.mock('../actions', () => ({ replaceWork: vi.fn() }));

const { useStore } = await import('../store');
const { openView, startAnalysis, traceRequest, useAnalysis } = await import('./state');

const kinds = () => sent.map((j) => j.type);
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  sent.length = 0;
  traceWorker.busy = false;
  useStore.setState({ ready: false, editorWanted: false, yaml: 'a: 1\n', yamlVersion: 1, form: { ...DEFAULT_FORM }, scenario: { name: 't', mode: 'auto' }, trace: { status: 'idle' } });
  useAnalysis.setState({ view: 'trace', convertOpen: false, baseline: undefined });
  stop = startAnalysis();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

/** The scenario is in place and its first trace is on screen. */
function firstTrace() {
  useStore.setState({ ready: true, editorWanted: true });
}

describe('analysis scheduling', () => {
  it('lints only after the first trace, once per text and controller', async () => {
    useStore.setState({ ready: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds()).toEqual([]);
    firstTrace();
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds()).toEqual(['lint']);
    expect(sent[0]).toMatchObject({ controller: 'spec', manifests: { version: 1, text: 'a: 1\n' } });
    // A change that is neither the text nor the controller: nothing to do.
    useStore.getState().notify('info', 'hello');
    useStore.getState().setForm({ url: 'http://other.test/' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds()).toEqual(['lint']);
    useStore.getState().setForm({ controller: 'traefik' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.at(-1)).toMatchObject({ type: 'lint', controller: 'traefik' });
    expect(useAnalysis.getState().lint).toMatchObject({ status: 'done', value: { controller: 'traefik' } });
  });

  it('waits for a pause in typing', async () => {
    firstTrace();
    for (let i = 2; i < 8; i++) {
      useStore.getState().setYaml(`a: ${i}\n`);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds()).toEqual(['lint']);
    expect(sent[0]).toMatchObject({ manifests: { text: 'a: 7\n' } });
  });

  it('waits while the trace worker is busy', async () => {
    traceWorker.busy = true;
    firstTrace();
    await vi.advanceTimersByTimeAsync(2000);
    expect(kinds()).toEqual([]);
    traceWorker.busy = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(kinds()).toEqual(['lint']);
  });

  it('compares controllers only while the tab is open, and not again for the same text', async () => {
    firstTrace();
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds()).toEqual(['lint']);
    openView('compare');
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds().sort()).toEqual(['compare', 'compareRequest', 'lint']);
    openView('trace');
    openView('compare');
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds()).toHaveLength(3);
    // The request bar's request is compared again when it changes; the generated set is not.
    useStore.getState().setForm({ url: 'http://other.test/' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(kinds().filter((k) => k === 'compareRequest')).toHaveLength(2);
    expect(kinds().filter((k) => k === 'compare')).toHaveLength(1);
  });

  it('diffs against the baseline while one is kept', async () => {
    firstTrace();
    useAnalysis.setState({ baseline: { id: 1, text: 'a: 0\n', name: 't', takenAt: 0 } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.find((j) => j.type === 'diff')).toMatchObject({ baseline: { id: 1, text: 'a: 0\n' }, mode: 'auto', controller: 'spec', manifests: { version: 1 } });
  });

  it('runs the split for a trace whose outcome has one, again when N changes', async () => {
    firstTrace();
    const backends = [
      { namespace: 's', service: 'v1', weight: 90, share: 0.9 },
      { namespace: 's', service: 'v2', weight: 10, share: 0.1 },
    ];
    useStore.setState({ trace: { status: 'done', value: { trace: { outcome: { backends } } } as never } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.find((j) => j.type === 'split')).toEqual({ type: 'split', backends, runs: 1000, seed: 1 });
    useAnalysis.setState({ splitRuns: 5000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.filter((j) => j.type === 'split').map((j) => j.type === 'split' && j.runs)).toEqual([1000, 5000]);
  });
});

describe('traceRequest', () => {
  it('loads the request and controller into the request bar and shows the trace', () => {
    useStore.setState({ scenario: { name: 't', mode: 'gateway' } });
    useAnalysis.setState({ view: 'compare' });
    traceRequest({ url: 'http://foo.test/foox', why: 'x' }, 'traefik');
    expect(useStore.getState().form).toMatchObject({ url: 'http://foo.test/foox', controller: 'traefik', method: 'GET' });
    // A controller's result is an Ingress trace.
    expect(useStore.getState().scenario.mode).toBe('ingress');
    expect(useAnalysis.getState().view).toBe('trace');
  });
});
