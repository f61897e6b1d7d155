/**
 * Wakes subscribers when something may have been appended. A version counter closes the
 * race between "read found nothing" and "start waiting": a waiter passes the version it saw
 * before reading and returns at once if it has moved since.
 */
export class AppendSignal {
  private current = 0;
  private waiters = new Set<() => void>();

  get version(): number {
    return this.current;
  }

  notify(): void {
    this.current++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(sinceVersion: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.current !== sinceVersion || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
