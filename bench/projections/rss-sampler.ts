/**
 * Peak resident set size of this process per phase, sampled every 100 ms and whenever `sample` is
 * called: a catch-up over sqlite never yields to the event loop, so the timer alone would miss it.
 * An embedded postgres server is not included.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Samples now, then charges further samples to `phase`. */
  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  peak(phase: string): number {
    return this.peaks.get(phase) ?? 0;
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  sample(): void {
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, process.memoryUsage.rss()));
  }
}

/** The kernel's figure for the whole life of the process so far: catches peaks between samples. */
export const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;
