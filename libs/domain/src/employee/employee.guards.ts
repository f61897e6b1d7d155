import { notFound, ruleViolation } from '../core/domain-error';
import type { Employment, EmployeeState } from './employee.state';

/** What every decision about a hired person checks first. */
export type Hired = Exclude<EmployeeState, { status: 'none' }>;
export type Current = Exclude<Hired, { status: 'separated' }>;

export function requireHired(state: EmployeeState): Hired {
  if (state.status === 'none') throw notFound('employee-not-found', 'No such employee');
  return state;
}

/** On leave from its start date on: what is dated before the leave is judged as before. */
export function requireNotOnLeave(state: Employment, date: string): void {
  if (state.leave && date >= state.leave.startDate) {
    throw ruleViolation('on-leave', `The employee has been on ${state.leave.kind} leave since ${state.leave.startDate}; this waits until the leave ends`);
  }
}

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
