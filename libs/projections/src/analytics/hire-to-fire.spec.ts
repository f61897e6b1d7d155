import { hireToFire, hireToFireCounts, type HireToFireRow } from './hire-to-fire';
import { choosePivotOption, closeFocus, enterFocus, hire, on, placeInPivot, POLICY, recordsOf, separate, transfer } from '../../test/workforce-events';

describe('hireToFire', () => {
  // Months are 365.25 / 12 = 30.4375 days; the default policy's window is 6 months.
  const records = recordsOf([
    // 125 days → 4.107 months: in, still in Focus.
    hire('h1', '2025-01-15', 'org-a', { managerId: 'm-1' }),
    enterFocus('h1', '2025-05-20', '2025-07-20'),
    // 212 days → 6.97 months: too late.
    hire('h2', '2025-02-01', 'org-a', { managerId: 'm-1' }),
    enterFocus('h2', '2025-09-01', '2025-11-01'),
    // Straight to Pivot after 61 days → 2.004 months; took the buyout.
    hire('h3', '2025-03-01', 'org-a', { managerId: 'm-2', level: 'L3' }),
    placeInPivot('h3', '2025-05-01'),
    choosePivotOption('h3', '2025-05-02', 'buyout'),
    on('2025-05-02', 'BuyoutAccepted', { employeeId: 'h3', effectiveDate: '2025-05-02' }),
    separate('h3', '2025-05-02', { type: 'involuntary', regretted: false, reason: 'pivot_buyout' }),
    // 122 days after hire, but in 2024: outside the period.
    hire('h4', '2024-06-01', 'org-a'),
    enterFocus('h4', '2024-10-01', '2024-12-01'),
    // Transferred before its Focus (59 days → 1.938 months): the row shows org-b; Focus met.
    hire('h5', '2025-01-01', 'org-a', { managerId: 'm-1' }),
    transfer('h5', '2025-02-01', 'org-a', 'org-b'),
    enterFocus('h5', '2025-03-01', '2025-05-01'),
    closeFocus('h5', '2025-05-01', 'succeeded'),
    // 182 days → 5.979 months: in, shown truncated as 5.9. No manager.
    hire('h6', '2025-07-01', 'org-c'),
    enterFocus('h6', '2025-12-30', '2026-02-28'),
    // 183 days → 6.012 months: just out.
    hire('h7', '2025-07-01', 'org-c'),
    enterFocus('h7', '2025-12-31', '2026-02-28'),
  ]);

  it('lists first Focus or Pivot cases started within the window after hire, in the period', () => {
    const rows = hireToFire(records, { from: '2025-01-01', to: '2025-12-31', policy: POLICY });

    // Ordered by start date: h5 (Mar 1), h3 (May 1), h1 (May 20), h6 (Dec 30).
    expect(rows).toEqual([
      {
        employeeId: 'h5',
        hireDate: '2025-01-01',
        orgId: 'org-b',
        managerId: 'm-1',
        level: 'L4',
        jobFamily: 'engineering',
        event: 'focus',
        startDate: '2025-03-01',
        monthsAfterHire: 1.9,
        outcome: 'active',
      },
      {
        employeeId: 'h3',
        hireDate: '2025-03-01',
        orgId: 'org-a',
        managerId: 'm-2',
        level: 'L3',
        jobFamily: 'engineering',
        event: 'pivot',
        startDate: '2025-05-01',
        monthsAfterHire: 2,
        outcome: 'pivot_buyout',
      },
      {
        employeeId: 'h1',
        hireDate: '2025-01-15',
        orgId: 'org-a',
        managerId: 'm-1',
        level: 'L4',
        jobFamily: 'engineering',
        event: 'focus',
        startDate: '2025-05-20',
        monthsAfterHire: 4.1,
        outcome: 'focus',
      },
      {
        employeeId: 'h6',
        hireDate: '2025-07-01',
        orgId: 'org-c',
        managerId: null,
        level: 'L4',
        jobFamily: 'engineering',
        event: 'focus',
        startDate: '2025-12-30',
        monthsAfterHire: 5.9,
        outcome: 'focus',
      },
    ]);
  });

  it('takes the window from the policy', () => {
    const policy = { ...POLICY, analytics: { ...POLICY.analytics, hireToFireMonths: 3 } };

    // Within 3 months (91.3 days): h5 (59 days) and h3 (61 days).
    expect(hireToFire(records, { from: '2025-01-01', to: '2025-12-31', policy }).map((r) => r.employeeId)).toEqual(['h5', 'h3']);
  });

  describe('counted for analysts', () => {
    const row = (startDate: string, orgId: string, event: 'focus' | 'pivot', outcome: HireToFireRow['outcome'] = 'focus'): HireToFireRow => ({
      employeeId: `${orgId}-${startDate}-${event}-${outcome}`,
      hireDate: '2025-01-01',
      orgId,
      managerId: 'm-1',
      level: 'L4',
      jobFamily: 'engineering',
      event,
      startDate,
      monthsAfterHire: 2,
      outcome,
    });
    const many = (n: number, make: (i: number) => HireToFireRow): HireToFireRow[] => Array.from({ length: n }, (_, i) => make(i));

    it('counts cases per org, level and quarter, with no person in any row', () => {
      const rows = [
        ...many(5, (i) => row(`2025-02-0${i + 1}`, 'org-a', i < 3 ? 'focus' : 'pivot', i === 0 ? 'pivot_buyout' : 'focus')),
        ...many(6, (i) => row(`2025-04-0${i + 1}`, 'org-a', 'focus', 'active')),
      ];
      const summary = hireToFireCounts(rows, 5);
      expect(summary).toEqual({
        cells: [
          { orgId: 'org-a', level: 'L4', period: '2025-Q1', cases: 5, focus: 3, pivot: 2, separated: 1 },
          { orgId: 'org-a', level: 'L4', period: '2025-Q2', cases: 6, focus: 6, pivot: 0, separated: 0 },
        ],
        total: { cases: 11, focus: 9, pivot: 2, separated: 1 },
        suppressedCells: 0,
      });
      expect(JSON.stringify(summary)).not.toMatch(/employeeId|hireDate|managerId|2025-0\d-0\d/);
    });

    it('suppresses cells under the minimum, complementarily, and the total under it', () => {
      const rows = [
        ...many(5, (i) => row(`2025-02-0${i + 1}`, 'org-a', 'focus')),
        ...many(7, (i) => row(`2025-02-0${i + 1}`, 'org-b', 'focus')),
        row('2025-05-01', 'org-c', 'pivot'),
      ];
      // org-c's one case would be the total minus the rows: org-a (5, the smallest shown) goes with it.
      expect(hireToFireCounts(rows, 5)).toEqual({
        cells: [{ orgId: 'org-b', level: 'L4', period: '2025-Q1', cases: 7, focus: 7, pivot: 0, separated: 0 }],
        total: { cases: 13, focus: 12, pivot: 1, separated: 0 },
        suppressedCells: 2,
      });
      expect(hireToFireCounts(rows.slice(0, 4), 5)).toEqual({ cells: [], total: null, suppressedCells: 1 });
    });
  });
});
