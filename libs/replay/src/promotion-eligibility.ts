import { isAtLeast, type Policy } from '@pm/domain';

/** The policy's promotion bar on the nomination date: latest final grade at or above `minGrade`, and enough months in level. */
export function promotionEligible(policy: Policy, lastGrade: string | undefined, monthsInLevel: number): boolean {
  return lastGrade !== undefined && isAtLeast(policy, lastGrade, policy.promotion.minGrade) && monthsInLevel >= policy.promotion.minMonthsInLevel;
}
