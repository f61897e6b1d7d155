import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { hiredAndRated } from '../support/rated';
import { expectRefused, streamEvents } from '../support/problems';

const GOALS = [{ goalId: 'g1', description: 'Ship the migration', measure: 'in production by March' }];

describe.each<TestEngine>(['sqlite', 'postgres'])('lifecycle rules and who decided, on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Hired in 2022 and rated `grade` (calibrated by cal-1) in a finalized 2023 cycle. */
  const rated = (employeeId: string, grade: string) => hiredAndRated(app, employeeId, grade, { calibratedBy: 'cal-1' });

  it('records who calibrated, beside the key that sent it', async () => {
    await rated('lr-cal', 'HV2');
    const calibrated = (await streamEvents(app, 'review-cycle-c-lr-cal')).find((e) => e.type === 'RatingCalibrated')!;
    expect(calibrated.data).toMatchObject({ decidedBy: 'cal-1' });
    expect(calibrated.metadata.actor.role).toBe('hr');
  });

  it('a transfer naming no manager leaves the person without one', async () => {
    await hr().post('/v1/employees', hireBody('lr-t')).expect(201);
    await hr().post('/v1/employees/lr-t/transfers', { toOrgId: 'ads', effectiveDate: '2024-03-01' }).expect(200);
    const employee = await hr().get('/v1/employees/lr-t').expect(200);
    expect(employee.body).toMatchObject({ orgId: 'ads' });
    expect(employee.body.managerId).toBeUndefined();
  });

  it('a laid-off top performer is regretted by policy; the exit keeps its code and who decided', async () => {
    await rated('lr-tt', 'TT');
    await hr()
      .post('/v1/employees/lr-tt/separations', {
        type: 'involuntary',
        reason: 'Team closed',
        reasonCode: 'layoff',
        decidedBy: 'vp-1',
        effectiveDate: '2024-03-31',
      })
      .expect(200);
    const separated = (await streamEvents(app, 'employee-lr-tt')).find((e) => e.type === 'EmployeeSeparated')!;
    expect(separated.data).toMatchObject({ type: 'involuntary', reasonCode: 'layoff', decidedBy: 'vp-1', regretted: true, regrettedSource: 'policy' });

    await expectRefused(
      app,
      () => hr().post('/v1/employees/lr-tt/separations', { type: 'involuntary', reason: 'x', reasonCode: 'pivot_buyout', effectiveDate: '2024-03-31' }),
      {
        status: 400,
        fields: ['reasonCode'],
      },
    );
  });

  it('refuses a Focus escalated the day after it opened, and accepts it on the due date', async () => {
    await rated('lr-f', 'LE');
    await hr().post('/v1/employees/lr-f/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE', goals: GOALS }).expect(201);
    await expectRefused(app, () => hr().post('/v1/employees/lr-f/focus/close', { outcome: 'escalated', effectiveDate: '2024-02-06' }), {
      status: 409,
      rule: 'focus-escalated-early',
    });
    await hr().post('/v1/employees/lr-f/focus/close', { outcome: 'escalated', effectiveDate: '2024-04-05', decidedBy: 'm-1' }).expect(200);
    const closed = (await streamEvents(app, 'employee-lr-f')).find((e) => e.type === 'FocusClosed')!;
    expect(closed.data).toMatchObject({ outcome: 'escalated', decidedBy: 'm-1' });

    await expectRefused(app, () => hr().post('/v1/employees/lr-f/pivot', { startDate: '2024-06-01', reason: 'escalated' }), {
      status: 409,
      rule: 'pivot-placement-window-passed',
    });
  });

  it('refuses a promotion decided before its nomination', async () => {
    await rated('lr-p', 'TT');
    await hr().post('/v1/employees/lr-p/promotions', { promotionId: 'p1', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2024-03-01' }).expect(201);
    await expectRefused(app, () => hr().post('/v1/employees/lr-p/promotions/p1/decision', { approved: true, panel: ['x-1'], effectiveDate: '2024-02-28' }), {
      status: 409,
      rule: 'date-before-nomination',
    });
  });
});
