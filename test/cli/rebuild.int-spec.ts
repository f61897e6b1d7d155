import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS, openSqliteReadModelStore } from '@pm/projections';
import { startTestApp } from '../support/app';
import { cli } from '../support/cli';
import { as, hireBody } from '../support/http';

const PROJECTIONS = ALL_PROJECTIONS.map((projection) => projection.name);

describe('cli rebuild', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    const app = await startTestApp('sqlite', { DATA_DIR: dataDir });
    for (const id of ['c-1', 'c-2', 'c-3']) await as(app, 'hr').post('/v1/employees', hireBody(id)).expect(201);
    await as(app, 'hr').post('/v1/employees/c-2/separations', { type: 'voluntary', reason: 'moved', effectiveDate: '2025-01-31' }).expect(200);
    await app.close();
  });

  async function servingSlots(): Promise<Map<string, { id: number; position: number }>> {
    const store = await openSqliteReadModelStore(join(dataDir, 'read-models.db'));
    try {
      return new Map((await store.slots()).filter((s) => s.state === 'serving').map((s) => [s.name, { id: s.id, position: s.position }]));
    } finally {
      await store.close();
    }
  }

  it('rebuilds every projection into new slots and switches reads to them; the API then serves the rebuilt read models', async () => {
    const before = await servingSlots();
    const run = cli(dataDir, 'rebuild');
    expect(run.stderr).toContain(`rebuilt ${ALL_PROJECTIONS.length} projection(s)`);
    expect(run.status).toBe(0);
    for (const { name, version } of ALL_PROJECTIONS) expect(run.stderr).toMatch(new RegExp(`${name} v${version}: slot \\d+ serving`));
    const after = await servingSlots();
    for (const name of PROJECTIONS) {
      expect(after.get(name)?.id).toBeGreaterThan(before.get(name)!.id);
      expect(after.get(name)?.position).toBe(before.get(name)!.position);
    }
    // The rating redelivery process keeps its checkpoint beside them, untouched by a rebuild.
    expect(after.get('rating-redelivery')).toEqual(before.get('rating-redelivery'));

    const app = await startTestApp('sqlite', { DATA_DIR: dataDir });
    try {
      expect((await as(app, 'hr').get('/v1/employees/c-2').expect(200)).body).toMatchObject({ status: 'separated', revision: 1 });
      expect((await as(app, 'compliance').get('/v1/employees/c-2/timeline').expect(200)).body.entries).toHaveLength(2);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('rebuilds only the projections named, and refuses an unknown name', async () => {
    const before = await servingSlots();
    const run = cli(dataDir, 'rebuild', 'workforce');
    expect(run.status).toBe(0);
    const after = await servingSlots();
    expect(after.get('workforce')?.id).toBeGreaterThan(before.get('workforce')!.id);
    expect(after.get('employee-status')?.id).toBe(before.get('employee-status')?.id);

    const unknown = cli(dataDir, 'rebuild', 'nonsense');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No projection named nonsense');
  }, 120_000);
});
