import type { Policy } from '@pm/domain';
import { attritionStats, type AttritionRow } from './attrition';
import {
  choosePivotOption,
  closeFocus,
  decideAppeal,
  enterFocus,
  hire,
  placeInPivot,
  POLICY,
  recordsOf,
  separate,
  team,
  transfer,
} from '../../test/workforce-events';

const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

/** A row where nothing happened but headcount: every count 0, every rate over nobody null. */
const row = (fields: Partial<AttritionRow> & Pick<AttritionRow, 'group' | 'population' | 'averageHeadcount'>): AttritionRow => ({
  separations: 0,
  voluntary: 0,
  involuntary: 0,
  regretted: 0,
  unregretted: 0,
  attritionRate: 0,
  unregrettedRate: 0,
  uraTarget: 0.06,
  focusEntries: 0,
  focusToPivotRate: null,
  pivotOutcomes: { buyout: 0, appealWon: 0, appealLost: 0, passed: 0, failed: 0 },
  appealWinRate: null,
  ...fields,
});

describe('attritionStats', () => {
  it('counts a two-org company over a 365-day year', () => {
    const records = recordsOf([
      ...team('a', 10, '2024-01-01', 'org-a'),
      ...team('b', 5, '2024-01-01', 'org-b'),
      separate('a-01', '2025-07-01', { type: 'voluntary', regretted: true }),
      separate('a-02', '2025-10-01', { type: 'voluntary', regretted: false }),
    ]);

    const stats = attritionStats(records, { ...YEAR_2025, groupBy: 'org', policy: POLICY });

    // days = 365.
    // A separation date is the last day of employment, counted as employed.
    // org-a: 8 × 365 = 2920 employee-days, a-01 Jan 1..Jul 1 = 182, a-02 Jan 1..Oct 1 = 274 → 3376.
    //   averageHeadcount = 3376 / 365 = 9.2493 → 9.25
    //   attritionRate = 2 / (3376 / 365) × 365 / 365 = 730 / 3376 = 0.21623 → 0.2162
    //   unregrettedRate = 365 / 3376 = 0.10812 → 0.1081
    // org-b: 5 × 365 = 1825 → averageHeadcount 5, no separations → rates 0.
    // total: 3376 + 1825 = 5201 → 14.2493 → 14.25; 730 / 5201 = 0.14036 → 0.1404; 365 / 5201 = 0.07018 → 0.0702.
    expect(stats).toEqual({
      ...YEAR_2025,
      groupBy: 'org',
      days: 365,
      rows: [
        row({
          group: 'org-a',
          population: 10,
          averageHeadcount: 9.25,
          separations: 2,
          voluntary: 2,
          regretted: 1,
          unregretted: 1,
          attritionRate: 0.2162,
          unregrettedRate: 0.1081,
        }),
        row({ group: 'org-b', population: 5, averageHeadcount: 5 }),
      ],
      total: row({
        group: '(total)',
        population: 15,
        averageHeadcount: 14.25,
        separations: 2,
        voluntary: 2,
        regretted: 1,
        unregretted: 1,
        attritionRate: 0.1404,
        unregrettedRate: 0.0702,
      }),
      suppressed: [],
    });
  });

  it('annualizes the rates of a shorter period', () => {
    const records = recordsOf([...team('a', 10, '2024-01-01', 'org-a'), separate('a-01', '2025-04-01', { type: 'involuntary', regretted: false })]);

    const stats = attritionStats(records, { from: '2025-01-01', to: '2025-06-30', groupBy: 'org', policy: POLICY });

    // days = 181 (Jan 1..Jun 30). Employee-days: 9 × 181 + a-01 Jan 1..Apr 1 (the last day) = 1629 + 91 = 1720.
    //   averageHeadcount = 1720 / 181 = 9.5028 → 9.50
    //   attritionRate = 1 / 9.5028 × 365 / 181 = 365 / 1720 = 0.21221 → 0.2122 (a 6-month rate would be 0.1052)
    expect(stats.days).toBe(181);
    expect(stats.rows).toEqual([
      row({
        group: 'org-a',
        population: 10,
        averageHeadcount: 9.5,
        separations: 1,
        involuntary: 1,
        unregretted: 1,
        attritionRate: 0.2122,
        unregrettedRate: 0.2122,
      }),
    ]);
  });

  it('splits a mover’s days at the transfer and counts the separation in the org of the day', () => {
    const records = recordsOf([
      ...team('a', 5, '2024-01-01', 'org-a'),
      ...team('b', 5, '2024-01-01', 'org-b'),
      hire('mover', '2024-01-01', 'org-a'),
      transfer('mover', '2025-04-01', 'org-a', 'org-b'),
      separate('mover', '2025-09-01', { type: 'involuntary', regretted: false }),
      // Outside the period on either side: they count nowhere.
      hire('gone', '2023-01-01', 'org-a'),
      separate('gone', '2024-12-01', { type: 'voluntary', regretted: true }),
      hire('later', '2026-01-05', 'org-a'),
    ]);

    const stats = attritionStats(records, { ...YEAR_2025, groupBy: 'org', policy: POLICY });

    // mover: org-a Jan 1..Mar 31 = 90 days, org-b Apr 1..Sep 1 = 154 days; last day Sep 1, in org-b.
    // org-a: 5 × 365 + 90 = 1915 → 1915 / 365 = 5.2466 → 5.25; population 6 (the mover included); no separation.
    // org-b: 5 × 365 + 154 = 1979 → 5.4219 → 5.42; population 6; 1 separation → 365 / 1979 = 0.18444 → 0.1844.
    // total: 3894 → 10.6685 → 10.67; population 11; 365 / 3894 = 0.09373 → 0.0937.
    expect(stats.rows).toEqual([
      row({ group: 'org-a', population: 6, averageHeadcount: 5.25 }),
      row({
        group: 'org-b',
        population: 6,
        averageHeadcount: 5.42,
        separations: 1,
        involuntary: 1,
        unregretted: 1,
        attritionRate: 0.1844,
        unregrettedRate: 0.1844,
      }),
    ]);
    expect(stats.total).toEqual(
      row({
        group: '(total)',
        population: 11,
        averageHeadcount: 10.67,
        separations: 1,
        involuntary: 1,
        unregretted: 1,
        attritionRate: 0.0937,
        unregrettedRate: 0.0937,
      }),
    );
  });

  it('follows Focus entries to Pivot and its outcomes: escalation, appeal lost, appeal won', () => {
    const records = recordsOf([
      ...team('o', 3, '2024-01-01', 'org-a'),
      hire('p1', '2024-01-01', 'org-a'),
      hire('p2', '2024-01-01', 'org-a'),
      hire('p3', '2024-01-01', 'org-a'),
      // Started before the period: not an entry of 2025.
      enterFocus('o-01', '2024-11-15', '2025-01-15'),
      closeFocus('o-01', '2025-01-15', 'succeeded'),
      // p1: Focus → escalated → Pivot → appeal → lost → separated.
      enterFocus('p1', '2025-02-01', '2025-04-01'),
      closeFocus('p1', '2025-04-01', 'escalated'),
      placeInPivot('p1', '2025-04-02'),
      choosePivotOption('p1', '2025-04-03', 'appeal'),
      decideAppeal('p1', '2025-05-01', 'upheld'),
      separate('p1', '2025-05-01', { type: 'involuntary', regretted: false, reason: 'appeal_lost' }),
      // p2: Focus met.
      enterFocus('p2', '2025-03-01', '2025-05-01'),
      closeFocus('p2', '2025-05-01', 'succeeded'),
      // p3: Focus → escalated → Pivot → appeal won.
      enterFocus('p3', '2025-06-01', '2025-08-01'),
      closeFocus('p3', '2025-08-01', 'escalated'),
      placeInPivot('p3', '2025-08-04'),
      choosePivotOption('p3', '2025-08-05', 'appeal'),
      decideAppeal('p3', '2025-09-01', 'overturned'),
    ]);

    const [orgA] = attritionStats(records, { ...YEAR_2025, groupBy: 'org', policy: POLICY }).rows;

    // Employee-days: 5 × 365 + p1 Jan 1..May 1 (the last day) = 1825 + 121 = 1946 → 5.3315 → 5.33.
    // attritionRate = unregrettedRate = 365 / 1946 = 0.18756 → 0.1876.
    // focusEntries: p1, p2, p3 = 3; of them p1 and p3 led to a Pivot → 2 / 3 = 0.6667.
    // pivotOutcomes: appealLost 1 (May 1), appealWon 1 (Sep 1) → appealWinRate 1 / (1 + 1) = 0.5.
    expect(orgA).toEqual(
      row({
        group: 'org-a',
        population: 6,
        averageHeadcount: 5.33,
        separations: 1,
        involuntary: 1,
        unregretted: 1,
        attritionRate: 0.1876,
        unregrettedRate: 0.1876,
        focusEntries: 3,
        focusToPivotRate: 0.6667,
        pivotOutcomes: { buyout: 0, appealWon: 1, appealLost: 1, passed: 0, failed: 0 },
        appealWinRate: 0.5,
      }),
    );
  });

  describe('small groups', () => {
    // 6 people under m-1, 2 without a manager; by manager: m-1 has 6, (none) has 2.
    const records = recordsOf([...team('m', 6, '2024-01-01', 'org-a', { managerId: 'm-1' }), ...team('n', 2, '2024-01-01', 'org-a')]);

    it('suppresses groups under the minimum size and keeps them in the total', () => {
      const stats = attritionStats(records, { ...YEAR_2025, groupBy: 'manager', policy: POLICY });

      // minGroupSize 5: m-1 (6) is shown, (none) (2) is suppressed; the total has all 8, 8 × 365 / 365 = 8.
      expect(stats.rows).toEqual([row({ group: 'm-1', population: 6, averageHeadcount: 6 })]);
      expect(stats.suppressed).toEqual(['(none)']);
      expect(stats.total).toEqual(row({ group: '(total)', population: 8, averageHeadcount: 8 }));
    });

    it('suppresses the total too when the whole population is under the minimum', () => {
      const policy: Policy = { ...POLICY, analytics: { ...POLICY.analytics, minGroupSize: 10 } };

      const stats = attritionStats(records, { ...YEAR_2025, groupBy: 'manager', policy });

      // 8 people < 10.
      expect(stats.rows).toEqual([]);
      expect(stats.suppressed).toEqual(['(none)', 'm-1']);
      expect(stats.total).toBeNull();
    });

    it('with complementary suppression, also hides the smallest shown group so that total minus rows is never a small group', () => {
      const three = recordsOf([
        ...team('m', 6, '2024-01-01', 'org-a', { managerId: 'm-1' }),
        ...team('k', 9, '2024-01-01', 'org-a', { managerId: 'm-2' }),
        ...team('n', 2, '2024-01-01', 'org-a'),
      ]);
      const plain = attritionStats(three, { ...YEAR_2025, groupBy: 'manager', policy: POLICY });
      // Without it: total (17) - m-1 (6) - m-2 (9) = the 2 people without a manager.
      expect(plain.rows.map((r) => r.group)).toEqual(['m-1', 'm-2']);
      expect(plain.suppressed).toEqual(['(none)']);

      const stats = attritionStats(three, { ...YEAR_2025, groupBy: 'manager', policy: POLICY, complementary: true });
      // m-1 (6, the smallest shown) is suppressed too: the 8 suppressed people reach the minimum of 5.
      expect(stats.rows.map((r) => r.group)).toEqual(['m-2']);
      expect(stats.suppressed).toEqual(['(none)', 'm-1']);
      expect(stats.total).toEqual(row({ group: '(total)', population: 17, averageHeadcount: 17 }));
    });

    it("applies a minimum given by the caller instead of the policy's", () => {
      const stats = attritionStats(records, { ...YEAR_2025, groupBy: 'manager', policy: POLICY, minGroupSize: 7 });
      expect(stats.rows).toEqual([]);
      expect(stats.total).toEqual(row({ group: '(total)', population: 8, averageHeadcount: 8 }));
    });
  });

  it('given who was at retention risk on their separation date, then rows count the regretted departures among them; without it, no such field', () => {
    const records = recordsOf([
      ...team('a', 10, '2024-01-01', 'org-a'),
      separate('a-01', '2025-07-01', { type: 'voluntary', regretted: true }),
      separate('a-02', '2025-08-01', { type: 'voluntary', regretted: true }),
      // At risk too, but not regretted: not counted.
      separate('a-03', '2025-09-01', { type: 'voluntary', regretted: false }),
    ]);
    const atRisk = new Set(['a-01', 'a-03']);

    const stats = attritionStats(records, { ...YEAR_2025, groupBy: 'org', policy: POLICY, atRiskWhenSeparated: (id) => atRisk.has(id) });

    expect(stats.rows[0]).toMatchObject({ group: 'org-a', regretted: 2, regrettedAtRisk: 1 });
    expect(stats.total).toMatchObject({ regretted: 2, regrettedAtRisk: 1 });
    expect(attritionStats(records, { ...YEAR_2025, groupBy: 'org', policy: POLICY }).rows[0]).not.toHaveProperty('regrettedAtRisk');
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => attritionStats([], { from: '2025-02-01', to: '2025-01-31', groupBy: 'org', policy: POLICY })).toThrow(RangeError);
  });
});
