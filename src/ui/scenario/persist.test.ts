import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM } from '../../worker/protocol';
import { loadCurrent, loadPrevious, saveCurrent, savePrevious } from './persist';

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
});
