import type { Policy } from './policy';

type Draft = Omit<Policy, 'version'>;

const L1_TO_L10 = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10'];

/** The job families the simulator, the examples and the tests hire into; any other family has no ladder. */
const JOB_FAMILIES = ['SDE', 'SWE', 'PM', 'TPM', 'DataScience', 'Design', 'Sales', 'Operations', 'Finance', 'PeopleOps', 'Executive', 'engineering', 'sales'];

const levels: Record<string, string[]> = Object.fromEntries(JOB_FAMILIES.map((family) => [family, L1_TO_L10]));

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
};

/** Shipped as data: published as version 1 of each policy stream when a store is first used. */
export const DEFAULT_POLICIES: readonly Draft[] = [DEFAULT_POLICY, CLASSIC_POLICY, BYTEDANCE_POLICY];
