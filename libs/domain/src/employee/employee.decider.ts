import type { Decider } from '../core/decider';
import { addBusinessDays, daysBetween, monthsBetween } from '../core/business-date';
import { alreadyExists, DomainError, notFound, ruleViolation } from '../core/domain-error';
import { focusTrigger, regrettedByPolicy } from '../policy/policy-rules';
import { meetsPromotionGrade } from '../policy/promotion-bar';
import type { Policy } from '../policy/policy';
import type { EmployeeCommand } from './employee.commands';
import type { EmployeeEvent, EmployeeSeparated } from './employee.events';
import { evolveEmployee, initialEmployeeState, type EmployeeState, type Employment } from './employee.state';

type Hired = Exclude<EmployeeState, { status: 'none' }>;
type Current = Exclude<Hired, { status: 'separated' }>;

function requireCurrent(state: EmployeeState): Current {
  if (state.status === 'none') throw notFound('employee-not-found', 'No such employee');
  if (state.status === 'separated') {
    throw ruleViolation('employee-separated', `The employee was separated on ${state.separatedOn}; nothing can be recorded after separation`);
  }
  return state;
}

function requireNotBeforeHire(state: Employment, date: string, field: string): void {
  if (date < state.hireDate) throw ruleViolation('date-before-hire', `${field} ${date} is before the hire date ${state.hireDate}`, { field });
}

function tenureYears(state: Employment, on: string): number {
  return Math.max(0, daysBetween(state.hireDate, on) / 365.25);
}

/** Pivot separations are involuntary and unregretted. */
const PIVOT_REASONS = ['pivot_buyout', 'appeal_lost', 'pivot_failed'] as const;

function pivotSeparation(policy: Policy, state: Employment, reason: (typeof PIVOT_REASONS)[number], effectiveDate: string): EmployeeSeparated {
  const share = reason === 'appeal_lost' ? policy.severance?.appealLostShare : reason === 'pivot_failed' ? policy.severance?.planFailedShare : 1;
  return {
    type: 'EmployeeSeparated',
    data: {
      employeeId: state.employeeId,
      type: 'involuntary',
      reason,
      regretted: false,
      regrettedSource: 'policy',
      lastGrade: state.ratings.at(-1)?.rating,
      severanceWeeks: severanceWeeks(policy, state, effectiveDate, share ?? 1),
      effectiveDate,
    },
  };
}

function severanceWeeks(policy: Policy, state: Employment, on: string, share = 1): number | undefined {
  const s = policy.severance;
  if (!s) return undefined;
  return Math.round((s.baseWeeks + s.weeksPerYearOfTenure * tenureYears(state, on)) * share * 10) / 10;
}

