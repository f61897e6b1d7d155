import type { Policy } from './policy';

/** The key of `levels` whose ladder every job family not listed follows. */
export const ANY_JOB_FAMILY = '*';

/** The job family's levels, lowest first; `undefined` when the policy has no ladder for it. */
export function levelLadder(policy: Policy, jobFamily: string): readonly string[] | undefined {
  const levels = policy.levels;
  if (levels === undefined) return undefined;
  if (Object.hasOwn(levels, jobFamily)) return levels[jobFamily];
  return Object.hasOwn(levels, ANY_JOB_FAMILY) ? levels[ANY_JOB_FAMILY] : undefined;
}
