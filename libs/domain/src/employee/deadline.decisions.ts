import { addBusinessDays } from '../core/business-date';
import type { RecordPivotChoiceLapse } from './employee.commands';
import type { EmployeeEvent } from './employee.events';
import type { EmployeeState } from './employee.state';

/** The first business day after the choice deadline: the day the window has passed on the business calendar. */
export const pivotChoiceLapsesOn = (choiceDeadline: string): string => addBusinessDays(choiceDeadline, 1);

/**
 * Deadlines as events: a Pivot choice window that passed with no option recorded becomes
 * `PivotChoiceWindowLapsed`, once. Issued by the system on its own business date; it never refuses:
 * where there is nothing to record (not in Pivot, an option chosen, already recorded, the window
 * still open on `businessDate`) it decides nothing, so checking again is always safe.
 */
export function recordPivotChoiceLapse(command: RecordPivotChoiceLapse, state: EmployeeState): EmployeeEvent[] {
  if (state.status !== 'pivot') return [];
  const { option, lapsedOn, choiceDeadline } = state.pivot;
  if (option !== undefined || lapsedOn !== undefined) return [];
  const lapsesOn = pivotChoiceLapsesOn(choiceDeadline);
  // A weekend after a Friday deadline is past the deadline, but the window lapses on Monday.
  if (command.data.businessDate.slice(0, 10) < lapsesOn) return [];
  const onLapse = command.policy.pivot.onLapse ?? 'record';
  return [{ type: 'PivotChoiceWindowLapsed', data: { employeeId: state.employeeId, choiceDeadline, lapsedOn: lapsesOn, onLapse } }];
}
