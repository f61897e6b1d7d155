import type { EventEnvelope, EventStore } from '@pm/event-store';
import type { ReadModelStore } from '../store/read-model-store';
import { batchesOf } from './batches';
import type { RunnerLogger } from './projection-runner';
import type { CatchUpWaiters } from './read-your-writes';
import type { ServingSlots } from './serving-slots';
import type { SlotTracker } from './slot-tracker';
import type { StatusBoard } from './status-board';

export interface RebuildProgress {
  name: string[];
  position: number;
  head: number;
  eventsApplied: number;
}

export interface FollowOptions {
  /** Return once the group is promoted at the head (a rebuild) instead of following live. */
  stopAtHead?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface FollowerOptions {
  /** Events per batch: one transaction commits a batch for every projection in it. */
  batchSize: number;
  logger?: RunnerLogger;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/**
 * Drives a group of slots from the lowest checkpoint among them, one reader for all, one
 * transaction per batch holding every slot's documents and checkpoint (compare-and-set, so a
 * checkpoint moved by another runner fails the batch with CheckpointMoved).
 */
export class Follower {
  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly slots: ServingSlots,
    private readonly status: StatusBoard,
    private readonly waiters: CatchUpWaiters,
    private readonly options: FollowerOptions,
  ) {}

  /**
   * Catch-up by pages of `readAll` while behind (no per-event waiting, the next page read while
   * this one commits), then live through `subscribeAll`, cut into batches by what is ready. Runs
   * until `signal` aborts, or with `stopAtHead` until the head; throws what a batch threw.
   */
  async follow(group: SlotTracker[], signal: AbortSignal, options: FollowOptions): Promise<void> {
    if ((await this.slots.promoteAtHead(group, await this.events.headPosition())) && options.stopAtHead) return;
    const from = await this.catchUp(group, signal, options);
    if (from === undefined || signal.aborted) return;
    const local = new AbortController();
    const abort = (): void => local.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      for await (const { events, drained } of batchesOf(this.events.subscribeAll({ fromPosition: from, signal: local.signal }), this.options.batchSize)) {
        if (await this.applyBatch(group, events, drained, options)) return;
      }
    } finally {
      signal.removeEventListener('abort', abort);
      local.abort();
    }
  }

  /** Returns where live following starts, or undefined when a rebuild is done (stopAtHead). */
  private async catchUp(group: SlotTracker[], signal: AbortSignal, options: FollowOptions): Promise<number | undefined> {
    const page = (from: number): Promise<EventEnvelope[]> => collect(this.events.readAll({ fromPosition: from, limit: this.options.batchSize }));
    let from = Math.min(...group.map((t) => t.position)) + 1;
    let next = page(from);
    try {
      while (!signal.aborted) {
        const events = await next;
        if (events.length === 0) return (await this.reachedHead(group, from - 1, options)) ? undefined : from;
        from = events[events.length - 1].position + 1;
        const full = events.length === this.options.batchSize;
        if (full) next = page(from);
        if (await this.applyBatch(group, events, !full, options)) return undefined;
        if (!full) return from;
        // SQLite reads and writes synchronously: yield between batches so the API keeps answering.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return undefined;
    } finally {
      next.catch(() => undefined);
    }
  }

  /** Applies and commits one batch; true when a rebuild has reached the head and is done. */
  private async applyBatch(group: SlotTracker[], events: EventEnvelope[], drained: boolean, options: FollowOptions): Promise<boolean> {
    const names = group.map((t) => t.projection.name);
    this.status.behind(names, events[0]);
    await this.commitBatch(group, events);
    const last = events[events.length - 1].position;
    if (options.onProgress) {
      const head = await this.events.headPosition();
      options.onProgress({ name: names, position: last, head, eventsApplied: Math.max(...group.map((t) => t.slot.eventsApplied)) });
    }
    return drained && (await this.reachedHead(group, last, options));
  }

  /** At the head: promotes building slots; true when a rebuild is done. */
  private async reachedHead(group: SlotTracker[], last: number, options: FollowOptions): Promise<boolean> {
    const head = await this.events.headPosition();
    if (last < head) return false;
    this.status.atHead(group.map((t) => t.projection.name));
    await this.slots.promoteAtHead(group, head);
    return options.stopAtHead === true;
  }

  private async commitBatch(group: SlotTracker[], events: EventEnvelope[]): Promise<void> {
    const now = (): string => new Date().toISOString();
    const prepared = [];
    for (const tracker of group) {
      const write = await tracker.prepare(events, this.readModels, now);
      if (write) prepared.push(write);
    }
    if (prepared.length === 0) return;
    await this.readModels.commit(prepared.map((p) => p.write));
    for (const p of prepared) p.adopt();
    this.status.succeeded(group.map((t) => t.projection.name));
    for (const t of group) this.slots.committed(t);
    for (const { write } of prepared) {
      for (const dead of write.deadLetters)
        this.options.logger?.warn(`projection ${dead.projection}: dead-lettered ${dead.eventType} at position ${dead.position}: ${dead.error}`);
    }
    this.waiters.wakeAll();
  }
}
