import type { Compensation, PayBand, Policy } from './policy';

type Draft = Omit<Policy, 'version'>;

const L1_TO_L10 = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10'];

/** The job families the simulator, the examples and the tests hire into; any other family has no ladder. */
const JOB_FAMILIES = ['SDE', 'SWE', 'PM', 'TPM', 'DataScience', 'Design', 'Sales', 'Operations', 'Finance', 'PeopleOps', 'Executive', 'engineering', 'sales'];

const levels: Record<string, string[]> = Object.fromEntries(JOB_FAMILIES.map((family) => [family, L1_TO_L10]));

/** Annual base per level in whole US dollars, min to max: wide enough for every figure the simulator and the reports use (SDE L6 130k-200k within). */
const USD_BANDS: Record<string, [number, number]> = {
  L1: [40_000, 80_000],
  L2: [50_000, 95_000],
  L3: [60_000, 115_000],
  L4: [80_000, 140_000],
  L5: [100_000, 170_000],
  L6: [120_000, 210_000],
  L7: [150_000, 260_000],
  L8: [190_000, 330_000],
  L9: [240_000, 420_000],
  L10: [300_000, 600_000],
};
/** Executives are paid above the same ladder's bands. */
const EXECUTIVE_FACTOR = 1.5;

const bandsOf = (factor: number): Record<string, PayBand> =>
  Object.fromEntries(
    Object.entries(USD_BANDS).map(([level, [min, max]]) => [
      level,
      { min: Math.round(min * factor) * 100, max: Math.round(max * factor) * 100, currency: 'USD' },
    ]),
  );

/** Every job family and level the simulator hires into has a band; the scale's second grade is the retention-risk line; the top two grades get refreshers (half, then a quarter of the band's max). */
const compensation = (topGrade: string, secondGrade: string): Compensation => ({
  bands: Object.fromEntries(JOB_FAMILIES.map((family) => [family, bandsOf(family === 'Executive' ? EXECUTIVE_FACTOR : 1)])),
  topGradeCap: { share: 1.1, consecutive: 2 },
  vesting: [
    { monthsAfterGrant: 12, share: 0.05 },
    { monthsAfterGrant: 24, share: 0.15 },
    { monthsAfterGrant: 36, share: 0.4 },
    { monthsAfterGrant: 48, share: 0.4 },
  ],
  assumedStockGrowth: 0,
  retentionRisk: { minGrade: secondGrade, latest: 2, drop: 0.1, leaveLikelihood: 0.35 },
  refreshers: { grades: { [topGrade]: 0.5, [secondGrade]: 0.25 } },
  severance: { baseWeeks: 10, weeksPerYearOfTenure: 1, appealLostShare: 1 / 6, planFailedShare: 1 / 3 },
});

const common = {
  pivot: {
    requiresEscalatedFocus: true,
    choiceWindowBusinessDays: 3,
    planMinDays: 30,
    planMaxDays: 60,
    appealPanelMin: 1,
    appealPanelMax: 5,
    placementWindowDays: 30,
    planMinGoals: 1,
    onLapse: 'record',
  },
  analytics: { minGroupSize: 5, hireToFireMonths: 6 },
  severance: { baseWeeks: 10, weeksPerYearOfTenure: 2, appealLostShare: 1 / 6, planFailedShare: 1 / 3 },
  levels,
} satisfies Partial<Draft>;

/** Amazon-style: TT, HV1-3, LE; ~6% LE; Focus 60 days in a 30-90 window; URA 6%. */
export const DEFAULT_POLICY: Draft = {
  policyId: 'default',
  name: 'Amazon-style',
  scale: {
    grades: [
      { code: 'TT', label: 'Top Tier' },
      { code: 'HV1', label: 'Highly Valued 1' },
      { code: 'HV2', label: 'Highly Valued 2' },
      { code: 'HV3', label: 'Highly Valued 3' },
      { code: 'LE', label: 'Least Effective', belowBar: true },
    ],
  },
  curve: { targets: { TT: 0.2, LE: 0.06 }, minGroupSize: 50 },
  focus: { minDays: 30, maxDays: 90, defaultDays: 60, triggers: [{ grades: ['LE'], consecutive: 1 }] },
  promotion: { minGrade: 'HV1', minMonthsInLevel: 12 },
  attrition: { uraTarget: 0.06, regrettedIfLastGradeAtLeast: 'HV3' },
  ...common,
  compensation: compensation('TT', 'HV1'),
};

/** The classic three-level scale: EE, ME, NI; one NI triggers Focus. */
export const CLASSIC_POLICY: Draft = {
  policyId: 'classic',
  name: 'Classic three-level',
  scale: {
    grades: [
      { code: 'EE', label: 'Exceeds Expectations' },
      { code: 'ME', label: 'Meets Expectations' },
      { code: 'NI', label: 'Needs Improvement', belowBar: true },
    ],
    aliases: { MET: 'ME' },
  },
  curve: { targets: { EE: 0.2, NI: 0.1 }, minGroupSize: 50 },
  focus: { minDays: 30, maxDays: 90, defaultDays: 60, triggers: [{ grades: ['NI'], consecutive: 1 }] },
  promotion: { minGrade: 'EE', minMonthsInLevel: 12 },
  attrition: { uraTarget: 0.06, regrettedIfLastGradeAtLeast: 'ME' },
  ...common,
  compensation: compensation('EE', 'ME'),
};

/** ByteDance-style: O .. N; Focus after two consecutive M- or one I or N. `N` is the current name of the grade once coded `F`. */
export const BYTEDANCE_POLICY: Draft = {
  policyId: 'bytedance',
  name: 'ByteDance-style',
  scale: {
    grades: [
      { code: 'O', label: 'Outstanding' },
      { code: 'E+', label: 'Exceeds+' },
      { code: 'E', label: 'Exceeds' },
      { code: 'M+', label: 'Meets+' },
      { code: 'M', label: 'Meets' },
      { code: 'M-', label: 'Sometimes meets', belowBar: true },
      { code: 'I', label: 'Improvement needed', belowBar: true },
      { code: 'N', label: 'Fails', belowBar: true },
    ],
    aliases: { F: 'N' },
  },
  curve: { targets: { O: 0.05, 'E+': 0.1, I: 0.05, N: 0.02 }, minGroupSize: 30 },
  focus: {
    minDays: 30,
    maxDays: 90,
    defaultDays: 60,
    triggers: [
      { grades: ['M-'], consecutive: 2 },
      { grades: ['I', 'N'], consecutive: 1 },
    ],
  },
  promotion: { minGrade: 'M+', minMonthsInLevel: 12 },
  attrition: { uraTarget: 0.06, regrettedIfLastGradeAtLeast: 'M' },
  ...common,
  compensation: compensation('O', 'E+'),
};

/** Shipped as data: published as version 1 of each policy stream when a store is first used. */
export const DEFAULT_POLICIES: readonly Draft[] = [DEFAULT_POLICY, CLASSIC_POLICY, BYTEDANCE_POLICY];
