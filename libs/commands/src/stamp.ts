import type { DomainEvent } from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import type { CommandIssuer } from './issuer';

/** What every event of one decision records beside its data. */
export interface Stamp {
  issuer: CommandIssuer;
  /** Business time: a date (`YYYY-MM-DD`) or an instant. */
  occurredAt: string;
  causationId: string;
  /** `policyId@version` the decision applied. */
  policyVersion?: string;
  tenantId: string;
}

/** A business date is the start of that day in UTC; an instant is normalised. */
export const toInstant = (value: string): string => (value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString());

/** Turns decided events into events to append; `idOf(i)` names the i-th. */
export function stampEvents(decided: readonly DomainEvent[], stamp: Stamp, idOf: (index: number) => string): NewEvent[] {
  const { issuer } = stamp;
  const metadata: NewEvent['metadata'] = {
    actor: issuer.actor,
    occurredAt: toInstant(stamp.occurredAt),
    correlationId: issuer.correlationId,
    causationId: stamp.causationId,
    ...(issuer.idempotencyKey ? { idempotencyKey: issuer.idempotencyKey, requestHash: issuer.requestHash } : {}),
    ...(stamp.policyVersion ? { policyVersion: stamp.policyVersion } : {}),
    tenantId: stamp.tenantId,
  };
  return decided.map((event, i) => ({ id: idOf(i), type: event.type, schemaVersion: 1, data: event.data, metadata }));
}
