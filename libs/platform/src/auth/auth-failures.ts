interface Window {
  failures: number;
  endsAt: number;
}

/**
 * Failed authentications per client address, in windows of a minute from the first failure. An
 * address with `perMinute` failures in its window is locked out until the window ends: every
 * request of it that presents a key is refused, a right key included, so guessing learns nothing
 * (a lock-out that let the right key through would tell which guess was right).
 *
 * Held in this process's memory (as the request budgets are); at most `maxAddresses` windows are
 * kept, the oldest dropped first, so a flood of addresses costs bounded memory.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = 100_000,
  ) {}

  /** Milliseconds until the address may present a key again; 0 when it may now. */
  lockedFor(address: string): number {
    const window = this.current(address);
    return window && window.failures >= this.perMinute ? window.endsAt - this.now() : 0;
  }

  /** Counts one refused key of the address. */
  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failures++;
      return;
    }
    if (this.windows.size >= this.maxAddresses) this.prune();
    this.windows.set(address, { failures: 1, endsAt: this.now() + 60_000 });
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && window.endsAt <= this.now()) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  /** Drops ended windows; if every window is running, the oldest tenth (Map order is insertion order). */
  private prune(): void {
    const now = this.now();
    for (const [address, window] of this.windows) if (window.endsAt <= now) this.windows.delete(address);
    if (this.windows.size < this.maxAddresses) return;
    let drop = Math.ceil(this.maxAddresses / 10);
    for (const address of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(address);
    }
  }
}

export const AUTH_FAILURE_LIMITER = Symbol('AuthFailureLimiter');
