import type { EventEnvelope } from '@pm/event-store';
import type { Slot } from '../store/read-model-store';
import type { SlotTracker } from './slot-tracker';

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

/** What the runner knows of each projection beyond its slot: how far behind it is, and its last failure. */
export class StatusBoard {
  private readonly pendingSince = new Map<string, number>();
  private readonly errors = new Map<string, string>();

  /** `first` is the oldest event not yet applied: the lag is measured from its recording. */
  behind(names: readonly string[], first: EventEnvelope): void {
    const recorded = Date.parse(first.metadata.recordedAt);
    for (const name of names) this.pendingSince.set(name, recorded);
  }

  atHead(names: readonly string[]): void {
    for (const name of names) this.pendingSince.delete(name);
  }

  failed(names: readonly string[], error: string): void {
    for (const name of names) this.errors.set(name, error);
  }

  succeeded(names: readonly string[]): void {
    for (const name of names) this.errors.delete(name);
  }

  report(trackers: Iterable<SlotTracker>, servingSlot: (name: string) => Slot | undefined, now = Date.now()): ProjectionStatus[] {
    return [...trackers].map((t) => {
      const since = this.pendingSince.get(t.projection.name);
      const error = this.errors.get(t.projection.name);
      return {
        name: t.projection.name,
        version: t.projection.version,
        slotId: t.slot.id,
        state: t.slot.state,
        position: t.position,
        eventsApplied: t.slot.eventsApplied,
        servingSlotId: servingSlot(t.projection.name)?.id,
        lagSeconds: since === undefined ? 0 : Math.max(0, (now - since) / 1000),
        ...(error ? { error } : {}),
      };
    });
  }
}
