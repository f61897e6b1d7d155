import type { Policy } from '@pm/domain';
import { compareText } from '../analytics/compare';
import { suppressSmallGroups } from '../analytics/suppression';
import { assignmentOn } from '../workforce/assignment-on';
import { addMonths } from './pay-dates';
import { paidSpan } from './pay-trajectory';
import type { PayRecord } from './pay.projection';
import { latestGrades, retentionRisk, type RetentionRisk } from './retention-risk';

export interface RetentionRiskItem extends RetentionRisk {
  employeeId: string;
  orgId: string;
  level: string;
  jobFamily: string;
  latestGrades: string[];
}

const employedOn = (record: PayRecord, on: string): boolean => {
  const span = paidSpan(record);
  return span !== undefined && span.from <= on && span.to >= on;
};

/** A pay record's retention risk on `on`, with where the person sits that day; undefined when not at risk. */
export function retentionRiskOf(record: PayRecord, policy: Policy, on: string): RetentionRiskItem | undefined {
  const risk = retentionRisk(record, record.ratings, policy, on);
  const assignment = assignmentOn(record.assignments, on) ?? record.assignments[0];
  if (!risk || !assignment) return undefined;
  const latest = policy.compensation?.retentionRisk?.latest ?? 0;
  return {
    employeeId: record.employeeId,
    orgId: assignment.orgId,
    level: assignment.level,
    jobFamily: assignment.jobFamily,
    latestGrades: latestGrades(record.ratings, on, latest).map((g) => g.grade),
    ...risk,
  };
}

/** Everyone at risk on `on`, by employee id. */
export function retentionRisksOn(records: readonly PayRecord[], policy: Policy, on: string): RetentionRiskItem[] {
  return records
    .map((record) => retentionRiskOf(record, policy, on))
    .filter((item): item is RetentionRiskItem => item !== undefined)
    .sort((a, b) => compareText(a.employeeId, b.employeeId));
}

export type RetentionGroupBy = 'org' | 'level' | 'tenureYears';

export interface RetentionCountRow {
  group: string;
  employees: number;
  atRisk: number;
}

export interface RetentionCounts {
  on: string;
  groupBy: RetentionGroupBy;
  rows: RetentionCountRow[];
  /** `null` when everyone together is under the minimum group size. */
  total: RetentionCountRow | null;
  /** How many groups were suppressed (no names: a name with a small count would say who). */
  suppressedGroups: number;
}

/** Whole years from the (latest) hire date to `on`. */
function tenureYears(hireDate: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(hireDate.slice(0, 4));
  while (years > 0 && addMonths(hireDate, 12 * years) > on) years--;
  return years;
}

/**
 * Employees employed on `on`, and how many of them are at risk, per group (org or level that day,
 * or whole years of tenure); groups under `minimum` are suppressed with complementary suppression
 * (`suppressSmallGroups`), and the total shown only when it reaches the minimum. No pay figures.
 */
export function retentionRiskCounts(records: readonly PayRecord[], policy: Policy, on: string, groupBy: RetentionGroupBy, minimum: number): RetentionCounts {
  const groups = new Map<string, RetentionCountRow>();
  const total: RetentionCountRow = { group: '(total)', employees: 0, atRisk: 0 };
  for (const record of records) {
    if (!employedOn(record, on)) continue;
    const assignment = assignmentOn(record.assignments, on) ?? record.assignments[0];
    if (!assignment) continue;
    const group = groupBy === 'tenureYears' ? String(tenureYears(record.hireDate, on)) : groupBy === 'org' ? assignment.orgId : assignment.level;
    const row = groups.get(group) ?? { group, employees: 0, atRisk: 0 };
    groups.set(group, row);
    const atRisk = retentionRisk(record, record.ratings, policy, on) !== undefined ? 1 : 0;
    for (const r of [row, total]) {
      r.employees++;
      r.atRisk += atRisk;
    }
  }
  const byName = (a: string, b: string): number => (groupBy === 'tenureYears' ? Number(a) - Number(b) : compareText(a, b));
  const sorted = [...groups.values()].sort((a, b) => byName(a.group, b.group));
  const { shown, suppressed } = suppressSmallGroups(sorted, minimum, { size: (r) => r.employees, name: (r) => r.group });
  return { on, groupBy, rows: shown, total: total.employees >= minimum ? total : null, suppressedGroups: suppressed.length };
}

/** Whether the person was at risk on their separation date (as paid and rated the day before). */
export function atRiskWhenSeparated(record: PayRecord | undefined, policy: Policy): boolean {
  const date = record?.separation?.date;
  if (!record || !date) return false;
  const { separation: _left, ...employed } = record;
  return retentionRisk(employed, record.ratings, policy, date) !== undefined;
}
