import { setImmediate } from 'node:timers/promises';
import type { EventEnvelope } from '../envelope';
import type { EventStore } from '../event-store.port';

const YIELD_EVERY = 1000;

/**
 * Every event up to `position`, in global order, read once. Gives the event loop a turn every
 * thousand events: sqlite reads and hashing are synchronous, and an audit of a large store must
 * not stall the API's other requests.
 */
export async function* eventsUpTo(store: EventStore, position: number): AsyncGenerator<EventEnvelope> {
  let count = 0;
  for await (const event of store.readAll()) {
    if (event.position > position) return;
    yield event;
    if (++count % YIELD_EVERY === 0) await setImmediate();
  }
}
