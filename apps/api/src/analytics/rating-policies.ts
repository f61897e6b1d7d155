import type { PolicyBook } from '@pm/commands';
import { DomainError, type Policy } from '@pm/domain';
import type { WorkforceRecord } from '@pm/projections';

/** Every policy version the records' ratings were given under, each read once; a version no longer known is left out. */
export async function ratingPolicies(records: readonly WorkforceRecord[], policies: PolicyBook): Promise<Map<string, Policy>> {
  const refs = new Set(records.flatMap((record) => record.ratings.map((rating) => rating.policy)));
  const versions = new Map<string, Policy>();
  for (const ref of refs) {
    const policy = await policies.byRef(ref).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not-found') return undefined;
      throw error;
    });
    if (policy) versions.set(ref, policy);
  }
  return versions;
}
