import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { writeSeedPayHistory } from '../support/seed-pay';
import { as } from '../support/http';
import { SEED_YEARS } from '../../libs/projections/test/pay-fixtures';

/**
 * The seed's year-5 cliff through HTTP (figures computed by hand in
 * libs/projections/src/pay/pay-trajectory.spec.ts): pay written with the pay routes, final grades
 * from finalized review cycles, read back to the cent.
 */
const ON = '2024-12-31';
const GAP = 7_918_033;

describe.each<TestEngine>(['sqlite', 'postgres'])('pay trajectory and retention risk on %s', (engine) => {
  let app: NestFastifyApplication;

  /** The seed's history for `employeeId`, through the pay routes; `refresher`: plus one vesting `refresher` cents a year for four years from 2024-03-01. */
  async function seed(employeeId: string, refresher?: number): Promise<void> {
    const hr = as(app, 'hr');
    await writeSeedPayHistory(app, employeeId);
    if (refresher !== undefined) {
      const quarterly = [12, 24, 36, 48].map((monthsAfterGrant) => ({ monthsAfterGrant, share: 0.25 }));
      await hr
        .post(`/v1/employees/${employeeId}/equity-grants`, {
          grantId: 'g-refresh',
          kind: 'refresher',
          grantDate: '2024-03-01',
          units: 4,
          unitValue: { amount: refresher, currency: 'USD' },
          vesting: quarterly,
        })
        .expect(201);
    }
  }

  /** One finalized review cycle per year rating everyone given at the top grade. */
  async function rateTopGrade(employeeIds: string[]): Promise<void> {
    const hr = as(app, 'hr');
    for (const year of [2023, 2024]) {
      const cycleId = `pay-${year}`;
      await hr.post('/v1/review-cycles', { cycleId, name: cycleId, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` }).expect(201);
      for (const employeeId of employeeIds) await hr.post(`/v1/review-cycles/${cycleId}/ratings`, { employeeId, managerId: 'm-1', rating: 'TT' }).expect(200);
      await hr.post(`/v1/review-cycles/${cycleId}/finalize`).expect(200);
    }
  }

  beforeAll(async () => {
    app = await startTestApp(engine);
    await seed('cliff-1');
    await seed('refreshed-1', GAP);
    await rateTopGrade(['cliff-1', 'refreshed-1']);
  });
  afterAll(async () => {
    await app.close();
  });

  it('reproduces the hand-computed figures per year, to the cent, for HR and compliance', async () => {
    for (const role of ['hr', 'compliance'] as const) {
      const { body } = await as(app, role).get('/v1/employees/cliff-1/pay-trajectory?from=2020&to=2025').expect(200);
      expect(body).toMatchObject({ employeeId: 'cliff-1', currency: 'USD', asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      // The policy in force assumes no stock growth: at growth is at grant.
      expect(body.years.map(({ projected: _p, ...amounts }: { projected: boolean }) => amounts)).toEqual(
        SEED_YEARS.map((y) => ({ ...y, vestingAtGrowth: y.vestingAtGrant, totalAtGrowth: y.total })),
      );
    }
    await as(app, 'hr')
      .get('/v1/employees/nobody-here/pay-trajectory')
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    await as(app, 'hr').get('/v1/employees/cliff-1/pay-trajectory?from=2025&to=2020').expect(400);
    // Without years: from the hire through the later of today's year and the last vest (2024-03-01).
    const { body } = await as(app, 'hr').get('/v1/employees/cliff-1/pay-trajectory').expect(200);
    expect(body.years[0].year).toBe(2020);
    expect(body.years.at(-1).year).toBe(Math.max(2024, Number(body.asOf.slice(0, 4))));
  });

  it('lists the seed person at risk on 2024-12-31 with the hand-computed drop and what closes it, and not the one given that refresher', async () => {
    const { body } = await as(app, 'hr').get(`/v1/retention-risks?on=${ON}`).expect(200);
    expect(body.on).toBe(ON);
    expect(body.items).toEqual([
      {
        employeeId: 'cliff-1',
        orgId: 'ledger',
        level: 'L5',
        jobFamily: 'SDE',
        latestGrades: ['TT', 'TT'],
        currency: 'USD',
        lastTwelveMonths: 24_918_033,
        nextTwelveMonths: 17_000_000,
        drop: GAP,
        dropShare: 0.3178,
        why: [{ kind: 'grant-ends', grantId: 'g-initial', lastVest: '2024-03-01', amount: 8_000_000 }],
        closesGap: {
          refresher: { amount: GAP, currency: 'USD' },
          promotion: { level: 'L6', bandMin: { amount: 120_000_00, currency: 'USD' }, bandMax: { amount: 210_000_00, currency: 'USD' } },
        },
      },
    ]);
    const log = (await as(app, 'admin').get('/v1/audit/access-log?employeeId=cliff-1').expect(200)).body;
    expect(JSON.stringify(log)).toContain('GET /v1/retention-risks');
  });

  it('refuses analysts the individual routes and gives them only suppressed counts', async () => {
    await as(app, 'analyst').get('/v1/employees/cliff-1/pay-trajectory').expect(403);
    await as(app, 'analyst').get(`/v1/retention-risks?on=${ON}`).expect(403);
    const { body } = await as(app, 'analyst').get(`/v1/stats/retention-risks?groupBy=level&on=${ON}`).expect(200);
    // Two people, under the published minimum of 5: no row, no total.
    expect(body).toMatchObject({ on: ON, groupBy: 'level', rows: [], total: null, suppressedGroups: 1 });
    expect(JSON.stringify(body)).not.toMatch(/cliff-1|refreshed-1|24918033|7918033/);
    await as(app, 'analyst').get('/v1/stats/retention-risks?groupBy=salary').expect(400);
  });
});