export function decideEmployee(command: EmployeeCommand, state: EmployeeState): EmployeeEvent[] {
  const { policy } = command;
  if (command.type === 'HireEmployee') {
    if (state.status !== 'none') throw alreadyExists('employee-already-exists', `Employee ${command.data.employeeId} already exists`);
    if (command.data.managerId === command.data.employeeId) throw ruleViolation('self-manager', 'An employee cannot be their own manager');
    return [{ type: 'EmployeeHired', data: command.data }];
  }
  if (command.type === 'ErasePersonalData') {
    // Erasure is a right that outlives employment: allowed after separation, recorded once.
    if (state.status === 'none') throw notFound('employee-not-found', 'No such employee');
    return state.erased ? [] : [{ type: 'PersonalDataErased', data: { employeeId: state.employeeId, reason: command.data.reason } }];
  }
  const employee = requireCurrent(state);
  const employeeId = employee.employeeId;

  switch (command.type) {
    case 'ChangeManager': {
      const { managerId, effectiveDate } = command.data;
      requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
      if (managerId === employeeId) throw ruleViolation('self-manager', 'An employee cannot be their own manager');
      if (managerId === employee.managerId) throw ruleViolation('manager-unchanged', `${managerId} is already the manager`);
      return [{ type: 'ManagerChanged', data: { employeeId, fromManagerId: employee.managerId, toManagerId: managerId, effectiveDate } }];
    }

    case 'TransferEmployee': {
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

    case 'SeparateEmployee': {
      const { type, reason, regretted, effectiveDate } = command.data;
      requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
      if ((PIVOT_REASONS as readonly string[]).includes(reason)) {
        throw ruleViolation('reserved-separation-reason', `${reason} is recorded by the Pivot steps themselves, not as a separation`, { field: 'reason' });
      }
      const lastGrade = employee.ratings.at(-1)?.rating;
      // The company chose an involuntary exit: unregretted unless HR says otherwise.
      const byPolicy = type === 'voluntary' && regrettedByPolicy(policy, lastGrade);
      return [
        {
          type: 'EmployeeSeparated',
          data: {
            employeeId,
            type,
            reason,
            regretted: regretted ?? byPolicy,
            regrettedSource: regretted === undefined ? 'policy' : 'caller',
            lastGrade,
            effectiveDate,
          },
        },
      ];
    }

    case 'RecordFeedback':
      if (command.data.fromEmployeeId === employeeId) throw ruleViolation('self-feedback', 'Feedback must come from someone else');
      return [{ type: 'FeedbackRecorded', data: { employeeId, ...command.data } }];

    case 'ReceiveRating': {
      const received = employee.ratings.find((r) => r.cycleId === command.data.cycleId);
      if (received?.rating === command.data.rating) return [];
      if (received) throw ruleViolation('rating-already-received', `A final rating for cycle ${command.data.cycleId} was already received`);
      return [{ type: 'RatingReceived', data: { employeeId, ...command.data } }];
    }

    case 'EnterFocus': {
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

    case 'UpdateFocusGoal': {
      if (employee.status !== 'focus') throw ruleViolation('not-in-focus', 'The employee is not in Focus');
      if (!Object.hasOwn(employee.focus.goals, command.data.goalId)) throw notFound('focus-goal-not-found', `No Focus goal ${command.data.goalId}`);
      return [{ type: 'FocusGoalUpdated', data: { employeeId, ...command.data } }];
    }

    case 'CloseFocus': {
      if (employee.status !== 'focus') throw ruleViolation('not-in-focus', 'The employee is not in Focus');
      if (command.data.effectiveDate < employee.focus.startDate)
        throw ruleViolation('date-before-focus', 'effectiveDate is before the Focus started', { field: 'effectiveDate' });
      return [{ type: 'FocusClosed', data: { employeeId, ...command.data } }];
    }

    case 'PlaceInPivot': {
      const { startDate, reason } = command.data;
      if (employee.status === 'pivot') throw ruleViolation('already-in-pivot', 'The employee is already in Pivot');
      if (policy.pivot.requiresEscalatedFocus && !employee.escalatedFocusOn) {
        throw ruleViolation(
          'pivot-requires-escalated-focus',
          `Policy ${policy.policyId}@${policy.version} allows Pivot only after a Focus closed as escalated`,
        );
      }
      requireNotBeforeHire(employee, startDate, 'startDate');
      if (employee.escalatedFocusOn && startDate < employee.escalatedFocusOn) {
        throw ruleViolation('date-before-focus-closed', `startDate ${startDate} is before the Focus closed as escalated (${employee.escalatedFocusOn})`, {
          field: 'startDate',
        });
      }
      const choiceDeadline = addBusinessDays(startDate, policy.pivot.choiceWindowBusinessDays);
      return [{ type: 'PivotPlaced', data: { employeeId, startDate, reason, choiceDeadline } }];
    }

    case 'ChoosePivotOption': {
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

    case 'DecideAppeal': {
      const { outcome, panel, decidedAt } = command.data;
      if (employee.status !== 'pivot' || employee.pivot.option !== 'appeal') throw ruleViolation('no-appeal-pending', 'The employee has no pending appeal');
      if (decidedAt.slice(0, 10) < employee.pivot.startDate)
        throw ruleViolation('date-before-pivot', 'decidedAt is before the Pivot started', { field: 'decidedAt' });
      const min = policy.pivot.appealPanelMin ?? 1;
      const max = policy.pivot.appealPanelMax ?? Number.POSITIVE_INFINITY;
      if (panel.length < min || panel.length > max || new Set(panel).size !== panel.length) {
        throw ruleViolation('appeal-panel-size', `An appeal panel has ${min} to ${max} distinct members`, { field: 'panel' });
      }
      if (panel.includes(employeeId) || (employee.managerId !== undefined && panel.includes(employee.managerId))) {
        throw ruleViolation('appeal-panel-conflict', 'The panel must not include the employee or their manager', { field: 'panel' });
      }
      const decided: EmployeeEvent = { type: 'AppealDecided', data: { employeeId, outcome, panel, decidedAt } };
      return outcome === 'upheld' ? [decided, pivotSeparation(policy, employee, 'appeal_lost', decidedAt.slice(0, 10))] : [decided];
    }

    case 'ClosePivot': {
      const { outcome, effectiveDate } = command.data;
      if (employee.status !== 'pivot' || employee.pivot.option !== 'improvement_plan') {
        throw ruleViolation('no-improvement-plan', 'The employee has no improvement plan in progress');
      }
      if (effectiveDate < employee.pivot.startDate)
        throw ruleViolation('date-before-pivot', 'effectiveDate is before the Pivot started', { field: 'effectiveDate' });
      const closed: EmployeeEvent = { type: 'PivotClosed', data: { employeeId, outcome, effectiveDate } };
      return outcome === 'failed' ? [closed, pivotSeparation(policy, employee, 'pivot_failed', effectiveDate)] : [closed];
    }

    case 'NominateForPromotion': {
      const { promotionId, toLevel, nominatedBy, document, nominatedOn } = command.data;
      if (employee.status === 'pivot') throw ruleViolation('promotion-blocked-during-pivot', 'Promotions are blocked while the employee is in Pivot');
      if (employee.status === 'focus') throw ruleViolation('promotion-blocked-during-focus', 'Promotions are blocked while the employee is in Focus');
      if (Object.hasOwn(employee.openPromotions, promotionId) || employee.decidedPromotions.includes(promotionId)) {
        throw alreadyExists('promotion-already-exists', `Promotion ${promotionId} already exists`);
      }
      if (toLevel === employee.level) throw ruleViolation('promotion-to-same-level', `The employee is already at level ${toLevel}`, { field: 'toLevel' });
      if (nominatedBy === employeeId) throw ruleViolation('self-nomination', 'An employee cannot nominate themselves', { field: 'nominatedBy' });
      requireRatingAtBar(policy, employee);
      const months = monthsBetween(employee.levelSince, nominatedOn);
      if (months < policy.promotion.minMonthsInLevel) {
        throw ruleViolation(
          'promotion-too-soon-in-level',
          `A promotion needs ${policy.promotion.minMonthsInLevel} months in level; the employee has ${months}`,
        );
      }
      return [{ type: 'PromotionNominated', data: { employeeId, promotionId, fromLevel: employee.level, toLevel, nominatedBy, document } }];
    }

    case 'DecidePromotion': {
      const { promotionId, approved, panel, effectiveDate } = command.data;
      const open = Object.hasOwn(employee.openPromotions, promotionId) ? employee.openPromotions[promotionId] : undefined;
      if (!open) {
        if (employee.decidedPromotions.includes(promotionId)) throw ruleViolation('promotion-already-decided', `Promotion ${promotionId} was already decided`);
        throw notFound('promotion-not-found', `No promotion ${promotionId}`);
      }
      requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
      if (approved && employee.status === 'pivot')
        throw ruleViolation('promotion-blocked-during-pivot', 'Promotions are blocked while the employee is in Pivot');
      if (approved && employee.status === 'focus')
        throw ruleViolation('promotion-blocked-during-focus', 'Promotions are blocked while the employee is in Focus');
      if (panel.length === 0) throw new DomainError('promotion-panel-required', 'A promotion decision names its panel', 'invalid', { field: 'panel' });
      if (approved) requireRatingAtBar(policy, employee);
      const decided: EmployeeEvent = { type: 'PromotionDecided', data: { employeeId, promotionId, approved, panel, effectiveDate } };
      if (!approved) return [decided];
      return [decided, { type: 'Promoted', data: { employeeId, promotionId, fromLevel: employee.level, toLevel: open.toLevel, effectiveDate } }];
    }

    default: {
      const unknown: never = command;
      throw new Error(`Unknown employee command ${(unknown as { type: string }).type}`);
    }
  }
}

/** Nomination and approval both need the latest final rating at or above the policy's bar. */
function requireRatingAtBar(policy: Policy, employee: Employment): void {
  const last = employee.ratings.at(-1)?.rating;
  if (!meetsPromotionGrade(policy, last)) {
    throw ruleViolation(
      'promotion-below-bar',
      `A promotion needs a latest final rating of ${policy.promotion.minGrade} or better; the latest is ${last ?? 'none'}`,
    );
  }
}

function describeTriggers(policy: Policy): string {
  return (
    policy.focus.triggers
      .map((t) => (t.consecutive === 1 ? `a final ${t.grades.join('/')}` : `${t.consecutive} consecutive final ${t.grades.join('/')}`))
      .join(' or ') || 'never'
  );
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeEvent, EmployeeState> = {
  decide: decideEmployee,
  evolve: evolveEmployee,
  initialState: initialEmployeeState,
};

/** One function builds the stream id, so EventStoreDB category streams ($ce-employee) work. */
export const employeeStreamId = (employeeId: string): string => `employee-${employeeId}`;
