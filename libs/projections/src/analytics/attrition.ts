import type { Policy } from '@pm/domain';
import type { PivotOutcome, WorkforceRecord } from '../workforce/workforce-record';
import { compareText } from './compare';
import { assignmentAt, employedDaysByAssignment, groupOf, type GroupBy } from './employment';
import { periodDays, within, type Period } from './period';
import { ratio, round, roundRate } from './rounding';
import { suppressSmallGroups } from './suppression';

export type PivotOutcomeCounts = Record<PivotOutcome, number>;

/** The contract's row of `GET /v1/stats/attrition`, plus `population`. */
export interface AttritionRow {
  group: string;
  population: number;
  averageHeadcount: number;
  separations: number;
  voluntary: number;
  involuntary: number;
  regretted: number;
  unregretted: number;
  /** Regretted separations of people at retention risk on their separation date; present when the query says who was (`atRiskWhenSeparated`). */
  regrettedAtRisk?: number;
  attritionRate: number | null;
  unregrettedRate: number | null;
  uraTarget: number;
  focusEntries: number;
  focusToPivotRate: number | null;
  pivotOutcomes: PivotOutcomeCounts;
  appealWinRate: number | null;
}

export interface AttritionStats {
  from: string;
  to: string;
  groupBy: GroupBy;
  days: number;
  rows: AttritionRow[];
  /** `null` when the whole population is under the minimum group size. */
  total: AttritionRow | null;
  /** Groups under the minimum group size, by name. */
  suppressed: string[];
}

export interface AttritionQuery extends Period {
  groupBy: GroupBy;
  policy: Policy;
  /** The minimum group size to apply instead of the policy's (the caller's strictest; ADR 010). */
  minGroupSize?: number;
  /**
   * Also suppress the smallest shown groups until the suppressed ones together count at least the
   * minimum, so that the total minus the rows never describes a small group (`suppressSmallGroups`).
   */
  complementary?: boolean;
  /** Whether the employee was at retention risk on their separation date (the pay projection's rule); rows then count `regrettedAtRisk`. */
  atRiskWhenSeparated?: (employeeId: string) => boolean;
}

/** The row named `TOTAL_GROUP` covers everyone, whatever group they were in. */
export const TOTAL_GROUP = '(total)';

/** What one row counts while the records are read. */
class Tally {
  readonly employees = new Set<string>();
  employeeDays = 0;
  separations = 0;
  voluntary = 0;
  involuntary = 0;
  regretted = 0;
  unregretted = 0;
  regrettedAtRisk = 0;
  focusEntries = 0;
  focusToPivot = 0;
  readonly pivotOutcomes: PivotOutcomeCounts = { buyout: 0, appealWon: 0, appealLost: 0, passed: 0, failed: 0 };

  row(group: string, days: number, uraTarget: number, withAtRisk = false): AttritionRow {
    const employeeYears = this.employeeDays / 365;
    const { appealWon, appealLost } = this.pivotOutcomes;
    return {
      group,
      population: this.employees.size,
      averageHeadcount: round(this.employeeDays / days, 2),
      separations: this.separations,
      voluntary: this.voluntary,
      involuntary: this.involuntary,
      regretted: this.regretted,
      unregretted: this.unregretted,
      ...(withAtRisk ? { regrettedAtRisk: this.regrettedAtRisk } : {}),
      attritionRate: roundRate(ratio(this.separations, employeeYears)),
      unregrettedRate: roundRate(ratio(this.unregretted, employeeYears)),
      uraTarget,
      focusEntries: this.focusEntries,
      focusToPivotRate: roundRate(ratio(this.focusToPivot, this.focusEntries)),
      pivotOutcomes: { ...this.pivotOutcomes },
      appealWinRate: roundRate(ratio(appealWon, appealWon + appealLost)),
    };
  }
}

