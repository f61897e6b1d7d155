import type { AppendResult, EventStore, StreamAppend } from '@pm/event-store';

export interface BatchWriterOptions {
  /** Events per atomic multi-stream write; default 2,000. */
  maxEvents?: number;
}

/**
 * Writes many streams' appends in the order given. Where the engine has an atomic `appendMany`,
 * consecutive appends go out together (up to `maxEvents` events, never one stream twice in one
 * write); elsewhere one append per stream. Each keeps its expected revision, so a store that moved
 * on refuses instead of interleaving. Yields each write's appends once stored, for progress.
 */
export async function* writeBatches(
  store: EventStore,
  appends: AsyncIterable<StreamAppend> | Iterable<StreamAppend>,
  options: BatchWriterOptions = {},
): AsyncGenerator<StreamAppend[]> {
  const maxEvents = options.maxEvents ?? 2_000;
  const atomic = store.capabilities.atomicAppendMany;
  let group: StreamAppend[] = [];
  let events = 0;
  const streams = new Set<string>();
  const flush = async (): Promise<StreamAppend[]> => {
    const written = group;
    if (written.length === 1) await appendOne(store, written[0]);
    else if (written.length > 1) await store.appendMany(written);
    group = [];
    events = 0;
    streams.clear();
    return written;
  };
  for await (const append of appends) {
    if (!atomic) {
      await appendOne(store, append);
      yield [append];
      continue;
    }
    if (group.length > 0 && (streams.has(append.streamId) || events + append.events.length > maxEvents)) yield await flush();
    group.push(append);
    streams.add(append.streamId);
    events += append.events.length;
  }
  if (group.length > 0) yield await flush();
}

const appendOne = (store: EventStore, append: StreamAppend): Promise<AppendResult> =>
  store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
