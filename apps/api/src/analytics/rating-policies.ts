import type { PolicyBook } from '@pm/commands';
import { DomainError, type Policy } from '@pm/domain';
import type { ReadModels } from '@pm/platform';
import { CYCLES_PREFIX, cycleRatings, type CycleHeaderDoc, type DivergenceQuery } from '@pm/projections';

/**
 * The policy every rating was given under: its cycle's, recorded when the cycle was opened (rating
 * delivery copies it). Each version referred to is read once per call.
 */
export async function ratingPolicies(readModels: ReadModels, policies: PolicyBook): Promise<Pick<DivergenceQuery, 'cyclePolicy' | 'policyByRef'>> {
  const headers = await (await readModels.view<CycleHeaderDoc>(cycleRatings.name)).scan(CYCLES_PREFIX);
  const cycles = new Map(headers.map(([, header]) => [header.cycleId, header.policy]));
  const versions = new Map<string, Policy>();
  for (const ref of new Set(cycles.values())) {
    const policy = await policies.byRef(ref).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not-found') return undefined;
      throw error;
    });
    if (policy) versions.set(ref, policy);
  }
  return { cyclePolicy: (cycleId) => cycles.get(cycleId), policyByRef: (ref) => versions.get(ref) };
}