/**
 * Attrition per group over the period [from, to], both business dates included (`days` long).
 *
 * - averageHeadcount: employee-days in the group within the period / days. An employee counts
 *   from the hire date through the separation date (the last day), in the group of the
 *   assignment in force that day (a transfer mid-period splits their days). 2 decimals.
 * - separations (voluntary/involuntary, regretted/unregretted): separation dates in the period,
 *   in the group the employee was assigned to on the separation date.
 * - attritionRate = separations / averageHeadcount × 365 / days, i.e. separations per
 *   employee-year; unregrettedRate likewise. `null` when averageHeadcount is 0. 4 decimals.
 * - regrettedAtRisk (only when the query gives `atRiskWhenSeparated`): the regretted separations
 *   among them of people at retention risk on their separation date.
 * - uraTarget: the policy's `attrition.uraTarget`, to compare with unregrettedRate.
 * - focusEntries: Focus cases started in the period, in the group on the start date;
 *   focusToPivotRate: the share of those whose escalation led to a Pivot (as far as the history
 *   knows, even if the Pivot came after the period); `null` with no entries.
 * - pivotOutcomes: Pivot outcomes dated in the period, in the group on that date;
 *   appealWinRate = appealWon / (appealWon + appealLost), `null` when there is neither.
 * - population: distinct employees who count in the row: at least one employee-day, or a
 *   separation, Focus entry or Pivot outcome attributed to it. So averageHeadcount ≤ population.
 *
 * Groups with population < `policy.analytics.minGroupSize` (or `query.minGroupSize`) are left out
 * of `rows` and named in `suppressed`; with `complementary`, so are the smallest groups needed to
 * make the suppressed ones count at least that many distinct people together. The total row covers
 * everyone, suppressed groups included; it is `null` when the whole population is under the minimum
 * too. Counts in `total` are the sums over all groups; its population is at most their sum
 * (someone who transferred is in two groups).
 */
export function attritionStats(records: readonly WorkforceRecord[], query: AttritionQuery): AttritionStats {
  const { from, to, groupBy, policy } = query;
  const period = { from, to };
  const days = periodDays(period);
  const groups = new Map<string, Tally>();
  const total = new Tally();
  for (const record of records) {
    const count = (group: string, change: (tally: Tally) => void): void => {
      const tally = groups.get(group) ?? new Tally();
      groups.set(group, tally);
      for (const t of [tally, total]) {
        t.employees.add(record.employeeId);
        change(t);
      }
    };
    const groupOn = (date: string): string => groupOf(assignmentAt(record, date), groupBy);

    for (const { assignment, days: employed } of employedDaysByAssignment(record, period)) {
      count(groupOf(assignment, groupBy), (t) => (t.employeeDays += employed));
    }
    const separation = record.separation;
    if (separation && within(separation.date, period)) {
      const atRisk = query.atRiskWhenSeparated?.(record.employeeId) ?? false;
      count(groupOn(separation.date), (t) => {
        t.separations++;
        t[separation.type]++;
        t[separation.regretted ? 'regretted' : 'unregretted']++;
        if (separation.regretted && atRisk) t.regrettedAtRisk++;
      });
    }
    for (const focus of record.focusCases.filter((c) => within(c.startDate, period))) {
      count(groupOn(focus.startDate), (t) => {
        t.focusEntries++;
        if (focus.ledToPivot) t.focusToPivot++;
      });
    }
    for (const pivot of record.pivotCases) {
      const { outcome, outcomeDate } = pivot;
      if (outcome && outcomeDate && within(outcomeDate, period)) count(groupOn(outcomeDate), (t) => t.pivotOutcomes[outcome]++);
    }
  }

  const minGroupSize = query.minGroupSize ?? policy.analytics.minGroupSize;
  const { uraTarget } = policy.attrition;
  const withAtRisk = query.atRiskWhenSeparated !== undefined;
  const sorted = [...groups].sort(([a], [b]) => compareText(a, b));
  const { shown, suppressed } = query.complementary
    ? suppressSmallGroups(sorted, minGroupSize, { size: ([, t]) => t.employees.size, name: ([name]) => name, members: ([, t]) => t.employees })
    : { shown: sorted.filter(([, t]) => t.employees.size >= minGroupSize), suppressed: sorted.filter(([, t]) => t.employees.size < minGroupSize) };
  return {
    from,
    to,
    groupBy,
    days,
    rows: shown.map(([name, tally]) => tally.row(name, days, uraTarget, withAtRisk)),
    total: total.employees.size >= minGroupSize ? total.row(TOTAL_GROUP, days, uraTarget, withAtRisk) : null,
    suppressed: suppressed.map(([name]) => name),
  };
}
