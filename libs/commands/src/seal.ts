import type { NewEvent } from '@pm/event-store';

/**
 * Encrypts an event's personal fields before anything is stored (crypto-shredding: destroying the
 * person's key erases them everywhere). Given by the host; `keepInClear` for stores of no person.
 */
export type Sealer = (eventType: string, data: unknown) => Promise<unknown>;

export const keepInClear: Sealer = (_type, data) => Promise.resolve(data);

/**
 * Turns the digest of a request into what events record (`requestHash`, and the ids derived from
 * it): keyed with the key of the employee it is about, so it is unguessable and is shredded with
 * that key. Given by the host; `digestAsIs` for stores of no person.
 */
export type RequestKeyer = (subjectId: string | undefined, digest: string) => Promise<string>;

export const digestAsIs: RequestKeyer = (_subject, digest) => Promise.resolve(digest);

export async function sealEvents(events: NewEvent[], seal: Sealer): Promise<NewEvent[]> {
  const data = await Promise.all(events.map((event) => seal(event.type, event.data)));
  return events.map((event, i) => ({ ...event, data: data[i] }));
}
