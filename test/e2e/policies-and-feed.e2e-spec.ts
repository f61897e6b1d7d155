import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DEFAULT_POLICY } from '@pm/domain';
import { EVENT_STORE, verifyStreamChain, type EventEnvelope, type EventStore } from '@pm/event-store';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody, type RoleName } from '../support/http';
import { eventsAfter, expectRefused, fieldsOf, headPosition, streamEvents } from '../support/problems';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe.each<TestEngine>(['sqlite', 'postgres'])('policies and the event feed on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');
  const admin = () => as(app, 'admin');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  /** The policy in force as GET returns it, without its version: what PUT takes. */
  async function currentDocument(policyId: string): Promise<Record<string, unknown>> {
    const { version: _version, ...document } = (await admin().get(`/v1/policies/${policyId}`).expect(200)).body as Record<string, unknown>;
    return document;
  }

  describe('policies', () => {
    it.each<RoleName>(['hr', 'compliance', 'analyst', 'admin'])('serves the shipped Amazon-style policy, version 1, to %s', async (role) => {
      const response = await as(app, role).get('/v1/policies/default').expect(200);
      expect(response.body).toMatchObject({
        policyId: 'default',
        version: 1,
        name: 'Amazon-style',
        scale: { grades: [{ code: 'TT' }, { code: 'HV1' }, { code: 'HV2' }, { code: 'HV3' }, { code: 'LE', belowBar: true }] },
        curve: { targets: { TT: 0.2, LE: 0.06 } },
        focus: { minDays: 30, maxDays: 90, triggers: [{ grades: ['LE'], consecutive: 1 }] },
        pivot: { requiresEscalatedFocus: true, choiceWindowBusinessDays: 3, planMinDays: 30, planMaxDays: 60 },
        promotion: { minGrade: 'HV1', minMonthsInLevel: 12 },
        attrition: { uraTarget: 0.06, regrettedIfLastGradeAtLeast: 'HV3' },
        analytics: { minGroupSize: 5 },
      });
      expect(response.body).toEqual({ ...DEFAULT_POLICY, version: 1 });
      expect(response.headers.etag).toBe('"0"');
    });

    it('answers 404 for a policy that was never published', async () => {
      await expectRefused(app, () => hr().get('/v1/policies/no-such-policy'), { status: 404, rule: 'policy-not-found' });
    });

    it('refuses a policy change from hr, compliance and analysts (403) and without a key (401), appending nothing', async () => {
      const document = await currentDocument('classic');
      for (const role of ['hr', 'compliance', 'analyst'] as const) {
        await expectRefused(app, () => as(app, role).put('/v1/policies/classic', document), { status: 403, type: 'forbidden' });
      }
      await expectRefused(app, () => request(app.getHttpServer()).put('/v1/policies/classic').send(document), { status: 401, type: 'unauthorized' });
    });

    it('refuses an invalid document with 400, naming every bad field, and keeps the version in force', async () => {
      const document = await currentDocument('classic');
      const bad = {
        ...document,
        curve: { targets: { EE: 1.5, NI: 0.1 } },
        focus: { ...(document.focus as object), minDays: 60, maxDays: 30, defaultDays: undefined },
        promotion: { minGrade: 'XX', minMonthsInLevel: 12 },
        bonus: { pool: 1 },
      };
      const response = await expectRefused(app, () => admin().put('/v1/policies/classic', bad), {
        status: 400,
        rule: 'invalid-policy',
        fields: ['curve.targets.EE', 'focus.maxDays', 'promotion.minGrade', 'bonus'],
      });
      expect(fieldsOf(response).sort()).toEqual(['bonus', 'curve.targets.EE', 'focus.maxDays', 'promotion.minGrade']);
      expect((await admin().get('/v1/policies/classic').expect(200)).body.version).toBe(1);
    });

    it('refuses a document missing whole sections, naming each one', async () => {
      const { promotion: _promotion, attrition: _attrition, ...document } = await currentDocument('classic');
      const response = await expectRefused(app, () => admin().put('/v1/policies/classic', document), { status: 400, rule: 'invalid-policy' });
      expect(fieldsOf(response).sort()).toEqual(['attrition', 'promotion']);
    });

    it('refuses a document whose policyId differs from the path, and a body that is not an object', async () => {
      const document = await currentDocument('classic');
      await expectRefused(app, () => admin().put('/v1/policies/classic', { ...document, policyId: 'default' }), { status: 400, fields: ['policyId'] });
      await expectRefused(app, () => admin().put('/v1/policies/classic', [document]), { status: 400 });
    });

    it('publishes a changed document as version 2, which GET then serves and new cycles are opened under', async () => {
      const document = await currentDocument('default');
      const changed = { ...document, name: 'Amazon-style, softer curve', curve: { targets: { TT: 0.2, LE: 0.03 }, minGroupSize: 50 } };

      const published = await admin().put('/v1/policies/default', changed).expect(200);
      expect(published.body).toMatchObject({ policyId: 'default', version: 2, streamId: 'policy-default', revision: 1, events: [{ type: 'PolicyPublished' }] });
      expect(published.headers.etag).toBe('"1"');

      const current = await as(app, 'analyst').get('/v1/policies/default').expect(200);
      expect(current.body).toEqual({ ...changed, version: 2 });
      expect(current.headers.etag).toBe('"1"');

      await hr().post('/v1/review-cycles', { cycleId: 'after-v2', name: 'After v2', periodStart: '2026-01-01', periodEnd: '2026-06-30' }).expect(201);
      const [opened] = (await eventsAfter(app, 0)).filter((e) => e.streamId === 'review-cycle-after-v2');
      expect(opened.data).toMatchObject({ policy: 'default@2' });
    });
  });

  describe('event feed', () => {
    let firstHire: number;
    beforeAll(async () => {
      firstHire = (await headPosition(app)) + 1;
      for (let i = 1; i <= 5; i++)
        await hr()
          .post('/v1/employees', hireBody(`feed-${i}`))
          .expect(201);
    });

    it('pages through every event in global order with after, limit and nextAfter', async () => {
      const all = (await hr().get('/v1/events?after=0&limit=1000').expect(200)).body.events as EventEnvelope[];
      expect(all.length).toBeGreaterThanOrEqual(8);
      expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
      expect(new Set(all.map((e) => e.position)).size).toBe(all.length);

      const paged: EventEnvelope[] = [];
      let after = 0;
      for (;;) {
        const page = await hr().get(`/v1/events?after=${after}&limit=3`).expect(200);
        expect(page.body.events.length).toBeLessThanOrEqual(3);
        if (page.body.events.length === 0) {
          expect(page.body.nextAfter).toBe(after);
          break;
        }
        expect(page.body.nextAfter).toBe(page.body.events.at(-1).position);
        expect(page.body.events[0].position).toBeGreaterThan(after);
        paged.push(...page.body.events);
        after = page.body.nextAfter;
      }
      expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    });

    it('starts after the given position and defaults to the beginning', async () => {
      const page = await hr()
        .get(`/v1/events?after=${firstHire - 1}&limit=2`)
        .expect(200);
      expect(page.body.events.map((e: EventEnvelope) => [e.type, e.streamId])).toEqual([
        ['EmployeeHired', 'employee-feed-1'],
        ['EmployeeHired', 'employee-feed-2'],
      ]);
      const fromStart = await hr().get('/v1/events').expect(200);
      const [first] = await eventsAfter(app, 0);
      expect(fromStart.body.events[0]).toMatchObject({ id: first.id, type: 'PolicyPublished', position: first.position });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['after=-1', 'after'],
      ['after=1.5', 'after'],
      ['from=3', 'from'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      await expectRefused(app, () => hr().get(`/v1/events?${query}`), { status: 400, type: 'invalid-input', fields: [field] });
    });

    it('accepts the limit bounds 1 and 1000', async () => {
      expect((await hr().get('/v1/events?limit=1').expect(200)).body.events).toHaveLength(1);
      await hr().get('/v1/events?limit=1000').expect(200);
    });

    it('is readable by hr and admin only', async () => {
      await admin().get('/v1/events').expect(200);
      await expectRefused(app, () => as(app, 'compliance').get('/v1/events'), { status: 403, type: 'forbidden' });
      await expectRefused(app, () => as(app, 'analyst').get('/v1/events'), { status: 403, type: 'forbidden' });
    });

    it('serves whole envelopes: ids, type, schema version, stream, revision, position, data, metadata and a hash chain that verifies', async () => {
      const [hired] = (await eventsAfter(app, firstHire - 1)).filter((e) => e.streamId === 'employee-feed-3');
      expect(Object.keys(hired).sort()).toEqual(['data', 'hash', 'id', 'metadata', 'position', 'revision', 'schemaVersion', 'streamId', 'type']);
      const [storedHire] = await streamEvents(app, 'employee-feed-3');
      expect(hired).toMatchObject({
        type: 'EmployeeHired',
        schemaVersion: 1,
        streamId: 'employee-feed-3',
        revision: 0,
        position: storedHire.position,
        hash: storedHire.hash,
      });
      expect(hired.position).toBeGreaterThan(firstHire);
      expect(hired.metadata).toEqual({
        actor: { id: expect.stringMatching(/^hr:/), role: 'hr' },
        occurredAt: '2024-01-15T00:00:00.000Z',
        recordedAt: expect.stringMatching(ISO_INSTANT),
        correlationId: expect.any(String),
        causationId: expect.any(String),
        tenantId: 'default',
        // The policies tests above published default@2: decisions record the version in force.
        policyVersion: 'default@2',
      });

      await hr().post('/v1/employees/feed-3/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'neutral', text: 'fine' }).expect(200);
      const stream = (await eventsAfter(app, 0)).filter((e) => e.streamId === 'employee-feed-3');
      expect(stream).toHaveLength(2);
      expect(stream[1].data).toMatchObject({ text: 'fine' });
      // The feed shows personal fields decrypted; the hash covers the stored (sealed) form, whose chain verifies.
      const stored = (await app.get<EventStore>(EVENT_STORE).readStream('employee-feed-3')).events;
      expect(stream.map((e) => [e.id, e.hash])).toEqual(stored.map((e) => [e.id, e.hash]));
      expect(verifyStreamChain(stored)).toEqual({ ok: true, checkedEvents: 2 });
      expect(verifyStreamChain([stored[0], { ...stored[1], data: { ...(stored[1].data as object), text: 'edited' } }]).ok).toBe(false);
    });

    it("returns the caller's x-correlation-id and records it on the events of that request", async () => {
      const before = await headPosition(app);
      const hired = await hr().post('/v1/employees', hireBody('feed-corr')).set('x-correlation-id', 'hr-sync-2026-07-01.42').expect(201);
      expect(hired.headers['x-correlation-id']).toBe('hr-sync-2026-07-01.42');
      const [event] = await eventsAfter(app, before);
      expect(event.metadata.correlationId).toBe('hr-sync-2026-07-01.42');

      // Without one, the service makes one up, answers it and records it.
      const anonymous = await hr()
        .post('/v1/employees/feed-corr/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'neutral', text: 'ok' })
        .expect(200);
      const generated = anonymous.headers['x-correlation-id'];
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect((await eventsAfter(app, hired.body.position)).at(-1)?.metadata.correlationId).toBe(generated);
    });

    it('replaces a correlation id that is not safe to log', async () => {
      const response = await hr().get('/v1/events?limit=1').set('x-correlation-id', 'bad id with spaces').expect(200);
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
