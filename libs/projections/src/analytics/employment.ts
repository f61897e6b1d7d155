import { addDays, daysBetween } from '@pm/domain';
import { assignmentOn } from '../workforce/assignment-on';
import type { Assignment, WorkforceRecord } from '../workforce/workforce-record';
import type { Period } from './period';

export type GroupBy = 'org' | 'manager' | 'level' | 'jobFamily';

/** The manager group of an employee without a manager. */
export const NO_MANAGER = '(none)';

export function groupOf(assignment: Assignment, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'org':
      return assignment.orgId;
    case 'manager':
      return assignment.managerId ?? NO_MANAGER;
    case 'level':
      return assignment.level;
    case 'jobFamily':
      return assignment.jobFamily;
  }
}

/** The assignment on `date`; a date before the hire (which the domain refuses) reads the first one. */
export const assignmentAt = (record: WorkforceRecord, date: string): Assignment => assignmentOn(record.assignments, date) ?? record.assignments[0];

/** An employee counts from the hire date through the separation date, their last day. */
export function employedSpan(record: WorkforceRecord): Period | undefined {
  const to = record.separation ? record.separation.date : '9999-12-31';
  return to >= record.hireDate ? { from: record.hireDate, to } : undefined;
}

/** Days employed within `period`, split by the assignment in force on each day. */
export function employedDaysByAssignment(record: WorkforceRecord, period: Period): Array<{ assignment: Assignment; days: number }> {
  const span = employedSpan(record);
  if (!span) return [];
  const start = span.from > period.from ? span.from : period.from;
  const end = span.to < period.to ? span.to : period.to;
  return record.assignments.flatMap((assignment, i) => {
    const next = record.assignments[i + 1];
    const lastDay = next ? addDays(next.from, -1) : end;
    const from = assignment.from > start ? assignment.from : start;
    const to = lastDay < end ? lastDay : end;
    return to >= from ? [{ assignment, days: daysBetween(from, to) + 1 }] : [];
  });
}
