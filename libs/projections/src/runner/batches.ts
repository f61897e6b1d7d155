/** A run of events taken from a subscription, and whether the subscription had nothing more at once. */
export interface EventBatch<E> {
  events: E[];
  /** Nothing further was ready when the batch was cut: the reader is at (or near) the head. */
  drained: boolean;
}

const IDLE = Symbol('idle');
const nextTurn = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Cuts a subscription into batches of up to `max` events without ever waiting while events are
 * ready: a batch ends when the next event is not available by the next turn of the event loop
 * (`drained`), or when it is full and another event is already in hand. A read still pending, or
 * an event in hand, is carried over to the next batch, so nothing is lost.
 */
export async function* batchesOf<E>(source: AsyncIterable<E>, max: number): AsyncGenerator<EventBatch<E>> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<E>> | undefined;
  try {
    for (;;) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const events = [first.value];
      for (;;) {
        const read = iterator.next();
        const next = await Promise.race([read, nextTurn()]);
        if (next === IDLE) {
          pending = read;
          yield { events, drained: true };
          break;
        }
        if (next.done) {
          yield { events, drained: true };
          return;
        }
        if (events.length === max) {
          pending = Promise.resolve(next);
          yield { events, drained: false };
          break;
        }
        events.push(next.value);
      }
    }
  } finally {
    // Not awaited: with a read still pending, return() waits for that read, which may wait for the
    // next append. The caller ends the subscription itself (its abort signal).
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
