import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type Direction,
  type EventStoreDBClient,
  type ReadPosition,
} from '@eventstore/db-client';
import type { EventEnvelope } from '../envelope';
import { isInvalidPosition } from './esdb-errors';
import { toEnvelope } from './event-codec';
import { readAllFiltered } from './filtered-read';
import { anchorOf, logPosition } from './global-position';
import type { StreamNamespace } from './stream-namespace';
import { untilAborted } from './until-aborted';

/**
 * Reads and follows $all, filtered on the server to this store's streams. A read may only start
 * at the first byte of a log record, so a position is used as a start only once a one-event read
 * has found an event of this store exactly there; any other number starts from the beginning.
 * Readers drop what lies before the position asked for. Errors are the client's.
 */
export class GlobalReads {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNamespace,
  ) {}

  async *readAll(fromPosition: number, limit = Number.POSITIVE_INFINITY): AsyncGenerator<EventEnvelope> {
    let remaining = limit;
    if (remaining <= 0) return;
    const anchor = anchorOf(fromPosition);
    const start = (await this.eventAt(anchor)) ? logPosition(anchor) : START;
    for await (const event of this.read(start, FORWARDS)) {
      if (event.position < fromPosition) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  /** Catch-up then live. A subscription starts after its position, so it starts at the anchor event. */
  async *subscribe(fromPosition: number, signal?: AbortSignal): AsyncGenerator<EventEnvelope> {
    if (signal?.aborted) return;
    const anchor = anchorOf(fromPosition);
    const first = await this.eventAt(anchor);
    if (first && first.position >= fromPosition) {
      yield first;
      if (signal?.aborted) return;
    }
    const subscription = this.client.subscribeToAll({ fromPosition: first ? logPosition(anchor) : START, filter: this.names.filter });
    for await (const resolved of untilAborted(subscription, () => subscription.unsubscribe(), signal)) {
      if (!resolved.event) continue;
      const event = this.toEnvelope(resolved.event);
      if (event.position >= fromPosition) yield event;
    }
  }

  async headPosition(): Promise<number> {
    for await (const event of this.read(END, BACKWARDS, 1)) return event.position;
    return 0;
  }

  /** The event at `position` when it is one of this store's; servers refuse or garble reads from elsewhere. */
  private async eventAt(position: number): Promise<EventEnvelope | undefined> {
    if (position <= 0) return undefined;
    try {
      for await (const event of this.read(logPosition(position), FORWARDS, 1)) return event.position === position ? event : undefined;
    } catch (error) {
      if (!isInvalidPosition(error)) throw error;
    }
    return undefined;
  }

  private async *read(fromPosition: ReadPosition, direction: Direction, maxCount?: number): AsyncGenerator<EventEnvelope> {
    const read = readAllFiltered(this.client, { fromPosition, direction, maxCount, streamNamePattern: this.names.pattern });
    try {
      for await (const resolved of read) {
        if (resolved.event) yield this.toEnvelope(resolved.event);
      }
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  private toEnvelope(recorded: AllStreamRecordedEvent): EventEnvelope {
    return toEnvelope(recorded, this.names.fromEsdb(recorded.streamId));
  }
}
