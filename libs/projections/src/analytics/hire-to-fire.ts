import { daysBetween, type Policy } from '@pm/domain';
import type { SeparationReasonCode, WorkforceRecord } from '../workforce/workforce-record';
import { compareText } from './compare';
import { assignmentAt } from './employment';
import { within, type Period } from './period';
import { suppressSmallGroups } from './suppression';

export type EmployeeStanding = 'active' | 'focus' | 'pivot';

export interface HireToFireRow {
  employeeId: string;
  hireDate: string;
  orgId: string;
  managerId: string | null;
  level: string;
  jobFamily: string;
  event: 'focus' | 'pivot';
  startDate: string;
  monthsAfterHire: number;
  /** The separation's reason code when separated, else where the employee stands now. */
  outcome: SeparationReasonCode | EmployeeStanding;
}

export interface HireToFireQuery extends Period {
  policy: Policy;
}

/** The domain's default window when the policy names none ("within months", as reported). */
const DEFAULT_MONTHS = 6;
/** Months are counted as 365.25 / 12 days, so the window does not depend on the month of hire. */
const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Employees whose first Focus or Pivot (whichever started first) started less than
 * `policy.analytics.hireToFireMonths` (default 6) months after their hire date, with that start in
 * [from, to]. Assignment fields are those in force on the start date; monthsAfterHire is truncated
 * to 1 decimal, so a row never shows the window's own length. Ordered by start date, then id.
 */
export function hireToFire(records: readonly WorkforceRecord[], query: HireToFireQuery): HireToFireRow[] {
  const months = query.policy.analytics.hireToFireMonths ?? DEFAULT_MONTHS;
  const rows: HireToFireRow[] = [];
  for (const record of records) {
    const first = firstCase(record);
    if (!first || !within(first.startDate, query)) continue;
    const monthsAfterHire = daysBetween(record.hireDate, first.startDate) / DAYS_PER_MONTH;
    if (monthsAfterHire >= months) continue;
    const { orgId, managerId, level, jobFamily } = assignmentAt(record, first.startDate);
    rows.push({
      employeeId: record.employeeId,
      hireDate: record.hireDate,
      orgId,
      managerId: managerId ?? null,
      level,
      jobFamily,
      event: first.event,
      startDate: first.startDate,
      monthsAfterHire: Math.floor(monthsAfterHire * 10) / 10,
      outcome: record.separation?.reasonCode ?? standing(record),
    });
  }
  return rows.sort((a, b) => compareText(a.startDate, b.startDate) || compareText(a.employeeId, b.employeeId));
}

function firstCase(record: WorkforceRecord): { event: 'focus' | 'pivot'; startDate: string } | undefined {
  const focus = record.focusCases[0]?.startDate;
  const pivot = record.pivotCases[0]?.startDate;
  if (focus !== undefined && (pivot === undefined || focus <= pivot)) return { event: 'focus', startDate: focus };
  return pivot === undefined ? undefined : { event: 'pivot', startDate: pivot };
}

function standing(record: WorkforceRecord): EmployeeStanding {
  const pivot = record.pivotCases.at(-1);
  if (pivot && pivot.outcome === undefined) return 'pivot';
  const focus = record.focusCases.at(-1);
  return focus && focus.closedOn === undefined ? 'focus' : 'active';
}

/** Hire-to-fire cases counted, not listed: what analysts get (ADR 010). */
export interface HireToFireCounts {
  cases: number;
  /** Cases whose first case was a Focus, or a Pivot. */
  focus: number;
  pivot: number;
  /** Cases whose person has since separated. */
  separated: number;
}

/** One cell: the org and level on the start date, and the calendar quarter it started in. */
export interface HireToFireCell extends HireToFireCounts {
  orgId: string;
  level: string;
  /** `2025-Q1` */
  period: string;
}

export interface HireToFireSummary {
  cells: HireToFireCell[];
  /** Every case; `null` when there are fewer than the minimum. */
  total: HireToFireCounts | null;
  /** How many cells are left out (their names would say where a case happened). */
  suppressedCells: number;
}

const STANDINGS: ReadonlySet<string> = new Set<EmployeeStanding>(['active', 'focus', 'pivot']);

/**
 * The cases of `hireToFire` counted per org, level and quarter of the start, each cell a group of
 * the people it counts: a cell with fewer than `minGroupSize` cases is suppressed, with the
 * complementary rule of `suppressSmallGroups` (the suppressed cells count at least the minimum
 * together, else the smallest shown cells are suppressed too). Cells ordered by period, org, level.
 */
export function hireToFireCounts(rows: readonly HireToFireRow[], minGroupSize: number): HireToFireSummary {
  const tally = (): HireToFireCounts => ({ cases: 0, focus: 0, pivot: 0, separated: 0 });
  const add = (counts: HireToFireCounts, row: HireToFireRow): void => {
    counts.cases++;
    counts[row.event]++;
    if (!STANDINGS.has(row.outcome)) counts.separated++;
  };
  const cells = new Map<string, HireToFireCell>();
  const total = tally();
  for (const row of rows) {
    const period = `${row.startDate.slice(0, 4)}-Q${Math.floor((Number(row.startDate.slice(5, 7)) - 1) / 3) + 1}`;
    const key = JSON.stringify([period, row.orgId, row.level]);
    let cell = cells.get(key);
    if (cell === undefined) cells.set(key, (cell = { orgId: row.orgId, level: row.level, period, ...tally() }));
    add(cell, row);
    add(total, row);
  }
  const ordered = [...cells].sort(([a], [b]) => compareText(a, b)).map(([, cell]) => cell);
  const { shown, suppressed } = suppressSmallGroups(ordered, minGroupSize, { size: (c) => c.cases, name: (c) => `${c.period} ${c.orgId} ${c.level}` });
  return { cells: shown, total: total.cases >= minGroupSize ? total : null, suppressedCells: suppressed.length };
}
