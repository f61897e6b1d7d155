import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';

describe.each<TestEngine>(['sqlite', 'postgres'])('journey on %s: rated LE, Focus, escalated, Pivot, appeal lost, separated', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  it('records every step and ends separated, involuntary and unregretted', async () => {
    const hr = as(app, 'hr');
    await hr.post('/v1/employees', hireBody('e-1')).expect(201);
    await hr.post('/v1/employees', hireBody('m-2', { managerId: undefined })).expect(201);
    await hr.post('/v1/review-cycles', { cycleId: '2026-H1', name: 'H1 2026', periodStart: '2026-01-01', periodEnd: '2026-06-30' }).expect(201);
    await hr.post('/v1/review-cycles/2026-H1/ratings', { employeeId: 'e-1', managerId: 'm-1', rating: 'HV3', narrative: 'ok' }).expect(200);
    await hr
      .post('/v1/review-cycles/2026-H1/calibrations', { employeeId: 'e-1', rating: 'LE', rank: 12, groupId: 'payments-l5', rationale: 'last in group' })
      .expect(200);
    await hr.post('/v1/review-cycles/2026-H1/finalize').expect(200);

    const rated = await hr.get('/v1/employees/e-1').expect(200);
    expect(rated.body).toMatchObject({ status: 'active', lastRating: { cycleId: '2026-H1', rating: 'LE', policy: 'default@1' } });

    const focus = await hr
      .post('/v1/employees/e-1/focus', {
        startDate: '2026-07-06',
        dueDate: '2026-09-04',
        reason: 'LE in 2026-H1',
        goals: [{ goalId: 'g1', description: 'Ship the ledger export', measure: 'merged and deployed' }],
      })
      .expect(201);
    expect(focus.headers.etag).toBe(`"${focus.body.revision}"`);
    await hr.post('/v1/employees/e-1/focus/goals/g1', { status: 'missed' }).expect(200);
    await hr.post('/v1/employees/e-1/focus/close', { outcome: 'escalated', effectiveDate: '2026-09-04' }).expect(200);
    await hr.post('/v1/employees/e-1/pivot', { startDate: '2026-09-07', reason: 'Focus escalated' }).expect(201);
    await hr.post('/v1/employees/e-1/transfers', { toOrgId: 'search', effectiveDate: '2026-09-08' }).expect(409);
    await hr.post('/v1/employees/e-1/pivot/choice', { option: 'appeal', effectiveDate: '2026-09-09' }).expect(200);
    const lost = await hr
      .post('/v1/employees/e-1/pivot/appeal', { outcome: 'upheld', panel: ['p-1', 'p-2', 'p-3'], decidedAt: '2026-09-30T15:00:00Z' })
      .expect(200);
    expect(lost.body.events.map((e: { type: string }) => e.type)).toEqual(['AppealDecided', 'EmployeeSeparated']);

    const separated = await hr.get('/v1/employees/e-1').expect(200);
    expect(separated.body).toMatchObject({ status: 'separated', separatedOn: '2026-09-30' });
    const feed = await hr.get('/v1/events?after=0&limit=1000').expect(200);
    const separation = feed.body.events.find((e: { type: string }) => e.type === 'EmployeeSeparated');
    expect(separation.data).toMatchObject({ type: 'involuntary', reason: 'appeal_lost', regretted: false });
    expect(separation.metadata).toMatchObject({ policyVersion: 'default@1', actor: { role: 'hr' } });
  });
});
