import { notFound, ruleViolation } from '../core/domain-error';
import type { Employment, EmployeeState } from './employee.state';

/** What every decision about a hired person checks first. */
export type Hired = Exclude<EmployeeState, { status: 'none' }>;
export type Current = Exclude<Hired, { status: 'separated' }>;

export function requireCurrent(state: EmployeeState): Current {
  if (state.status === 'none') throw notFound('employee-not-found', 'No such employee');
  if (state.status === 'separated') {
    throw ruleViolation('employee-separated', `The employee was separated on ${state.separatedOn}; nothing can be recorded after separation`);
  }
  return state;
}

export function requireNotBeforeHire(state: Employment, date: string, field: string): void {
  if (date < state.hireDate) throw ruleViolation('date-before-hire', `${field} ${date} is before the hire date ${state.hireDate}`, { field });
}
