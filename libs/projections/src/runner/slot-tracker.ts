import type { EventEnvelope } from '@pm/event-store';
import { DocumentBatch } from '../document-batch';
import type { Projection } from '../projection';
import type { DeadLetter, ReadModelStore, Slot, SlotWrite } from '../store/read-model-store';

export interface TrackerOptions {
  /** Attempts at applying one event before it is dead-lettered. */
  maxAttempts: number;
  /** Documents kept in memory between batches; the cache is dropped when it grows past this. */
  cacheLimit: number;
}

/** A batch applied in memory, waiting for its commit. */
export interface PreparedWrite {
  write: SlotWrite;
  /** Makes the tracker adopt the batch once the commit succeeded. */
  adopt(): void;
}

/**
 * One slot of one projection as the runner drives it: its checkpoint, and the documents it has
 * seen lately, so hot documents are not read back from the store on every batch.
 */
export class SlotTracker {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly projection: Projection<unknown>,
    public slot: Slot,
    private readonly options: TrackerOptions,
  ) {}

  get position(): number {
    return this.slot.position;
  }

  async prepare(events: readonly EventEnvelope[], readModels: ReadModelStore, now: () => string): Promise<PreparedWrite | undefined> {
    const fresh = events.filter((e) => e.position > this.slot.position);
    if (fresh.length === 0) return undefined;
    const relevant = fresh.filter((e) => this.projection.handles.has(e.type));
    await this.loadMissing(relevant, readModels);
    const batch = new DocumentBatch(this.projection, this.cache);
    const deadLetters: DeadLetter[] = [];
    for (const event of relevant) {
      const failure = this.applyWithRetries(batch, event);
      if (failure) deadLetters.push(this.deadLetter(event, failure, now()));
    }
    const last = fresh[fresh.length - 1];
    const write: SlotWrite = {
      slotId: this.slot.id,
      expectedPosition: this.slot.position,
      position: last.position,
      eventsApplied: this.slot.eventsApplied + fresh.length,
      documents: batch.changes,
      deadLetters,
    };
    return {
      write,
      adopt: () => {
        if (this.cache.size + batch.changes.size > this.options.cacheLimit) this.cache.clear();
        for (const [key, doc] of batch.changes) this.cache.set(key, doc);
        this.slot = { ...this.slot, position: write.position, eventsApplied: write.eventsApplied };
      },
    };
  }

  private async loadMissing(events: readonly EventEnvelope[], readModels: ReadModelStore): Promise<void> {
    const missing = new Set<string>();
    for (const event of events) for (const key of this.projection.keysOf(event)) if (!this.cache.has(key)) missing.add(key);
    if (missing.size === 0) return;
    if (this.cache.size + missing.size > this.options.cacheLimit) this.cache.clear();
    const keys = [...missing];
    const loaded = await readModels.load(this.slot.id, keys);
    for (const key of keys) this.cache.set(key, loaded.get(key) ?? null);
  }

  private applyWithRetries(batch: DocumentBatch<unknown>, event: EventEnvelope): Error | undefined {
    let failure: Error | undefined;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      try {
        batch.apply(event);
        return undefined;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
    }
    return failure;
  }

  private deadLetter(event: EventEnvelope, error: Error, recordedAt: string): DeadLetter {
    return {
      slotId: this.slot.id,
      projection: this.projection.name,
      position: event.position,
      eventId: event.id,
      eventType: event.type,
      streamId: event.streamId,
      error: error.message.slice(0, 2000),
      attempts: this.options.maxAttempts,
      recordedAt,
    };
  }
}
