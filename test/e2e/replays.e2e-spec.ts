import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
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
      compensation: { ...(recorded.compensation as object), retentionRisk: { minGrade: 'B', latest: 2, drop: 0.1 } },
    };
    const mismatch = await as(app, 'analyst').post('/v1/replays', { policy: renamed });
    expect(mismatch.status).toBeGreaterThanOrEqual(400);
    expect(mismatch.body.type).toMatch(/replay-scale-mismatch$/);
    await as(app, 'hr').post('/v1/replays', { policy: recorded }).expect(403);
  });
});
