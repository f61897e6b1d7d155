import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response } from 'supertest';
import type { EventEnvelope } from '@pm/event-store';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { eventsAfter, expectRefused, headPosition, typesOf } from '../support/problems';

/** Everyone in these journeys, with their final rating of 2026-H1 (none: never rated). */
const H1_RATINGS: Record<string, string | undefined> = {
  'j-buyout': 'LE',
  'j-plan-pass': 'LE',
  'j-plan-fail': 'LE',
  'j-appeal': 'LE',
  'j-focus-window': 'LE',
  'j-focus-promo': 'LE',
  'j-focus-ok': 'LE',
  'j-hv2': 'HV2',
  'j-unrated': undefined,
  'j-promo-hv1': 'HV1',
  'j-promo-tt': 'TT',
  'j-promo-new': 'TT',
  'j-promo-then-le': 'HV1',
};
/** Hired in 2026: less than 12 months in level by mid-2026. */
const RECENT_HIRES = new Set(['j-promo-new']);

const FOCUS = {
  startDate: '2026-07-06',
  dueDate: '2026-09-04',
  reason: 'LE in 2026-H1',
  goals: [{ goalId: 'g1', description: 'Ship the export', measure: 'deployed' }],
};
/** A Monday: the 3-business-day choice window closes on Thursday 2026-09-10. */
const PIVOT_START = '2026-09-07';

