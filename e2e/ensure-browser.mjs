// Makes sure a Chromium exists for the browser tests. Playwright's own download is
// not reachable on every machine, so we fall back to Debian's chromium package:
// installed here when running as root, otherwise we say exactly what to install.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function findBrowser() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright's own browser: use its default
  } catch {
    /* not installed */
  }
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (findBrowser() === null) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!root) {
      console.error('e2e: no Chromium found. Install one with:\n  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary)');
      process.exit(1);
    }
    console.log('e2e: no Chromium found; installing Debian\'s chromium package (apt-get install -y chromium)');
    try {
      execSync('apt-get install -y --no-install-recommends chromium', { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch {
      execSync('apt-get update && apt-get install -y --no-install-recommends chromium', { stdio: 'inherit', shell: '/bin/bash', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    if (!existsSync(DEBIAN_CHROMIUM)) {
      console.error('e2e: apt-get finished but /usr/bin/chromium is missing');
      process.exit(1);
    }
  }
}
