import { createHash } from 'node:crypto';
import { DEFAULT_POLICIES, policyStreamId, type PolicyPublished } from '@pm/domain';
import { WrongExpectedRevision, type EventStore } from '@pm/event-store';

/** The id the shipped version 1 of a policy has always had (a SHA-256 name-based UUID), so publishing again is a no-op. */
function shippedEventId(policyId: string): string {
  const bytes = createHash('sha256').update(['shipped-policy', policyId, '1'].join('\u0000'), 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
            id: shippedEventId(draft.policyId),
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