describe.each<TestEngine>(['sqlite', 'postgres'])('Focus, Pivot and promotion journeys on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
    for (const id of Object.keys(H1_RATINGS)) {
      await hr()
        .post('/v1/employees', hireBody(id, RECENT_HIRES.has(id) ? { hireDate: '2026-01-05' } : {}))
        .expect(201);
    }
    await hr().post('/v1/review-cycles', { cycleId: '2026-H1', name: 'H1 2026', periodStart: '2026-01-01', periodEnd: '2026-06-30' }).expect(201);
    for (const [employeeId, rating] of Object.entries(H1_RATINGS)) {
      if (rating) await hr().post('/v1/review-cycles/2026-H1/ratings', { employeeId, managerId: 'm-1', rating }).expect(200);
    }
    await hr().post('/v1/review-cycles/2026-H1/finalize').expect(200);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Focus, goals missed, escalated, then Pivot: the employee must choose by 2026-09-10. */
  async function escalateToPivot(id: string): Promise<void> {
    await hr().post(`/v1/employees/${id}/focus`, FOCUS).expect(201);
    await hr().post(`/v1/employees/${id}/focus/goals/g1`, { status: 'missed', note: 'not shipped' }).expect(200);
    await hr().post(`/v1/employees/${id}/focus/close`, { outcome: 'escalated', effectiveDate: '2026-09-04' }).expect(200);
    await hr().post(`/v1/employees/${id}/pivot`, { startDate: PIVOT_START, reason: 'Focus escalated' }).expect(201);
  }

  /** The envelopes a command appended, read back from the feed. */
  async function appendedBy(send: () => PromiseLike<Response>): Promise<{ response: Response; events: EventEnvelope[] }> {
    const before = await headPosition(app);
    const response = await send();
    return { response, events: await eventsAfter(app, before) };
  }

  /** Events of one command: consecutive positions and revisions, one causation, one recordedAt. */
  function expectOneAppend(events: EventEnvelope[]): void {
    const positions = events.map((e) => e.position);
    expect(positions).toEqual(positions.map((_p, i) => positions[0] + i));
    const revisions = events.map((e) => e.revision);
    expect(revisions).toEqual(revisions.map((_r, i) => revisions[0] + i));
    expect(new Set(events.map((e) => e.metadata.causationId)).size).toBe(1);
    expect(new Set(events.map((e) => e.metadata.recordedAt)).size).toBe(1);
  }

  it('buyout: a rated-LE employee goes through Focus and Pivot, takes the buyout, and leaves involuntary and unregretted in one append', async () => {
    await escalateToPivot('j-buyout');
    const inPivot = await hr().get('/v1/employees/j-buyout').expect(200);
    expect(inPivot.body).toMatchObject({ status: 'pivot', plan: { kind: 'pivot', startDate: PIVOT_START, choiceDeadline: '2026-09-10' } });

    const { response, events } = await appendedBy(() =>
      hr().post('/v1/employees/j-buyout/pivot/choice', { option: 'buyout', effectiveDate: '2026-09-08' }).expect(200),
    );
    expect(typesOf(response)).toEqual(['PivotOptionChosen', 'BuyoutAccepted', 'EmployeeSeparated']);
    expect(events.map((e) => e.id)).toEqual(response.body.events.map((e: { id: string }) => e.id));
    expectOneAppend(events);
    expect(events.map((e) => e.data)).toEqual([
      { employeeId: 'j-buyout', option: 'buyout', effectiveDate: '2026-09-08' },
      // 10 weeks plus 2 per year of tenure (2024-01-15 to 2026-09-08: 2.65 years).
      { employeeId: 'j-buyout', effectiveDate: '2026-09-08', severanceWeeks: 15.3 },
      {
        employeeId: 'j-buyout',
        type: 'involuntary',
        reason: 'pivot_buyout',
        reasonCode: 'pivot_buyout',
        regretted: false,
        regrettedSource: 'policy',
        lastGrade: 'LE',
        severanceWeeks: 15.3,
        effectiveDate: '2026-09-08',
      },
    ]);
    const after = await hr().get('/v1/employees/j-buyout').expect(200);
    expect(after.body).toMatchObject({ status: 'separated', separatedOn: '2026-09-08', revision: response.body.revision });
    expect(after.body.plan).toBeUndefined();
    // The separation date is the last day: the day after it, nothing more is recorded.
    await expectRefused(app, () => hr().post('/v1/employees/j-buyout/pivot/choice', { option: 'appeal', effectiveDate: '2026-09-09' }), {
      status: 409,
      rule: 'employee-separated',
    });
  });

  it('improvement plan passed: the Pivot ends and the employee is active, but a promotion is still refused on the LE rating and the same rating cannot start a new Focus', async () => {
    await escalateToPivot('j-plan-pass');
    await expectRefused(app, () => hr().post('/v1/employees/j-plan-pass/transfers', { toOrgId: 'search', effectiveDate: '2026-09-08' }), {
      status: 409,
      rule: 'transfer-blocked-during-pivot',
    });
    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-plan-pass/promotions', { promotionId: 'pp-1', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2026-09-08' }),
      {
        status: 409,
        rule: 'promotion-blocked-during-pivot',
      },
    );

    const goals = [{ goalId: 'p1', description: 'Own the on-call rotation', measure: 'no missed pages' }];
    const chosen = await hr()
      .post('/v1/employees/j-plan-pass/pivot/choice', { option: 'improvement_plan', effectiveDate: '2026-09-08', planDueDate: '2026-10-23', goals })
      .expect(200);
    expect(typesOf(chosen)).toEqual(['PivotOptionChosen']);
    expect((await hr().get('/v1/employees/j-plan-pass').expect(200)).body.plan).toEqual({
      kind: 'pivot',
      startDate: PIVOT_START,
      choiceDeadline: '2026-09-10',
      option: 'improvement_plan',
      planDueDate: '2026-10-23',
    });

    const { response, events } = await appendedBy(() =>
      hr().post('/v1/employees/j-plan-pass/pivot/close', { outcome: 'passed', effectiveDate: '2026-10-23' }).expect(200),
    );
    expect(typesOf(response)).toEqual(['PivotClosed']);
    expect(events[0].data).toEqual({ employeeId: 'j-plan-pass', outcome: 'passed', effectiveDate: '2026-10-23' });
    const after = await hr().get('/v1/employees/j-plan-pass').expect(200);
    expect(after.body).toMatchObject({ status: 'active', lastRating: { rating: 'LE' } });
    expect(after.body.plan).toBeUndefined();

    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-plan-pass/promotions', { promotionId: 'pp-2', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2026-11-02' }),
      {
        status: 409,
        rule: 'promotion-below-bar',
      },
    );
    await expectRefused(app, () => hr().post('/v1/employees/j-plan-pass/focus', { ...FOCUS, startDate: '2026-11-02', dueDate: '2026-12-31' }), {
      status: 409,
      rule: 'focus-trigger-already-used',
    });
    await hr().post('/v1/employees/j-plan-pass/transfers', { toOrgId: 'search', effectiveDate: '2026-11-02' }).expect(200);
  });

  it('improvement plan failed: the Pivot closes and the employee is separated as pivot_failed with a third of the severance, in one append', async () => {
    await escalateToPivot('j-plan-fail');
    await hr()
      .post('/v1/employees/j-plan-fail/pivot/choice', {
        option: 'improvement_plan',
        effectiveDate: '2026-09-09',
        planDueDate: '2026-10-09',
        goals: [{ goalId: 'p1', description: 'Close the backlog', measure: 'zero open tickets' }],
      })
      .expect(200);

    const { response, events } = await appendedBy(() =>
      hr().post('/v1/employees/j-plan-fail/pivot/close', { outcome: 'failed', effectiveDate: '2026-10-09' }).expect(200),
    );
    expect(typesOf(response)).toEqual(['PivotClosed', 'EmployeeSeparated']);
    expectOneAppend(events);
    expect(events[1].data).toEqual({
      employeeId: 'j-plan-fail',
      type: 'involuntary',
      reason: 'pivot_failed',
      reasonCode: 'pivot_failed',
      regretted: false,
      regrettedSource: 'policy',
      lastGrade: 'LE',
      // (10 + 2 x 2.73 years) / 3
      severanceWeeks: 5.2,
      effectiveDate: '2026-10-09',
    });
    expect((await hr().get('/v1/employees/j-plan-fail').expect(200)).body).toMatchObject({ status: 'separated', separatedOn: '2026-10-09' });
  });

  it('appeal overturned: the panel sides with the employee, the Pivot ends and the employee is active again', async () => {
    await escalateToPivot('j-appeal');
    await hr().post('/v1/employees/j-appeal/pivot/choice', { option: 'appeal', effectiveDate: '2026-09-10' }).expect(200);
    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-appeal/pivot/appeal', { outcome: 'overturned', panel: ['p-1', 'm-1'], decidedAt: '2026-09-30T15:00:00Z' }),
      {
        status: 409,
        rule: 'appeal-panel-conflict',
        fields: ['panel'],
      },
    );
    await expectRefused(app, () => hr().post('/v1/employees/j-appeal/pivot/close', { outcome: 'passed', effectiveDate: '2026-09-30' }), {
      status: 409,
      rule: 'no-improvement-plan',
    });

    const decided = await hr()
      .post('/v1/employees/j-appeal/pivot/appeal', { outcome: 'overturned', panel: ['p-1', 'p-2', 'p-3'], decidedAt: '2026-09-30T15:00:00Z' })
      .expect(200);
    expect(typesOf(decided)).toEqual(['AppealDecided']);
    const after = await hr().get('/v1/employees/j-appeal').expect(200);
    expect(after.body).toMatchObject({ status: 'active' });
    expect(after.body.plan).toBeUndefined();
    // The Pivot is over: nothing more can be decided on it.
    await expectRefused(app, () => hr().post('/v1/employees/j-appeal/pivot/appeal', { outcome: 'upheld', panel: ['p-1'], decidedAt: '2026-10-01T10:00:00Z' }), {
      status: 409,
      rule: 'no-appeal-pending',
    });
  });

  it('refuses a Pivot choice after the 3-business-day window (409 pivot-choice-window-closed)', async () => {
    await escalateToPivot('j-focus-window');
    await expectRefused(app, () => hr().post('/v1/employees/j-focus-window/pivot/choice', { option: 'appeal', effectiveDate: '2026-09-11' }), {
      status: 409,
      rule: 'pivot-choice-window-closed',
      fields: ['effectiveDate'],
    });
  });

  it('promotion approved: HV1 and 12 months in level, nominated and approved, the employee moves to the new level', async () => {
    const nominated = await hr()
      .post('/v1/employees/j-promo-hv1/promotions', {
        promotionId: 'pr-1',
        toLevel: 'L6',
        nominatedBy: 'm-1',
        document: 'Led the payments migration',
        nominatedOn: '2026-07-15',
      })
      .expect(201);
    expect(typesOf(nominated)).toEqual(['PromotionNominated']);
    expect(nominated.headers.etag).toBe(`"${nominated.body.revision}"`);

    const { response, events } = await appendedBy(() =>
      hr()
        .post('/v1/employees/j-promo-hv1/promotions/pr-1/decision', { approved: true, panel: ['p-1', 'p-2'], effectiveDate: '2026-08-01' })
        .expect(200),
    );
    expect(typesOf(response)).toEqual(['PromotionDecided', 'Promoted']);
    expectOneAppend(events);
    expect(events.map((e) => e.data)).toEqual([
      { employeeId: 'j-promo-hv1', promotionId: 'pr-1', approved: true, panel: ['p-1', 'p-2'], effectiveDate: '2026-08-01' },
      { employeeId: 'j-promo-hv1', promotionId: 'pr-1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2026-08-01' },
    ]);
    expect((await hr().get('/v1/employees/j-promo-hv1').expect(200)).body).toMatchObject({ level: 'L6', status: 'active' });

    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-promo-hv1/promotions/pr-1/decision', { approved: true, panel: ['p-1'], effectiveDate: '2026-08-02' }),
      {
        status: 409,
        rule: 'promotion-already-decided',
      },
    );
    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-promo-hv1/promotions', { promotionId: 'pr-1', toLevel: 'L7', nominatedBy: 'm-1', nominatedOn: '2026-08-02' }),
      {
        status: 409,
        rule: 'promotion-already-exists',
      },
    );
  });

  it('promotion declined: only the decision is recorded and the level stays', async () => {
    await hr().post('/v1/employees/j-promo-tt/promotions', { promotionId: 'pr-2', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2026-07-15' }).expect(201);
    const decided = await hr()
      .post('/v1/employees/j-promo-tt/promotions/pr-2/decision', { approved: false, panel: ['p-1'], effectiveDate: '2026-08-01' })
      .expect(200);
    expect(typesOf(decided)).toEqual(['PromotionDecided']);
    expect((await hr().get('/v1/employees/j-promo-tt').expect(200)).body).toMatchObject({ level: 'L5' });
    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-promo-tt/promotions/pr-unknown/decision', { approved: true, panel: ['p-1'], effectiveDate: '2026-08-01' }),
      {
        status: 404,
        rule: 'promotion-not-found',
      },
    );
  });

  it('refuses a promotion below the bar, without a rating, or before 12 months in level', async () => {
    const nominate = (id: string) => () =>
      hr().post(`/v1/employees/${id}/promotions`, { promotionId: `pr-${id}`, toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2026-07-15' });
    await expectRefused(app, nominate('j-hv2'), { status: 409, rule: 'promotion-below-bar' });
    await expectRefused(app, nominate('j-unrated'), { status: 409, rule: 'promotion-below-bar' });
    await expectRefused(app, nominate('j-promo-new'), { status: 409, rule: 'promotion-too-soon-in-level' });
    await expectRefused(app, () => hr().post('/v1/employees/nobody/promotions', { promotionId: 'pr-x', toLevel: 'L6', nominatedBy: 'm-1' }), {
      status: 404,
      rule: 'employee-not-found',
    });
  });

  it('refuses a promotion during Focus, both at nomination and at an approving decision', async () => {
    await hr().post('/v1/employees/j-focus-promo/focus', FOCUS).expect(201);
    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-focus-promo/promotions', { promotionId: 'pr-f', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2026-07-15' }),
      {
        status: 409,
        rule: 'promotion-blocked-during-focus',
      },
    );

    // Nominated on an HV1, then rated LE in the next cycle and put in Focus before the panel decides.
    await hr()
      .post('/v1/employees/j-promo-then-le/promotions', { promotionId: 'pr-3', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2026-07-15' })
      .expect(201);
    await hr().post('/v1/review-cycles', { cycleId: '2026-H2', name: 'H2 2026', periodStart: '2026-07-01', periodEnd: '2026-12-31' }).expect(201);
    await hr().post('/v1/review-cycles/2026-H2/ratings', { employeeId: 'j-promo-then-le', managerId: 'm-1', rating: 'LE' }).expect(200);
    await hr().post('/v1/review-cycles/2026-H2/finalize').expect(200);
    await hr()
      .post('/v1/employees/j-promo-then-le/focus', { ...FOCUS, startDate: '2027-01-11', dueDate: '2027-03-12' })
      .expect(201);
    await expectRefused(
      app,
      () => hr().post('/v1/employees/j-promo-then-le/promotions/pr-3/decision', { approved: true, panel: ['p-1'], effectiveDate: '2027-01-20' }),
      {
        status: 409,
        rule: 'promotion-blocked-during-focus',
      },
    );
    expect((await hr().get('/v1/employees/j-promo-then-le').expect(200)).body).toMatchObject({ level: 'L5', status: 'focus' });
  });

  it('refuses Focus without a below-bar rating (409 focus-not-allowed)', async () => {
    await expectRefused(app, () => hr().post('/v1/employees/j-hv2/focus', FOCUS), { status: 409, rule: 'focus-not-allowed' });
    await expectRefused(app, () => hr().post('/v1/employees/j-unrated/focus', FOCUS), { status: 409, rule: 'focus-not-allowed' });
  });

  it('refuses Focus with a due date outside 30 to 90 days (409, naming dueDate), and accepts the bounds', async () => {
    const window = { status: 409, rule: 'focus-due-date-outside-window', fields: ['dueDate'] };
    await expectRefused(app, () => hr().post('/v1/employees/j-focus-ok/focus', { ...FOCUS, dueDate: '2026-08-04' }), window); // 29 days
    await expectRefused(app, () => hr().post('/v1/employees/j-focus-ok/focus', { ...FOCUS, dueDate: '2026-10-05' }), window); // 91 days
    const entered = await hr()
      .post('/v1/employees/j-focus-ok/focus', { ...FOCUS, dueDate: '2026-10-04' })
      .expect(201); // 90 days
    expect(typesOf(entered)).toEqual(['FocusEntered']);
    const view = await hr().get('/v1/employees/j-focus-ok').expect(200);
    expect(view.body).toMatchObject({
      status: 'focus',
      plan: { kind: 'focus', startDate: '2026-07-06', dueDate: '2026-10-04', goals: [{ goalId: 'g1', status: 'in_progress' }] },
    });

    await expectRefused(app, () => hr().post('/v1/employees/j-focus-ok/focus/goals/g9', { status: 'met' }), { status: 404, rule: 'focus-goal-not-found' });
    await expectRefused(app, () => hr().post('/v1/employees/j-focus-ok/pivot', { startDate: '2026-08-03', reason: 'early' }), {
      status: 409,
      rule: 'pivot-requires-escalated-focus',
    });
    // Goals met: Focus succeeds and gives no way into Pivot.
    await hr().post('/v1/employees/j-focus-ok/focus/goals/g1', { status: 'met' }).expect(200);
    await hr().post('/v1/employees/j-focus-ok/focus/close', { outcome: 'succeeded', effectiveDate: '2026-10-02' }).expect(200);
    expect((await hr().get('/v1/employees/j-focus-ok').expect(200)).body).toMatchObject({ status: 'active' });
    await expectRefused(app, () => hr().post('/v1/employees/j-focus-ok/pivot', { startDate: '2026-10-05', reason: 'no' }), {
      status: 409,
      rule: 'pivot-requires-escalated-focus',
    });
  });
});
