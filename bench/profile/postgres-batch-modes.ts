// Which raw `pg` form of a 100-event transaction is fastest (the (b) baseline)? Paired ladder.
// Run: node --expose-gc -r @swc-node/register bench/profile/postgres-batch-modes.ts  (env PROFILE_OPS=300 batches, PROFILE_BATCH=100)
import type { PgBatchMode } from '../config';
import { PostgresDatabases } from '../databases';
import { RawPostgresTarget } from '../raw-postgres';
import { appendUnits, type AppendUnit } from '../rating-events';
import { printLadder, runLadder, type Variant } from './ladder';

const ops = Number(process.env.PROFILE_OPS ?? 300);
const batch = Number(process.env.PROFILE_BATCH ?? 100);

async function main(): Promise<void> {
  const server = await PostgresDatabases.start(process.env.BENCH_PG_URL || undefined);
  const names: string[] = [];
  const variants: Variant[] = [];
  try {
    const units: AppendUnit[] = [...appendUnits('m', ops + 20, batch)].flat();
    for (const mode of ['unnest', 'values', 'tx'] as PgBatchMode[]) {
      const db = await server.fresh(`mode_${mode}`);
      names.push(db.name);
      const target = await RawPostgresTarget.open(db.url, mode, 2000);
      variants.push({ name: `raw ${mode}`, op: (i) => target.write([units[i]]), close: () => target.close() });
    }
    console.log(`raw pg, ${batch} events per transaction, ${ops} transactions per form, interleaved`);
    const rows = await runLadder(variants, ops, 20, 10);
    printLadder('per transaction', rows);
    for (const r of rows) console.log(`  ${r.name}: ${Math.round((batch * 1e6) / r.wallMicrosPerOp).toLocaleString('en-US')} events/s`);
  } finally {
    for (const v of variants) await v.close();
    for (const n of names) await server.drop(n).catch(() => undefined);
    await server.stop();
  }
}

void main();
