import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM } from '../../worker/protocol';
import { loadCurrent, loadPrevious, saveCurrent, saveCurrentPacked, savePrevious } from './persist';
import { MAX_FRAGMENT_CHARS, packSnapshot } from './share';

class MemoryStorage {
  data = new Map<string, string>();
  quota = Infinity;
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(k, v);
  }
}

const snap = { scenario: { name: 'S', mode: 'auto' as const, manifests: 'kind: Service\n', requests: [] }, form: DEFAULT_FORM };

describe('persistence', () => {
  it('keeps the current and the previous work apart', () => {
    const store = new MemoryStorage() as unknown as Storage;
    expect(saveCurrent(snap, store)).toEqual({ ok: true });
    expect(savePrevious({ ...snap, scenario: { ...snap.scenario, name: 'P' } }, store)).toEqual({ ok: true });
    expect(loadCurrent(store)?.scenario.name).toBe('S');
    expect(loadPrevious(store)?.scenario.name).toBe('P');
  });

  it('says so when the browser has no room, and keeps what it had', () => {
    const mem = new MemoryStorage();
    const store = mem as unknown as Storage;
    saveCurrent(snap, store);
    mem.quota = 10;
    const r = saveCurrent({ ...snap, scenario: { ...snap.scenario, manifests: 'x'.repeat(100) } }, store);
    expect(r.ok).toBe(false);
    expect(loadCurrent(store)?.scenario.manifests).toBe('kind: Service\n');
  });

  it('ignores stored data it cannot read', () => {
    const mem = new MemoryStorage();
    mem.data.set('routelab.v1.current', '{not json');
    expect(loadCurrent(mem as unknown as Storage)).toBeUndefined();
  });

  it('keeps the work packed as a link holds it, and reads it back', async () => {
    const mem = new MemoryStorage();
    const store = mem as unknown as Storage;
    const work = { ...snap, scenario: { ...snap.scenario, manifests: 'kind: Service\nmetadata: {name: web}\n'.repeat(2000) }, selected: undefined };
    expect(saveCurrentPacked(work, await packSnapshot(work), store)).toEqual({ ok: true });
    const stored = mem.data.get('routelab.v1.current')!;
    expect(stored.startsWith('v1.')).toBe(true);
    expect(stored.length).toBeLessThan(work.scenario.manifests.length / 20);
    expect(loadCurrent(store)).toEqual(work);
  });

  it('still reads the work a page stored as JSON', () => {
    const mem = new MemoryStorage();
    mem.data.set('routelab.v1.current', JSON.stringify(snap));
    expect(loadCurrent(mem as unknown as Storage)?.scenario.manifests).toBe('kind: Service\n');
  });

  it('stores JSON when the packed text is past what a link may hold, so it is read back', () => {
    const mem = new MemoryStorage();
    const store = mem as unknown as Storage;
    expect(saveCurrentPacked(snap, `v1.${'A'.repeat(MAX_FRAGMENT_CHARS)}`, store)).toEqual({ ok: true });
    expect(mem.data.get('routelab.v1.current')!.startsWith('{')).toBe(true);
    expect(loadCurrent(store)?.scenario.name).toBe('S');
  });

  it('ignores a packed text it cannot read', () => {
    const mem = new MemoryStorage();
    mem.data.set('routelab.v1.current', 'v1.not-deflate');
    expect(loadCurrent(mem as unknown as Storage)).toBeUndefined();
  });
});
