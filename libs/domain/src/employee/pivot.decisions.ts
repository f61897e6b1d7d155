import { addBusinessDays, daysBetween } from '../core/business-date';
import { DomainError, ruleViolation } from '../core/domain-error';
import type { Policy } from '../policy/policy';
import type { EmployeeEvent, EmployeeSeparated } from './employee.events';
import type { Employment } from './employee.state';
import type { PlaceInPivot, ChoosePivotOption, DecideAppeal, ClosePivot } from './employee.commands';
import type { Current } from './employee.guards';
import { requireNotBeforeHire } from './employee.guards';
import { severanceOn } from './pay.decisions';

/** Pivot separations are involuntary and unregretted. */
export const PIVOT_REASONS = ['pivot_buyout', 'appeal_lost', 'pivot_failed'] as const;

function pivotSeparation(policy: Policy, state: Employment, reason: (typeof PIVOT_REASONS)[number], effectiveDate: string): EmployeeSeparated {
  const share = reason === 'appeal_lost' ? policy.severance?.appealLostShare : reason === 'pivot_failed' ? policy.severance?.planFailedShare : 1;
  const severance = severanceOn(policy, state, effectiveDate, (s) =>
    reason === 'appeal_lost' ? s.appealLostShare : reason === 'pivot_failed' ? s.planFailedShare : 1,
  );
  return {
    type: 'EmployeeSeparated',
    data: {
      employeeId: state.employeeId,
      type: 'involuntary',
      reason,
      reasonCode: reason,
      regretted: false,
      regrettedSource: 'policy',
      lastGrade: state.ratings.at(-1)?.rating,
      severanceWeeks: severanceWeeks(policy, state, effectiveDate, share ?? 1),
      ...(severance ? { severance } : {}),
      effectiveDate,
    },
  };
}

function tenureYears(state: Employment, on: string): number {
  return Math.max(0, daysBetween(state.hireDate, on) / 365.25);
}

function severanceWeeks(policy: Policy, state: Employment, on: string, share = 1): number | undefined {
  const s = policy.severance;
  if (!s) return undefined;
  return Math.round((s.baseWeeks + s.weeksPerYearOfTenure * tenureYears(state, on)) * share * 10) / 10;
}

/** Pivot, after an escalated Focus where the policy asks for one; opens the choice window. */
export function placeInPivot(command: PlaceInPivot, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { startDate, reason } = command.data;
  if (employee.status === 'pivot') throw ruleViolation('already-in-pivot', 'The employee is already in Pivot');
  if (policy.pivot.requiresEscalatedFocus && !employee.escalatedFocusOn) {
    throw ruleViolation('pivot-requires-escalated-focus', `Policy ${policy.policyId}@${policy.version} allows Pivot only after a Focus closed as escalated`);
  }
  requireNotBeforeHire(employee, startDate, 'startDate');
  if (employee.escalatedFocusOn && startDate < employee.escalatedFocusOn) {
    throw ruleViolation('date-before-focus-closed', `startDate ${startDate} is before the Focus closed as escalated (${employee.escalatedFocusOn})`, {
      field: 'startDate',
    });
  }
  const window = policy.pivot.placementWindowDays;
  if (employee.escalatedFocusOn && window !== undefined && daysBetween(employee.escalatedFocusOn, startDate) > window) {
    throw ruleViolation(
      'pivot-placement-window-passed',
      `Pivot must start within ${window} days of the escalated Focus (closed ${employee.escalatedFocusOn}); ${startDate} is later`,
      { field: 'startDate' },
    );
  }
  const choiceDeadline = addBusinessDays(startDate, policy.pivot.choiceWindowBusinessDays);
  return [{ type: 'PivotPlaced', data: { employeeId, startDate, reason, choiceDeadline } }];
}

