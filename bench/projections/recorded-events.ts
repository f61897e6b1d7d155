import { fromDayNumber } from '@pm/domain';
import type { Actor, NewEvent } from '@pm/event-store';
import type { SeededRandom } from './seeded-random';

/** The one policy the generated company runs under, as events refer to it. */
export const POLICY_REF = 'default@1';
const TENANT = 'default';
/** The HR platform's API key, the caller of every command (role:keyId, as the API names actors). */
const HR_PLATFORM: Actor = { id: 'hr:hris-sync', role: 'hr' };

export interface DomainFact {
  type: string;
  data: object;
}

/** A run of events for one stream, in the order they are to be appended. */
export interface StreamBatch {
  streamId: string;
  events: NewEvent[];
}

export const dateOf = (day: number): string => fromDayNumber(day);
export const instantOf = (day: number, time = '00:00:00.000'): string => `${fromDayNumber(day)}T${time}Z`;

/** Turns decided facts into events as the API stores them: ids, actor, business time, correlation. */
export class EventRecorder {
  constructor(private readonly random: SeededRandom) {}

  /** One command's events: they share a correlation id and a causation id (the command's), as the API records them. */
  command(day: number, facts: readonly DomainFact[], options: { occurredAt?: string; causationId?: string } = {}): NewEvent[] {
    const metadata = {
      actor: HR_PLATFORM,
      occurredAt: options.occurredAt ?? instantOf(day),
      correlationId: this.random.uuid(),
      causationId: options.causationId ?? this.random.uuid(),
      policyVersion: POLICY_REF,
      tenantId: TENANT,
    };
    return facts.map((fact) => ({ id: this.random.uuid(), type: fact.type, schemaVersion: 1, data: fact.data, metadata }));
  }
}
