// What erasure costs with KEK epochs: creating N keys, then destroying one (which wraps every
// other live key again under a new epoch). SQLite key store at FULL, as the API runs it.
// Run: npm run bench:keys  (BENCH_KEYS=10000,100000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteKeyStore } from '@pm/platform/personal-data/open-key-store';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function measure(people: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-bench-keys-'));
  try {
    const keys = await openSqliteKeyStore(join(dir, 'keys.db'), join(dir, 'kek'), 'FULL');
    let started = performance.now();
    for (let i = 0; i < people; i++) await keys.keyFor(`e-${i}`);
    const createSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await keys.destroy('e-0');
    const destroyMs = performance.now() - started;
    started = performance.now();
    for (let i = 1; i < people; i += Math.ceil(people / 1000)) await keys.find(`e-${i}`);
    await keys.close();
    log(
      `${fmt(people)} people: keys created at ${fmt(people / createSeconds)}/s; one erasure (re-wrap ${fmt(people - 1)} keys, retire an epoch) ${fmt(destroyMs)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const people of (process.env.BENCH_KEYS ?? '10000,100000').split(',').map(Number)) await measure(people);
}

void main();
