import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as } from '../support/http';
import { recordSmallCompany, YEAR_2025 } from '../support/small-company';
import { expectRefused } from '../support/problems';

describe.each<TestEngine>(['sqlite', 'postgres'])('analytics on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');
  const analyst = () => as(app, 'analyst');

  beforeAll(async () => {
    app = await startTestApp(engine);
    await recordSmallCompany(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('computes attrition by org, annualized, with Focus and Pivot figures, suppressing groups under the minimum size', async () => {
    // Admin: the policy's minimum only; tiny (2 people) is suppressed.
    const stats = (await as(app, 'admin').get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org`).expect(200)).body;
    expect(stats).toMatchObject({ from: '2025-01-01', to: '2025-12-31', groupBy: 'org', days: 365, policy: 'default@1', suppressed: ['tiny'] });
    expect(stats.rows.map((r: { group: string }) => r.group)).toEqual(['ops', 'payments']);
    const payments = stats.rows[1];
    expect(payments).toEqual({
      group: 'payments',
      population: 6,
      averageHeadcount: 4.73, // 1727 / 365
      separations: 2,
      voluntary: 1,
      involuntary: 1,
      regretted: 1,
      unregretted: 1,
      regrettedAtRisk: 0,
      attritionRate: 0.4227, // 2 x 365 / 1727
      unregrettedRate: 0.2113, // 1 x 365 / 1727
      uraTarget: 0.06,
      focusEntries: 1,
      focusToPivotRate: 1,
      pivotOutcomes: { buyout: 0, appealWon: 0, appealLost: 1, passed: 0, failed: 0 },
      appealWinRate: 0,
    });
    expect(stats.rows[0]).toMatchObject({
      group: 'ops',
      population: 11,
      averageHeadcount: 11,
      separations: 0,
      attritionRate: 0,
      focusEntries: 1,
      focusToPivotRate: 0,
      appealWinRate: null,
    });
    // Everyone: 1727 + 730 + 4015 = 6472 employee-days.
    expect(stats.total).toMatchObject({
      population: 19,
      averageHeadcount: 17.73,
      separations: 2,
      attritionRate: 0.1128,
      focusEntries: 2,
      focusToPivotRate: 0.5,
    });

    // Analysts: tiny alone would be the total minus the rows, so payments (6, the smallest shown) is suppressed with it.
    const forAnalyst = (await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org`).expect(200)).body;
    expect(forAnalyst).toMatchObject({ policy: 'default@1', suppressed: ['payments', 'tiny'] });
    expect(forAnalyst.rows).toEqual([stats.rows[0]]);
    expect(forAnalyst.total).toEqual(stats.total);
  });

  it('groups by level, job family and manager too, and refuses a reversed period or an unknown grouping', async () => {
    const byLevel = (await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=level`).expect(200)).body;
    expect(byLevel.rows).toEqual([expect.objectContaining({ group: 'L5', population: 19, separations: 2 })]);
    const byManager = (await as(app, 'admin').get(`/v1/stats/attrition?${YEAR_2025}&groupBy=manager`).expect(200)).body;
    expect(byManager.rows.map((r: { group: string }) => r.group)).toEqual(['m-1']);
    const reversed = await analyst().get('/v1/stats/attrition?from=2025-12-31&to=2025-01-01').expect(400);
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const unknown = await analyst().get('/v1/stats/attrition?groupBy=shoeSize&from=2025-02-30').expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'groupBy']);
    await as(app, 'hr').get('/v1/stats/attrition').expect(403);
  });

  it('shows the rating distribution against the curve with the calibration move, pseudonymous and suppressed for analysts', async () => {
    const forHr = (await hr().get('/v1/review-cycles/2024-H2/distribution?groupBy=org').expect(200)).body;
    expect(forHr).toMatchObject({ cycleId: '2024-H2', policy: 'default@1', stage: 'final', grades: ['TT', 'HV1', 'HV2', 'HV3', 'LE'] });
    const payments = forHr.groups.find((g: { group: string }) => g.group === 'payments');
    expect(payments).toMatchObject({
      size: 6,
      counts: { TT: 1, HV1: 1, HV2: 2, HV3: 1, LE: 1 },
      proposedCounts: { TT: 1, HV1: 1, HV2: 3, HV3: 0, LE: 1 },
      shares: { TT: 0.1667, LE: 0.1667 },
      targets: { TT: 0.2, LE: 0.06 },
      deviations: { TT: -0.0333, LE: 0.1067 },
      curveEnforced: false,
    });
    expect(forHr.moves).toEqual([
      expect.objectContaining({ employeeId: 'p4', from: 'HV2', to: 'HV3', rank: 5, groupId: 'payments-l5', by: expect.stringMatching(/^hr:/) }),
    ]);
    expect(forHr.totals).toMatchObject({ size: 9, counts: { LE: 2 } });

    // Analysts: ops (1 rated) and tiny (2) together are under 5, so payments is suppressed too; totals stay.
    const forAnalyst = (await analyst().get('/v1/review-cycles/2024-H2/distribution?groupBy=org').expect(200)).body;
    expect(forAnalyst.groups).toEqual([]);
    expect(forAnalyst.suppressed).toEqual(['ops', 'payments', 'tiny']);
    expect(forAnalyst.totals).toEqual(forHr.totals);
    expect(forAnalyst.moves).toEqual([]);
    // Everyone in one group: the move, with a pseudonym for the person and the actor; no rank, no calibration group of one.
    const all = (await analyst().get('/v1/review-cycles/2024-H2/distribution?groupBy=all').expect(200)).body;
    expect(all.moves).toEqual([
      { employeeId: expect.stringMatching(/^p-[0-9a-f]{20}$/), from: 'HV2', to: 'HV3', by: expect.stringMatching(/^p-[0-9a-f]{20}$/), at: expect.any(String) },
    ]);
    await expectRefused(app, () => hr().get('/v1/review-cycles/nope/distribution'), { status: 404, rule: 'review-cycle-not-found' });
    expect((await analyst().get('/v1/review-cycles').expect(200)).body).toEqual({
      cycles: [
        {
          cycleId: '2024-H2',
          title: 'H2 2024',
          policy: 'default@1',
          periodStart: '2024-07-01',
          periodEnd: '2024-12-31',
          finalized: true,
          finalizedAt: expect.any(String),
        },
      ],
    });
  });

  it('lists hire-to-fire cases and rating/feedback divergence, with pseudonyms for analysts and ids for compliance', async () => {
    const cases = (await as(app, 'compliance').get(`/v1/stats/hire-to-fire?${YEAR_2025}`).expect(200)).body;
    expect(cases).toMatchObject({
      months: 6,
      view: 'people',
      rows: [{ employeeId: 'h1', event: 'focus', startDate: '2025-01-15', monthsAfterHire: 4.4, orgId: 'ops' }],
    });
    // Analysts get counts; one case is under the minimum group size, so nothing but that a cell was suppressed.
    const counted = (await analyst().get(`/v1/stats/hire-to-fire?${YEAR_2025}`).expect(200)).body;
    expect(counted).toEqual({ from: '2025-01-01', to: '2025-12-31', months: 6, view: 'counts', rows: [], total: null, suppressedCells: 1 });

    const divergence = (await as(app, 'compliance').get('/v1/stats/feedback-divergence?from=2024-01-01&to=2024-12-31').expect(200)).body;
    expect(divergence.rows).toEqual([
      expect.objectContaining({ employeeId: 'p2', cycleId: '2024-H2', grade: 'LE', peer360: { positive: 3, neutral: 0, negative: 0 }, positiveShare: 1 }),
    ]);
    const pseudonymous = (await analyst().get('/v1/stats/feedback-divergence?from=2024-01-01&to=2024-12-31').expect(200)).body;
    expect(pseudonymous.rows).toEqual([
      expect.objectContaining({ employeeId: expect.stringMatching(/^p-[0-9a-f]{20}$/), managerId: expect.stringMatching(/^p-[0-9a-f]{20}$/), grade: 'LE' }),
    ]);
  });

  it('reports adverse impact by a recorded attribute with the four-fifths rule', async () => {
    const report = (await analyst().get(`/v1/stats/adverse-impact?attribute=gender&outcome=separation&${YEAR_2025}`).expect(200)).body;
    // f: p1, p2, p3, t1, o1-o5 = 9 people, 2 separated; m: 9 people, none separated.
    expect(report).toMatchObject({ attribute: 'gender', outcome: 'separation', unknown: 1, suppressedGroups: 0 });
    expect(report).not.toHaveProperty('suppressed');
    expect(report.groups).toEqual([
      { value: 'f', population: 9, affected: 2, rate: 0.2222, impactRatio: 0, flagged: true },
      { value: 'm', population: 9, affected: 0, rate: 0, impactRatio: 1, flagged: false },
    ]);
    await analyst().get('/v1/stats/adverse-impact?outcome=focus').expect(400);
  });

  it('keeps every statistic unchanged after an erasure; the erased person only drops out of attribute groups', async () => {
    const attrition = (await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org`).expect(200)).body;
    const distribution = (await hr().get('/v1/review-cycles/2024-H2/distribution?groupBy=org').expect(200)).body;
    await as(app, 'admin').post('/v1/employees/p2/erasure', { reason: 'request 9' }).expect(200);
    expect((await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org`).expect(200)).body).toEqual(attrition);
    expect((await hr().get('/v1/review-cycles/2024-H2/distribution?groupBy=org').expect(200)).body).toEqual(distribution);
    const report = (await analyst().get(`/v1/stats/adverse-impact?attribute=gender&outcome=separation&${YEAR_2025}`).expect(200)).body;
    expect(report.unknown).toBe(2);
    expect(report.groups[0]).toMatchObject({ value: 'f', population: 8, affected: 1 });
  });
});
