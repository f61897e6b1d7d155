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

/** A correction that may have moved a change to `date` or later. */
function correctedToAfter(fact: RecordedFact, date: string): boolean {
  if (fact.type !== 'EventCorrected') return false;
  const moved = fact.data.correctedData.effectiveDate;
  return typeof moved === 'string' && moved >= date;
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
  // Every command passes here: a look at the history as recorded settles the usual case, nothing pending.
  if (state.status === 'none' || !state.history.some((fact) => pendingOn(fact, date) || correctedToAfter(fact, date))) return state;
  const facts = correctedFacts(state.history);
  const inForce = facts.filter((fact): fact is RecordedFact => fact !== undefined && !pendingOn(fact, date));
  return withHistory(foldFacts(inForce), state.history);
}
