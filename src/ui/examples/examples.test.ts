// Every gallery example must do what it says: all its expectations pass in the engine.
import { describe, expect, it } from 'vitest';
import { convertIngresses, loadManifests, parseTestFile, proveConversion, runParsedTestFile } from '../../engine/index';
import { EXAMPLES } from './index';

/** The gallery with its texts, fetched as the Examples menu does. */
const GALLERY = await Promise.all(EXAMPLES.map(async (e) => ({ ...e, text: await e.load() })));

describe('the examples gallery', () => {
  it('has at least 12 examples with distinct ids, and opens on Prefix vs Exact', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(EXAMPLES[0].title).toBe('Prefix vs Exact paths');
  });

  it.each(GALLERY.map((e) => [e.file, e] as const))('%s: every expectation holds', (_file, example) => {
    const tf = parseTestFile(example.file, example.text);
    expect(tf.errors).toEqual([]);
    expect(example.title).toBe(tf.name);
    expect(tf.cases.length).toBeGreaterThan(0);
    const result = runParsedTestFile(tf);
    expect(result.skipped).toBeUndefined();
    // Only the diagnostics that are errors: an example must read cleanly.
    expect(result.cluster?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.cluster?.ignored).toEqual([]);
    const failing = result.cases.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.failures.join('; ')}`);
    expect(failing).toEqual([]);
  });
});

describe('"Leaving ingress-nginx": its proof on a target', () => {
  const example = GALLERY.find((e) => e.id === 'leaving-ingress-nginx')!;
  const cluster = loadManifests([{ file: example.file, text: parseTestFile(example.file, example.text).manifests.text }]);
  const changed = (quirks: Parameters<typeof convertIngresses>[2]) => {
    const proof = proveConversion(cluster, convertIngresses(cluster, 'ingress-nginx', quirks));
    expect(proof.undeclared).toBe(0);
    return proof.differences.map((d) => new URL(d.request.url).pathname);
  };

  it('on Envoy Gateway: the 301 is kept by default, the case typo is a declared change, and keeping it removes that change', () => {
    const dropped = changed({ target: 'envoy-gateway' });
    expect(dropped).not.toContain('/docs');
    expect(dropped.some((p) => p.toLowerCase() === '/login' && p !== '/Login')).toBe(true);
    const kept = changed({ target: 'envoy-gateway', quirks: { 'case-insensitive': 'keep' } });
    expect(kept.some((p) => p.toLowerCase() === '/login')).toBe(false);
    expect(changed({ target: 'envoy-gateway', quirks: { 'slash-redirect': 'drop' } })).toContain('/docs');
  });
});
