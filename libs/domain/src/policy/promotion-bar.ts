import type { Policy } from './policy';
import { isAtLeast, isGrade } from './policy-rules';

/** The grade half of the promotion bar: the latest final grade at or above the policy's `minGrade`. */
export function meetsPromotionGrade(policy: Policy, lastGrade: string | undefined): lastGrade is string {
  return lastGrade !== undefined && isGrade(policy, lastGrade) && isAtLeast(policy, lastGrade, policy.promotion.minGrade);
}

/** The whole promotion bar: the grade, and enough months in level. */
export function meetsPromotionBar(policy: Policy, lastGrade: string | undefined, monthsInLevel: number): boolean {
  return meetsPromotionGrade(policy, lastGrade) && monthsInLevel >= policy.promotion.minMonthsInLevel;
}
