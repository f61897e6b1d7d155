import { correctedFacts, type RecordedFact } from './corrections';
import type { EmployeeEventType } from './employee.events';
import { foldFacts, withHistory, type EmployeeState } from './employee.state';

/** Changes HR may record ahead of their date. */
const EFFECTIVE_DATED: ReadonlySet<EmployeeEventType> = new Set(['EmployeeSeparated', 'EmployeeTransferred', 'ManagerChanged', 'JobChanged']);

/** A change recorded ahead of its date: `GET /v1/employees/{id}` lists it until then. */
export interface ScheduledChange {
  type: EmployeeEventType;
  effectiveDate: string;
}

/**
 * Not yet in force on `date`. A transfer, manager or job change takes effect on its date; a
 * separation's date is the last day of employment, so it takes effect the day after.
 */
function pendingOn(fact: RecordedFact, date: string): boolean {
  if (!EFFECTIVE_DATED.has(fact.type)) return false;
  const { effectiveDate } = fact.data as { effectiveDate: string };
  return fact.type === 'EmployeeSeparated' ? effectiveDate >= date : effectiveDate > date;
}

/** The changes recorded for after `date`, in the order they take effect. */
export function scheduledAfter(state: EmployeeState, date: string): ScheduledChange[] {
  if (state.status === 'none') return [];
  return correctedFacts(state.history)
    .filter((fact): fact is RecordedFact => fact !== undefined && pendingOn(fact, date))
    .map((fact) => ({ type: fact.type, effectiveDate: (fact.data as { effectiveDate: string }).effectiveDate }))
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
}

/**
 * The employee as things stand on `date`: the history folded without the changes recorded ahead
 * of it. A command dated before a scheduled separation is judged on the employment still running.
 */
export function employeeOn(state: EmployeeState, date: string): EmployeeState {
  if (state.status === 'none') return state;
  const facts = correctedFacts(state.history);
  if (!facts.some((fact) => fact !== undefined && pendingOn(fact, date))) return state;
  const inForce = facts.filter((fact): fact is RecordedFact => fact !== undefined && !pendingOn(fact, date));
  return withHistory(foldFacts(inForce), state.history);
}
