import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@pm/event-store';
import { openPostgresReadModelStore, openSqliteReadModelStore } from '../src/store';
import { createTestDatabase } from '../../../test/support/postgres';
import { projectionRunnerContract } from './projection-runner.contract';

const dir = mkdtempSync(join(tmpdir(), 'runner-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

projectionRunnerContract('sqlite', async () => {
  const base = join(dir, String(++n));
  const events = await openEventStore({ engine: 'sqlite', path: `${base}-events.db`, synchronous: 'NORMAL' });
  const readModels = await openSqliteReadModelStore(`${base}-read-models.db`);
  return {
    events,
    readModels,
    secondReadModels: () => openSqliteReadModelStore(`${base}-read-models.db`),
    close: async () => {
      await readModels.close();
      await events.close();
    },
  };
});

projectionRunnerContract('postgres', async () => {
  const url = await createTestDatabase('runner');
  const events = await openEventStore({ engine: 'postgres', url });
  const readModels = await openPostgresReadModelStore(url);
  return {
    events,
    readModels,
    secondReadModels: () => openPostgresReadModelStore(url),
    close: async () => {
      await readModels.close();
      await events.close();
    },
  };
});
