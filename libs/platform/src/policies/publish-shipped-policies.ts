import { DEFAULT_POLICIES, policyStreamId, type PolicyPublished } from '@pm/domain';
import { WrongExpectedRevision, type EventStore } from '@pm/event-store';
import { deterministicUuid } from '../deterministic-id';

/**
 * Publishes the shipped policies (`default`, `classic`, `bytedance`) as version 1 where they were
 * never published; safe to call on every start, from the API and from the CLI.
 */
export async function publishShippedPolicies(store: EventStore, tenantId: string): Promise<void> {
  for (const draft of DEFAULT_POLICIES) {
    const event: PolicyPublished = { type: 'PolicyPublished', data: { policy: { ...draft, version: 1 } } };
    try {
      await store.append(
        policyStreamId(draft.policyId),
        [
          {
            id: deterministicUuid('shipped-policy', draft.policyId, '1'),
            type: event.type,
            data: event.data,
            metadata: { actor: { id: 'system', role: 'system' }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'shipped-policies', tenantId, policyVersion: `${draft.policyId}@1` },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
  }
}
