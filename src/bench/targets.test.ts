import { describe, expect, it } from 'vitest';
import { combineRuns, measured, measuredFigures } from './targets.js';

describe('bench targets over several runs', () => {
  it('reads the median of the runs for each target measured in every run, and keeps a target a repeat lacks as run 1 measured it', () => {
    measured('parseGateway', 900);
    measured('traceMedian', 0.012, 'slowest: Gateway API portable');
    measured('checkCase', 0.03);
    expect(measuredFigures()).toEqual({ parseGateway: 900, traceMedian: 12, checkCase: 30 });
    const combined = combineRuns([
      { parseGateway: 500, traceMedian: 9, checkCase: 25 },
      { parseGateway: 700, traceMedian: 30 },
      { parseGateway: 650, traceMedian: 10, checkCase: 20 },
    ]);
    expect(combined).toEqual([
      { key: 'parseGateway', runs: [900, 500, 700, 650], median: 675 },
      { key: 'traceMedian', runs: [12, 9, 30, 10], median: 11 },
    ]);
    expect(measuredFigures()).toEqual({ parseGateway: 675, traceMedian: 11, checkCase: 30 });
  });
});
