import type { EventEnvelope, EventStore } from '@pm/event-store';
import type { Projection } from '../projection';
import { CheckpointMoved, type ReadModelStore, type Slot } from '../store/read-model-store';
import { batchesOf } from './batches';
import { SlotTracker, type TrackerOptions } from './slot-tracker';

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

export interface ProjectionStatus {
  name: string;
  version: number;
  /** The slot being filled or followed by this runner. */
  slotId: number;
  state: Slot['state'];
  position: number;
  eventsApplied: number;
  /** The slot queries read; an older version's slot while a new one is being built. */
  servingSlotId?: number;
  /** Seconds between now and the recording of the oldest event not yet applied; 0 when caught up. */
  lagSeconds: number;
  /** The last failure, cleared by the next successful batch. */
  error?: string;
}

export interface RebuildProgress {
  name: string[];
  position: number;
  head: number;
  eventsApplied: number;
}

export interface RebuildReport {
  name: string;
  version: number;
  slotId: number;
  /** Where the rebuild started: 0, or the checkpoint of an interrupted rebuild it resumed. */
  resumedFrom: number;
  eventsApplied: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

interface FollowOptions {
  stopAtHead?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Keeps projections up to date from the event store: catch-up then live through `subscribeAll`,
 * one transaction per batch holding every projection's documents and checkpoint (checked, so two
 * runners can never both apply a batch). Projections at the same checkpoint share one reader.
 */
export class ProjectionRunner {
  private readonly trackers = new Map<string, SlotTracker>();
  private readonly serving = new Map<string, Slot>();
  private readonly pendingSince = new Map<string, number>();
  private readonly errors = new Map<string, string>();
  private waiters: Array<() => void> = [];
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly options: Required<Omit<RunnerOptions, 'logger'>> & { logger?: RunnerLogger };

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    readonly projections: readonly Projection<unknown>[],
    options: RunnerOptions = {},
  ) {
    this.options = { batchSize: 20_000, maxAttempts: 3, cacheLimit: 50_000, maxRetryDelayMs: 30_000, ...options };
  }

