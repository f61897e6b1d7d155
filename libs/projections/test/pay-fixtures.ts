import { DEFAULT_POLICY, type Policy } from '@pm/domain';
import type { GradeFact, PayFacts } from '../src/pay/pay-facts';

/** Spec fixtures: the seed's case of the year-5 cliff (issue "Compensation and the year-5 cliff"). */

const usd = (dollars: number) => ({ amount: dollars * 100, currency: 'USD' });
const salary = (effectiveDate: string, dollars: number, reason: 'hire' | 'review') => ({
  effectiveDate,
  baseSalary: usd(dollars),
  reason,
  level: 'L5',
  jobFamily: 'SDE',
});

/**
 * An SDE hired 2020-03-01 at L5 on USD 150,000, raised 5,000 at each review (every 1 March; 170,000 is the L5 band's max); a
 * sign-on of 45,000 (paid 2020-03-31) and 35,000 (paid 2021-03-31); an initial grant of 1,000
 * units at USD 200.00 (200,000 at grant value) vesting 5/15/40/40 on each anniversary.
 */
export const SEED_CASE: PayFacts = {
  hireDate: '2020-03-01',
  salaries: [
    salary('2020-03-01', 150_000, 'hire'),
    salary('2021-03-01', 155_000, 'review'),
    salary('2022-03-01', 160_000, 'review'),
    salary('2023-03-01', 165_000, 'review'),
    salary('2024-03-01', 170_000, 'review'),
  ],
  signOns: [
    {
      grantDate: '2020-03-01',
      currency: 'USD',
      instalments: [
        { payDate: '2020-03-31', amount: 45_000_00 },
        { payDate: '2021-03-31', amount: 35_000_00 },
      ],
      clawback: { months: 12 },
    },
  ],
  grants: [
    {
      grantId: 'g-initial',
      kind: 'initial',
      grantDate: '2020-03-01',
      units: 1_000,
      unitValue: usd(200),
      vesting: [
        { monthsAfterGrant: 12, share: 0.05 },
        { monthsAfterGrant: 24, share: 0.15 },
        { monthsAfterGrant: 36, share: 0.4 },
        { monthsAfterGrant: 48, share: 0.4 },
      ],
    },
  ],
  clawbacks: [],
};

/** Rated at the top grade in the 4th and 5th review cycles (calendar 2023 and 2024), HV2 before. */
/** The seed case's pay per calendar year in cents, as worked out by hand in pay-trajectory.spec.ts. */
export const SEED_YEARS = [
  { year: 2020, base: 12_540_984, signOn: 4_500_000, vestingAtGrant: 0, total: 17_040_984 },
  { year: 2021, base: 15_419_178, signOn: 3_500_000, vestingAtGrant: 1_000_000, total: 19_919_178 },
  { year: 2022, base: 15_919_178, signOn: 0, vestingAtGrant: 3_000_000, total: 18_919_178 },
  { year: 2023, base: 16_419_178, signOn: 0, vestingAtGrant: 8_000_000, total: 24_419_178 },
  { year: 2024, base: 16_918_033, signOn: 0, vestingAtGrant: 8_000_000, total: 24_918_033 },
  { year: 2025, base: 17_000_000, signOn: 0, vestingAtGrant: 0, total: 17_000_000 },
];

export const SEED_RATINGS: GradeFact[] = [
  { grade: 'HV2', periodEnd: '2020-12-31' },
  { grade: 'HV2', periodEnd: '2021-12-31' },
  { grade: 'HV1', periodEnd: '2022-12-31' },
  { grade: 'TT', periodEnd: '2023-12-31' },
  { grade: 'TT', periodEnd: '2024-12-31' },
];

/** The default scale (TT, HV1, HV2, HV3, LE) with an explicit compensation section. */
export const PAY_POLICY: Policy = {
  ...DEFAULT_POLICY,
  version: 1,
  levels: { SDE: ['L4', 'L5', 'L6', 'L7'] },
  compensation: {
    bands: { SDE: { L5: { min: 100_000_00, max: 170_000_00, currency: 'USD' }, L6: { min: 120_000_00, max: 210_000_00, currency: 'USD' } } },
    topGradeCap: { share: 1.1, consecutive: 2 },
    vesting: [
      { monthsAfterGrant: 12, share: 0.05 },
      { monthsAfterGrant: 24, share: 0.15 },
      { monthsAfterGrant: 36, share: 0.4 },
      { monthsAfterGrant: 48, share: 0.4 },
    ],
    assumedStockGrowth: 0,
    retentionRisk: { minGrade: 'HV1', latest: 2, drop: 0.1 },
    severance: { baseWeeks: 10, weeksPerYearOfTenure: 1, appealLostShare: 1 / 6, planFailedShare: 1 / 3 },
  },
};
