import type { Projection } from '../projection';
import { CheckpointMoved } from '../store/read-model-store';
import type { RunnerLogger } from './projection-runner';
import type { SlotTracker } from './slot-tracker';
import type { StatusBoard } from './status-board';

/** The pause after a group's first failure; it doubles with each further one, up to `maxRetryDelayMs`. */
const FIRST_RETRY_DELAY_MS = 100;

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Projections at the same checkpoint share one reader: one group per position, in order of first appearance. */
export function groupsByPosition(trackers: readonly SlotTracker[]): SlotTracker[][] {
  const groups = new Map<number, SlotTracker[]>();
  for (const tracker of trackers) groups.set(tracker.position, [...(groups.get(tracker.position) ?? []), tracker]);
  return [...groups.values()];
}

export interface Supervision {
  /** Stops the group; a failure after it is not retried. */
  signal: AbortSignal;
  maxRetryDelayMs: number;
  status: StatusBoard;
  logger?: RunnerLogger;
  /** Runs the group until `signal` aborts; throws on a failure. */
  follow(group: SlotTracker[]): Promise<void>;
  /** A fresh tracker for the projection from what the store holds now (another runner may have moved its slot). */
  reopen(projection: Projection<unknown>): Promise<SlotTracker>;
}

/** Runs a group until it stops, backing off and reloading its slots after a failure. */
export async function supervise(group: SlotTracker[], supervision: Supervision): Promise<void> {
  const { signal, status, logger } = supervision;
  let delay = FIRST_RETRY_DELAY_MS;
  while (!signal.aborted) {
    try {
      await supervision.follow(group);
      return;
    } catch (error) {
      if (signal.aborted) return;
      const names = group.map((t) => t.projection.name);
      status.failed(names, message(error));
      logger?.[error instanceof CheckpointMoved ? 'warn' : 'error'](`projections ${names.join(', ')}: ${message(error)}; retrying in ${delay} ms`);
      await sleep(delay, signal);
      delay = Math.min(delay * 2, supervision.maxRetryDelayMs);
      try {
        for (let i = 0; i < group.length; i++) group[i] = await supervision.reopen(group[i].projection);
      } catch (reloadError) {
        logger?.error(`projections: reloading slots failed: ${message(reloadError)}`);
      }
    }
  }
}
