// One side of scenario (a) or (b) alone, for `node --cpu-prof`:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof -r @swc-node/register bench/profile/append-loop.ts
//   node -r @swc-node/register bench/profile/summarize-cpuprofile.ts /tmp/prof/<file>.cpuprofile
// Env: PROFILE_ENGINE (sqlite|postgres), PROFILE_SIDE (adapter|raw), PROFILE_OPS (5000), PROFILE_BATCH (1),
// PROFILE_SYNC (NORMAL|FULL, sqlite), PROFILE_READ=1 to profile readAll of what was written instead.
import { loadConfig } from '../config';
import { PostgresDatabases, SqliteFiles } from '../databases';
import { postgresOpener, sqliteOpener } from '../engines';
import { appendUnits } from '../rating-events';
import type { OpenedTarget, Side } from '../scenarios';

async function main(): Promise<void> {
  const config = loadConfig();
  const engine = process.env.PROFILE_ENGINE ?? 'postgres';
  const side = (process.env.PROFILE_SIDE ?? 'adapter') as Side;
  const ops = Number(process.env.PROFILE_OPS ?? 5000);
  const batch = Number(process.env.PROFILE_BATCH ?? 1);
  const read = process.env.PROFILE_READ === '1';
  const files = new SqliteFiles(config.workDir);
  const server = engine === 'postgres' ? await PostgresDatabases.start(config.postgresUrl) : undefined;
  let opened: OpenedTarget | undefined;
  try {
    const open = server ? postgresOpener(server, config) : sqliteOpener(files, (process.env.PROFILE_SYNC ?? 'NORMAL') as 'NORMAL' | 'FULL', config);
    opened = await open(side);
    for (const chunk of appendUnits('w', Math.ceil(500 / batch), batch)) await opened.target.write(chunk);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let events = 0;
    if (read) {
      for (const chunk of appendUnits('a', ops, batch)) await opened.target.write(chunk);
      const r0 = process.cpuUsage();
      const rt = performance.now();
      events = (await opened.target.read(0, Number.MAX_SAFE_INTEGER)).count;
      const c = process.cpuUsage(r0);
      console.log(
        `${engine} ${side} readAll: ${events} events, ${(((performance.now() - rt) * 1000) / events).toFixed(2)} us/event wall, ${((c.user + c.system) / events).toFixed(2)} us/event node CPU`,
      );
    } else {
      for (const chunk of appendUnits('a', ops, batch)) {
        await opened.target.write(chunk);
        events += chunk.length * batch;
      }
      const c = process.cpuUsage(c0);
      console.log(
        `${engine} ${side} appends of ${batch}: ${ops} appends, ${(((performance.now() - t0) * 1000) / ops).toFixed(1)} us/append wall, ${((c.user + c.system) / ops).toFixed(1)} us/append node CPU (generation included)`,
      );
    }
  } finally {
    await opened?.dispose();
    await server?.stop();
    files.removeAll();
  }
}

void main();
