import { DomainError, notFound } from '../core/domain-error';
import type { EmployeeState } from '../employee/employee.state';
import type { ReviewCycleState } from '../review-cycle/review-cycle.state';
import type { Policy } from './policy';

/** Which published policy a decision uses: one exact version, or the latest version of a policy. */
export type PolicyChoice = { ref: string } | { latestOf: string; requested?: boolean };

/** An employee's decisions follow the latest version of the policy they were last rated under, else the tenant's default. */
export function employeePolicyChoice(state: EmployeeState, defaultPolicyId: string): PolicyChoice {
  const lastRating = state.status === 'none' ? undefined : state.ratings.at(-1);
  return { latestOf: lastRating ? lastRating.policy.split('@')[0] : defaultPolicyId };
}

/** A new cycle takes the requested (or default) policy; later commands use the exact version it was opened under. */
export function cyclePolicyChoice(state: ReviewCycleState, requested: string | undefined, defaultPolicyId: string): PolicyChoice {
  if (state.status !== 'none') return { ref: state.policy };
  return requested ? { latestOf: requested, requested: true } : { latestOf: defaultPolicyId };
}

/** Picks the chosen version from a policy's published versions (oldest first); `undefined` when the policy was never published. */
export function chosenPolicy(choice: PolicyChoice, versions: readonly Policy[] | undefined): Policy {
  if ('ref' in choice) {
    const [, version] = choice.ref.split('@');
    const found = versions?.find((p) => p.version === Number(version));
    if (!found) throw notFound('policy-not-found', `No policy ${choice.ref}`);
    return found;
  }
  const latest = versions?.at(-1);
  if (latest) return latest;
  if (choice.requested) throw new DomainError('policy-not-found', `No policy ${choice.latestOf}`, 'invalid', { field: 'policyId' });
  throw notFound('policy-not-found', `No policy ${choice.latestOf}`);
}

export const policyIdOf = (choice: PolicyChoice): string => ('ref' in choice ? choice.ref.split('@')[0] : choice.latestOf);
