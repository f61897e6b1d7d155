import { PAY_POLICY, SEED_CASE, SEED_RATINGS } from '../../test/pay-fixtures';
import type { PayRecord } from './pay.projection';
import { atRiskWhenSeparated, retentionRiskCounts, retentionRisksOn } from './retention-report';

const ON = '2024-12-31';

const person = (employeeId: string, orgId: string, fields: Partial<PayRecord> = {}): PayRecord => ({
  employeeId,
  ...SEED_CASE,
  hireDate: '2020-03-01',
  assignments: [{ from: '2020-03-01', orgId, level: 'L5', jobFamily: 'SDE' }],
  ratings: SEED_RATINGS.map((r, i) => ({ cycleId: `c-${i}`, ...r })),
  ...fields,
});
/** Rated HV3 last: under the bar, never at risk. */
const steady = (employeeId: string, orgId: string): PayRecord =>
  person(employeeId, orgId, { ratings: [{ cycleId: 'c', grade: 'HV3', periodEnd: '2024-12-31' }] });

describe('retention-risk reports', () => {
  it('given two people with the seed history and one rated lower, when listed, then the two are at risk with where they sit and their latest grades', () => {
    const items = retentionRisksOn([person('e-2', 'org-b'), steady('e-3', 'org-a'), person('e-1', 'org-a')], PAY_POLICY, ON);
    expect(items.map((i) => [i.employeeId, i.orgId, i.level, i.jobFamily, i.latestGrades, i.drop])).toEqual([
      ['e-1', 'org-a', 'L5', 'SDE', ['TT', 'TT'], 7_918_033],
      ['e-2', 'org-b', 'L5', 'SDE', ['TT', 'TT'], 7_918_033],
    ]);
  });

  it('given groups under the minimum, when counted, then they are suppressed with the smallest other group, and no pay is in the answer', () => {
    const records = [
      ...Array.from({ length: 5 }, (_, i) => person(`a-${i}`, 'org-a')),
      ...Array.from({ length: 6 }, (_, i) => steady(`b-${i}`, 'org-b')),
      steady('c-1', 'org-c'),
    ];
    const counts = retentionRiskCounts(records, PAY_POLICY, ON, 'org', 5);
    // org-c (1) is under 5; alone it would be "total minus rows", so org-a (5, the smallest shown) goes too.
    expect(counts).toEqual({
      on: ON,
      groupBy: 'org',
      rows: [{ group: 'org-b', employees: 6, atRisk: 0 }],
      total: { group: '(total)', employees: 12, atRisk: 5 },
      suppressedGroups: 2,
    });
    expect(JSON.stringify(counts)).not.toContain('7918033');
  });

  it('given tenure groups, then people count in their whole years since hire on the date, and only those employed that day', () => {
    const records = [
      person('e-1', 'org-a'),
      person('e-2', 'org-a', { hireDate: '2024-01-01' }),
      person('e-3', 'org-a', { separation: { date: '2024-06-01', regretted: true } }),
    ];
    expect(retentionRiskCounts(records, PAY_POLICY, ON, 'tenureYears', 1).rows).toEqual([
      { group: '0', employees: 1, atRisk: 1 },
      { group: '4', employees: 1, atRisk: 1 },
    ]);
  });

  it('given a separation, then whether the person was at risk is judged on the separation date as if they had stayed', () => {
    expect(atRiskWhenSeparated(person('e-1', 'org-a', { separation: { date: ON, regretted: true } }), PAY_POLICY)).toBe(true);
    expect(atRiskWhenSeparated(person('e-1', 'org-a', { separation: { date: '2023-06-30', regretted: true } }), PAY_POLICY)).toBe(false);
    expect(atRiskWhenSeparated(person('e-1', 'org-a'), PAY_POLICY)).toBe(false);
    expect(atRiskWhenSeparated(undefined, PAY_POLICY)).toBe(false);
  });
});
