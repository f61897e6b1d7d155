import { daysBetween } from '../core/business-date';
import { DomainError, notFound, ruleViolation } from '../core/domain-error';
import { focusTrigger } from '../policy/policy-rules';
import type { Policy } from '../policy/policy';
import type { EmployeeEvent } from './employee.events';
import type { EnterFocus, UpdateFocusGoal, CloseFocus } from './employee.commands';
import type { Current } from './employee.guards';
import { requireNotBeforeHire } from './employee.guards';

function describeTriggers(policy: Policy): string {
  return (
    policy.focus.triggers
      .map((t) => (t.consecutive === 1 ? `a final ${t.grades.join('/')}` : `${t.consecutive} consecutive final ${t.grades.join('/')}`))
      .join(' or ') || 'never'
  );
}

/** Focus, only where the policy's trigger fired on ratings no earlier Focus used. */
export function enterFocus(command: EnterFocus, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { startDate, dueDate, reason, goals } = command.data;
  if (employee.status === 'focus') throw ruleViolation('already-in-focus', 'The employee is already in Focus');
  if (employee.status === 'pivot') throw ruleViolation('focus-during-pivot', 'The employee is in Pivot');
  requireNotBeforeHire(employee, startDate, 'startDate');
  const grades = employee.ratings.map((r) => r.rating);
  const trigger = focusTrigger(policy, grades);
  if (!trigger) {
    throw ruleViolation(
      'focus-not-allowed',
      `Policy ${policy.policyId}@${policy.version} allows Focus only after ${describeTriggers(policy)}; final ratings so far: ${grades.join(', ') || 'none'}`,
    );
  }
  const triggeredBy = employee.ratings.slice(-trigger.consecutive).map((r) => r.cycleId);
  if (triggeredBy.some((c) => employee.focusTriggerCycles.includes(c))) {
    throw ruleViolation('focus-trigger-already-used', `The rating of cycle ${triggeredBy.at(-1)} already led to a Focus`);
  }
  const days = daysBetween(startDate, dueDate);
  if (days < policy.focus.minDays || days > policy.focus.maxDays) {
    throw ruleViolation(
      'focus-due-date-outside-window',
      `Focus must last ${policy.focus.minDays} to ${policy.focus.maxDays} days; ${startDate} to ${dueDate} is ${days}`,
      {
        field: 'dueDate',
      },
    );
  }
  const ids = new Set(goals.map((g) => g.goalId));
  if (ids.size !== goals.length) throw new DomainError('duplicate-goal-id', 'Each goal needs its own goalId', 'invalid', { field: 'goals' });
  return [{ type: 'FocusEntered', data: { employeeId, startDate, dueDate, reason, goals, triggeredBy } }];
}

/** Progress on one goal of the open Focus. */
export function updateFocusGoal(command: UpdateFocusGoal, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  if (employee.status !== 'focus') throw ruleViolation('not-in-focus', 'The employee is not in Focus');
  if (!Object.hasOwn(employee.focus.goals, command.data.goalId)) throw notFound('focus-goal-not-found', `No Focus goal ${command.data.goalId}`);
  return [{ type: 'FocusGoalUpdated', data: { employeeId, ...command.data } }];
}

/** The Focus ends, succeeded or escalated (the way into Pivot). */
export function closeFocus(command: CloseFocus, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  if (employee.status !== 'focus') throw ruleViolation('not-in-focus', 'The employee is not in Focus');
  const { outcome, effectiveDate, reason } = command.data;
  if (effectiveDate < employee.focus.startDate)
    throw ruleViolation('date-before-focus', 'effectiveDate is before the Focus started', { field: 'effectiveDate' });
  const allowed = command.policy.focus.earlyEscalationReasons ?? [];
  if (outcome === 'escalated' && effectiveDate < employee.focus.dueDate && !(reason !== undefined && allowed.includes(reason))) {
    throw ruleViolation(
      'focus-escalated-early',
      `A Focus is escalated on or after its due date ${employee.focus.dueDate}; earlier only for a reason the policy allows (${allowed.join(', ') || 'none'})`,
      { field: 'effectiveDate' },
    );
  }
  return [{ type: 'FocusClosed', data: { employeeId, ...command.data } }];
}
