import type { NewEvent } from '@pm/event-store';

/**
 * Encrypts an event's personal fields before anything is stored (crypto-shredding: destroying the
 * person's key erases them everywhere). Given by the host; `keepInClear` for stores of no person.
 */
export type Sealer = (eventType: string, data: unknown) => Promise<unknown>;

export const keepInClear: Sealer = (_type, data) => Promise.resolve(data);

export async function sealEvents(events: NewEvent[], seal: Sealer): Promise<NewEvent[]> {
  const data = await Promise.all(events.map((event) => seal(event.type, event.data)));
  return events.map((event, i) => ({ ...event, data: data[i] }));
}
