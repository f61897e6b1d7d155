import type { Actor } from '@pm/event-store';

/** Who issued a command and how; every event it produces records this. */
export interface CommandIssuer {
  actor: Actor;
  correlationId: string;
  /** With a key, event ids derive from it and the request, so a retried request never appends twice. */
  idempotencyKey?: string;
  /** Digest of the request that carried `idempotencyKey`; required with it. */
  requestHash?: string;
  /** The stream revision the caller last saw (If-Match); -1 for "the stream must not exist yet". */
  expectedRevision?: number;
}

/** The system itself acting (shipped policies, rating delivery by the redelivery process). */
export const systemIssuer = (correlationId: string): CommandIssuer => ({ actor: { id: 'system', role: 'system' }, correlationId });
