import Database from 'better-sqlite3';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody, type RoleName } from '../support/http';
import { expectProblem, headPosition } from '../support/problems';

const TOKEN = /^v1\.\d+\.\d+\.[0-9a-f]{64}$/;
const ROUTES = ['/v1/audit/verify', '/v1/audit/digest'];

/** Runs one statement on the app's own storage, behind the store's back (`{events}` is the table). */
async function tamper(app: NestFastifyApplication, sql: string, params: unknown[]): Promise<void> {
  const settings = app.get<AppConfig>(APP_CONFIG).eventStore;
  if (settings.engine === 'sqlite') {
    const db = new Database(settings.path);
    try {
      db.prepare(sql.replaceAll('{events}', 'events').replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
  } else if (settings.engine === 'postgres') {
    const client = new Client({ connectionString: settings.url });
    await client.connect();
    try {
      await client.query(sql.replaceAll('{events}', 'es_events'), params);
    } finally {
      await client.end();
    }
  }
}

async function storedEvents(app: NestFastifyApplication): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const event of app.get<EventStore>(EVENT_STORE).readAll()) events.push(event);
  return events;
}

describe.each<TestEngine>(['sqlite', 'postgres'])('audit on %s', (engine) => {
  let app: NestFastifyApplication;
  const compliance = () => as(app, 'compliance');

  beforeAll(async () => {
    app = await startTestApp(engine);
    for (const id of ['a-1', 'a-2', 'a-3']) {
      await as(app, 'hr').post('/v1/employees', hireBody(id)).expect(201);
      await as(app, 'hr').post(`/v1/employees/${id}/manager`, { managerId: 'm-2', effectiveDate: '2025-01-01' }).expect(200);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  describe('roles', () => {
    it.each(ROUTES)('%s needs a key (401)', async (route) => {
      const response = await request(app.getHttpServer()).get(route);
      expectProblem(response, { status: 401, type: 'unauthorized' });
    });

    it.each(ROUTES.flatMap((route) => (['hr', 'analyst'] as RoleName[]).map((role) => [route, role])))('%s refuses %s (403)', async (route, role) => {
      const response = await as(app, role as RoleName).get(route);
      expectProblem(response, { status: 403, type: 'forbidden' });
    });

    it.each(ROUTES.flatMap((route) => (['compliance', 'admin'] as RoleName[]).map((role) => [route, role])))('%s answers %s', async (route, role) => {
      await as(app, role as RoleName)
        .get(route)
        .expect(200);
    });
  });

  it('GET /v1/audit/digest answers the position, the streams and a token over every stream head', async () => {
    const stored = await storedEvents(app);
    const response = await compliance().get('/v1/audit/digest').expect(200);
    expect(response.body).toEqual({
      position: await headPosition(app),
      streams: new Set(stored.map((e) => e.streamId)).size,
      digest: expect.stringMatching(TOKEN),
    });
    expect(response.body.digest).toBe(`v1.${response.body.position}.${response.body.streams}.${response.body.digest.split('.')[3]}`);
  });

  it('GET /v1/audit/verify recomputes every chain and answers ok with the count of events checked', async () => {
    const stored = await storedEvents(app);
    const response = await as(app, 'admin').get('/v1/audit/verify').expect(200);
    expect(response.body).toEqual({
      ok: true,
      checkedEvents: stored.length,
      streams: new Set(stored.map((e) => e.streamId)).size,
      position: stored.at(-1)?.position,
      digest: expect.stringMatching(TOKEN),
    });
    expect(response.body.firstBadPosition).toBeUndefined();
  });

  it('a digest kept earlier still verifies after more appends (digestCovered)', async () => {
    const { digest } = (await compliance().get('/v1/audit/digest').expect(200)).body as { digest: string };
    await as(app, 'hr').post('/v1/employees', hireBody('a-4')).expect(201);
    const response = await compliance().get(`/v1/audit/verify?digest=${digest}`).expect(200);
    expect(response.body).toMatchObject({ ok: true, digestCovered: true, checkedEvents: (await storedEvents(app)).length });
  });

  it.each([
    'nope',
    'v1.12.3',
    'v2.12.3.' + 'a'.repeat(64),
    'v1.012.3.' + 'a'.repeat(64),
    'v1.12.3.' + 'A'.repeat(64),
    'v1.12.3.' + 'a'.repeat(63),
    'v1.99999999999999999.3.' + 'a'.repeat(64),
    'v1.9999999999999999.3.' + 'a'.repeat(64),
  ])('refuses the digest %s with 400 naming digest', async (digest) => {
    const response = await compliance().get(`/v1/audit/verify?digest=${encodeURIComponent(digest)}`);
    expectProblem(response, { status: 400, type: 'invalid-input', fields: ['digest'] });
  });

  it('refuses an unknown query field with 400', async () => {
    expectProblem(await compliance().get('/v1/audit/verify?since=3'), { status: 400, fields: ['since'] });
  });

  describe('after tampering behind the store', () => {
    it('a truncated stream still chains, but fails against a digest taken before', async () => {
      const { digest } = (await compliance().get('/v1/audit/digest').expect(200)).body as { digest: string };
      const last = (await storedEvents(app)).filter((e) => e.streamId === 'employee-a-2').at(-1) as EventEnvelope;
      await tamper(app, 'DELETE FROM {events} WHERE position = $1', [last.position]);

      expect((await compliance().get('/v1/audit/verify').expect(200)).body).toMatchObject({ ok: true });
      const response = await compliance().get(`/v1/audit/verify?digest=${digest}`).expect(200);
      expect(response.body).toMatchObject({ ok: false, digestCovered: false, reason: 'digest-mismatch' });
    });

    it('an edited event fails at exactly its position', async () => {
      const target = (await storedEvents(app)).find((e) => e.streamId === 'employee-a-1' && e.revision === 1) as EventEnvelope;
      await tamper(app, `UPDATE {events} SET data = replace(data, 'm-2', 'm-3') WHERE position = $1`, [target.position]);
      const response = await as(app, 'admin').get('/v1/audit/verify').expect(200);
      expect(response.body).toMatchObject({ ok: false, firstBadPosition: target.position, firstBadStreamId: 'employee-a-1', reason: 'hash-mismatch' });
      expect(response.body.digest).toBeUndefined();
    });
  });
});
