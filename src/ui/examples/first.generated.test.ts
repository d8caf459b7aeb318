// The page opens the first example from first.generated.ts without asking the worker to read
// it: that copy must be what the worker would read from the example's file today.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../worker/session';
import { EXAMPLES } from './index';
import { FIRST_EXAMPLE, FIRST_EXAMPLE_FILE } from './first.generated';

describe('the first example, read at build time', () => {
  it('is the gallery\'s first example, read as parseScenario reads its file (else run node scripts/first-example.mjs)', async () => {
    expect(FIRST_EXAMPLE_FILE).toBe(EXAMPLES[0].file);
    const text = await EXAMPLES[0].load();
    expect(FIRST_EXAMPLE).toEqual(parseScenario({ type: 'parseScenario', file: EXAMPLES[0].file, text }));
    expect(FIRST_EXAMPLE.warnings).toEqual([]);
    expect(FIRST_EXAMPLE.scenario.requests.length).toBeGreaterThan(0);
  });
});
