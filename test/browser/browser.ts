import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (npm test's pretest step installs it where it can); CHROMIUM_PATH points elsewhere. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));

export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find((path) => existsSync(path));
  if (!executablePath) throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}): run node scripts/ensure-chromium.mjs, or set CHROMIUM_PATH`);
  // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