/** Buyout, appeal or improvement plan, inside the choice window; a buyout separates at once. */
export function choosePivotOption(command: ChoosePivotOption, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { option, effectiveDate, planDueDate, goals } = command.data;
  if (employee.status !== 'pivot') throw ruleViolation('not-in-pivot', 'The employee is not in Pivot');
  if (employee.pivot.option) throw ruleViolation('pivot-option-already-chosen', `The option ${employee.pivot.option} was already chosen`);
  if (effectiveDate < employee.pivot.startDate || effectiveDate > employee.pivot.choiceDeadline) {
    throw ruleViolation('pivot-choice-window-closed', `The choice must be made between ${employee.pivot.startDate} and ${employee.pivot.choiceDeadline}`, {
      field: 'effectiveDate',
    });
  }
  if (option !== 'improvement_plan' && (planDueDate !== undefined || goals !== undefined)) {
    throw new DomainError('plan-fields-without-plan', 'planDueDate and goals belong to an improvement plan', 'invalid', {
      field: planDueDate !== undefined ? 'planDueDate' : 'goals',
    });
  }
  if (option === 'improvement_plan') {
    if (!planDueDate) throw new DomainError('plan-due-date-required', 'An improvement plan needs planDueDate', 'invalid', { field: 'planDueDate' });
    const minGoals = policy.pivot.planMinGoals ?? 1;
    if ((goals?.length ?? 0) < minGoals) {
      throw ruleViolation('plan-needs-goals', `An improvement plan needs at least ${minGoals} written goal(s) under ${policy.policyId}@${policy.version}`, {
        field: 'goals',
      });
    }
    const days = daysBetween(effectiveDate, planDueDate);
    if (days < policy.pivot.planMinDays || days > policy.pivot.planMaxDays) {
      throw ruleViolation(
        'plan-due-date-outside-window',
        `An improvement plan must last ${policy.pivot.planMinDays} to ${policy.pivot.planMaxDays} days; this one is ${days}`,
        {
          field: 'planDueDate',
        },
      );
    }
  }
  const chosen: EmployeeEvent = { type: 'PivotOptionChosen', data: { employeeId, option, effectiveDate, planDueDate, goals } };
  if (option !== 'buyout') return [chosen];
  return [
    chosen,
    { type: 'BuyoutAccepted', data: { employeeId, effectiveDate, severanceWeeks: severanceWeeks(policy, employee, effectiveDate) } },
    pivotSeparation(policy, employee, 'pivot_buyout', effectiveDate),
  ];
}

/** The appeal panel's verdict; an upheld decision separates. */
export function decideAppeal(command: DecideAppeal, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { outcome, panel, decidedAt } = command.data;
  if (employee.status !== 'pivot' || employee.pivot.option !== 'appeal') throw ruleViolation('no-appeal-pending', 'The employee has no pending appeal');
  if (decidedAt.slice(0, 10) < employee.pivot.startDate)
    throw ruleViolation('date-before-pivot', 'decidedAt is before the Pivot started', { field: 'decidedAt' });
  if (employee.pivot.optionChosenOn && decidedAt.slice(0, 10) < employee.pivot.optionChosenOn) {
    throw ruleViolation('date-before-appeal', `decidedAt is before the appeal was filed (${employee.pivot.optionChosenOn})`, { field: 'decidedAt' });
  }
  const min = policy.pivot.appealPanelMin ?? 1;
  const max = policy.pivot.appealPanelMax ?? Number.POSITIVE_INFINITY;
  if (panel.length < min || panel.length > max || new Set(panel).size !== panel.length) {
    throw ruleViolation('appeal-panel-size', `An appeal panel has ${min} to ${max} distinct members`, { field: 'panel' });
  }
  if (panel.includes(employeeId) || (employee.managerId !== undefined && panel.includes(employee.managerId))) {
    throw ruleViolation('appeal-panel-conflict', 'The panel must not include the employee or their manager', { field: 'panel' });
  }
  const separated = panel.filter((member) => Object.hasOwn(command.panelStanding, member) && command.panelStanding[member] === 'separated');
  if (separated.length > 0) {
    throw ruleViolation('panel-member-ineligible', `Panel members must be employed; separated: ${separated.join(', ')}`, { field: 'panel' });
  }
  const decided: EmployeeEvent = { type: 'AppealDecided', data: { employeeId, outcome, panel, decidedAt } };
  return outcome === 'upheld' ? [decided, pivotSeparation(policy, employee, 'appeal_lost', decidedAt.slice(0, 10))] : [decided];
}

/** The improvement plan's result; a failed plan separates. */
export function closePivot(command: ClosePivot, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { outcome, effectiveDate, decidedBy } = command.data;
  if (employee.status !== 'pivot' || employee.pivot.option !== 'improvement_plan') {
    throw ruleViolation('no-improvement-plan', 'The employee has no improvement plan in progress');
  }
  if (effectiveDate < employee.pivot.startDate)
    throw ruleViolation('date-before-pivot', 'effectiveDate is before the Pivot started', { field: 'effectiveDate' });
  if (employee.pivot.optionChosenOn && effectiveDate < employee.pivot.optionChosenOn) {
    throw ruleViolation('date-before-plan', `effectiveDate is before the plan was chosen (${employee.pivot.optionChosenOn})`, { field: 'effectiveDate' });
  }
  const closed: EmployeeEvent = { type: 'PivotClosed', data: { employeeId, outcome, effectiveDate, ...(decidedBy ? { decidedBy } : {}) } };
  return outcome === 'failed' ? [closed, pivotSeparation(policy, employee, 'pivot_failed', effectiveDate)] : [closed];
}
