import fc from 'fast-check';
import { PAY_POLICY, SEED_CASE, SEED_RATINGS, SEED_YEARS } from '../../test/pay-fixtures';
import { addMonths, roundCents } from './pay-dates';
import type { GrantFact, PayFacts } from './pay-facts';
import { defaultTrajectoryYears, payTrajectory } from './pay-trajectory';
import { retentionRisk } from './retention-risk';

/*
 * The seed's case by hand (cents; base = Σ annual × days / days in the year, rounded half up per year):
 *
 * 2020 (366 days): 1 Mar–31 Dec = 306 days at 150,000        → 15,000,000 × 306 / 366 = 12,540,983.61 → 12,540,984
 * 2021 (365): 59 days at 150,000 + 306 at 155,000            → 5,628,000,000 / 365 = 15,419,178.08   → 15,419,178
 * 2022 (365): 59 at 155,000 + 306 at 160,000                  → 5,810,500,000 / 365 = 15,919,178.08   → 15,919,178
 * 2023 (365): 59 at 160,000 + 306 at 165,000                  → 5,993,000,000 / 365 = 16,419,178.08   → 16,419,178
 * 2024 (366): 60 at 165,000 + 306 at 170,000                  → 6,192,000,000 / 366 = 16,918,032.79   → 16,918,033
 * 2025: all year at 170,000                                    → 17,000,000
 * Sign-on: 4,500,000 in 2020, 3,500,000 in 2021.
 * Vesting (1,000 units × 20,000 cents): 5% 1,000,000 on 2021-03-01, 15% 3,000,000 on 2022-03-01,
 * 40% 8,000,000 on 2023-03-01 and 8,000,000 on 2024-03-01; nothing after.
 * Totals: 2020 17,040,984 · 2021 19,919,178 · 2022 18,919,178 · 2023 24,419,178 · 2024 24,918,033 · 2025 17,000,000.
 *
 * Retention risk on 2024-12-31 (the windows are then the calendar years 2024 and 2025):
 * last twelve months 24,918,033 ($249,180.33), next twelve 17,000,000 ($170,000.00):
 * drop 7,918,033 ($79,180.33), 7,918,033 / 24,918,033 = 31.78% > 10%. The last initial tranche
 * (8,000,000) is not replaced; the year-5 raise (81,967 more base in 2025 than in 2024) offsets
 * little of it. The refresher closing the gap vests 7,918,033 in its first year.
 */

const ON = '2024-12-31';

/** The refresher `closesGap` names: a quarter vests each year, so its first year vests the gap. */
const refresherOf = (amount: number, grantDate = '2024-03-01'): GrantFact => ({
  grantId: 'g-refresh',
  kind: 'refresher',
  grantDate,
  units: 4,
  unitValue: { amount, currency: 'USD' },
  vesting: [12, 24, 36, 48].map((monthsAfterGrant) => ({ monthsAfterGrant, share: 0.25 })),
});

