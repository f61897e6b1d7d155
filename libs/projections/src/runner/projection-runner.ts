import type { EventStore } from '@pm/event-store';
import type { Projection } from '../projection';
import type { ReadModelStore, Slot } from '../store/read-model-store';
import { Follower, type RebuildProgress } from './follower';
import { CatchUpWaiters, readsSee } from './read-your-writes';
import { ServingSlots, type SlotChoice } from './serving-slots';
import type { SlotTracker, TrackerOptions } from './slot-tracker';
import { StatusBoard, type ProjectionStatus } from './status-board';
import { groupsByPosition, supervise, type Supervision } from './supervision';

export type { RebuildProgress } from './follower';
export type { ProjectionStatus } from './status-board';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RunnerOptions extends Partial<TrackerOptions> {
  /** Events per batch: one transaction commits a batch for every projection in it. */
  batchSize?: number;
  logger?: RunnerLogger;
  /** Longest pause between attempts after a failure (store down, another runner moved a checkpoint). */
  maxRetryDelayMs?: number;
}

export interface RebuildReport {
  name: string;
  version: number;
  slotId: number;
  /** Where the rebuild started: 0, or the checkpoint of an interrupted rebuild it resumed. */
  resumedFrom: number;
  eventsApplied: number;
}

/**
 * Keeps projections up to date from the event store: catch-up then live through `subscribeAll`,
 * one transaction per batch holding every projection's documents and checkpoint (checked, so two
 * runners can never both apply a batch). Projections at the same checkpoint share one reader.
 */
export class ProjectionRunner {
  private readonly trackers = new Map<string, SlotTracker>();
  private readonly board = new StatusBoard();
  private readonly waiters = new CatchUpWaiters();
  private readonly slots: ServingSlots;
  private readonly follower: Follower;
  private readonly supervision: Supervision;
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly options: Required<Omit<RunnerOptions, 'logger'>> & { logger?: RunnerLogger };

  constructor(
    private readonly events: EventStore,
    readModels: ReadModelStore,
    readonly projections: readonly Projection<unknown>[],
    options: RunnerOptions = {},
  ) {
    this.options = { batchSize: 20_000, maxAttempts: 3, cacheLimit: 50_000, maxRetryDelayMs: 30_000, ...options };
    this.slots = new ServingSlots(readModels, this.waiters, this.options, this.options.logger);
    this.follower = new Follower(events, readModels, this.slots, this.board, this.waiters, this.options);
    this.supervision = {
      signal: this.stopping.signal,
      maxRetryDelayMs: this.options.maxRetryDelayMs,
      status: this.board,
      logger: this.options.logger,
      follow: (group) => this.follower.follow(group, this.stopping.signal, {}),
      reopen: (projection) => this.open(projection, 'follow'),
    };
  }

  /** Picks up every projection where it stopped (or builds it) and follows the store live. */
  async start(): Promise<void> {
    for (const projection of this.projections) await this.open(projection, 'follow');
    await this.slots.promoteAtHead([...this.trackers.values()], await this.events.headPosition());
    for (const group of groupsByPosition([...this.trackers.values()])) this.loops.push(supervise(group, this.supervision));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled(this.loops);
    this.waiters.wakeAll();
  }

  /**
   * Builds the named projections (all by default) into fresh slots up to the head, then promotes
   * them. An interrupted rebuild of the same version is resumed unless `restart` is set.
   */
  async rebuild(
    names: readonly string[] | undefined,
    options: { restart?: boolean; onProgress?: (progress: RebuildProgress) => void } = {},
  ): Promise<RebuildReport[]> {
    const chosen = names?.length ? names.map((name) => this.projection(name)) : this.projections;
    const trackers: SlotTracker[] = [];
    const resumedFrom = new Map<string, number>();
    for (const projection of chosen) {
      const tracker = await this.open(projection, options.restart ? 'restart' : 'rebuild');
      resumedFrom.set(projection.name, tracker.position);
      trackers.push(tracker);
    }
    await this.follower.follow(trackers, this.stopping.signal, { stopAtHead: true, onProgress: options.onProgress });
    return trackers.map((t) => ({
      name: t.projection.name,
      version: t.projection.version,
      slotId: t.slot.id,
      resumedFrom: resumedFrom.get(t.projection.name) ?? 0,
      eventsApplied: t.slot.eventsApplied,
    }));
  }

  status(): ProjectionStatus[] {
    return this.board.report(this.trackers.values(), (name) => this.slots.get(name));
  }

  /** The slot queries of this projection read, if one is serving. */
  servingSlot(name: string): Slot | undefined {
    return this.slots.get(name);
  }

  /**
   * Resolves true once the serving slot of `name` has applied everything up to `position` (waiting
   * for a first build to be promoted), false after `timeoutMs`; at once when the slot serving is
   * not the one being followed (an older version, frozen while its successor is built).
   */
  async caughtUp(name: string, position: number, timeoutMs: number): Promise<boolean> {
    // Trackers are replaced but never removed: one unknown now stays unknown.
    if (!this.trackers.has(name)) return false;
    return this.waiters.until(() => readsSee(this.trackers.get(name), this.slots.get(name), position), timeoutMs, this.stopping.signal);
  }

  private projection(name: string): Projection<unknown> {
    const found = this.projections.find((p) => p.name === name);
    if (!found) throw new Error(`No projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return found;
  }

  /** Picks the slot to drive and makes it the one this projection's status and reads refer to. */
  private async open(projection: Projection<unknown>, choice: SlotChoice): Promise<SlotTracker> {
    const tracker = await this.slots.open(projection, choice);
    this.trackers.set(projection.name, tracker);
    return tracker;
  }
}
