import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { writeSeedPayHistory } from '../support/seed-pay';
import { as } from '../support/http';
import { headPosition } from '../support/problems';
import { recordSmallCompany } from '../support/small-company';

type Change = { employee: string; cycleId?: string; outcome: string; baseline: unknown; counterfactual: unknown };

describe.each<TestEngine>(['sqlite', 'postgres'])('policy replays on %s', (engine) => {
  let app: NestFastifyApplication;
  let recorded: Record<string, unknown>;
  /** The recorded policy with a curve that applies to every group (the shipped one applies from 50 people). */
  const withLowestShare = (share: number) => ({ ...recorded, curve: { targets: { TT: 0.2, LE: share }, minGroupSize: 1 } });

  beforeAll(async () => {
    app = await startTestApp(engine);
    await recordSmallCompany(app);
    recorded = (await as(app, 'analyst').get('/v1/policies/default').expect(200)).body;
  });
  afterAll(async () => {
    await app.close();
  });

  it('replays the recorded policy to an empty diff, and writes nothing', async () => {
    const head = await headPosition(app);
    const { body } = await as(app, 'analyst').post('/v1/replays', { policy: recorded }).expect(200);
    expect(body.changedOutcomes).toEqual([]);
    expect(body.diff.byOrg).toEqual([]);
    expect(body.counterfactual.gradeDistribution).toEqual(body.baseline.gradeDistribution);
    expect(body.baseline).toMatchObject({
      ratedEmployees: 9,
      gradeDistribution: { TT: 1, HV1: 2, HV2: 2, HV3: 2, LE: 2 },
      focusEntries: 2,
      involuntaryExits: 1,
    });
    expect(await headPosition(app)).toBe(head);
  });

  it('recomputes final grades under a larger lowest-grade share from the recorded order, and who becomes eligible for Focus', async () => {
    // LE share 30%, curve in every group. payments without p4 (5 people, unranked, best grade first:
    // p1 TT, p3 HV1, p5 HV2, p6 HV2, p2 LE): round(1.5) = 2 forced to LE -> p6 moves, p2 already LE.
    // tiny (t1 HV1, t2 HV3): round(0.6) = 1 -> t2 moves. p4 (its own calibration group) and ops (h1) have 1 person: none.
    const { body } = await as(app, 'admin')
      .post('/v1/replays', { policy: withLowestShare(0.3) })
      .expect(200);
    const grades = body.changedOutcomes.filter((c: Change) => c.outcome === 'grade');
    expect(grades).toEqual([
      { employee: 'p6', cycleId: '2024-H2', outcome: 'grade', baseline: 'HV2', counterfactual: 'LE' },
      { employee: 't2', cycleId: '2024-H2', outcome: 'grade', baseline: 'HV3', counterfactual: 'LE' },
    ]);
    expect(body.counterfactual.gradeDistribution).toEqual({ TT: 1, HV1: 2, HV2: 1, HV3: 1, LE: 4 });
    expect(body.counterfactual.focusEligible - body.baseline.focusEligible).toBe(2);
    expect(
      body.changedOutcomes
        .filter((c: Change) => c.outcome === 'focusEligible')
        .map((c: Change) => c.employee)
        .sort(),
    ).toEqual(['p6', 't2']);
    expect(body.counterfactual.focusEntries).toBeGreaterThan(body.baseline.focusEntries);
    expect(body.assumptions.length).toBeGreaterThan(1);
    expect(body.policy).toEqual({ baseline: ['default@1'], counterfactual: 'default@0' });
  });

  it('gives analysts counted changes, no person, and no org under the minimum group size', async () => {
    const { body } = await as(app, 'analyst')
      .post('/v1/replays', { policy: withLowestShare(0.3) })
      .expect(200);
    // tiny (2 people) alone would be the overall figures minus the other orgs: payments (6) is suppressed with it.
    expect(body.suppressedOrgs).toEqual(['payments', 'tiny']);
    expect(body.minGroupSize).toBe(5);
    expect(body.diff.byOrg.map((row: { org: string }) => row.org)).toEqual([]);
    // p6 (payments) and t2 (tiny) are counted overall, by kind of change; no row names a person or a suppressed org.
    expect(body.changedOutcomes).toEqual(
      expect.arrayContaining([
        { cycleId: '2024-H2', outcome: 'grade', baseline: 'HV2', counterfactual: 'LE', count: 1 },
        { cycleId: '2024-H2', outcome: 'grade', baseline: 'HV3', counterfactual: 'LE', count: 1 },
        { cycleId: '2024-H2', outcome: 'focusEligible', baseline: false, counterfactual: true, count: 2 },
      ]),
    );
    expect(body.changedOutcomes.every((c: { employee?: string; org?: string }) => c.employee === undefined && c.org === undefined)).toBe(true);
    const detailed = (
      await as(app, 'admin')
        .post('/v1/replays', { policy: withLowestShare(0.3) })
        .expect(200)
    ).body;
    expect(body.changedOutcomes.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(detailed.changedOutcomes.length);
  });

  it('runs as a job on request, with the same answer at its Location', async () => {
    const inline = (
      await as(app, 'admin')
        .post('/v1/replays', { policy: withLowestShare(0.3) })
        .expect(200)
    ).body;
    const started = await as(app, 'admin')
      .post('/v1/replays', { policy: withLowestShare(0.3) })
      .set('prefer', 'respond-async')
      .expect(202);
    expect(started.headers.location).toBe(`/v1/replays/${started.body.replayId}`);
    let job = started.body;
    for (let i = 0; i < 100 && job.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await as(app, 'admin').get(started.headers.location).expect(200)).body;
    }
    expect(job).toMatchObject({ state: 'done', progress: 1 });
    expect(job.result).toEqual(inline);
    await as(app, 'admin').get('/v1/replays/6f9619ff-8b86-4011-b42d-00c04fc964ff').expect(404);
  });

  it('names every bad field of a proposed policy, and refuses a scale that cannot express a recorded grade', async () => {
    const bad = await as(app, 'analyst')
      .post('/v1/replays', { policy: { ...recorded, curve: { targets: { XX: 2 } } }, from: '2025-02-30' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['from']));
    const invalid = await as(app, 'analyst')
      .post('/v1/replays', { policy: { ...recorded, curve: { targets: { XX: 2 } } } })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^policy\.curve/)]));
    const renamed = {
      ...recorded,
      scale: { grades: [{ code: 'A' }, { code: 'B' }, { code: 'C', belowBar: true }] },
      curve: { targets: {} },
      focus: { ...(recorded.focus as object), triggers: [{ grades: ['C'], consecutive: 1 }] },
      promotion: { minGrade: 'B', minMonthsInLevel: 12 },
      attrition: { uraTarget: 0.06, regrettedIfLastGradeAtLeast: 'B' },
      compensation: { ...(recorded.compensation as object), retentionRisk: { minGrade: 'B', latest: 2, drop: 0.1 }, refreshers: { grades: { A: 0.5 } } },
    };
    const mismatch = await as(app, 'analyst').post('/v1/replays', { policy: renamed });
    expect(mismatch.status).toBeGreaterThanOrEqual(400);
    expect(mismatch.body.type).toMatch(/replay-scale-mismatch$/);
    await as(app, 'hr').post('/v1/replays', { policy: recorded }).expect(403);
  });
});

