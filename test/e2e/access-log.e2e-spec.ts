import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { expectRefused } from '../support/problems';

describe.each<TestEngine>(['sqlite', 'postgres'])('access log on %s', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
    await as(app, 'hr').post('/v1/employees', hireBody('read-1')).expect(201);
    await as(app, 'hr').post('/v1/employees', hireBody('read-2')).expect(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it("records every read of an individual's record: who, which person, which endpoint, when", async () => {
    const started = new Date().toISOString();
    await as(app, 'compliance').get('/v1/employees/read-1').set('x-correlation-id', 'audit-check-1').expect(200);
    await as(app, 'hr').get('/v1/employees/read-1').expect(200);
    await as(app, 'hr').get('/v1/employees/read-2').expect(200);

    const page = await as(app, 'admin').get('/v1/audit/access-log?employeeId=read-1').expect(200);
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.entries[0]).toMatchObject({
      role: 'compliance',
      actorId: expect.stringMatching(/^compliance:[0-9a-f]{12}$/),
      employeeId: 'read-1',
      endpoint: 'GET /v1/employees/:employeeId',
      correlationId: 'audit-check-1',
    });
    expect(page.body.entries[0].at >= started).toBe(true);
    expect(page.body.entries[1]).toMatchObject({ role: 'hr', employeeId: 'read-1' });
    expect(page.body.nextAfter).toBe(page.body.entries[1].id);

    const all = await as(app, 'admin').get('/v1/audit/access-log').expect(200);
    expect(all.body.entries.map((e: { employeeId: string }) => e.employeeId)).toEqual(['read-1', 'read-1', 'read-2']);
    const rest = await as(app, 'admin').get(`/v1/audit/access-log?after=${all.body.entries[1].id}`).expect(200);
    expect(rest.body.entries.map((e: { employeeId: string }) => e.employeeId)).toEqual(['read-2']);
  });

  it('records a read of an unknown person too (the attempt is what compliance audits)', async () => {
    await as(app, 'hr').get('/v1/employees/never-hired').expect(404);
    const page = await as(app, 'admin').get('/v1/audit/access-log?employeeId=never-hired').expect(200);
    expect(page.body.entries).toHaveLength(1);
  });

  it('is readable by admin only, and validates its query', async () => {
    await expectRefused(app, () => as(app, 'compliance').get('/v1/audit/access-log'), { status: 403, type: 'forbidden' });
    await expectRefused(app, () => as(app, 'admin').get('/v1/audit/access-log?limit=0'), { status: 400, type: 'invalid-input', fields: ['limit'] });
  });

  it('records whose personal data a feed page served, once per person and page, before serving it', async () => {
    await as(app, 'hr').get('/v1/events?after=0&limit=1000').set('x-correlation-id', 'feed-read-1').expect(200);
    const entries = (await as(app, 'admin').get('/v1/audit/access-log?limit=1000').expect(200)).body.entries as {
      employeeId: string;
      endpoint: string;
      correlationId: string;
    }[];
    const feed = entries.filter((e) => e.correlationId === 'feed-read-1');
    expect(feed.map((e) => e.employeeId).sort()).toEqual(['read-1', 'read-2']);
    expect(feed[0]).toMatchObject({ endpoint: 'GET /v1/events', role: 'hr' });
  });
});
