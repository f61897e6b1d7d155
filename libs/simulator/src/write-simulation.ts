import { writeBatches } from '@pm/commands';
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
 * Writes the batches in the order given, each with its expected revision, through the command
 * library's batch writer: several streams per atomic write where the engine allows. The simulator
 * already groups a stream's half-year into one batch.
 */
export async function writeSimulation(
  store: EventStore,
  batches: AsyncIterable<AppendBatch> | Iterable<AppendBatch>,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  const started = performance.now();
  const every = options.progressEvery ?? 10_000;
  const byType: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  let reported = 0;
  const progress = (): WriteProgress => ({ events, appends, seconds: (performance.now() - started) / 1000 });
  for await (const written of writeBatches(store, batches)) {
    for (const batch of written) {
      appends++;
      events += batch.events.length;
      for (const event of batch.events) byType[event.type] = (byType[event.type] ?? 0) + 1;
    }
    if (options.onProgress && events - reported >= every) {
      reported = events;
      options.onProgress(progress());
    }
  }
  options.onProgress?.(progress());
  return { ...progress(), byType };
}
