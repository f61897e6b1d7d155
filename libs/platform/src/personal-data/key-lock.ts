/** In-process: many new-key writers at once, or one rotation alone. */
export class KeyLock {
  private rotation: Promise<unknown> = Promise.resolve();
  private readonly writers = new Set<Promise<unknown>>();

  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    const before = this.rotation;
    const run = (async () => {
      await before.catch(() => undefined);
      await Promise.allSettled([...this.writers]);
      return work();
    })();
    this.rotation = run;
    return run;
  }

  async shared<T>(work: () => Promise<T>): Promise<T> {
    await this.rotation.catch(() => undefined);
    const run = work();
    this.writers.add(run);
    try {
      return await run;
    } finally {
      this.writers.delete(run);
    }
  }
}
