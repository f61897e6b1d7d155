import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { expectRefused, headPosition, eventsAfter, streamEvents, typesOf } from '../support/problems';

const cycleBody = (cycleId: string, extra: Record<string, unknown> = {}) => ({
  cycleId,
  name: `Cycle ${cycleId}`,
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  ...extra,
});

describe.each<TestEngine>(['sqlite', 'postgres'])('review cycles on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  async function hire(...ids: string[]): Promise<void> {
    for (const id of ids) await hr().post('/v1/employees', hireBody(id)).expect(201);
  }

  describe('opening', () => {
    it('opens a cycle under the default policy: 201, ReviewCycleOpened with the policy version, ETag "0"', async () => {
      const opened = await hr().post('/v1/review-cycles', cycleBody('o-1')).expect(201);
      expect(opened.body).toEqual({
        streamId: 'review-cycle-o-1',
        revision: 0,
        position: expect.any(Number),
        events: [{ id: expect.any(String), type: 'ReviewCycleOpened' }],
      });
      expect(opened.headers.etag).toBe('"0"');
      const [event] = await streamEvents(app, 'review-cycle-o-1');
      expect(event.data).toEqual({ cycleId: 'o-1', name: 'Cycle o-1', periodStart: '2026-01-01', periodEnd: '2026-06-30', policy: 'default@1' });
      expect(event.metadata.policyVersion).toBe('default@1');
    });

    it("opens a cycle under the ByteDance-style policy, whose grades are then the cycle's scale", async () => {
      await hire('o-bd');
      await hr()
        .post('/v1/review-cycles', cycleBody('o-2', { policyId: 'bytedance' }))
        .expect(201);
      const [opened] = await streamEvents(app, 'review-cycle-o-2');
      expect(opened.data).toMatchObject({ policy: 'bytedance@1' });

      await expectRefused(app, () => hr().post('/v1/review-cycles/o-2/ratings', { employeeId: 'o-bd', managerId: 'm-1', rating: 'HV1' }), {
        status: 400,
        rule: 'rating-not-on-scale',
        fields: ['rating'],
      });
      await hr().post('/v1/review-cycles/o-2/ratings', { employeeId: 'o-bd', managerId: 'm-1', rating: 'M-' }).expect(200);
      // N is the later name of F: a grade given under the old code F is recorded under its current code N.
      await hr().post('/v1/review-cycles/o-2/calibrations', { employeeId: 'o-bd', rating: 'F', rationale: 'renamed grade' }).expect(200);
      const calibrated = (await streamEvents(app, 'review-cycle-o-2')).at(-1);
      expect(calibrated?.data).toMatchObject({ fromRating: 'M-', rating: 'N' });
    });

    it('refuses an unknown policy with 400 naming policyId, and appends nothing', async () => {
      await expectRefused(app, () => hr().post('/v1/review-cycles', cycleBody('o-3', { policyId: 'no-such-policy' })), { status: 400, fields: ['policyId'] });
      await expectRefused(app, () => hr().post('/v1/review-cycles/o-3/finalize'), { status: 404, rule: 'review-cycle-not-found' });
    });

    it('refuses a cycle with a missing name, an impossible date and an unknown field, naming each', async () => {
      const { name: _name, ...withoutName } = cycleBody('o-4');
      await expectRefused(app, () => hr().post('/v1/review-cycles', { ...withoutName, periodEnd: '2026-02-30', owner: 'x' }), {
        status: 400,
        type: 'invalid-input',
        fields: ['name', 'periodEnd', 'owner'],
      });
    });

    it('refuses a period that ends before it starts, naming periodEnd', async () => {
      await expectRefused(app, () => hr().post('/v1/review-cycles', cycleBody('o-5', { periodStart: '2026-06-30', periodEnd: '2026-01-01' })), {
        status: 400,
        fields: ['periodEnd'],
      });
    });

    it('refuses to open the same cycle twice (409)', async () => {
      await hr().post('/v1/review-cycles', cycleBody('o-6')).expect(201);
      await expectRefused(app, () => hr().post('/v1/review-cycles', cycleBody('o-6')), { status: 409, rule: 'review-cycle-already-exists' });
    });
  });

  describe('self-assessment, rating and calibration', () => {
    beforeAll(async () => {
      await hire('r-1', 'r-2');
      await hr().post('/v1/review-cycles', cycleBody('r-cycle')).expect(201);
    });

    it("records an employee's self-assessment in the cycle", async () => {
      const submitted = await hr().post('/v1/review-cycles/r-cycle/self-assessments', { employeeId: 'r-1', text: 'Shipped the ledger' }).expect(200);
      expect(typesOf(submitted)).toEqual(['SelfAssessmentSubmitted']);
      expect((await streamEvents(app, 'review-cycle-r-cycle')).at(-1)?.data).toEqual({ cycleId: 'r-cycle', employeeId: 'r-1', text: 'Shipped the ledger' });
    });

    it('refuses a self-assessment without text, naming the field', async () => {
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/self-assessments', { employeeId: 'r-1' }), {
        status: 400,
        type: 'invalid-input',
        fields: ['text'],
      });
    });

    it('records a proposed rating with its principles and narrative', async () => {
      const body = { employeeId: 'r-1', managerId: 'm-1', rating: 'HV2', principles: { met: ['Ownership'], missed: ['Dive Deep'] }, narrative: 'Solid half' };
      const proposed = await hr().post('/v1/review-cycles/r-cycle/ratings', body).expect(200);
      expect(typesOf(proposed)).toEqual(['RatingProposed']);
      expect((await streamEvents(app, 'review-cycle-r-cycle')).at(-1)?.data).toEqual({ cycleId: 'r-cycle', ...body });
    });

    it("refuses a grade that is not on the cycle policy's scale with 400 naming rating", async () => {
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/ratings', { employeeId: 'r-2', managerId: 'm-1', rating: 'EE' }), {
        status: 400,
        rule: 'rating-not-on-scale',
        fields: ['rating'],
      });
    });

    it('refuses a rating with malformed principles and no manager, naming each field', async () => {
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/ratings', { employeeId: 'r-2', rating: 'HV2', principles: { met: 'Ownership' } }), {
        status: 400,
        type: 'invalid-input',
        fields: ['managerId', 'principles.met', 'principles.missed'],
      });
    });

    it('refuses a manager rating themselves (409 self-rating)', async () => {
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/ratings', { employeeId: 'r-2', managerId: 'r-2', rating: 'HV2' }), {
        status: 409,
        rule: 'self-rating',
      });
    });

    it('records a calibration as its own judgment, with the grade it moved from', async () => {
      await hr().post('/v1/review-cycles/r-cycle/ratings', { employeeId: 'r-2', managerId: 'm-1', rating: 'HV1' }).expect(200);
      await hr()
        .post('/v1/review-cycles/r-cycle/calibrations', { employeeId: 'r-2', rating: 'HV3', rank: 4, groupId: 'payments-l5', rationale: 'strong group' })
        .expect(200);
      expect((await streamEvents(app, 'review-cycle-r-cycle')).at(-1)?.data).toEqual({
        cycleId: 'r-cycle',
        employeeId: 'r-2',
        fromRating: 'HV1',
        rating: 'HV3',
        rank: 4,
        groupId: 'payments-l5',
        rationale: 'strong group',
      });
      // A second calibration moves from the calibrated grade, not the proposed one.
      await hr().post('/v1/review-cycles/r-cycle/calibrations', { employeeId: 'r-2', rating: 'LE', rationale: 'second session' }).expect(200);
      expect((await streamEvents(app, 'review-cycle-r-cycle')).at(-1)?.data).toMatchObject({ fromRating: 'HV3', rating: 'LE' });
    });

    it('refuses a calibration of someone without a proposed rating (409), and a rank of 0 (400)', async () => {
      await hire('r-3');
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/calibrations', { employeeId: 'r-3', rating: 'HV2', rationale: 'x' }), {
        status: 409,
        rule: 'calibration-without-proposal',
      });
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/calibrations', { employeeId: 'r-1', rating: 'HV2', rank: 0, rationale: 'x' }), {
        status: 400,
        fields: ['rank'],
      });
    });

    it('answers 404 for an unknown cycle', async () => {
      const unknown = { status: 404, rule: 'review-cycle-not-found' };
      await expectRefused(app, () => hr().post('/v1/review-cycles/no-cycle/ratings', { employeeId: 'r-1', managerId: 'm-1', rating: 'HV2' }), unknown);
      await expectRefused(app, () => hr().post('/v1/review-cycles/no-cycle/self-assessments', { employeeId: 'r-1', text: 'x' }), unknown);
      await expectRefused(app, () => hr().post('/v1/review-cycles/no-cycle/calibrations', { employeeId: 'r-1', rating: 'HV2', rationale: 'x' }), unknown);
      await expectRefused(app, () => hr().post('/v1/review-cycles/no-cycle/finalize'), unknown);
    });

    it('answers 404 when rating, assessing or calibrating an employee who was never hired', async () => {
      const unknown = { status: 404, rule: 'employee-not-found' };
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/ratings', { employeeId: 'ghost', managerId: 'm-1', rating: 'HV2' }), unknown);
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/self-assessments', { employeeId: 'ghost', text: 'x' }), unknown);
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/calibrations', { employeeId: 'ghost', rating: 'HV2', rationale: 'x' }), unknown);
    });

    it('refuses to rate an employee who was separated (409 employee-separated)', async () => {
      await hire('r-gone');
      await hr().post('/v1/employees/r-gone/separations', { type: 'voluntary', reason: 'moved', effectiveDate: '2026-03-01' }).expect(200);
      await expectRefused(app, () => hr().post('/v1/review-cycles/r-cycle/ratings', { employeeId: 'r-gone', managerId: 'm-1', rating: 'HV2' }), {
        status: 409,
        rule: 'employee-separated',
      });
    });
  });

  describe('finalizing', () => {
    it('finalizes every rated employee with the calibrated grade if any, else the proposed one, and each employee shows it', async () => {
      await hire('fz-a', 'fz-b', 'fz-c');
      await hr().post('/v1/review-cycles', cycleBody('fz-cycle')).expect(201);
      await hr().post('/v1/review-cycles/fz-cycle/ratings', { employeeId: 'fz-b', managerId: 'm-1', rating: 'HV1' }).expect(200);
      await hr().post('/v1/review-cycles/fz-cycle/ratings', { employeeId: 'fz-a', managerId: 'm-1', rating: 'HV3' }).expect(200);
      await hr()
        .post('/v1/review-cycles/fz-cycle/calibrations', { employeeId: 'fz-a', rating: 'LE', rank: 9, groupId: 'g-1', rationale: 'last in group' })
        .expect(200);
      await hr().post('/v1/review-cycles/fz-cycle/self-assessments', { employeeId: 'fz-c', text: 'not rated' }).expect(200);

      const before = await headPosition(app);
      const finalized = await hr().post('/v1/review-cycles/fz-cycle/finalize').expect(200);
      expect(typesOf(finalized)).toEqual(['ReviewCycleFinalized', 'RatingFinalized', 'RatingFinalized']);
      expect(finalized.headers.etag).toBe(`"${finalized.body.revision}"`);

      const cycleEvents = (await eventsAfter(app, before)).filter((e) => e.streamId === 'review-cycle-fz-cycle');
      expect(cycleEvents.map((e) => e.data)).toEqual([
        { cycleId: 'fz-cycle', ratedEmployees: 2 },
        { cycleId: 'fz-cycle', employeeId: 'fz-a', rating: 'LE', calibrated: true, rank: 9, groupId: 'g-1', periodEnd: '2026-06-30', policy: 'default@1' },
        { cycleId: 'fz-cycle', employeeId: 'fz-b', rating: 'HV1', calibrated: false, periodEnd: '2026-06-30', policy: 'default@1' },
      ]);

      expect((await hr().get('/v1/employees/fz-a').expect(200)).body.lastRating).toEqual({ cycleId: 'fz-cycle', rating: 'LE', policy: 'default@1' });
      expect((await hr().get('/v1/employees/fz-b').expect(200)).body.lastRating).toEqual({ cycleId: 'fz-cycle', rating: 'HV1', policy: 'default@1' });
      expect((await hr().get('/v1/employees/fz-c').expect(200)).body.lastRating).toBeNull();
    });

    it('refuses rating, calibrating, self-assessing and finalizing again once the cycle is finalized (409)', async () => {
      await hire('fd-1');
      await hr().post('/v1/review-cycles', cycleBody('fd-cycle')).expect(201);
      await hr().post('/v1/review-cycles/fd-cycle/ratings', { employeeId: 'fd-1', managerId: 'm-1', rating: 'HV2' }).expect(200);
      await hr().post('/v1/review-cycles/fd-cycle/finalize').expect(200);

      const finalized = { status: 409, rule: 'review-cycle-finalized' };
      await expectRefused(app, () => hr().post('/v1/review-cycles/fd-cycle/ratings', { employeeId: 'fd-1', managerId: 'm-1', rating: 'TT' }), finalized);
      await expectRefused(
        app,
        () => hr().post('/v1/review-cycles/fd-cycle/calibrations', { employeeId: 'fd-1', rating: 'TT', rationale: 'too late' }),
        finalized,
      );
      await expectRefused(app, () => hr().post('/v1/review-cycles/fd-cycle/self-assessments', { employeeId: 'fd-1', text: 'too late' }), finalized);
      await expectRefused(app, () => hr().post('/v1/review-cycles/fd-cycle/finalize'), finalized);
      expect((await hr().get('/v1/employees/fd-1').expect(200)).body.lastRating).toMatchObject({ rating: 'HV2' });
    });
  });
});
