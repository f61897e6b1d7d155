import type { Assignment } from './workforce-record';

/** The assignment in force on `date`: the last one starting on or before it; none before the first. */
export function assignmentOn(assignments: readonly Assignment[], date: string): Assignment | undefined {
  let found: Assignment | undefined;
  for (const assignment of assignments) {
    if (assignment.from > date) break;
    found = assignment;
  }
  return found;
}
