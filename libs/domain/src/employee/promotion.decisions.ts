import { monthsBetween } from '../core/business-date';
import { alreadyExists, DomainError, notFound, ruleViolation } from '../core/domain-error';
import { levelLadder } from '../policy/level-ladder';
import { meetsPromotionGrade, promotionLookBack } from '../policy/promotion-bar';
import type { Policy } from '../policy/policy';
import type { EmployeeEvent } from './employee.events';
import type { Employment } from './employee.state';
import type { NominateForPromotion, DecidePromotion } from './employee.commands';
import type { Current } from './employee.guards';
import { requireNotBeforeHire } from './employee.guards';

/** Nomination and approval both need the latest final ratings (the policy's look-back) at or above the policy's bar. */
function requireRatingAtBar(policy: Policy, employee: Employment): void {
  const grades = employee.ratings.map((r) => r.rating);
  if (!meetsPromotionGrade(policy, grades)) {
    const lookBack = promotionLookBack(policy);
    const latest = grades.slice(-lookBack).join(', ') || 'none';
    const needs = lookBack === 1 ? 'a latest final rating' : `the latest ${lookBack} final ratings`;
    throw ruleViolation('promotion-below-bar', `A promotion needs ${needs} of ${policy.promotion.minGrade} or better; the latest: ${latest}`);
  }
}

/**
 * A promotion goes up the employee's job family ladder. Without a ladder for the family nothing is
 * checked (policies published before ladders existed keep working); with one, both levels must be on it.
 */
function requireUpward(policy: Policy, employee: Employment, toLevel: string): void {
  const ladder = levelLadder(policy, employee.jobFamily);
  if (ladder === undefined) return;
  const family = employee.jobFamily;
  if (!ladder.includes(toLevel)) {
    throw ruleViolation('level-not-on-ladder', `${toLevel} is not a level of the ${family} ladder (${ladder.join(', ')})`, { field: 'toLevel' });
  }
  if (!ladder.includes(employee.level)) {
    throw ruleViolation('level-not-on-ladder', `The employee's level ${employee.level} is not on the ${family} ladder (${ladder.join(', ')})`, {
      field: 'toLevel',
    });
  }
  if (ladder.indexOf(toLevel) <= ladder.indexOf(employee.level)) {
    throw ruleViolation('promotion-not-upward', `${toLevel} is not above ${employee.level} on the ${family} ladder`, { field: 'toLevel' });
  }
}

/** A nomination, at the promotion bar and after enough months in level. */
export function nominateForPromotion(command: NominateForPromotion, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { promotionId, toLevel, nominatedBy, document, nominatedOn } = command.data;
  if (employee.status === 'pivot') throw ruleViolation('promotion-blocked-during-pivot', 'Promotions are blocked while the employee is in Pivot');
  if (employee.status === 'focus') throw ruleViolation('promotion-blocked-during-focus', 'Promotions are blocked while the employee is in Focus');
  if (Object.hasOwn(employee.openPromotions, promotionId) || employee.decidedPromotions.includes(promotionId)) {
    throw alreadyExists('promotion-already-exists', `Promotion ${promotionId} already exists`);
  }
  if (toLevel === employee.level) throw ruleViolation('promotion-to-same-level', `The employee is already at level ${toLevel}`, { field: 'toLevel' });
  if (nominatedBy === employeeId) throw ruleViolation('self-nomination', 'An employee cannot nominate themselves', { field: 'nominatedBy' });
  requireUpward(policy, employee, toLevel);
  requireRatingAtBar(policy, employee);
  const months = monthsBetween(employee.levelSince, nominatedOn);
  if (months < policy.promotion.minMonthsInLevel) {
    throw ruleViolation('promotion-too-soon-in-level', `A promotion needs ${policy.promotion.minMonthsInLevel} months in level; the employee has ${months}`);
  }
  return [{ type: 'PromotionNominated', data: { employeeId, promotionId, fromLevel: employee.level, toLevel, nominatedBy, document, nominatedOn } }];
}

/** The panel's decision; an approval promotes, and must still go up the ladder and meet the bar. */
export function decidePromotion(command: DecidePromotion, employee: Current): EmployeeEvent[] {
  const { employeeId } = employee;
  const { policy } = command;
  const { promotionId, approved, panel, effectiveDate } = command.data;
  const open = Object.hasOwn(employee.openPromotions, promotionId) ? employee.openPromotions[promotionId] : undefined;
  if (!open) {
    if (employee.decidedPromotions.includes(promotionId)) throw ruleViolation('promotion-already-decided', `Promotion ${promotionId} was already decided`);
    throw notFound('promotion-not-found', `No promotion ${promotionId}`);
  }
  requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
  if (open.nominatedOn !== undefined && effectiveDate < open.nominatedOn) {
    throw ruleViolation('date-before-nomination', `effectiveDate is before the nomination (${open.nominatedOn})`, { field: 'effectiveDate' });
  }
  if (approved && employee.status === 'pivot') throw ruleViolation('promotion-blocked-during-pivot', 'Promotions are blocked while the employee is in Pivot');
  if (approved && employee.status === 'focus') throw ruleViolation('promotion-blocked-during-focus', 'Promotions are blocked while the employee is in Focus');
  if (panel.length === 0) throw new DomainError('promotion-panel-required', 'A promotion decision names its panel', 'invalid', { field: 'panel' });
  if (approved) {
    requireUpward(policy, employee, open.toLevel);
    requireRatingAtBar(policy, employee);
  }
  const decided: EmployeeEvent = { type: 'PromotionDecided', data: { employeeId, promotionId, approved, panel, effectiveDate } };
  if (!approved) return [decided];
  return [decided, { type: 'Promoted', data: { employeeId, promotionId, fromLevel: employee.level, toLevel: open.toLevel, effectiveDate } }];
}