  /** Picks up every projection where it stopped (or builds it) and follows the store live. */
  async start(): Promise<void> {
    for (const projection of this.projections) this.trackers.set(projection.name, await this.trackerFor(projection, false));
    await this.promoteIfAtHead([...this.trackers.values()]);
    for (const group of this.groupsByPosition([...this.trackers.values()])) this.loops.push(this.supervise(group));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled(this.loops);
    this.wake();
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
      const tracker = await this.trackerFor(projection, true, options.restart);
      resumedFrom.set(projection.name, tracker.position);
      this.trackers.set(projection.name, tracker);
      trackers.push(tracker);
    }
    await this.follow(trackers, this.stopping.signal, { stopAtHead: true, onProgress: options.onProgress });
    return trackers.map((t) => ({
      name: t.projection.name,
      version: t.projection.version,
      slotId: t.slot.id,
      resumedFrom: resumedFrom.get(t.projection.name) ?? 0,
      eventsApplied: t.slot.eventsApplied,
    }));
  }

  status(): ProjectionStatus[] {
    const now = Date.now();
    return [...this.trackers.values()].map((t) => {
      const since = this.pendingSince.get(t.projection.name);
      const error = this.errors.get(t.projection.name);
      return {
        name: t.projection.name,
        version: t.projection.version,
        slotId: t.slot.id,
        state: t.slot.state,
        position: t.position,
        eventsApplied: t.slot.eventsApplied,
        servingSlotId: this.serving.get(t.projection.name)?.id,
        lagSeconds: since === undefined ? 0 : Math.max(0, (now - since) / 1000),
        ...(error ? { error } : {}),
      };
    });
  }

  /** The slot queries of this projection read, if one is serving. */
  servingSlot(name: string): Slot | undefined {
    return this.serving.get(name);
  }

  /**
   * Resolves true once the serving slot of `name` has applied everything up to `position` (waiting
   * for a first build to be promoted), false after `timeoutMs`; at once when the slot serving is
   * not the one being followed (an older version, frozen while its successor is built).
   */
  async caughtUp(name: string, position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tracker = this.trackers.get(name);
      const serving = this.serving.get(name);
      if (!tracker) return false;
      if (serving && serving.id !== tracker.slot.id) return true;
      if (serving && tracker.position >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0 || this.stopping.signal.aborted) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private projection(name: string): Projection<unknown> {
    const found = this.projections.find((p) => p.name === name);
    if (!found) throw new Error(`No projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return found;
  }

  /**
   * The slot to drive for a projection: its serving slot when the version matches; otherwise (or
   * for a rebuild) a building slot of this version, resumed or new. Building slots of other
   * versions are leftovers of abandoned code and are dropped.
   */
  private async trackerFor(projection: Projection<unknown>, rebuild: boolean, restart = false): Promise<SlotTracker> {
    const slots = await this.readModels.slots(projection.name);
    const serving = slots.find((s) => s.state === 'serving');
    if (serving) this.serving.set(projection.name, serving);
    else this.serving.delete(projection.name);
    for (const stale of slots.filter((s) => s.state === 'building' && (s.version !== projection.version || restart))) await this.readModels.dropSlot(stale.id);
    let slot: Slot | undefined;
    if (!rebuild && serving?.version === projection.version) slot = serving;
    else if (!restart) slot = slots.find((s) => s.state === 'building' && s.version === projection.version);
    slot ??= await this.readModels.createSlot(projection.name, projection.version);
    return new SlotTracker(projection, slot, this.options);
  }

  private groupsByPosition(trackers: SlotTracker[]): SlotTracker[][] {
    const groups = new Map<number, SlotTracker[]>();
    for (const tracker of trackers) groups.set(tracker.position, [...(groups.get(tracker.position) ?? []), tracker]);
    return [...groups.values()];
  }

  /** Runs a group until the runner stops, backing off and reloading its slots after a failure. */
  private async supervise(group: SlotTracker[]): Promise<void> {
    let delay = 100;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        await this.follow(group, signal, {});
        return;
      } catch (error) {
        if (signal.aborted) return;
        for (const t of group) this.errors.set(t.projection.name, message(error));
        this.options.logger?.[error instanceof CheckpointMoved ? 'warn' : 'error'](
          `projections ${group.map((t) => t.projection.name).join(', ')}: ${message(error)}; retrying in ${delay} ms`,
        );
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.options.maxRetryDelayMs);
        try {
          for (let i = 0; i < group.length; i++) {
            const fresh = await this.trackerFor(group[i].projection, false);
            group[i] = fresh;
            this.trackers.set(fresh.projection.name, fresh);
          }
        } catch (reloadError) {
          this.options.logger?.error(`projections: reloading slots failed: ${message(reloadError)}`);
        }
      }
    }
  }

  /**
   * Catch-up by pages of `readAll` while behind (no per-event waiting, the next page read while
   * this one commits), then live through `subscribeAll`, cut into batches by what is ready.
   */
  private async follow(group: SlotTracker[], signal: AbortSignal, options: FollowOptions): Promise<void> {
    if (await this.promoteIfAtHead(group)) if (options.stopAtHead) return;
    const from = await this.catchUp(group, signal, options);
    if (from === undefined || signal.aborted) return;
    const local = new AbortController();
    const abort = (): void => local.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      for await (const { events, drained } of batchesOf(this.events.subscribeAll({ fromPosition: from, signal: local.signal }), this.options.batchSize)) {
        if (await this.applyBatch(group, events, drained, options)) return;
      }
    } finally {
      signal.removeEventListener('abort', abort);
      local.abort();
    }
  }

  /** Returns where live following starts, or undefined when a rebuild is done (stopAtHead). */
  private async catchUp(group: SlotTracker[], signal: AbortSignal, options: FollowOptions): Promise<number | undefined> {
    const page = (from: number): Promise<EventEnvelope[]> => collect(this.events.readAll({ fromPosition: from, limit: this.options.batchSize }));
    let from = Math.min(...group.map((t) => t.position)) + 1;
    let next = page(from);
    try {
      while (!signal.aborted) {
        const events = await next;
        if (events.length === 0) return (await this.reachedHead(group, from - 1, options)) ? undefined : from;
        from = events[events.length - 1].position + 1;
        const full = events.length === this.options.batchSize;
        if (full) next = page(from);
        if (await this.applyBatch(group, events, !full, options)) return undefined;
        if (!full) return from;
        // SQLite reads and writes synchronously: yield between batches so the API keeps answering.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return undefined;
    } finally {
      next.catch(() => undefined);
    }
  }

  /** Applies and commits one batch; true when a rebuild has reached the head and is done. */
  private async applyBatch(group: SlotTracker[], events: EventEnvelope[], drained: boolean, options: FollowOptions): Promise<boolean> {
    const names = group.map((t) => t.projection.name);
    this.markPending(names, events[0]);
    await this.commitBatch(group, events);
    const last = events[events.length - 1].position;
    if (options.onProgress) {
      const head = await this.events.headPosition();
      options.onProgress({ name: names, position: last, head, eventsApplied: Math.max(...group.map((t) => t.slot.eventsApplied)) });
    }
    return drained && (await this.reachedHead(group, last, options));
  }

  /** At the head: promotes building slots; true when a rebuild is done. */
  private async reachedHead(group: SlotTracker[], last: number, options: FollowOptions): Promise<boolean> {
    const head = await this.events.headPosition();
    if (last < head) return false;
    for (const t of group) this.pendingSince.delete(t.projection.name);
    await this.promoteIfAtHead(group, head);
    return options.stopAtHead === true;
  }

  /** The oldest event not yet applied was recorded then: the lag is measured from it. */
  private markPending(names: string[], first: EventEnvelope): void {
    const recorded = Date.parse(first.metadata.recordedAt);
    for (const name of names) this.pendingSince.set(name, recorded);
  }

  private async commitBatch(group: SlotTracker[], events: EventEnvelope[]): Promise<void> {
    const now = (): string => new Date().toISOString();
    const prepared = [];
    for (const tracker of group) {
      const write = await tracker.prepare(events, this.readModels, now);
      if (write) prepared.push(write);
    }
    if (prepared.length === 0) return;
    await this.readModels.commit(prepared.map((p) => p.write));
    for (const p of prepared) p.adopt();
    for (const t of group) {
      this.errors.delete(t.projection.name);
      if (this.serving.get(t.projection.name)?.id === t.slot.id) this.serving.set(t.projection.name, t.slot);
    }
    for (const { write } of prepared) {
      for (const dead of write.deadLetters)
        this.options.logger?.warn(`projection ${dead.projection}: dead-lettered ${dead.eventType} at position ${dead.position}: ${dead.error}`);
    }
    this.wake();
  }

  /** Promotes the group's building slots once they hold everything up to the head. */
  private async promoteIfAtHead(group: SlotTracker[], knownHead?: number): Promise<boolean> {
    const head = knownHead ?? (await this.events.headPosition());
    let all = true;
    for (const tracker of group) {
      if (tracker.position < head) {
        all = false;
        continue;
      }
      if (tracker.slot.state !== 'building') continue;
      await this.readModels.promote(tracker.slot.id);
      tracker.slot = { ...tracker.slot, state: 'serving' };
      this.serving.set(tracker.projection.name, tracker.slot);
      this.options.logger?.log(
        `projection ${tracker.projection.name} v${tracker.projection.version} caught up at position ${tracker.position}: now serving (slot ${tracker.slot.id})`,
      );
    }
    this.wake();
    return all;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