/*
 * The seed's year-5 cliff (libs/replay/src/pay-replay.spec.ts works the same figures by hand)
 * written through the pay routes, rated TT in 2023 and 2024 under the shipped default@1 (TT
 * refreshers 0.5 × the band max, SDE L5 max 17,000,000 cents: V = 8,500,000 on each period end).
 * Window 2020-03-01..2024-12-31, judged on 2024-12-31.
 * Baseline: 2024 = 24,918,033 + V1 5% 425,000 = 25,343,033; 2025 = 17,000,000 + V1 15% 1,275,000
 *   + V2 5% 425,000 = 18,700,000; drop 26.2% > 10% → 1 at risk, 0.35 expected regretted exits;
 *   refresherCost 2 × 8,500,000; payCost 105,216,551 + 425,000 = 105,641,551.
 * Counterfactual TT 2.5 (X = 42,500,000): 2024 27,043,033, 2025 25,500,000, drop 5.71% → 0 at risk;
 *   refresherCost 85,000,000; payCost 105,216,551 + 2,125,000 = 107,341,551.
 */
describe.each<TestEngine>(['sqlite', 'postgres'])('pay in policy replays on %s', (engine) => {
  let app: NestFastifyApplication;
  let recorded: Record<string, unknown>;
  const window = { from: '2020-03-01', to: '2024-12-31' };
  const usd = (amount: number) => ({ amount, currency: 'USD' });

  beforeAll(async () => {
    app = await startTestApp(engine);
    const hr = as(app, 'hr');
    const employeeId = 'cliff-1';
    await writeSeedPayHistory(app, employeeId);
    for (const year of [2023, 2024]) {
      const cycleId = `pay-${year}`;
      await hr.post('/v1/review-cycles', { cycleId, name: cycleId, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` }).expect(201);
      await hr.post(`/v1/review-cycles/${cycleId}/ratings`, { employeeId, managerId: 'm-1', rating: 'TT' }).expect(200);
      await hr.post(`/v1/review-cycles/${cycleId}/finalize`).expect(200);
    }
    recorded = (await as(app, 'admin').get('/v1/policies/default').expect(200)).body;
  });
  afterAll(async () => {
    await app.close();
  });

  it('judges pay under the recorded and the proposed refresher rules, to the cent', async () => {
    const compensation = recorded.compensation as Record<string, unknown>;
    expect(compensation.refreshers).toEqual({ grades: { TT: 0.5, HV1: 0.25 } });
    const proposed = { ...recorded, compensation: { ...compensation, refreshers: { grades: { TT: 2.5 } } } };
    const { body } = await as(app, 'admin')
      .post('/v1/replays', { policy: proposed, ...window })
      .expect(200);
    expect(body.baseline.pay).toEqual({ atRisk: 1, expectedRegrettedExits: 0.35, refresherCost: usd(17_000_000), payCost: usd(105_641_551) });
    expect(body.counterfactual.pay).toEqual({ atRisk: 0, expectedRegrettedExits: 0, refresherCost: usd(85_000_000), payCost: usd(107_341_551) });
    expect(body.diff.pay).toEqual({ atRisk: -1, expectedRegrettedExits: -0.35, refresherCost: usd(68_000_000), payCost: usd(1_700_000) });
    // The recorded policy replays to no pay difference.
    const same = (
      await as(app, 'admin')
        .post('/v1/replays', { policy: recorded, ...window })
        .expect(200)
    ).body;
    expect(same.diff.pay).toEqual({});
    expect(same.counterfactual.pay).toEqual(same.baseline.pay);
  });

  it('withholds pay from analysts when the population is under the minimum group size, and never names a person', async () => {
    const compensation = recorded.compensation as Record<string, unknown>;
    const proposed = { ...recorded, compensation: { ...compensation, refreshers: { grades: { TT: 2.5 } } } };
    const { body } = await as(app, 'analyst')
      .post('/v1/replays', { policy: proposed, ...window })
      .expect(200);
    expect(body.baseline.pay).toBeNull();
    expect(body.counterfactual.pay).toBeNull();
    expect(body.diff.pay).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/cliff-1|105641551|107341551|85000000/);
  });

  it('names a refresher grade that is not on the scale', async () => {
    const compensation = recorded.compensation as Record<string, unknown>;
    const bad = await as(app, 'analyst')
      .post('/v1/replays', { policy: { ...recorded, compensation: { ...compensation, refreshers: { grades: { EE: 0.5 } } } } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['policy.compensation.refreshers.grades.EE']);
  });
});
