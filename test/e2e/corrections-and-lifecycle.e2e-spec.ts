import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { hiredAndRated } from '../support/rated';
import { expectRefused, streamEvents } from '../support/problems';

const GOALS = [{ goalId: 'g1', description: 'Ship the migration', measure: 'in production by March' }];

describe.each<TestEngine>(['sqlite', 'postgres'])('corrections, rehire, leave and job changes, on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  async function idOf(employeeId: string, type: string): Promise<string> {
    return (await streamEvents(app, `employee-${employeeId}`)).find((e) => e.type === type)!.id;
  }

  /** Hired in 2022 and rated `grade` in a finalized 2023 cycle; answers the cycle id. */
  const rated = (employeeId: string, grade: string) => hiredAndRated(app, employeeId, grade);

  it('corrects a final rating keyed wrong: the employee, the cycle distribution and the timeline follow; as known before, the original shows', async () => {
    const cycleId = await rated('co-r', 'LE');
    const ratingId = await idOf('co-r', 'RatingReceived');
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const corrected = await hr()
      .post('/v1/employees/co-r/corrections', {
        eventId: ratingId,
        reason: 'keyed for the wrong person',
        correctedData: { rating: 'HV2' },
        decidedBy: 'hrbp-1',
      })
      .expect(200);
    expect(corrected.body.events.map((e: { type: string }) => e.type)).toEqual(['EventCorrected']);

    expect((await hr().get('/v1/employees/co-r').expect(200)).body.lastRating).toMatchObject({ cycleId, rating: 'HV2' });
    const mirrored = (await streamEvents(app, `review-cycle-${cycleId}`)).find((e) => e.type === 'FinalRatingCorrected');
    expect(mirrored?.data).toMatchObject({ employeeId: 'co-r', fromRating: 'LE', toRating: 'HV2', correctionEventId: corrected.body.events[0].id });
    const distribution = (await hr().get(`/v1/review-cycles/${cycleId}/distribution`).expect(200)).body;
    expect(distribution.totals.counts).toMatchObject({ HV2: 1, LE: 0 });

    const timeline = (await as(app, 'compliance').get('/v1/employees/co-r/timeline').expect(200)).body;
    expect(timeline.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['RatingReceived', 'EventCorrected']));
    const correction = timeline.entries.find((e: { type: string }) => e.type === 'EventCorrected');
    expect(correction.data).toMatchObject({ eventId: ratingId, eventType: 'RatingReceived', reason: 'keyed for the wrong person', decidedBy: 'hrbp-1' });
    const known = (
      await as(app, 'compliance')
        .get(`/v1/employees/co-r/timeline?asOf=${encodeURIComponent(before)}`)
        .expect(200)
    ).body;
    expect(known.entries.map((e: { type: string }) => e.type)).not.toContain('EventCorrected');
  });

  it('refuses to retract a rating a Focus rests on, naming the Focus, and appends nothing', async () => {
    await rated('co-f', 'LE');
    await hr().post('/v1/employees/co-f/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE in 2023', goals: GOALS }).expect(201);
    const ratingId = await idOf('co-f', 'RatingReceived');
    const focusId = await idOf('co-f', 'FocusEntered');
    const refused = await expectRefused(app, () => hr().post('/v1/employees/co-f/corrections', { eventId: ratingId, reason: 'wrong person', retract: true }), {
      status: 409,
      rule: 'correction-conflicts-with-later-events',
    });
    expect(refused.body.events).toEqual([{ eventId: focusId, type: 'FocusEntered', revision: 2 }]);
  });

  it('rescinds a separation recorded in error, and refuses bad corrections with the field named', async () => {
    await hr().post('/v1/employees', hireBody('co-s')).expect(201);
    await hr()
      .post('/v1/employees/co-s/separations', { type: 'voluntary', reason: 'Resigned', reasonCode: 'resignation', effectiveDate: '2024-03-31' })
      .expect(200);
    const separationId = await idOf('co-s', 'EmployeeSeparated');
    await expectRefused(app, () => hr().post('/v1/employees/co-s/corrections', { eventId: separationId, reason: 'x', correctedData: { name: 'Someone' } }), {
      status: 400,
      fields: ['correctedData.name'],
    });
    await expectRefused(app, () => hr().post('/v1/employees/co-s/corrections', { eventId: 'no-such-event', reason: 'x', retract: true }), {
      status: 404,
    });
    await as(app, 'analyst').post('/v1/employees/co-s/corrections', { eventId: separationId, reason: 'x', retract: true }).expect(403);
    await as(app, 'admin').post('/v1/employees/co-s/corrections', { eventId: separationId, reason: 'recorded in error', retract: true }).expect(200);
    expect((await hr().get('/v1/employees/co-s').expect(200)).body).toMatchObject({ status: 'active' });
  });

  it('rehires someone who left, but not after a Pivot exit by default', async () => {
    await hr().post('/v1/employees', hireBody('co-back')).expect(201);
    await hr()
      .post('/v1/employees/co-back/separations', { type: 'voluntary', reason: 'Travel', reasonCode: 'resignation', effectiveDate: '2024-03-31' })
      .expect(200);
    await expectRefused(app, () => hr().post('/v1/employees/co-back/rehire', { hireDate: '2024-03-31', level: 'L5', jobFamily: 'SDE', orgId: 'payments' }), {
      status: 409,
      rule: 'date-before-separation',
    });
    await hr().post('/v1/employees/co-back/rehire', { hireDate: '2025-01-06', level: 'L6', jobFamily: 'SDE', orgId: 'payments', managerId: 'm-1' }).expect(200);
    expect((await hr().get('/v1/employees/co-back').expect(200)).body).toMatchObject({ status: 'active', hireDate: '2025-01-06', level: 'L6' });

    await rated('co-px', 'LE');
    await hr().post('/v1/employees/co-px/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE', goals: GOALS }).expect(201);
    await hr().post('/v1/employees/co-px/focus/close', { outcome: 'escalated', effectiveDate: '2024-04-05' }).expect(200);
    await hr().post('/v1/employees/co-px/pivot', { startDate: '2024-04-08', reason: 'escalated' }).expect(201);
    await hr().post('/v1/employees/co-px/pivot/choice', { option: 'buyout', effectiveDate: '2024-04-09' }).expect(200);
    await expectRefused(app, () => hr().post('/v1/employees/co-px/rehire', { hireDate: '2025-01-06', level: 'L5', jobFamily: 'SDE', orgId: 'payments' }), {
      status: 409,
      rule: 'rehire-not-eligible',
    });
  });

  it('holds Focus during leave and moves its due date by the days on leave', async () => {
    await rated('co-l', 'LE');
    await hr().post('/v1/employees/co-l/leave', { startDate: '2024-01-15', kind: 'parental', expectedEndDate: '2024-01-24' }).expect(200);
    await expectRefused(app, () => hr().post('/v1/employees/co-l/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE', goals: GOALS }), {
      status: 409,
      rule: 'on-leave',
    });
    await hr().post('/v1/employees/co-l/leave/end', { endDate: '2024-01-24' }).expect(200);
    await hr().post('/v1/employees/co-l/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE', goals: GOALS }).expect(201);
    await hr().post('/v1/employees/co-l/leave', { startDate: '2024-03-01', kind: 'medical' }).expect(200);
    const ended = await hr().post('/v1/employees/co-l/leave/end', { endDate: '2024-03-10' }).expect(200);
    expect(ended.body.events.map((e: { type: string }) => e.type)).toEqual(['LeaveEnded']);
    expect((await hr().get('/v1/employees/co-l').expect(200)).body.plan).toMatchObject({ kind: 'focus', dueDate: '2024-04-15' });
  });

  it('schedules a separation dated after today: employed until the last day, separated after it', async () => {
    await hr().post('/v1/employees', hireBody('co-later')).expect(201);
    await hr()
      .post('/v1/employees/co-later/separations', { type: 'voluntary', reason: 'Moving abroad', reasonCode: 'resignation', effectiveDate: '2030-06-30' })
      .expect(200);
    const before = (await hr().get('/v1/employees/co-later').expect(200)).body;
    expect(before).toMatchObject({ status: 'active', scheduled: [{ type: 'EmployeeSeparated', effectiveDate: '2030-06-30' }] });
    expect(before.separatedOn).toBeUndefined();

    await hr().post('/v1/employees/co-later/feedback', { fromEmployeeId: 'e-9', kind: 'anytime', sentiment: 'positive', text: 'Thanks' }).expect(200);
    await hr().post('/v1/employees/co-later/manager', { managerId: 'm-2', effectiveDate: '2030-06-30' }).expect(200);
    await expectRefused(app, () => hr().post('/v1/employees/co-later/manager', { managerId: 'm-3', effectiveDate: '2030-07-01' }), {
      status: 409,
      rule: 'employee-separated',
    });
    expect((await hr().get('/v1/employees/co-later').expect(200)).body).toMatchObject({ status: 'active', managerId: 'm-1' });
    const asTrueToday = (await as(app, 'compliance').get('/v1/employees/co-later/timeline?effectiveAt=2026-12-01').expect(200)).body;
    expect(asTrueToday.entries.map((e: { type: string }) => e.type)).not.toContain('EmployeeSeparated');
  });

  it('records a move to another job family and a demotion', async () => {
    await hr().post('/v1/employees', hireBody('co-j')).expect(201);
    await hr().post('/v1/employees/co-j/job-changes', { jobFamily: 'PM', level: 'L4', effectiveDate: '2024-07-01', reason: 'moved to product' }).expect(200);
    expect((await hr().get('/v1/employees/co-j').expect(200)).body).toMatchObject({ jobFamily: 'PM', level: 'L4' });
    await expectRefused(app, () => hr().post('/v1/employees/co-j/job-changes', { jobFamily: 'PM', effectiveDate: '2024-08-01', reason: 'again' }), {
      status: 409,
      rule: 'job-unchanged',
    });
    await expectRefused(app, () => hr().post('/v1/employees/co-j/job-changes', { effectiveDate: 'soon', reason: 'x' }), {
      status: 400,
      fields: ['effectiveDate'],
    });
  });
});
