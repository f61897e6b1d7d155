import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { hiredAndRated } from '../support/rated';
import { expectRefused, streamEvents } from '../support/problems';

const GOALS = [{ goalId: 'g1', description: 'Ship the migration', measure: 'in production by March' }];

describe.each<TestEngine>(['sqlite', 'postgres'])('level ladders, appeal panels, renamed grades and divergence on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  const rated = (employeeId: string, grade: string, policyId?: string) => hiredAndRated(app, employeeId, grade, { policyId });

  it('promotes only up the job family ladder of the shipped policy', async () => {
    const policy = (await hr().get('/v1/policies/default').expect(200)).body;
    expect(policy.levels.SDE).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10']);

    await rated('lad-1', 'HV1');
    const nominate = (promotionId: string, toLevel: string) =>
      hr().post('/v1/employees/lad-1/promotions', { promotionId, toLevel, nominatedBy: 'm-1', nominatedOn: '2024-02-01' });
    await expectRefused(app, () => nominate('pr-down', 'L4'), { status: 409, rule: 'promotion-not-upward', fields: ['toLevel'] });
    await expectRefused(app, () => nominate('pr-off', 'L11'), { status: 409, rule: 'level-not-on-ladder', fields: ['toLevel'] });
    await nominate('pr-up', 'L6').expect(201);
    const decided = await hr()
      .post('/v1/employees/lad-1/promotions/pr-up/decision', { approved: true, panel: ['p-1'], effectiveDate: '2024-03-01' })
      .expect(200);
    expect(decided.body.events.map((e: { type: string }) => e.type)).toEqual(['PromotionDecided', 'Promoted']);
  });

  it('validates the ladders and aliases of a published policy', async () => {
    const { version: _version, ...document } = (await hr().get('/v1/policies/classic').expect(200)).body;
    const admin = as(app, 'admin');
    await expectRefused(app, () => admin.put('/v1/policies/classic', { ...document, levels: { SDE: ['L1', 'L1'] } }), {
      status: 400,
      rule: 'invalid-policy',
      fields: ['levels.SDE'],
    });
    const backwards = { ...document, scale: { ...document.scale, aliases: { ME: 'MET' } } };
    await expectRefused(app, () => admin.put('/v1/policies/classic', backwards), { status: 400, rule: 'invalid-policy', fields: ['scale.aliases.ME'] });
    await admin.put('/v1/policies/classic', { ...document, levels: { '*': ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'] } }).expect(200);
  });

  it('promotes under a policy look-back only with that many latest ratings at the bar', async () => {
    const { version: _version, ...document } = (await hr().get('/v1/policies/default').expect(200)).body;
    const admin = as(app, 'admin');
    const twice = { ...document, policyId: 'twice', name: 'Two in a row', promotion: { ...document.promotion, lookBack: 2 } };
    await expectRefused(app, () => admin.put('/v1/policies/twice', { ...twice, promotion: { ...twice.promotion, lookBack: 0 } }), {
      status: 400,
      rule: 'invalid-policy',
      fields: ['promotion.lookBack'],
    });
    await admin.put('/v1/policies/twice', twice).expect(200);
    await rated('lb-1', 'TT', 'twice');
    await expectRefused(
      app,
      () => hr().post('/v1/employees/lb-1/promotions', { promotionId: 'lb-p', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2024-02-01' }),
      {
        status: 409,
        rule: 'promotion-below-bar',
      },
    );
  });

  it('refuses an appeal panel member who was separated, and accepts one unknown here', async () => {
    await rated('ap-1', 'LE');
    for (const member of ['ap-gone', 'ap-judge']) {
      await hr()
        .post('/v1/employees', hireBody(member, { hireDate: '2022-01-10' }))
        .expect(201);
    }
    await hr()
      .post('/v1/employees/ap-gone/separations', { type: 'voluntary', reason: 'Moved abroad', reasonCode: 'resignation', effectiveDate: '2024-02-01' })
      .expect(200);
    await hr().post('/v1/employees/ap-1/focus', { startDate: '2024-01-08', dueDate: '2024-03-08', reason: 'LE in 2023', goals: GOALS }).expect(201);
    await hr().post('/v1/employees/ap-1/focus/close', { outcome: 'escalated', effectiveDate: '2024-03-08' }).expect(200);
    await hr().post('/v1/employees/ap-1/pivot', { startDate: '2024-03-11', reason: 'Focus escalated' }).expect(201);
    await hr().post('/v1/employees/ap-1/pivot/choice', { option: 'appeal', effectiveDate: '2024-03-12' }).expect(200);

    const decide = (panel: string[]) => hr().post('/v1/employees/ap-1/pivot/appeal', { outcome: 'overturned', panel, decidedAt: '2024-03-20T15:00:00Z' });
    await expectRefused(app, () => decide(['outside-1', 'ap-gone']), { status: 409, rule: 'panel-member-ineligible', fields: ['panel'] });
    await expectRefused(app, () => decide(['m-1']), { status: 409, rule: 'appeal-panel-conflict', fields: ['panel'] });
    await decide(['outside-1', 'ap-judge']).expect(200);
    const appeal = (await streamEvents(app, 'employee-ap-1')).find((e) => e.type === 'AppealDecided')!;
    expect(appeal.data).toEqual({ employeeId: 'ap-1', outcome: 'overturned', panel: ['outside-1', 'ap-judge'], decidedAt: '2024-03-20T15:00:00Z' });
  });

  it('records a ByteDance grade given under its old code F as the current N', async () => {
    await rated('bd-1', 'F', 'bytedance');
    await rated('bd-2', 'N', 'bytedance');
    for (const id of ['bd-1', 'bd-2']) {
      const proposed = (await streamEvents(app, `review-cycle-c-${id}`)).find((e) => e.type === 'RatingProposed')!;
      expect(proposed.data).toMatchObject({ employeeId: id, rating: 'N' });
    }
    expect((await hr().get('/v1/employees/bd-1').expect(200)).body.lastRating).toMatchObject({ rating: 'N', policy: 'bytedance@1' });
  });

  it('judges each rating in the divergence report under the policy of its own cycle', async () => {
    await hr()
      .post('/v1/employees', hireBody('dv-1', { hireDate: '2022-01-10' }))
      .expect(201);
    // LE under the default policy and ME under classic are both low; under the default policy alone ME is no grade at all.
    const cycles = [
      { cycleId: 'dv-h1', periodStart: '2024-01-01', periodEnd: '2024-06-30', policyId: 'default', rating: 'LE' },
      { cycleId: 'dv-h2', periodStart: '2024-07-01', periodEnd: '2024-12-31', policyId: 'classic', rating: 'ME' },
    ];
    for (const { cycleId, periodStart, periodEnd, policyId, rating } of cycles) {
      await hr().post('/v1/review-cycles', { cycleId, name: cycleId, periodStart, periodEnd, policyId }).expect(201);
      await hr().post(`/v1/review-cycles/${cycleId}/ratings`, { employeeId: 'dv-1', managerId: 'm-1', rating }).expect(200);
      for (const from of ['f-1', 'f-2', 'f-3']) {
        await hr()
          .post('/v1/employees/dv-1/feedback', { fromEmployeeId: from, kind: 'peer360', sentiment: 'positive', text: 'Great partner', cycleId })
          .expect(200);
      }
      await hr().post(`/v1/review-cycles/${cycleId}/finalize`).expect(200);
    }

    const report = (await as(app, 'compliance').get('/v1/stats/feedback-divergence?from=2024-01-01&to=2024-12-31').expect(200)).body;
    const rows = report.rows.filter((r: { employeeId: string }) => r.employeeId === 'dv-1');
    expect(rows.map((r: { cycleId: string; grade: string }) => [r.cycleId, r.grade])).toEqual([
      ['dv-h1', 'LE'],
      ['dv-h2', 'ME'],
    ]);
  });
});
