// npm test's pretest step: the dashboard is tested in a real Chromium, driven by playwright-core.
// Finds one (CHROMIUM_PATH, then the usual Debian paths); where none is installed and this user may
// install packages (root, or password-less sudo), installs Debian's `chromium`; otherwise says how.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

const found = () => CANDIDATES.find((path) => existsSync(path));
const succeeds = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

function installer() {
  if (!succeeds('sh', ['-c', 'command -v apt-get'])) return undefined;
  if (process.getuid?.() === 0) return [];
  return succeeds('sudo', ['-n', 'true']) ? ['sudo', '-n'] : undefined;
}

function install(prefix) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const [command, ...rest] = [...prefix, ...args];
    const result = spawnSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) return false;
  }
  return true;
}

if (found()) process.exit(0);

const prefix = installer();
if (prefix) {
  console.error("The browser tests need Chromium and none is installed: installing Debian's chromium (about a minute) ...");
  if (install(prefix) && found()) process.exit(0);
  console.error('Installing chromium with apt-get failed (see above).');
}
console.error(
  [
    `The browser tests need Chromium; none was found (looked at ${CANDIDATES.join(', ')}).`,
    'Install it (Debian/Ubuntu: sudo apt-get install chromium), or point CHROMIUM_PATH at a Chromium or Chrome binary, then run npm test again.',
  ].join('\n'),
);
process.exit(1);
