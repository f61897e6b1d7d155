import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '@pm/platform';
import { startTestApp, TEST_KEYS, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { createTestDatabase } from '../support/postgres';
import { eventsAfter, expectProblem, expectRefused, headPosition, streamEvents } from '../support/problems';

const feedback = (text: string) => ({ fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'positive', text });

describe.each<TestEngine>(['sqlite', 'postgres'])('Idempotency-Key, If-Match and concurrent writers on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the same key and body with the first status, body and ETag, and appends nothing', async () => {
      await hr().post('/v1/employees', hireBody('i-1')).expect(201);
      const first = await hr().post('/v1/employees/i-1/feedback', feedback('thanks')).set('idempotency-key', 'fb-i-1-a').expect(200);
      const head = await headPosition(app);

      const retry = await hr().post('/v1/employees/i-1/feedback', feedback('thanks')).set('idempotency-key', 'fb-i-1-a');
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(await headPosition(app)).toBe(head);
      expect((await streamEvents(app, 'employee-i-1')).filter((e) => e.type === 'FeedbackRecorded')).toHaveLength(1);
    });

    it('still answers the first result when the stream moved on since', async () => {
      await hr().post('/v1/employees', hireBody('i-2')).expect(201);
      const first = await hr().post('/v1/employees/i-2/feedback', feedback('one')).set('idempotency-key', 'fb-i-2').expect(200);
      await hr().post('/v1/employees/i-2/feedback', feedback('two')).expect(200);
      const head = await headPosition(app);

      const retry = await hr().post('/v1/employees/i-2/feedback', feedback('one')).set('idempotency-key', 'fb-i-2').expect(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.body.revision).toBe(1);
      expect(retry.headers.etag).toBe('"1"');
      expect(await headPosition(app)).toBe(head);
    });

    it('refuses the same key with a different body (422 problem+json) and appends nothing', async () => {
      await hr().post('/v1/employees', hireBody('i-3')).expect(201);
      await hr().post('/v1/employees/i-3/feedback', feedback('original')).set('idempotency-key', 'fb-i-3').expect(200);
      await expectRefused(app, () => hr().post('/v1/employees/i-3/feedback', feedback('changed')).set('idempotency-key', 'fb-i-3'), {
        status: 422,
        type: 'idempotency-key-reused',
        fields: ['Idempotency-Key'],
      });
    });

    it('refuses the same key and body sent to another employee (422): the key names one request', async () => {
      await hr().post('/v1/employees', hireBody('i-4a')).expect(201);
      await hr().post('/v1/employees', hireBody('i-4b')).expect(201);
      await hr().post('/v1/employees/i-4a/feedback', feedback('same')).set('idempotency-key', 'fb-i-4').expect(200);
      await expectRefused(app, () => hr().post('/v1/employees/i-4b/feedback', feedback('same')).set('idempotency-key', 'fb-i-4'), { status: 422 });
      expect((await streamEvents(app, 'employee-i-4b')).map((e) => e.type)).toEqual(['EmployeeHired']);
    });

    it('answers a repeated hire with the original 201, not a 409, when it carries the same key', async () => {
      const first = await hr().post('/v1/employees', hireBody('i-5')).set('idempotency-key', 'hire-i-5').expect(201);
      const head = await headPosition(app);
      const retry = await hr().post('/v1/employees', hireBody('i-5')).set('idempotency-key', 'hire-i-5');
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe('"0"');
      expect(await headPosition(app)).toBe(head);
      // Without the key, the same hire is a second hire: refused.
      await expectRefused(app, () => hr().post('/v1/employees', hireBody('i-5')), { status: 409, rule: 'employee-already-exists' });
    });

    it('answers a repeated cycle opening and finalization with their first answers', async () => {
      await hr().post('/v1/employees', hireBody('i-6')).expect(201);
      const cycle = { cycleId: 'i-cycle', name: 'I', periodStart: '2026-01-01', periodEnd: '2026-06-30' };
      const opened = await hr().post('/v1/review-cycles', cycle).set('idempotency-key', 'open-i-cycle').expect(201);
      expect((await hr().post('/v1/review-cycles', cycle).set('idempotency-key', 'open-i-cycle').expect(201)).body).toEqual(opened.body);
      await hr().post('/v1/review-cycles/i-cycle/ratings', { employeeId: 'i-6', managerId: 'm-1', rating: 'HV2' }).expect(200);
      const finalized = await hr().post('/v1/review-cycles/i-cycle/finalize').set('idempotency-key', 'fin-i-cycle').expect(200);
      const head = await headPosition(app);
      const again = await hr().post('/v1/review-cycles/i-cycle/finalize').set('idempotency-key', 'fin-i-cycle').expect(200);
      expect(again.body).toEqual(finalized.body);
      expect(await headPosition(app)).toBe(head);
    });

    it('runs the same keyed request once when it arrives several times at once: the others get its answer or 409 in use', async () => {
      await hr().post('/v1/employees', hireBody('i-7')).expect(201);
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => hr().post('/v1/employees/i-7/feedback', feedback('burst')).set('idempotency-key', 'fb-i-7')),
      );
      const answered = responses.filter((r) => r.status === 200);
      expect(answered.length).toBeGreaterThanOrEqual(1);
      for (const r of answered) expect(r.body).toEqual(answered[0].body);
      for (const r of responses.filter((x) => x.status !== 200)) {
        expectProblem(r, { status: 409, type: 'idempotency-key-in-use', fields: ['Idempotency-Key'] });
        expect(r.headers['retry-after']).toBe('1');
      }
      expect((await streamEvents(app, 'employee-i-7')).map((e) => e.type)).toEqual(['EmployeeHired', 'FeedbackRecorded']);
      // Once the first has answered, a retry gets that answer.
      expect((await hr().post('/v1/employees/i-7/feedback', feedback('burst')).set('idempotency-key', 'fb-i-7').expect(200)).body).toEqual(answered[0].body);
    });

    it('lets exactly one of two concurrent requests with one key and different bodies run; the other gets 409 or 422', async () => {
      const pairs = ['a', 'b', 'c', 'd', 'e'];
      for (const p of pairs)
        await hr()
          .post('/v1/employees', hireBody(`i-9${p}`))
          .expect(201);
      const head = await headPosition(app);
      const results = await Promise.all(
        pairs.map((p) =>
          Promise.all([
            hr().post(`/v1/employees/i-9${p}/feedback`, feedback('first body')).set('idempotency-key', `fb-i-9${p}`),
            hr().post(`/v1/employees/i-9${p}/feedback`, feedback('second body')).set('idempotency-key', `fb-i-9${p}`),
          ]),
        ),
      );
      for (const [p, responses] of results.map((r, i) => [pairs[i], r] as const)) {
        const ok = responses.filter((r) => r.status === 200);
        const refused = responses.filter((r) => r.status !== 200);
        expect(ok).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect([409, 422]).toContain(refused[0].status);
        expectProblem(refused[0], { status: refused[0].status, fields: ['Idempotency-Key'] });
        const recorded = (await streamEvents(app, `employee-i-9${p}`)).filter((e) => e.type === 'FeedbackRecorded');
        expect(recorded).toHaveLength(1);
      }
      // Nothing appended twice: one event per pair (PostgreSQL positions may have gaps, so count them).
      expect(await eventsAfter(app, head)).toHaveLength(pairs.length);
    });

    it('answers 409 idempotency-key-in-use with Retry-After while the first request with the key has not answered', async () => {
      await hr().post('/v1/employees', hireBody('i-10')).expect(201);
      const store = app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
      const complete = store.complete.bind(store);
      let reached!: () => void;
      let open!: () => void;
      const atComplete = new Promise<void>((r) => (reached = r));
      const gate = new Promise<void>((r) => (open = r));
      const spy = jest.spyOn(store, 'complete').mockImplementationOnce(async (...args) => {
        reached();
        await gate;
        return complete(...args);
      });
      try {
        const first = hr()
          .post('/v1/employees/i-10/feedback', feedback('held'))
          .set('idempotency-key', 'fb-i-10')
          .then((r) => r);
        await atComplete;
        const same = await hr().post('/v1/employees/i-10/feedback', feedback('held')).set('idempotency-key', 'fb-i-10');
        expectProblem(same, { status: 409, type: 'idempotency-key-in-use', fields: ['Idempotency-Key'] });
        expect(same.headers['retry-after']).toBe('1');
        const other = await hr().post('/v1/employees/i-10/feedback', feedback('another')).set('idempotency-key', 'fb-i-10');
        expectProblem(other, { status: 422, type: 'idempotency-key-reused' });
        open();
        const answered = await first;
        expect(answered.status).toBe(200);
        const retry = await hr().post('/v1/employees/i-10/feedback', feedback('held')).set('idempotency-key', 'fb-i-10').expect(200);
        expect(retry.body).toEqual(answered.body);
        expect((await streamEvents(app, 'employee-i-10')).map((e) => e.type)).toEqual(['EmployeeHired', 'FeedbackRecorded']);
      } finally {
        open();
        spy.mockRestore();
      }
    });

    it('gives the key back when the command fails, so a retry with the same key runs', async () => {
      await expectRefused(app, () => hr().post('/v1/employees/i-11/feedback', feedback('too early')).set('idempotency-key', 'fb-i-11'), {
        status: 404,
        rule: 'employee-not-found',
      });
      await hr().post('/v1/employees', hireBody('i-11')).expect(201);
      const retry = await hr().post('/v1/employees/i-11/feedback', feedback('too early')).set('idempotency-key', 'fb-i-11').expect(200);
      expect(retry.body.events.map((e: { type: string }) => e.type)).toEqual(['FeedbackRecorded']);
      // A different request may now not take the key: it answered.
      await expectRefused(app, () => hr().post('/v1/employees/i-11/feedback', feedback('other')).set('idempotency-key', 'fb-i-11'), { status: 422 });
    });

    it('refuses an Idempotency-Key that is not visible ASCII (400 naming the header)', async () => {
      await hr().post('/v1/employees', hireBody('i-8')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/i-8/feedback', feedback('x')).set('idempotency-key', 'has space'), {
        status: 400,
        fields: ['Idempotency-Key'],
      });
    });
  });

  describe('Idempotency-Key per API key', () => {
    const SECOND_HR_KEY = 'second-hr-key-000000000';
    let keyed: NestFastifyApplication;
    const send = (key: string, url: string, body: object, idempotencyKey: string) =>
      request(keyed.getHttpServer()).post(url).set('authorization', `Bearer ${key}`).set('idempotency-key', idempotencyKey).send(body);

    beforeAll(async () => {
      const keys = [...Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${key}`), `hr:${SECOND_HR_KEY}`].join(',');
      keyed = await startTestApp(engine, { API_KEYS: keys });
      for (const id of ['p-a', 'p-b']) await as(keyed, 'hr').post('/v1/employees', hireBody(id)).expect(201);
    });
    afterAll(async () => {
      await keyed.close();
    });

    it('keeps one namespace per API key: two keys of one role use the same Idempotency-Key independently', async () => {
      const a = await send(TEST_KEYS.hr, '/v1/employees/p-a/feedback', feedback('from a'), 'shared-key').expect(200);
      const b = await send(SECOND_HR_KEY, '/v1/employees/p-b/feedback', feedback('from b'), 'shared-key').expect(200);
      expect(b.body.streamId).toBe('employee-p-b');
      expect((await send(TEST_KEYS.hr, '/v1/employees/p-a/feedback', feedback('from a'), 'shared-key').expect(200)).body).toEqual(a.body);
      expect((await send(SECOND_HR_KEY, '/v1/employees/p-b/feedback', feedback('from b'), 'shared-key').expect(200)).body).toEqual(b.body);
      // Each key's own reuse with another request is still refused.
      const reused = await send(SECOND_HR_KEY, '/v1/employees/p-b/feedback', feedback('changed'), 'shared-key');
      expectProblem(reused, { status: 422, type: 'idempotency-key-reused' });
      for (const id of ['p-a', 'p-b']) expect((await streamEvents(keyed, `employee-${id}`)).filter((e) => e.type === 'FeedbackRecorded')).toHaveLength(1);
    });

    it('keeps the keys of two API keys apart on one stream too: each appends, neither is refused', async () => {
      const a = await send(TEST_KEYS.hr, '/v1/employees/p-a/feedback', feedback('a on one stream'), 'same-stream').expect(200);
      const b = await send(SECOND_HR_KEY, '/v1/employees/p-a/feedback', feedback('b on one stream'), 'same-stream').expect(200);
      expect(b.body.events[0].id).not.toBe(a.body.events[0].id);
      const texts = (await streamEvents(keyed, 'employee-p-a')).map((e) => (e.data as { text?: string }).text);
      expect(texts).toEqual(expect.arrayContaining(['a on one stream', 'b on one stream']));
    });

    it('never answers one API key with the answer stored for another', async () => {
      const a = await send(TEST_KEYS.hr, '/v1/employees', hireBody('p-c'), 'hire-shared').expect(201);
      const b = await send(SECOND_HR_KEY, '/v1/employees', hireBody('p-d'), 'hire-shared').expect(201);
      expect(a.body.streamId).toBe('employee-p-c');
      expect(b.body.streamId).toBe('employee-p-d');
    });
  });

  describe('If-Match', () => {
    it('applies a command whose If-Match is the current revision, and answers the new revision as ETag', async () => {
      await hr().post('/v1/employees', hireBody('m-1a')).expect(201);
      const view = await hr().get('/v1/employees/m-1a').expect(200);
      const changed = await hr()
        .post('/v1/employees/m-1a/manager', { managerId: 'm-2', effectiveDate: '2025-01-01' })
        .set('if-match', view.headers.etag)
        .expect(200);
      expect(changed.body.revision).toBe(1);
      expect(changed.headers.etag).toBe('"1"');
      await hr().post('/v1/employees/m-1a/manager', { managerId: 'm-3', effectiveDate: '2025-02-01' }).set('if-match', changed.headers.etag).expect(200);
    });

    it('refuses a stale If-Match with 412 and appends nothing', async () => {
      await hr().post('/v1/employees', hireBody('m-2a')).expect(201);
      await hr().post('/v1/employees/m-2a/feedback', feedback('moves it on')).expect(200);
      const response = await expectRefused(
        app,
        () => hr().post('/v1/employees/m-2a/manager', { managerId: 'm-2', effectiveDate: '2025-01-01' }).set('if-match', '"0"'),
        {
          status: 412,
          type: 'precondition-failed',
        },
      );
      expect(response.body.currentRevision).toBe(1);
      expect((await hr().get('/v1/employees/m-2a').expect(200)).body).toMatchObject({ managerId: 'm-1', revision: 1 });
    });

    it('refuses a malformed If-Match with 400 naming the header', async () => {
      await hr().post('/v1/employees', hireBody('m-3a')).expect(201);
      for (const header of ['0', 'abc', '"x"', '"1.5"']) {
        await expectRefused(app, () => hr().post('/v1/employees/m-3a/feedback', feedback('x')).set('if-match', header), { status: 400, fields: ['If-Match'] });
      }
    });
  });

  describe('concurrent writers', () => {
    it('keeps all 20 concurrent feedback commands on one employee: every one succeeds and the revisions are contiguous', async () => {
      await hr().post('/v1/employees', hireBody('c-1')).expect(201);
      const responses = await Promise.all(Array.from({ length: 20 }, (_v, i) => hr().post('/v1/employees/c-1/feedback', feedback(`note ${i}`))));
      for (const r of responses) expect({ status: r.status, body: r.body as unknown }).toMatchObject({ status: 200 });
      expect(responses.map((r) => r.body.revision as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_v, i) => i + 1));

      const stream = await streamEvents(app, 'employee-c-1');
      expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 21 }, (_v, i) => i));
      const texts = stream.filter((e) => e.type === 'FeedbackRecorded').map((e) => (e.data as { text: string }).text);
      expect(texts.sort()).toEqual(Array.from({ length: 20 }, (_v, i) => `note ${i}`).sort());
      expect((await hr().get('/v1/employees/c-1').expect(200)).body.revision).toBe(20);
    });

    it('lets exactly one of 10 concurrent commands with the same If-Match succeed; the others get 412', async () => {
      await hr().post('/v1/employees', hireBody('c-2')).expect(201);
      const head = await headPosition(app);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_v, i) =>
          hr()
            .post('/v1/employees/c-2/feedback', feedback(`race ${i}`))
            .set('if-match', '"0"'),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412, 412, 412]);
      for (const r of responses.filter((x) => x.status === 412)) expectProblem(r, { status: 412, type: 'precondition-failed' });
      expect(await headPosition(app)).toBeGreaterThan(head);
      expect((await streamEvents(app, 'employee-c-2')).map((e) => e.type)).toEqual(['EmployeeHired', 'FeedbackRecorded']);
    });

    it('keeps every command when two API instances write to the same employee at once', async () => {
      const shared =
        engine === 'postgres'
          ? // Nodes sharing one database share its key-encryption keys too.
            { DATABASE_URL: await createTestDatabase('api_shared'), KEY_ENCRYPTION_KEY_DIR: mkdtempSync(join(tmpdir(), 'pm-api-shared-kek-')) }
          : { DATA_DIR: mkdtempSync(join(tmpdir(), 'pm-api-shared-')) };
      const instances = [await startTestApp(engine, shared), await startTestApp(engine, shared)];
      try {
        await as(instances[0], 'hr').post('/v1/employees', hireBody('c-3')).expect(201);
        const responses = await Promise.all(
          Array.from({ length: 20 }, (_v, i) => as(instances[i % 2], 'hr').post('/v1/employees/c-3/feedback', feedback(`shared ${i}`))),
        );
        expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
        const stream = await streamEvents(instances[1], 'employee-c-3');
        expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 21 }, (_v, i) => i));
        expect(stream.filter((e) => e.type === 'FeedbackRecorded')).toHaveLength(20);
      } finally {
        for (const instance of instances) await instance.close();
      }
    });
  });
});
