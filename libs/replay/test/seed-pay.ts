import { DEFAULT_POLICY, type Policy } from '@pm/domain';
import { PAY_POLICY, SEED_CASE, SEED_RATINGS } from '../../projections/test/pay-fixtures';
import { cycle, hire, on, RECORDED, type EventSpec } from './replay-events';

/**
 * The seed's year-5 cliff (libs/projections/test/pay-fixtures.ts) as a recorded history: an SDE L5
 * hired 2020-03-01 in org-a, the seed's salaries, sign-on and initial grant, rated in one cycle a
 * year (HV2, HV2, HV1, TT, TT; each a group of one, so no curve applies). `refresher`: plus a
 * recorded refresher vesting that many cents a year for four years from 2024-03-01.
 */
export function seedPayHistory(employeeId = 's-01', refresher?: number): EventSpec[] {
  const { grantId, kind, grantDate, units, unitValue, vesting } = SEED_CASE.grants[0];
  const { grantDate: signOnDate, currency, instalments, clawback } = SEED_CASE.signOns[0];
  return [
    hire(employeeId, '2020-03-01', 'org-a', { level: 'L5', jobFamily: 'SDE' }),
    ...SEED_CASE.salaries.map((salary) => on(salary.effectiveDate, 'BaseSalaryChanged', { employeeId, ...salary })),
    on(signOnDate, 'SignOnBonusGranted', { employeeId, grantDate: signOnDate, currency, instalments, clawback }),
    on(grantDate, 'EquityGranted', { employeeId, grantId, kind, grantDate, units, unitValue, vesting }),
    ...(refresher === undefined
      ? []
      : [
          on('2024-03-01', 'EquityGranted', {
            employeeId,
            grantId: 'g-refresh',
            kind: 'refresher',
            grantDate: '2024-03-01',
            units: 4,
            unitValue: { amount: refresher, currency: 'USD' },
            vesting: [12, 24, 36, 48].map((monthsAfterGrant) => ({ monthsAfterGrant, share: 0.25 })),
          }),
        ]),
    ...SEED_RATINGS.map(({ grade, periodEnd }) => cycle(`c-${periodEnd.slice(0, 4)}`, periodEnd, [{ employeeId, grade }])).flat(),
  ];
}

/** The recorded policy of the pay replays: the hand-built histories' one with the seed's compensation, stored before refreshers (none granted). */
export const PAY_RECORDED: Policy = { ...RECORDED, compensation: PAY_POLICY.compensation };
export const payPolicyOf = (ref: string): Policy => {
  if (ref !== 'default@1') throw new Error(`no policy ${ref}`);
  return PAY_RECORDED;
};

/** The recorded pay policy granting refreshers by grade (share of the band max), published as version 2. */
export const withRefreshers = (grades: Record<string, number>): Policy => ({
  ...PAY_RECORDED,
  version: 2,
  compensation: { ...PAY_RECORDED.compensation!, refreshers: { grades } },
});

export const SHIPPED_REFRESHERS = DEFAULT_POLICY.compensation!.refreshers!.grades;
