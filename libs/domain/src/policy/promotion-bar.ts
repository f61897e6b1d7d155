import type { Policy } from './policy';
import { isAtLeast, isGrade } from './policy-rules';

/** How many of the latest final ratings the promotion bar looks at. */
export const promotionLookBack = (policy: Policy): number => policy.promotion.lookBack ?? 1;

/**
 * The grade half of the promotion bar: the latest `promotion.lookBack` final grades (by period;
 * `grades` oldest first) all at or above the policy's `minGrade`. Fewer ratings than that fall short.
 */
export function meetsPromotionGrade(policy: Policy, grades: readonly string[]): boolean {
  const lookBack = promotionLookBack(policy);
  if (grades.length < lookBack) return false;
  return grades.slice(-lookBack).every((grade) => isGrade(policy, grade) && isAtLeast(policy, grade, policy.promotion.minGrade));
}

/** The whole promotion bar: the grades, and enough months in level. */
export function meetsPromotionBar(policy: Policy, grades: readonly string[], monthsInLevel: number): boolean {
  return meetsPromotionGrade(policy, grades) && monthsInLevel >= policy.promotion.minMonthsInLevel;
}
