import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { createTestDatabase } from '../support/postgres';
import { expectProblem, expectRefused, headPosition, streamEvents } from '../support/problems';

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

    it('appends once when the same keyed request arrives several times at once', async () => {
      await hr().post('/v1/employees', hireBody('i-7')).expect(201);
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => hr().post('/v1/employees/i-7/feedback', feedback('burst')).set('idempotency-key', 'fb-i-7')),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      for (const r of responses) expect(r.body).toEqual(responses[0].body);
      expect((await streamEvents(app, 'employee-i-7')).map((e) => e.type)).toEqual(['EmployeeHired', 'FeedbackRecorded']);
    });

    it('refuses an Idempotency-Key that is not visible ASCII (400 naming the header)', async () => {
      await hr().post('/v1/employees', hireBody('i-8')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/i-8/feedback', feedback('x')).set('idempotency-key', 'has space'), {
        status: 400,
        fields: ['Idempotency-Key'],
      });
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
        engine === 'postgres' ? { DATABASE_URL: await createTestDatabase('api_shared') } : { DATA_DIR: mkdtempSync(join(tmpdir(), 'pm-api-shared-')) };
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
