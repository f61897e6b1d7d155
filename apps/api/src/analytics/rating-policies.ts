import type { PolicyBook } from '@pm/commands';
import { DomainError, type Policy } from '@pm/domain';
import { strictestMinimum, type WorkforceRecord } from '@pm/projections';

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

/**
 * The minimum group size an analyst's answer applies (ADR 010): the largest of the published
 * policy in force (the default policy's latest version), the latest published version of each
 * policy id in play, and the policies given (a chosen version, a proposed document). So no
 * proposed policy, old version or query parameter can lower it.
 */
export async function publishedMinimum(policies: PolicyBook, ...inPlay: readonly Pick<Policy, 'policyId' | 'analytics'>[]): Promise<number> {
  const ignoreUnknown = (error: unknown): undefined => {
    if (error instanceof DomainError && error.kind === 'not-found') return undefined;
    throw error;
  };
  const published = await Promise.all([
    policies.defaultPolicy().catch(ignoreUnknown),
    ...[...new Set(inPlay.map((p) => p.policyId))].map((id) => policies.current(id).catch(ignoreUnknown)),
  ]);
  return strictestMinimum(...[...published, ...inPlay].map((p) => p?.analytics?.minGroupSize));
}
