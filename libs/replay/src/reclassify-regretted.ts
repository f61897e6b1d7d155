import { CODED_SEPARATION_REASONS, regrettedByPolicy, type Policy } from '@pm/domain';
import type { Separation } from './compact-history';

/**
 * The counterfactual `regretted` of a separation that still happens. Only what the policy decided
 * is recomputed: a value the caller gave stays, a Pivot exit stays unregretted. A policy-decided
 * value (a voluntary exit is regretted when the last grade is at the policy's line) changes only
 * where the rule, under the proposed policy with the counterfactual last grade, answers otherwise
 * than it did as recorded.
 */
export function reclassifyRegretted(separation: Separation, lastGrade: string | undefined, recordedPolicy: Policy | undefined, proposed: Policy): boolean {
  if (separation.regrettedSource !== 'policy' || CODED_SEPARATION_REASONS.includes(separation.reasonCode)) return separation.regretted;
  const rule = (policy: Policy, grade: string | undefined): boolean => separation.type === 'voluntary' && regrettedByPolicy(policy, grade);
  const recorded = recordedPolicy ? rule(recordedPolicy, separation.lastGrade) : separation.regretted;
  const counterfactual = rule(proposed, lastGrade);
  return recorded === counterfactual ? separation.regretted : counterfactual;
}
