import type { AppendSignal } from './append-signal';
import type { EventEnvelope } from './envelope';
import type { ReadAllOptions, SubscribeOptions, Subscription } from './event-store.port';

/** What an engine must offer for the shared readAll and subscribeAll below. */
export interface BatchSource {
  /** Up to `limit` visible events with position >= fromPosition, in order. */
  readBatch(fromPosition: number, limit: number): Promise<EventEnvelope[]>;
  readonly appended: AppendSignal;
}

export interface GlobalReaderOptions {
  pageSize: number;
  /** How long a live subscriber waits for a wake-up before it looks anyway (other processes). */
  pollIntervalMs: number;
}

export async function* readAllPages(source: BatchSource, options: ReadAllOptions, pageSize: number): AsyncGenerator<EventEnvelope> {
  let next = options.fromPosition ?? 0;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const want = Math.min(pageSize, remaining);
    const batch = await source.readBatch(next, want);
    for (const event of batch) yield event;
    remaining -= batch.length;
    if (batch.length < want) return;
    next = batch[batch.length - 1].position + 1;
  }
}

/** Catch-up by pages, then live: waits for the append signal (or the poll interval) and reads on. */
export async function* followAll(source: BatchSource, options: SubscribeOptions, reader: GlobalReaderOptions): Subscription {
  const signal = options.signal;
  let next = options.fromPosition ?? 0;
  // After a wake-up, the append may not be visible yet (postgres holds events back behind older open
  // transactions): look again after 1, 2, 4... ms instead of at the next poll.
  let recheckMs = 0;
  while (!signal?.aborted) {
    const seen = source.appended.version;
    const batch = await source.readBatch(next, reader.pageSize);
    for (const event of batch) {
      yield event;
      if (signal?.aborted) return;
    }
    if (batch.length > 0) {
      next = batch[batch.length - 1].position + 1;
      recheckMs = 0;
    }
    if (batch.length < reader.pageSize) {
      await source.appended.wait(seen, recheckMs > 0 ? recheckMs : reader.pollIntervalMs, signal);
      if (source.appended.version !== seen) recheckMs = 1;
      else if (recheckMs > 0) recheckMs = recheckMs * 2 >= reader.pollIntervalMs ? 0 : recheckMs * 2;
    }
  }
}
