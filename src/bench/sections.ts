// Further benchmark sections, one import and one entry per feature area.
import { benchAnalysis } from './analysis.js';
import { benchGateway, benchImplementations } from './gateway.js';
import { benchBrowser } from './browser.js';
import { benchReplay } from './replay.js';

export const BENCH_SECTIONS: Array<[string, () => void | Promise<void>]> = [
  ['analysis', benchAnalysis],
  ['gateway', benchGateway],
  ['implementations', benchImplementations],
  ['replay', benchReplay],
  ['browser', benchBrowser],
];
