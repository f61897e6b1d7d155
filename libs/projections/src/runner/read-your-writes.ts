import type { Slot } from '../store/read-model-store';
import type { SlotTracker } from './slot-tracker';

/**
 * Whether reads of a projection already see everything up to `position`: its serving slot is the
 * one being followed and has applied that far, or it serves an older version's slot, frozen while
 * its successor is built, which no waiting would change.
 */
export function readsSee(tracker: SlotTracker | undefined, serving: Slot | undefined, position: number): boolean {
  if (!tracker || !serving) return false;
  return serving.id !== tracker.slot.id || tracker.position >= position;
}

/** Reads waiting for projections to reach a position; whoever moves a slot wakes them to look again. */
export class CatchUpWaiters {
  private waiting: Array<() => void> = [];

  /** Resolves true once `reached()` holds (checked now and at every wake), false after `timeoutMs` or once `signal` aborted. */
  async until(reached: () => boolean, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (reached()) return true;
      const left = deadline - Date.now();
      if (left <= 0 || signal.aborted) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  wakeAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}
