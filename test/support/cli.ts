import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The real CLI in its own process on the SQLite store of `dataDir`, as an operator runs it (TypeScript through swc-node). */
export function cli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'error', API_KEYS: 'admin:cli-test-admin-key-0000' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
