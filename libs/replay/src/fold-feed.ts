import type { EventEnvelope } from '@pm/event-store';
import type { ReplayHistory } from './replay-history';

export interface FoldFeedOptions {
  /** Events folded at a time; default 10,000. */
  chunk?: number;
  /** After each chunk, with the events folded so far: progress, or a pause to let other work in. */
  afterChunk?: (folded: number) => void | Promise<void>;
}

/** Folds a feed of envelopes (the store's `readAll` from `history.position + 1`) into the history, a chunk at a time. */
export async function foldFeed(history: ReplayHistory, feed: AsyncIterable<EventEnvelope>, options: FoldFeedOptions = {}): Promise<number> {
  const size = options.chunk ?? 10_000;
  let chunk: EventEnvelope[] = [];
  let folded = 0;
  for await (const event of feed) {
    chunk.push(event);
    if (chunk.length === size) {
      folded += history.apply(chunk);
      chunk = [];
      await options.afterChunk?.(folded);
    }
  }
  folded += history.apply(chunk);
  await options.afterChunk?.(folded);
  return folded;
}
