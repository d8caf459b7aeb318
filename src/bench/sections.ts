// Further benchmark sections, one import and one entry per feature area.
export const BENCH_SECTIONS: Array<[string, () => void | Promise<void>]> = [];
