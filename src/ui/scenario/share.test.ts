import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { DEFAULT_FORM } from '../../worker/protocol';
import { decodeFragment, encodeSnapshot, fromBase64Url, inflateCapped, toBase64Url, type AppSnapshot } from './share';

const snapshot: AppSnapshot = {
  scenario: {
    name: 'Shop',
    description: 'why',
    mode: 'ingress',
    manifests: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n# ünïcödé → ok\n',
    requests: [
      { id: 'r1', name: 'root', form: { ...DEFAULT_FORM, headers: 'X-A: 1' }, expect: { backend: { namespace: 'default', service: 'web', port: 80 }, requestHeaders: { 'x-a': '1' } } },
      { id: 'r2', name: 'bookmark', form: { ...DEFAULT_FORM, controller: 'haproxy', gateway: 'infra/gw', listener: 'https' } },
    ],
  },
  form: { ...DEFAULT_FORM, method: 'POST', url: 'http://shop.example.test/cart', controller: 'traefik' },
  selected: 'r2',
};

describe('share links', () => {
  it('round-trip the scenario, the request bar and the selection exactly', () => {
    const fragment = encodeSnapshot(snapshot);
    expect(fragment).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeFragment(`#${fragment}`)).toEqual({ ok: true, snapshot });
  });

  it('round-trip any manifests text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const s = { ...snapshot, scenario: { ...snapshot.scenario, manifests: text } };
        const r = decodeFragment(encodeSnapshot(s));
        return r.ok && r.snapshot.scenario.manifests === text;
      }),
      { numRuns: 200 },
    );
  });

  it('base64url round-trips bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => Buffer.from(fromBase64Url(toBase64Url(b))).equals(Buffer.from(b))));
  });

  it('refuse a decompression bomb before it is inflated', () => {
    const bomb = deflateSync(new Uint8Array(12 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => inflateCapped(bomb, 8 * 1024 * 1024)).toThrow(/more than 8 MB/);
    const r = decodeFragment(`v1.${toBase64Url(bomb)}`);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/more than 8 MB/) });
  });

  it.each([
    ['an unknown newer version', 'v9.AAAA', /newer RouteLab/],
    ['something that is not a link', 'section-2', /does not hold a RouteLab scenario/],
    ['characters outside base64url', 'v1.ab$c', /characters/],
    ['data that does not inflate', `v1.${toBase64Url(new Uint8Array([255, 255, 255, 255, 1, 2]))}`, /damaged|cut off/],
    ['a cut-off link', `v1.${toBase64Url(deflateSync(strToU8(JSON.stringify({ scenario: {}, form: {} })))).slice(0, 10)}`, /cut off|damaged/],
    ['JSON of the wrong shape', `v1.${toBase64Url(deflateSync(strToU8('[1,2]')))}`, /does not hold/],
    ['a manifests field that is not text', `v1.${toBase64Url(deflateSync(strToU8(JSON.stringify({ scenario: { manifests: { toString: 1 } }, form: {} }))))}`, /manifests is not text/],
    ['an unknown expectation', `v1.${toBase64Url(deflateSync(strToU8(JSON.stringify({ scenario: { manifests: '', requests: [{ form: {}, expect: { __proto__x: 1 } }] }, form: {} }))))}`, /unknown expectation/],
  ])('report %s without throwing', (_n, fragment, message) => {
    const r = decodeFragment(fragment);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it('never carry fields it does not know', () => {
    const sneaky = { scenario: { ...snapshot.scenario, onload: 'alert(1)' }, form: { ...snapshot.form, extra: 1 }, script: 'x' };
    const r = decodeFragment(`v1.${toBase64Url(deflateSync(strToU8(JSON.stringify(sneaky))))}`);
    expect(r.ok && Object.keys(r.snapshot.scenario).sort()).toEqual(['description', 'manifests', 'mode', 'name', 'requests', 'source']);
    expect(r.ok && Object.keys(r.snapshot.form).sort()).toEqual(['controller', 'gateway', 'headers', 'listener', 'method', 'url']);
    expect(r.ok && 'script' in r.snapshot).toBe(false);
  });
});

describe('encodeForLink', () => {
  it('encodes what fits, and says how large what does not fit would be', async () => {
    const { encodeForLink, MAX_LINKABLE_CHARS } = await import('./share');
    const ok = encodeForLink(snapshot);
    expect(ok.ok && decodeFragment(ok.fragment)).toEqual({ ok: true, snapshot });
    let seed = 1;
    const noise = Array.from({ length: 120_000 }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const big = encodeForLink({ ...snapshot, scenario: { ...snapshot.scenario, manifests: noise } });
    expect(big.ok).toBe(false);
    expect(!big.ok && big.chars).toBeGreaterThan(64_000);
    const huge = encodeForLink({ ...snapshot, scenario: { ...snapshot.scenario, manifests: 'a'.repeat(MAX_LINKABLE_CHARS + 1) } });
    expect(huge).toEqual({ ok: false, chars: expect.any(Number) });
  });
});

describe('encodeForLinkAsync', () => {
  it('writes links decodeFragment reads, with the platform deflate and without it', async () => {
    const { encodeForLinkAsync, MAX_LINKABLE_CHARS } = await import('./share');
    expect(typeof CompressionStream).toBe('function');
    const native = await encodeForLinkAsync(snapshot);
    expect(native.ok && decodeFragment(native.fragment)).toEqual({ ok: true, snapshot });
    let seed = 7;
    const noise = Array.from({ length: 120_000 }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const big = await encodeForLinkAsync({ ...snapshot, scenario: { ...snapshot.scenario, manifests: noise } });
    expect(!big.ok && big.chars).toBeGreaterThan(64_000);
    const huge = await encodeForLinkAsync({ ...snapshot, scenario: { ...snapshot.scenario, manifests: 'a'.repeat(MAX_LINKABLE_CHARS + 1) } });
    expect(huge).toEqual({ ok: false, chars: expect.any(Number) });
    // A browser without CompressionStream gets the JavaScript deflate: the same link.
    const saved = globalThis.CompressionStream;
    try {
      (globalThis as { CompressionStream?: unknown }).CompressionStream = undefined;
      const fallback = await encodeForLinkAsync(snapshot);
      expect(fallback.ok && decodeFragment(fallback.fragment)).toEqual({ ok: true, snapshot });
    } finally {
      globalThis.CompressionStream = saved;
    }
  });
});
