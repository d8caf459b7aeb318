// Every gallery example must do what it says: all its expectations pass in the engine.
import { describe, expect, it } from 'vitest';
import { parseTestFile, runParsedTestFile } from '../../engine/index';
import { EXAMPLES } from './index';

describe('the examples gallery', () => {
  it('has at least 12 examples with distinct ids, and opens on Prefix vs Exact', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(EXAMPLES[0].title).toBe('Prefix vs Exact paths');
  });

  it.each(EXAMPLES.map((e) => [e.file, e] as const))('%s: every expectation holds', (_file, example) => {
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
