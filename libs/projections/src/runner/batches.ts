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
 * ready: a batch ends when it is full or when the next event is not available by the next turn of
 * the event loop. The pending read is carried over to the next batch, so nothing is lost.
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
      let drained = false;
      while (events.length < max) {
        pending = iterator.next();
        const next = await Promise.race([pending, nextTurn()]);
        if (next === IDLE) {
          drained = true;
          break;
        }
        pending = undefined;
        if (next.done) {
          yield { events, drained: true };
          return;
        }
        events.push(next.value);
      }
      yield { events, drained };
    }
  } finally {
    await iterator.return?.();
  }
}
