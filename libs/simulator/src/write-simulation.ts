import type { EventStore } from '@pm/event-store';
import type { AppendBatch } from './simulation-options';

export interface WriteProgress {
  events: number;
  appends: number;
  seconds: number;
}

export interface WriteSummary extends WriteProgress {
  /** Events written per type, for a summary (hires, separations, Focus, Pivot, ...). */
  byType: Record<string, number>;
}

export interface WriteOptions {
  onProgress?: (progress: WriteProgress) => void;
  /** Calls onProgress after about this many events; default 10,000. */
  progressEvery?: number;
}

/**
 * Appends each batch as one call with its expected revision, in the order given, so each stream
 * keeps its order and a store that already moved on refuses rather than interleaves. The
 * simulator already groups a stream's half-year into one batch.
 */
export async function writeSimulation(store: EventStore, batches: AsyncIterable<AppendBatch> | Iterable<AppendBatch>, options: WriteOptions = {}): Promise<WriteSummary> {
  const started = performance.now();
  const every = options.progressEvery ?? 10_000;
  const byType: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  let reported = 0;
  const progress = (): WriteProgress => ({ events, appends, seconds: (performance.now() - started) / 1000 });
  for await (const batch of batches) {
    await store.append(batch.streamId, batch.events, { expectedRevision: batch.expectedRevision });
    appends++;
    events += batch.events.length;
    for (const event of batch.events) byType[event.type] = (byType[event.type] ?? 0) + 1;
    if (options.onProgress && events - reported >= every) {
      reported = events;
      options.onProgress(progress());
    }
  }
  options.onProgress?.(progress());
  return { ...progress(), byType };
}
