import type { EventEnvelope, EventStore } from '@pm/event-store';
import type { TimelineRef } from '@pm/projections';

/**
 * Fetches the stored envelopes the timeline index points at, from the event store itself:
 * compliance reads what was stored, never a copy. Consecutive revisions of a stream are read in
 * one call.
 */
export async function storedEnvelopes(store: EventStore, refs: readonly TimelineRef[]): Promise<EventEnvelope[]> {
  const runs: Array<{ streamId: string; from: number; count: number }> = [];
  const ordered = [...refs].sort((a, b) => (a.streamId === b.streamId ? a.revision - b.revision : a.streamId < b.streamId ? -1 : 1));
  for (const ref of ordered) {
    const last = runs.at(-1);
    if (last && last.streamId === ref.streamId && last.from + last.count === ref.revision) last.count++;
    else runs.push({ streamId: ref.streamId, from: ref.revision, count: 1 });
  }
  const read = await Promise.all(runs.map((run) => store.readStream(run.streamId, { fromRevision: run.from, maxCount: run.count })));
  return read.flatMap((stream) => stream.events).sort((a, b) => a.position - b.position);
}
