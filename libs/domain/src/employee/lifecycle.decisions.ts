import { daysBetween } from '../core/business-date';
import { ruleViolation } from '../core/domain-error';
import type { ChangeJob, EndLeave, RehireEmployee, StartLeave } from './employee.commands';
import type { EmployeeEvent } from './employee.events';
import type { Current, Hired } from './employee.guards';
import { requireNotBeforeHire } from './employee.guards';
import { PIVOT_REASONS } from './pivot.decisions';

/** A new employment period for someone who left, unless the policy bars it after how they left. */
export function rehireEmployee(command: RehireEmployee, employee: Hired): EmployeeEvent[] {
  const { employeeId } = employee;
  const { hireDate, managerId } = command.data;
  if (employee.status !== 'separated')
    throw ruleViolation('employee-already-employed', `Employee ${employeeId} is employed; only someone who left can be rehired`);
  if (hireDate <= employee.separatedOn) {
    throw ruleViolation('date-before-separation', `hireDate must be after the last day of employment (${employee.separatedOn})`, { field: 'hireDate' });
  }
  if (managerId === employeeId) throw ruleViolation('self-manager', 'An employee cannot be their own manager');
  const barred: readonly string[] = command.policy.rehire?.barredAfter ?? PIVOT_REASONS;
  const code = employee.separationReasonCode;
  if (code !== undefined && barred.includes(code)) {
    throw ruleViolation('rehire-not-eligible', `Policy ${command.policy.policyId}@${command.policy.version} does not rehire after an exit of type ${code}`);
  }
  return [{ type: 'EmployeeRehired', data: { employeeId, ...command.data } }];
}

/** Leave from a date; the person stays employed, and the Focus and plan clocks stop. */
export function startLeave(command: StartLeave, employee: Current): EmployeeEvent[] {
  const { startDate, expectedEndDate } = command.data;
  if (employee.leave) throw ruleViolation('already-on-leave', `The employee has been on leave since ${employee.leave.startDate}`);
  requireNotBeforeHire(employee, startDate, 'startDate');
  if (expectedEndDate !== undefined && expectedEndDate < startDate) {
    throw ruleViolation('date-before-leave', 'expectedEndDate is before startDate', { field: 'expectedEndDate' });
  }
  return [{ type: 'LeaveStarted', data: { employeeId: employee.employeeId, ...command.data } }];
}

/** `endDate` is the last day of leave; a running Focus or plan then ends as many days later as the leave lasted. */
export function endLeave(command: EndLeave, employee: Current): EmployeeEvent[] {
  const { endDate } = command.data;
  if (!employee.leave) throw ruleViolation('not-on-leave', 'The employee is not on leave');
  const { startDate } = employee.leave;
  if (endDate < startDate) throw ruleViolation('date-before-leave', `endDate is before the leave started (${startDate})`, { field: 'endDate' });
  const clocksRunning = employee.status === 'focus' || (employee.status === 'pivot' && employee.pivot.planDueDate !== undefined);
  const pausesClocks = command.policy.leave?.pausesClocks ?? true;
  const pausedDays = clocksRunning && pausesClocks ? daysBetween(startDate, endDate) + 1 : undefined;
  return [{ type: 'LeaveEnded', data: { employeeId: employee.employeeId, startDate, endDate, ...(pausedDays ? { pausedDays } : {}) } }];
}

/** A level or job-family change that is not a promotion: a demotion, a move to another job family. */
export function changeJob(command: ChangeJob, employee: Current): EmployeeEvent[] {
  const { level, jobFamily, effectiveDate, reason } = command.data;
  requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
  const toLevel = level ?? employee.level;
  const toJobFamily = jobFamily ?? employee.jobFamily;
  if (toLevel === employee.level && toJobFamily === employee.jobFamily) {
    throw ruleViolation('job-unchanged', `The employee is already ${employee.jobFamily} ${employee.level}`, {
      field: level === undefined ? 'jobFamily' : 'level',
    });
  }
  if (employee.status === 'pivot') throw ruleViolation('job-change-blocked-during-pivot', 'Job changes are blocked while the employee is in Pivot');
  return [
    {
      type: 'JobChanged',
      data: { employeeId: employee.employeeId, fromLevel: employee.level, toLevel, fromJobFamily: employee.jobFamily, toJobFamily, effectiveDate, reason },
    },
  ];
}
