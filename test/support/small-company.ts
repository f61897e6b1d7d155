import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { as, hireBody } from './http';

/**
 * A small company worked by hand. 2025 (365 days) is the period asked about.
 * - payments: p1..p6 hired 2024-01-01. p1 leaves voluntarily (regretted), last day 2025-07-02, after
 *   183 days of 2025; p2, rated LE in 2024-H2, goes Focus (2025-01-15) -> Pivot -> appeal lost,
 *   last day 2025-03-25, after 84 days. Employee-days 4 x 365 + 183 + 84 = 1727.
 * - tiny: t1, t2 all year (730 days): under the policy's minimum group size of 5, suppressed.
 * - ops: o1..o10 all year, and h1 hired 2024-09-01, rated LE, in Focus from 2025-01-15
 *   (4.5 months after hire: hire-to-fire). 11 x 365 = 4015 days.
 * Genders: p1-p3, t1, o1-o5 f; p4-p6, t2, o6-o10 m; h1 none recorded.
 */
export const PAYMENTS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
export const OPS = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10'];
export const FEMALE = new Set(['p1', 'p2', 'p3', 't1', 'o1', 'o2', 'o3', 'o4', 'o5']);
export const H2_RATINGS: Record<string, string> = { p1: 'TT', p2: 'LE', p3: 'HV1', p4: 'HV2', p5: 'HV2', p6: 'HV2', t1: 'HV1', t2: 'HV3', h1: 'LE' };
export const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';

/** Records the company above through the API, as the HR platform would. */
export async function recordSmallCompany(app: NestFastifyApplication): Promise<void> {
  const hr = () => as(app, 'hr');
  const hire = async (id: string, orgId: string): Promise<void> => {
    await hr()
      .post('/v1/employees', hireBody(id, { orgId, hireDate: '2024-01-01', attributes: { gender: FEMALE.has(id) ? 'f' : 'm' } }))
      .expect(201);
  };
  for (const id of PAYMENTS) await hire(id, 'payments');
  for (const id of ['t1', 't2']) await hire(id, 'tiny');
  for (const id of OPS) await hire(id, 'ops');
  await hr()
    .post('/v1/employees', hireBody('h1', { orgId: 'ops', hireDate: '2024-09-01', attributes: undefined }))
    .expect(201);

  await hr().post('/v1/review-cycles', { cycleId: '2024-H2', name: 'H2 2024', periodStart: '2024-07-01', periodEnd: '2024-12-31' }).expect(201);
  for (const [employeeId, rating] of Object.entries(H2_RATINGS))
    await hr().post('/v1/review-cycles/2024-H2/ratings', { employeeId, managerId: 'm-1', rating }).expect(200);
  await hr()
    .post('/v1/review-cycles/2024-H2/calibrations', { employeeId: 'p4', rating: 'HV3', rank: 5, groupId: 'payments-l5', rationale: 'Behind peers' })
    .expect(200);
  for (const from of ['o1', 'o2', 'o3']) {
    await hr()
      .post('/v1/employees/p2/feedback', { fromEmployeeId: from, kind: 'peer360', sentiment: 'positive', text: 'Great partner', cycleId: '2024-H2' })
      .expect(200);
  }
  await hr().post('/v1/review-cycles/2024-H2/finalize').expect(200);

  const focus = {
    startDate: '2025-01-15',
    dueDate: '2025-03-15',
    reason: 'LE in 2024-H2',
    goals: [{ goalId: 'g1', description: 'Close the backlog', measure: 'zero open' }],
  };
  await hr().post('/v1/employees/p2/focus', focus).expect(201);
  await hr().post('/v1/employees/h1/focus', focus).expect(201);
  await hr().post('/v1/employees/p2/focus/close', { outcome: 'escalated', effectiveDate: '2025-03-15' }).expect(200);
  await hr().post('/v1/employees/p2/pivot', { startDate: '2025-03-17', reason: 'Focus escalated' }).expect(201);
  await hr().post('/v1/employees/p2/pivot/choice', { option: 'appeal', effectiveDate: '2025-03-18' }).expect(200);
  await hr()
    .post('/v1/employees/p2/pivot/appeal', { outcome: 'upheld', panel: ['x-1'], decidedAt: '2025-03-25' })
    .expect(200);
  await hr().post('/v1/employees/p1/separations', { type: 'voluntary', reason: 'startup', regretted: true, effectiveDate: '2025-07-02' }).expect(200);
}
