import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp, TEST_KEYS, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { recordSmallCompany, YEAR_2025 } from '../support/small-company';

/** A second analyst, with a key of their own. */
const OTHER_ANALYST_KEY = 'test-other-analyst-key-0';
const API_KEYS = [...Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${key}`), `analyst:${OTHER_ANALYST_KEY}`].join(',');
const NEW_HIRES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const PSEUDONYM = /^p-[0-9a-f]{20}$/;
const HISTORY = { from: '2024-01-01', to: '2025-12-31' };

type Row = { group: string; population: number };
type Group = { group: string; size: number };

/**
 * The small company (payments 6, tiny 2, ops 11: see test/support/small-company.ts), and in ops:
 * x1 (the only person of gender x), and n1..n5, hired 2024-10-01, rated LE in 2024-Q4 (n1
 * calibrated twice by the same hr key) and put in Focus on 2025-01-15: with h1, six hire-to-fire
 * cases in ops, L5, 2025-Q1. Every manager is m-1.
 */
async function recordCompany(app: NestFastifyApplication): Promise<void> {
  const hr = () => as(app, 'hr');
  await recordSmallCompany(app);
  await hr()
    .post('/v1/employees', hireBody('x1', { orgId: 'ops', hireDate: '2024-01-01', attributes: { gender: 'x' } }))
    .expect(201);
  for (const id of NEW_HIRES) {
    await hr()
      .post('/v1/employees', hireBody(id, { orgId: 'ops', hireDate: '2024-10-01', attributes: { gender: 'm' } }))
      .expect(201);
  }
  await hr().post('/v1/review-cycles', { cycleId: '2024-Q4', name: 'Q4 2024', periodStart: '2024-10-01', periodEnd: '2024-12-31' }).expect(201);
  for (const employeeId of NEW_HIRES) await hr().post('/v1/review-cycles/2024-Q4/ratings', { employeeId, managerId: 'm-1', rating: 'LE' }).expect(200);
  await hr().post('/v1/review-cycles/2024-Q4/calibrations', { employeeId: 'n1', rating: 'HV3', rationale: 'First look' }).expect(200);
  await hr().post('/v1/review-cycles/2024-Q4/calibrations', { employeeId: 'n1', rating: 'LE', rationale: 'Second look' }).expect(200);
  await hr().post('/v1/review-cycles/2024-Q4/finalize').expect(200);
  const focus = {
    startDate: '2025-01-15',
    dueDate: '2025-03-15',
    reason: 'LE in 2024-Q4',
    goals: [{ goalId: 'g1', description: 'Ship the migration', measure: 'done' }],
  };
  for (const id of NEW_HIRES) await hr().post(`/v1/employees/${id}/focus`, focus).expect(201);
}

describe.each<TestEngine>(['sqlite', 'postgres'])('analysts see groups, never people, on %s', (engine) => {
  let app: NestFastifyApplication;
  let recorded: Record<string, unknown>;
  const analyst = () => as(app, 'analyst');
  const admin = () => as(app, 'admin');
  const otherAnalyst = (url: string) => request(app.getHttpServer()).get(url).set('authorization', `Bearer ${OTHER_ANALYST_KEY}`);
  /** The recorded policy with a curve in every group that forces more LE, and the analyst's own minimum group size. */
  const proposal = (minGroupSize: number) => ({
    ...recorded,
    curve: { targets: { TT: 0.2, LE: 0.3 }, minGroupSize: 1 },
    analytics: { minGroupSize, hireToFireMonths: 6 },
  });

  beforeAll(async () => {
    app = await startTestApp(engine, { API_KEYS });
    await recordCompany(app);
    recorded = (await analyst().get('/v1/policies/default').expect(200)).body;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('1. suppression uses the published minimum group size', () => {
    it('a replay proposing minGroupSize 1 still leaves out the two-person org; a larger proposed minimum applies', async () => {
      const lowered = (
        await analyst()
          .post('/v1/replays', { policy: proposal(1), ...HISTORY })
          .expect(200)
      ).body;
      expect(lowered.diff.byOrg.map((row: { org: string }) => row.org)).not.toContain('tiny');
      expect(lowered.suppressedOrgs).toContain('tiny');
      expect(lowered.minGroupSize).toBe(5);

      // The larger of the published (5) and proposed minimum: at 30, every org (17, 6, 2 people) is suppressed.
      const raised = (
        await analyst()
          .post('/v1/replays', { policy: proposal(30), ...HISTORY })
          .expect(200)
      ).body;
      expect(raised.minGroupSize).toBe(30);
      expect(raised.suppressedOrgs).toEqual(['ops', 'payments', 'tiny']);
      expect(raised.diff.byOrg).toEqual([]);

      // Admin sees every org that changed, tiny included, and people by id.
      const full = (
        await admin()
          .post('/v1/replays', { policy: proposal(1), ...HISTORY })
          .expect(200)
      ).body;
      expect(full.diff.byOrg.map((row: { org: string }) => row.org)).toContain('tiny');
      expect(full).not.toHaveProperty('suppressedOrgs');
    });

    it('a published policy with a smaller minimum, asked for by policyId, does not lower it for analysts (admin gets that policy)', async () => {
      const lenient = { ...recorded, policyId: 'lenient', name: 'Lenient', analytics: { minGroupSize: 1, hireToFireMonths: 6 } };
      delete (lenient as { version?: number }).version;
      await admin().put('/v1/policies/lenient', lenient).expect(200);

      const forAnalyst = (await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org&policyId=lenient`).expect(200)).body;
      expect(forAnalyst.policy).toBe('lenient@1');
      expect(forAnalyst.rows.map((r: Row) => r.group)).toEqual(['ops']);
      expect(forAnalyst.suppressed).toEqual(['payments', 'tiny']);
      const impact = (await analyst().get(`/v1/stats/adverse-impact?attribute=gender&outcome=focus&${YEAR_2025}&policyId=lenient`).expect(200)).body;
      expect(impact.groups.map((g: { value: string }) => g.value)).not.toContain('x');

      const forAdmin = (await admin().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org&policyId=lenient`).expect(200)).body;
      expect(forAdmin.rows.map((r: Row) => r.group)).toEqual(['ops', 'payments', 'tiny']);
    });
  });

  describe('2. totals never reveal a suppressed group', () => {
    it('attrition: total minus the rows counts nobody or at least the minimum (complementary suppression)', async () => {
      const stats = (await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org`).expect(200)).body;
      // tiny (2) alone would be 25 - 17 - 6: payments goes with it.
      expect(stats.rows.map((r: Row) => r.group)).toEqual(['ops']);
      expect(stats.suppressed).toEqual(['payments', 'tiny']);
      const remainder = stats.total.population - stats.rows.reduce((sum: number, r: Row) => sum + r.population, 0);
      expect(remainder).toBeGreaterThanOrEqual(5);
      expect(stats.total.separations - stats.rows.reduce((sum: number, r: { separations: number }) => sum + r.separations, 0)).toBe(2);

      // Admin keeps the policy's rule: only tiny is suppressed.
      const forAdmin = (await admin().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=org`).expect(200)).body;
      expect(forAdmin.suppressed).toEqual(['tiny']);
    });

    it('distribution: totals minus the shown groups never describe a small group, and moves of suppressed groups are left out', async () => {
      const forAnalyst = (await analyst().get('/v1/review-cycles/2024-H2/distribution?groupBy=org').expect(200)).body;
      // ops (1 rated) and tiny (2) are 3 together, under 5: payments (6) is suppressed too.
      expect(forAnalyst.suppressed).toEqual(['ops', 'payments', 'tiny']);
      const shown = forAnalyst.groups.reduce((sum: number, g: Group) => sum + g.size, 0);
      expect(forAnalyst.totals.size - shown === 0 || forAnalyst.totals.size - shown >= 5).toBe(true);
      expect(forAnalyst.moves).toEqual([]);

      const forHr = (await as(app, 'hr').get('/v1/review-cycles/2024-H2/distribution?groupBy=org').expect(200)).body;
      expect(forHr.groups.map((g: Group) => g.group)).toEqual(['ops', 'payments', 'tiny']);
      expect(forHr.moves).toHaveLength(1);
    });

    it('adverse impact: says how many groups were suppressed, never which nor how large; compliance and admin see them', async () => {
      const url = `/v1/stats/adverse-impact?attribute=gender&outcome=focus&${YEAR_2025}`;
      const report = (await analyst().get(url).expect(200)).body;
      // x (1 person) is suppressed; alone it could be read from other totals, so f (9, smaller than m's 14) goes too.
      expect(report.groups.map((g: { value: string }) => g.value)).toEqual(['m']);
      expect(report.suppressedGroups).toBe(2);
      expect(report).not.toHaveProperty('suppressed');
      expect(JSON.stringify(report)).not.toMatch(/"x"|"f"/);

      for (const role of ['compliance', 'admin'] as const) {
        const full = (await as(app, role).get(url).expect(200)).body;
        expect(full.suppressed).toEqual([{ value: 'x', population: 1 }]);
        expect(full.groups.map((g: { value: string }) => g.value)).toEqual(['f', 'm']);
      }
    });

    it('replay: the orgs left out of diff.byOrg count at least the minimum together', async () => {
      const body = (
        await analyst()
          .post('/v1/replays', { policy: proposal(5), ...HISTORY })
          .expect(200)
      ).body;
      expect(body.suppressedOrgs).toEqual(['payments', 'tiny']);
      const populations = (await admin().get(`/v1/stats/attrition?from=${HISTORY.from}&to=${HISTORY.to}&groupBy=org&policyId=lenient`).expect(200)).body;
      const hidden = populations.rows.filter((r: Row) => body.suppressedOrgs.includes(r.group)).reduce((sum: number, r: Row) => sum + r.population, 0);
      expect(hidden).toBeGreaterThanOrEqual(5);
      expect(body.diff.byOrg.every((row: { org: string }) => !body.suppressedOrgs.includes(row.org))).toBe(true);
      expect(body.suppressedPeriods).toEqual([]);
    });
  });

  describe('3. pseudonyms are fresh for every answer', () => {
    it('names the same person differently in two answers of one route, and a manager differently across routes', async () => {
      const url = '/v1/stats/feedback-divergence?from=2024-01-01&to=2024-12-31';
      const [first, second] = [(await analyst().get(url).expect(200)).body, (await analyst().get(url).expect(200)).body];
      expect(first.rows[0].employeeId).toMatch(PSEUDONYM);
      expect(second.rows[0].employeeId).toMatch(PSEUDONYM);
      expect(first.rows[0].employeeId).not.toBe(second.rows[0].employeeId);

      // groupBy=manager: m-1 by pseudonym, never by id, and not the pseudonym the divergence answer gave m-1.
      const byManager = (await analyst().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=manager`).expect(200)).body;
      expect(byManager.rows.map((r: Row) => r.group)).toEqual([expect.stringMatching(PSEUDONYM)]);
      expect(JSON.stringify(byManager)).not.toContain('m-1');
      expect(byManager.rows[0].group).not.toBe(first.rows[0].managerId);
      // Admin sees manager ids.
      const forAdmin = (await admin().get(`/v1/stats/attrition?${YEAR_2025}&groupBy=manager`).expect(200)).body;
      expect(forAdmin.rows.map((r: Row) => r.group)).toEqual(['m-1']);
    });

    it('keeps pseudonyms consistent within one answer, and shows no key id to analysts', async () => {
      const hrKeyId = createHash('sha256').update(TEST_KEYS.hr, 'utf8').digest('hex').slice(0, 12);
      const forHr = (await as(app, 'hr').get('/v1/review-cycles/2024-Q4/distribution?groupBy=all').expect(200)).body;
      expect(forHr.moves.map((m: { employeeId: string; by: string }) => [m.employeeId, m.by])).toEqual([
        ['n1', `hr:${hrKeyId}`],
        ['n1', `hr:${hrKeyId}`],
      ]);

      const url = '/v1/review-cycles/2024-Q4/distribution?groupBy=all';
      const [one, two] = [(await analyst().get(url).expect(200)).body, (await analyst().get(url).expect(200)).body];
      const [a, b] = one.moves;
      expect(a.employeeId).toMatch(PSEUDONYM);
      expect(b.employeeId).toBe(a.employeeId);
      expect(a.by).toMatch(PSEUDONYM);
      expect(b.by).toBe(a.by);
      expect(two.moves[0].employeeId).not.toBe(a.employeeId);
      expect(two.moves[0].by).not.toBe(a.by);
      expect(JSON.stringify(one)).not.toContain(hrKeyId);
      expect(JSON.stringify(one)).not.toMatch(/"n1"/);
    });
  });

  describe('4. hire-to-fire and replay changes are counted, not listed, for analysts', () => {
    it('hire-to-fire: counts per org, level and quarter, with no hire date, id or person row; compliance and admin get the people', async () => {
      const counted = (await analyst().get(`/v1/stats/hire-to-fire?${YEAR_2025}`).expect(200)).body;
      expect(counted).toEqual({
        ...{ from: '2025-01-01', to: '2025-12-31' },
        months: 6,
        view: 'counts',
        rows: [{ orgId: 'ops', level: 'L5', period: '2025-Q1', cases: 6, focus: 6, pivot: 0, separated: 0 }],
        total: { cases: 6, focus: 6, pivot: 0, separated: 0 },
        suppressedCells: 0,
      });
      for (const role of ['compliance', 'admin'] as const) {
        const people = (await as(app, role).get(`/v1/stats/hire-to-fire?${YEAR_2025}`).expect(200)).body;
        expect(people.view).toBe('people');
        expect(people.rows.map((r: { employeeId: string }) => r.employeeId).sort()).toEqual(['h1', ...NEW_HIRES]);
        expect(people.rows[0]).toMatchObject({ hireDate: expect.any(String), orgId: 'ops', level: 'L5', jobFamily: 'SDE' });
      }
    });

    it('replay: changedOutcomes stays an array, of counts by kind of change; admin keeps one row per person', async () => {
      const body = (
        await analyst()
          .post('/v1/replays', { policy: proposal(5), ...HISTORY })
          .expect(200)
      ).body;
      expect(Array.isArray(body.changedOutcomes)).toBe(true);
      expect(body.changedOutcomes.length).toBeGreaterThan(0);
      for (const row of body.changedOutcomes) {
        expect(Object.keys(row).sort()).toEqual(expect.arrayContaining(['baseline', 'count', 'counterfactual', 'outcome']));
        expect(row).not.toHaveProperty('employee');
        if (row.org !== undefined) expect(body.suppressedOrgs).not.toContain(row.org);
      }
      const detailed = (
        await admin()
          .post('/v1/replays', { policy: proposal(5), ...HISTORY })
          .expect(200)
      ).body;
      expect(detailed.changedOutcomes.map((c: { employee: string }) => c.employee)).toEqual(expect.arrayContaining(['p6', 't2']));
      const overall = body.changedOutcomes.filter((c: { org?: string }) => c.org === undefined);
      expect(overall.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(detailed.changedOutcomes.length);
      expect(JSON.stringify(body)).not.toMatch(/"(p6|t2)"/);
    });
  });

  describe('5. a replay job belongs to the key that started it', () => {
    it('answers 404 to another analyst, the job to its owner, and to admin', async () => {
      const started = await analyst()
        .post('/v1/replays', { policy: proposal(5) })
        .set('prefer', 'respond-async')
        .expect(202);
      const location = started.headers.location;
      const problem = await otherAnalyst(location).expect(404);
      expect(problem.body.type).toMatch(/replay-not-found$/);

      let job = (await analyst().get(location).expect(200)).body;
      for (let i = 0; i < 200 && job.state === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = (await analyst().get(location).expect(200)).body;
      }
      expect(job).toMatchObject({ replayId: started.body.replayId, state: 'done' });
      expect(JSON.stringify(job)).not.toContain('keyId');
      await otherAnalyst(location).expect(404);
      // Admin may read every job (the answer is the analyst's, as it was computed for them).
      expect((await admin().get(location).expect(200)).body).toEqual(job);

      const byAdmin = await admin()
        .post('/v1/replays', { policy: proposal(5) })
        .set('prefer', 'respond-async')
        .expect(202);
      await analyst().get(byAdmin.headers.location).expect(404);
      await otherAnalyst(byAdmin.headers.location).expect(404);
      await admin().get(byAdmin.headers.location).expect(200);
    });
  });
});
