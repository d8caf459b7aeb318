/** Chromium to launch: a path, undefined for Playwright's own browser, null when none exists. */
export function findBrowser(): string | undefined | null;
export const DEBIAN_CHROMIUM: string;