describe('payTrajectory', () => {
  it('given the seed case, when read per calendar year as of 2024-12-31, then it gives the hand-computed cents', () => {
    const trajectory = payTrajectory(SEED_CASE, { from: 2020, to: 2025, asOf: ON });
    expect(trajectory.currency).toBe('USD');
    expect(trajectory.years).toEqual(SEED_YEARS.map((y) => ({ ...y, vestingAtGrowth: y.vestingAtGrant, totalAtGrowth: y.total, projected: y.year === 2025 })));
  });

  it('given a stock growth, when vesting is valued at growth, then each vest grows by (1+g)^(months/12) from its grant', () => {
    const years = payTrajectory(SEED_CASE, { from: 2021, to: 2024, asOf: ON, assumedStockGrowth: 0.1 }).years;
    // 1,000,000 × 1.1 · 3,000,000 × 1.21 · 8,000,000 × 1.331 · 8,000,000 × 1.4641
    expect(years.map((y) => y.vestingAtGrowth)).toEqual([1_100_000, 3_630_000, 10_648_000, 11_712_800]);
    expect(years.map((y) => y.totalAtGrowth - y.total)).toEqual([100_000, 630_000, 2_648_000, 3_712_800]);
  });

  it('given raises and grants recorded after asOf, when projecting, then later years keep the base in force on asOf and nothing granted later vests', () => {
    const later: PayFacts = {
      ...SEED_CASE,
      salaries: [...SEED_CASE.salaries, { ...SEED_CASE.salaries[4], effectiveDate: '2025-03-01', baseSalary: { amount: 200_000_00, currency: 'USD' } }],
      grants: [...SEED_CASE.grants, refresherOf(1_000_000, '2025-01-15')],
    };
    const asOf2024 = payTrajectory(later, { from: 2025, to: 2026, asOf: ON }).years;
    expect(asOf2024.map((y) => [y.year, y.total, y.projected])).toEqual([
      [2025, 17_000_000, true],
      [2026, 17_000_000, true],
    ]);
    // As of 2026-06-30 the raise is recorded: 2025 = 59 days at 170,000 + 306 at 200,000 = 7,123,000,000 / 365 = 19,515,068.49;
    // the refresher's first quarter vests 2026-01-15.
    const asOf2026 = payTrajectory(later, { from: 2025, to: 2026, asOf: '2026-06-30' }).years;
    expect(asOf2026.map((y) => [y.year, y.base, y.vestingAtGrant, y.projected])).toEqual([
      [2025, 19_515_068, 0, false],
      [2026, 20_000_000, 1_000_000, true],
    ]);
  });

  it('given a separation, when read, then base is paid through the separation date (the last day), nothing vests or is paid after it, and no later year is listed', () => {
    const separated: PayFacts = { ...SEED_CASE, separation: { date: '2022-06-01', regretted: true } };
    const years = payTrajectory(separated, { from: 2020, to: 2030, asOf: ON }).years;
    expect(years.map((y) => y.year)).toEqual([2020, 2021, 2022]);
    // 59 days at 155,000 + 93 days (1 Mar–1 Jun) at 160,000: 2,402,500,000 / 365 = 6,582,191.78 → 6,582,192; the 2022-03-01 vest is paid.
    expect(years[2]).toMatchObject({ base: 6_582_192, vestingAtGrant: 3_000_000, total: 9_582_192 });
    // Leaving on a vest date still gets that vest.
    const onVestDate = payTrajectory({ ...SEED_CASE, separation: { date: '2023-03-01', regretted: true } }, { from: 2023, to: 2024, asOf: ON }).years;
    expect(onVestDate.map((y) => [y.year, y.vestingAtGrant])).toEqual([[2023, 8_000_000]]);
  });

  it('given a clawback owed at separation, when read, then the year of the separation nets it off the sign-on', () => {
    const clawedBack: PayFacts = {
      ...SEED_CASE,
      separation: { date: '2021-01-01', regretted: false },
      clawbacks: [{ grantDate: '2020-03-01', separationDate: '2021-01-01', owed: { amount: 750_000, currency: 'USD' } }],
    };
    expect(payTrajectory(clawedBack, { from: 2020, to: 2030, asOf: ON }).years.map((y) => y.year)).toEqual([2020, 2021]);
    expect(payTrajectory(clawedBack, { from: 2021, to: 2021, asOf: ON }).years[0]).toMatchObject({
      base: 41_096, // one day, 2021-01-01: 15,000,000 / 365 = 41,095.89
      signOn: -750_000,
      total: 41_096 - 750_000,
    });
  });

  it('given no years asked for, then it shows the first year paid through the last payment known', () => {
    expect(defaultTrajectoryYears(SEED_CASE, ON)).toEqual({ from: 2020, to: 2024 });
    expect(defaultTrajectoryYears(SEED_CASE, '2026-02-01')).toEqual({ from: 2020, to: 2026 });
  });

  it('vest dates are calendar months after the grant, the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 13)).toBe('2024-02-29');
    expect(addMonths('2020-03-01', 48)).toBe('2024-03-01');
    expect(roundCents(2_000_000 * 0.05)).toBe(100_000);
    expect(roundCents(0.5)).toBe(1);
  });

  it('property: every year is integer cents and its totals are the sum of its parts', () => {
    const date = fc.integer({ min: 0, max: 3_000 }).map((d) => new Date(Date.UTC(2019, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const facts = fc.record({
      salaries: fc.array(fc.record({ date, amount: fc.integer({ min: 0, max: 100_000_000 }) }), { maxLength: 5 }),
      grants: fc.array(
        fc.record({
          date,
          units: fc.integer({ min: 0, max: 100_000 }),
          unitValue: fc.integer({ min: 0, max: 1_000_000 }),
          steps: fc.array(fc.record({ months: fc.integer({ min: 0, max: 60 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 6 }),
        }),
        { maxLength: 3 },
      ),
      instalments: fc.array(fc.record({ date, amount: fc.integer({ min: 0, max: 10_000_000 }) }), { maxLength: 3 }),
      asOf: date,
      growth: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      separation: fc.option(date, { nil: undefined }),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const sorted = [...f.salaries].sort((a, b) => a.date.localeCompare(b.date));
        const payFacts: PayFacts = {
          hireDate: '2019-01-01',
          salaries: sorted.map((s) => ({
            effectiveDate: s.date,
            baseSalary: { amount: s.amount, currency: 'USD' },
            reason: 'review',
            level: 'L5',
            jobFamily: 'SDE',
          })),
          grants: f.grants.map((g, i) => ({
            grantId: `g-${i}`,
            kind: 'refresher',
            grantDate: g.date,
            units: g.units,
            unitValue: { amount: g.unitValue, currency: 'USD' },
            vesting: g.steps.map((s) => ({ monthsAfterGrant: s.months, share: s.share })),
          })),
          signOns: [{ grantDate: '2019-01-01', currency: 'USD', instalments: f.instalments.map((i) => ({ payDate: i.date, amount: i.amount })) }],
          clawbacks: [],
          ...(f.separation ? { separation: { date: f.separation, regretted: false } } : {}),
        };
        for (const y of payTrajectory(payFacts, { from: 2019, to: 2030, asOf: f.asOf, assumedStockGrowth: f.growth }).years) {
          for (const value of [y.base, y.signOn, y.vestingAtGrant, y.vestingAtGrowth, y.total, y.totalAtGrowth]) expect(Number.isSafeInteger(value)).toBe(true);
          expect(y.total).toBe(y.base + y.signOn + y.vestingAtGrant);
          expect(y.totalAtGrowth).toBe(y.base + y.signOn + y.vestingAtGrowth);
        }
      }),
    );
  });
});

describe('retentionRisk', () => {
  it('given the seed case rated at the top grade in years 4 and 5, when asked on 2024-12-31, then the year-5 cliff puts them at risk', () => {
    expect(retentionRisk(SEED_CASE, SEED_RATINGS, PAY_POLICY, ON)).toEqual({
      currency: 'USD',
      lastTwelveMonths: 24_918_033,
      nextTwelveMonths: 17_000_000,
      drop: 7_918_033,
      dropShare: 0.3178,
      why: [{ kind: 'grant-ends', grantId: 'g-initial', lastVest: '2024-03-01', amount: 8_000_000 }],
      closesGap: {
        refresher: { amount: 7_918_033, currency: 'USD' },
        promotion: { level: 'L6', bandMin: { amount: 120_000_00, currency: 'USD' }, bandMax: { amount: 210_000_00, currency: 'USD' } },
      },
    });
  });

  it('given the same history plus a refresher of the closesGap size, then they are not at risk', () => {
    const refreshed: PayFacts = { ...SEED_CASE, grants: [...SEED_CASE.grants, refresherOf(7_918_033)] };
    expect(retentionRisk(refreshed, SEED_RATINGS, PAY_POLICY, ON)).toBeUndefined();
    // One cent less and the drop is one cent: under 10%, still not at risk.
    expect(retentionRisk({ ...SEED_CASE, grants: [...SEED_CASE.grants, refresherOf(7_918_032)] }, SEED_RATINGS, PAY_POLICY, ON)).toBeUndefined();
  });

  it('given the drop but a latest grade under the minimum, then they are not at risk', () => {
    const lower = [...SEED_RATINGS.slice(0, -1), { grade: 'HV2', periodEnd: '2024-12-31' }];
    expect(retentionRisk(SEED_CASE, lower, PAY_POLICY, ON)).toBeUndefined();
    // Only the latest two count: HV1 and TT are both at or above HV1.
    expect(retentionRisk(SEED_CASE, [...SEED_RATINGS.slice(0, 3), { grade: 'TT', periodEnd: '2024-12-31' }], PAY_POLICY, ON)).toBeDefined();
  });

  it('given fewer final ratings than the rule reads, a separation before the date, or a policy without compensation, then nobody is at risk', () => {
    expect(retentionRisk(SEED_CASE, SEED_RATINGS.slice(-1), PAY_POLICY, ON)).toBeUndefined();
    expect(retentionRisk({ ...SEED_CASE, separation: { date: '2024-12-01', regretted: true } }, SEED_RATINGS, PAY_POLICY, ON)).toBeUndefined();
    const { compensation: _none, ...older } = PAY_POLICY;
    expect(retentionRisk(SEED_CASE, SEED_RATINGS, older, ON)).toBeUndefined();
  });

  it('given the day the last tranche vests, then the windows run through and after that day', () => {
    // Last: 2023-03-02..2024-03-01 holds the 2024-03-01 vest; next: 2024-03-02..2025-03-01 holds none.
    const risk = retentionRisk(SEED_CASE, [...SEED_RATINGS.slice(0, 3), { grade: 'TT', periodEnd: '2023-12-31' }], PAY_POLICY, '2024-03-01');
    expect(risk?.why).toEqual([{ kind: 'grant-ends', grantId: 'g-initial', lastVest: '2024-03-01', amount: 8_000_000 }]);
  });
});
