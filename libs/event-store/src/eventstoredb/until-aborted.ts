/**
 * Iterates `source` until it ends or `signal` aborts, even while waiting for the next item, and
 * then calls `release` (which must end the source) however the iteration stopped.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, release: () => Promise<void>, signal?: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = (): void => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (!signal?.aborted) {
      const next = iterator.next();
      const result = await Promise.race([next, aborted]);
      if (result === undefined) {
        next.catch(() => undefined);
        return;
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await release().catch(() => undefined);
    await iterator.return?.()?.catch(() => undefined);
  }
}
