import type { PivotChoiceLapses } from './pivot-lapses';

/**
 * Where the process finds work: the employees whose Pivot choice window may have lapsed by
 * `businessDate`. A superset is fine: each is decided again on their own stream.
 */
export interface OpenPivotSource {
  candidates(businessDate: string): Promise<Iterable<string>>;
}

/** What one check did. */
export interface LapseCheck {
  businessDate: string;
  /** Employees looked at. */
  candidates: number;
  /** Employees whose lapse this check recorded. */
  recorded: string[];
  /** Employees whose check failed (reported to `onError`); they are checked again next time. */
  failed: string[];
}

export interface PivotLapseProcessOptions {
  lapses: PivotChoiceLapses;
  source: OpenPivotSource;
  /** Between two checks, in milliseconds. */
  intervalMs: number;
  /** Today on the business calendar: by default the server's date in UTC, as every business date is. */
  today?: () => string;
  /** A failed check (or a failed employee in one); the process carries on. */
  onError?: (error: unknown, employeeId?: string) => void;
  onRecorded?: (employeeId: string, lapsedOn: string) => void;
}

/** The server's date in UTC. */
export const serverBusinessDate = (): string => new Date().toISOString().slice(0, 10);

/**
 * Deadlines as events: checks once at `start()` and then every `intervalMs` whether an open Pivot
 * choice window has passed on the business calendar, and records `PivotChoiceWindowLapsed` where it
 * has (`PivotChoiceLapses`). It keeps no state of its own: what is open is read from the source and
 * decided on each stream, so a restart (or a second process) carries on where the store is, and
 * recording is idempotent. A check never throws: errors go to `onError` and the next check retries.
 */
export class PivotLapseProcess {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running: Promise<LapseCheck> | undefined;

  constructor(private readonly options: PivotLapseProcessOptions) {}

  /** Checks now, then every `intervalMs` until `stop()`. */
  start(): void {
    this.stopped = false;
    void this.checkNow().finally(() => this.schedule());
  }

  /** One check, after any check already running (checks never overlap). */
  checkNow(): Promise<LapseCheck> {
    const previous = this.running;
    const next = (previous ?? Promise.resolve()).then(() => this.check());
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = undefined;
    });
    return next;
  }

  /** No further checks; waits for the one running, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.checkNow().finally(() => this.schedule()), this.options.intervalMs);
    // Never what keeps a process alive.
    this.timer.unref();
  }

  private async check(): Promise<LapseCheck> {
    const businessDate = (this.options.today ?? serverBusinessDate)();
    const done: LapseCheck = { businessDate, candidates: 0, recorded: [], failed: [] };
    let candidates: Iterable<string>;
    try {
      candidates = await this.options.source.candidates(businessDate);
    } catch (error) {
      this.options.onError?.(error);
      return done;
    }
    for (const employeeId of candidates) {
      if (this.stopped) break;
      done.candidates++;
      try {
        const lapsedOn = await this.options.lapses.record(employeeId, businessDate);
        if (lapsedOn === undefined) continue;
        done.recorded.push(employeeId);
        this.options.onRecorded?.(employeeId, lapsedOn);
      } catch (error) {
        done.failed.push(employeeId);
        this.options.onError?.(error, employeeId);
      }
    }
    return done;
  }
}
