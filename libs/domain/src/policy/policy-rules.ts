import type { FocusTrigger, Policy } from './policy';

/** The current code of a grade, following renames (`F` recorded earlier reads as `N`'s target). */
export function canonicalGrade(policy: Policy, code: string): string {
  const aliases = policy.scale.aliases;
  return aliases && Object.hasOwn(aliases, code) ? aliases[code] : code;
}

/** 0 is the best grade; -1 when the code is not on the scale. */
export function gradeRank(policy: Policy, code: string): number {
  const canonical = canonicalGrade(policy, code);
  return policy.scale.grades.findIndex((g) => g.code === canonical);
}

export function isGrade(policy: Policy, code: string): boolean {
  return gradeRank(policy, code) >= 0;
}

export function isBelowBar(policy: Policy, code: string): boolean {
  const rank = gradeRank(policy, code);
  return rank >= 0 && policy.scale.grades[rank].belowBar === true;
}

/** True when `code` is `bar` or better. Unknown grades are never at the bar. */
export function isAtLeast(policy: Policy, code: string, bar: string): boolean {
  const rank = gradeRank(policy, code);
  return rank >= 0 && rank <= gradeRank(policy, bar);
}

/** The trigger that the latest final grades (oldest first) satisfy, if any. */
export function focusTrigger(policy: Policy, finalGrades: readonly string[]): FocusTrigger | undefined {
  return policy.focus.triggers.find((trigger) => {
    if (finalGrades.length < trigger.consecutive) return false;
    const wanted = new Set(trigger.grades.map((g) => canonicalGrade(policy, g)));
    return finalGrades.slice(-trigger.consecutive).every((g) => wanted.has(canonicalGrade(policy, g)));
  });
}

/** Regretted when the last final grade is at or above the policy's line; unknown history is regretted. */
export function regrettedByPolicy(policy: Policy, lastGrade: string | undefined): boolean {
  if (lastGrade === undefined) return true;
  return isAtLeast(policy, lastGrade, policy.attrition.regrettedIfLastGradeAtLeast);
}
