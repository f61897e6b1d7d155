import { ruleViolation } from '../core/domain-error';
import { regrettedByPolicy } from '../policy/policy-rules';
import type { EmployeeEvent } from './employee.events';
import type { ChangeManager, TransferEmployee, SeparateEmployee, RecordFeedback, ReceiveRating } from './employee.commands';
import type { Current } from './employee.guards';
import { requireNotBeforeHire } from './employee.guards';
import { PIVOT_REASONS } from './pivot.decisions';
import { clawbacksOn } from './pay.decisions';

/** A new manager from a date. */
export function changeManager(command: ChangeManager, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { managerId, effectiveDate } = command.data;
  requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
  if (managerId === employeeId) throw ruleViolation('self-manager', 'An employee cannot be their own manager');
  if (managerId === employee.managerId) throw ruleViolation('manager-unchanged', `${managerId} is already the manager`);
  return [{ type: 'ManagerChanged', data: { employeeId, fromManagerId: employee.managerId, toManagerId: managerId, effectiveDate } }];
}

/** A move to another org: blocked during Pivot, flagged during Focus. */
export function transferEmployee(command: TransferEmployee, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { toOrgId, toManagerId, effectiveDate } = command.data;
  if (employee.status === 'pivot') throw ruleViolation('transfer-blocked-during-pivot', 'Transfers are blocked while the employee is in Pivot');
  requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
  if (toOrgId === employee.orgId) throw ruleViolation('transfer-to-same-org', `The employee is already in ${toOrgId}`);
  if (toManagerId === employeeId) throw ruleViolation('self-manager', 'An employee cannot be their own manager');
  return [
    {
      type: 'EmployeeTransferred',
      data: {
        employeeId,
        fromOrgId: employee.orgId,
        toOrgId,
        fromManagerId: employee.managerId,
        toManagerId,
        effectiveDate,
        duringFocus: employee.status === 'focus',
      },
    },
  ];
}

/** An exit HR records; the exits Pivot leads to are recorded by the Pivot steps. */
export function separateEmployee(command: SeparateEmployee, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { type, reason, reasonCode, regretted, effectiveDate, decidedBy } = command.data;
  requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
  if ((PIVOT_REASONS as readonly string[]).includes(reason)) {
    throw ruleViolation('reserved-separation-reason', `${reason} is recorded by the Pivot steps themselves, not as a separation`, { field: 'reason' });
  }
  if (reasonCode !== undefined && (PIVOT_REASONS as readonly string[]).includes(reasonCode)) {
    throw ruleViolation('reserved-separation-reason', `${reasonCode} is recorded by the Pivot steps themselves, not as a separation`, { field: 'reasonCode' });
  }
  const lastGrade = employee.ratings.at(-1)?.rating;
  // Whoever chose the exit, losing someone at or above the policy's line is regretted (a laid-off
  // top performer is a loss too), except a dismissal for cause. HR may say otherwise.
  const forCause = reasonCode === 'misconduct' || reasonCode === 'probation';
  const byPolicy = !forCause && regrettedByPolicy(policy, lastGrade);
  return [
    {
      type: 'EmployeeSeparated',
      data: {
        employeeId,
        type,
        reason,
        regretted: regretted ?? byPolicy,
        regrettedSource: regretted === undefined ? 'policy' : 'caller',
        ...(reasonCode ? { reasonCode } : {}),
        ...(decidedBy ? { decidedBy } : {}),
        lastGrade,
        effectiveDate,
      },
    },
    // Leaving of one's own accord within a sign-on's clawback months owes part of it back.
    ...(type === 'voluntary' ? clawbacksOn(employee, effectiveDate) : []),
  ];
}

/** 360 or anytime feedback, from someone else. */
export function recordFeedback(command: RecordFeedback, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  if (command.data.fromEmployeeId === employeeId) throw ruleViolation('self-feedback', 'Feedback must come from someone else');
  return [{ type: 'FeedbackRecorded', data: { employeeId, ...command.data } }];
}

/** A final rating delivered from its cycle; the same rating twice records nothing. */
export function receiveRating(command: ReceiveRating, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const received = employee.ratings.find((r) => r.cycleId === command.data.cycleId);
  if (received?.rating === command.data.rating) return [];
  if (received) throw ruleViolation('rating-already-received', `A final rating for cycle ${command.data.cycleId} was already received`);
  return [{ type: 'RatingReceived', data: { employeeId, ...command.data } }];
}
