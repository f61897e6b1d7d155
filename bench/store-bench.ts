import type { EventStore } from '@pm/event-store';
import type { AppendUnit, RatingProposed } from './rating-events';
import type { BenchTarget, ReadSlice } from './target';

/** Drives an adapter only through the public EventStore port, as an application would. */
export class StoreTarget implements BenchTarget {
  readonly kind = 'adapter';

  constructor(readonly store: EventStore) {}

  async write(chunk: AppendUnit[]): Promise<void> {
    for (const unit of chunk) await this.store.append(unit.streamId, unit.events);
  }

  /** The adapter's readAll async iterator over [fromPosition, +limit). */
  async read(fromPosition: number, limit: number): Promise<ReadSlice> {
    let count = 0;
    let missing = 0;
    let next = fromPosition;
    for await (const event of this.store.readAll({ fromPosition, limit })) {
      count++;
      next = event.position + 1;
      // Touch the parsed payload exactly as the raw readers do.
      if ((event.data as RatingProposed).rating === undefined || event.metadata.actor === undefined) missing++;
    }
    if (missing > 0) throw new Error(`${missing} events came back without a parsed payload`);
    return { count, next };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
