import { canonicalGrade, focusTrigger, type Policy } from '@pm/domain';
import type { PersonHistory } from './compact-history';
import type { Regrades } from './recurve';

/** Whether a Focus trigger holds right after each final rating (1) or not (0), by rating index. */
export interface Eligibility {
  /** With the recorded grades, under the policy each rating was decided under. */
  baseline: Uint8Array;
  /** With the recurved grades, under the proposed policy. */
  counterfactual: Uint8Array;
}

/**
 * Walks each person's final ratings in order through the Focus triggers (`focusTrigger`). Ratings
 * that were not recurved (after the replay's end) end the walk and stay 0.
 */
export function focusEligibility(
  people: readonly PersonHistory[],
  regrades: Regrades,
  recordedPolicy: (ref: string) => Policy,
  proposed: Policy,
  ratingCount: number,
): Eligibility {
  const eligibility: Eligibility = { baseline: new Uint8Array(ratingCount), counterfactual: new Uint8Array(ratingCount) };
  const triggers = focusTriggers();
  for (const { ratings } of people) {
    const recorded: string[] = [];
    const counterfactual: string[] = [];
    for (const rating of ratings) {
      const regraded = regrades.counterfactual[rating.index];
      if (regraded === undefined) break;
      recorded.push(rating.grade);
      counterfactual.push(regraded);
      if (triggers(recordedPolicy(rating.policy), recorded)) eligibility.baseline[rating.index] = 1;
      if (triggers(proposed, counterfactual)) eligibility.counterfactual[rating.index] = 1;
    }
  }
  return eligibility;
}

/**
 * `focusTrigger`, asked only when the latest grade is one some trigger counts: every trigger needs
 * its last `consecutive` grades (at least one, by the policy schema) in its list, so with any other
 * latest grade none holds. Most ratings are not below the bar, and this spares them the scan.
 */
function focusTriggers(): (policy: Policy, grades: readonly string[]) => boolean {
  const triggerGrades = new Map<Policy, Set<string>>();
  return (policy, grades) => {
    let counted = triggerGrades.get(policy);
    if (counted === undefined)
      triggerGrades.set(policy, (counted = new Set(policy.focus.triggers.flatMap((t) => t.grades.map((g) => canonicalGrade(policy, g))))));
    return counted.has(canonicalGrade(policy, grades[grades.length - 1])) && focusTrigger(policy, grades) !== undefined;
  };
}
