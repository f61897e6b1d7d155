import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ALL_PROJECTIONS, READ_MODEL_STORE, type ReadModelStore } from '@pm/projections';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { headPosition } from '../support/problems';

const PROJECTIONS = ['employee-status', 'employee-timeline', 'cycle-ratings', 'workforce', 'pay'];
const versionOf = (name: string): number | undefined => ALL_PROJECTIONS.find((p) => p.name === name)?.version;

describe.each<TestEngine>(['sqlite', 'postgres'])('read models on %s', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
    await as(app, 'hr')
      .post('/v1/employees', hireBody('rm-1', { name: 'Grace Hopper', email: 'grace@example.com' }))
      .expect(201);
    await as(app, 'hr')
      .post('/v1/employees/rm-1/feedback', { fromEmployeeId: 'rm-2', kind: 'anytime', sentiment: 'positive', text: 'Found the moth' })
      .expect(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads its own writes at once: every command is visible to the next read', async () => {
    for (let i = 0; i < 20; i++) {
      const id = `rw-${i}`;
      await as(app, 'hr').post('/v1/employees', hireBody(id)).expect(201);
      expect((await as(app, 'hr').get(`/v1/employees/${id}`).expect(200)).body).toMatchObject({ employeeId: id, revision: 0 });
      await as(app, 'hr').post(`/v1/employees/${id}/transfers`, { toOrgId: 'ledger', effectiveDate: '2025-01-01' }).expect(200);
      expect((await as(app, 'hr').get(`/v1/employees/${id}`).expect(200)).body).toMatchObject({ orgId: 'ledger', revision: 1 });
    }
  });

  it('shows each projection serving at the head to admins, with no dead letters', async () => {
    const head = await headPosition(app);
    const { body } = await as(app, 'admin').get('/v1/admin/projections').expect(200);
    expect(body.headPosition).toBe(head);
    expect(body.projections.map((p: { name: string }) => p.name).sort()).toEqual([...PROJECTIONS].sort());
    for (const p of body.projections)
      expect(p).toMatchObject({ version: versionOf(p.name), state: 'serving', position: head, lagSeconds: 0, servingSlotId: p.slotId });
    expect((await as(app, 'admin').get('/v1/admin/projections/dead-letters').expect(200)).body).toEqual({ deadLetters: [] });
    await as(app, 'admin').get('/v1/admin/projections/dead-letters?limit=0&projection=Bad Name').expect(400);
  });

  it('reports projection lag in /health and /metrics', async () => {
    const health = (await as(app, 'hr').get('/health').expect(200)).body;
    expect(health.details.projections.status).toBe('up');
    for (const name of PROJECTIONS) expect(health.details.projections[name]).toMatchObject({ state: 'serving', lagSeconds: 0 });
    const metrics = (await as(app, 'hr').get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/projection_position\{projection="employee-status",version="1",state="serving"\} \d+/);
    expect(metrics).toContain(`projection_lag_seconds{projection="workforce",version="${versionOf('workforce')}",state="serving"} 0`);
  });

  it('never holds a personal field in clear in any read model', async () => {
    const store = app.get<ReadModelStore>(READ_MODEL_STORE);
    const slots = (await store.slots()).filter((s) => s.state === 'serving');
    let documents = 0;
    for (const slot of slots) {
      for (const [, doc] of await store.scan(slot.id, '')) {
        documents++;
        const text = JSON.stringify(doc);
        for (const secret of ['Grace Hopper', 'grace@example.com', 'Found the moth', 'Dana Kim']) expect(text).not.toContain(secret);
      }
    }
    expect(documents).toBeGreaterThan(40);
  });
});
