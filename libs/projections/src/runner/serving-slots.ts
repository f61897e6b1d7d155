import type { Projection } from '../projection';
import type { ReadModelStore, Slot } from '../store/read-model-store';
import type { RunnerLogger } from './projection-runner';
import type { CatchUpWaiters } from './read-your-writes';
import { SlotTracker, type TrackerOptions } from './slot-tracker';

/**
 * How to pick the slot to drive. `follow`: the serving slot when its version matches, else a
 * building slot of this version, resumed or new. `rebuild`: a building slot, resumed or new.
 * `restart`: a new building slot, dropping any interrupted one.
 */
export type SlotChoice = 'follow' | 'rebuild' | 'restart';

/**
 * Which slot each projection's reads are served from, and the switch to a new one: a building slot
 * (a new version, or a rebuild) fills while the old slot keeps serving, and is promoted once it
 * holds everything up to the head.
 */
export class ServingSlots {
  private readonly serving = new Map<string, Slot>();

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly waiters: CatchUpWaiters,
    private readonly trackerOptions: TrackerOptions,
    private readonly logger?: RunnerLogger,
  ) {}

  get(name: string): Slot | undefined {
    return this.serving.get(name);
  }

  /**
   * The slot to drive for a projection, as the store holds it now. Building slots of other
   * versions are leftovers of abandoned code and are dropped.
   */
  async open(projection: Projection<unknown>, choice: SlotChoice): Promise<SlotTracker> {
    const restart = choice === 'restart';
    const slots = await this.readModels.slots(projection.name);
    const serving = slots.find((s) => s.state === 'serving');
    if (serving) this.serving.set(projection.name, serving);
    else this.serving.delete(projection.name);
    for (const stale of slots.filter((s) => s.state === 'building' && (s.version !== projection.version || restart))) await this.readModels.dropSlot(stale.id);
    let slot: Slot | undefined;
    if (choice === 'follow' && serving?.version === projection.version) slot = serving;
    else if (!restart) slot = slots.find((s) => s.state === 'building' && s.version === projection.version);
    slot ??= await this.readModels.createSlot(projection.name, projection.version);
    return new SlotTracker(projection, slot, this.trackerOptions);
  }

  /** Promotes the group's building slots that hold everything up to `head`; true when the whole group does. */
  async promoteAtHead(group: readonly SlotTracker[], head: number): Promise<boolean> {
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
      this.logger?.log(
        `projection ${tracker.projection.name} v${tracker.projection.version} caught up at position ${tracker.position}: now serving (slot ${tracker.slot.id})`,
      );
    }
    // Also when nothing was promoted: `open` may have changed what serves without waking anyone.
    this.waiters.wakeAll();
    return all;
  }

  /** After a commit moved the tracker's slot: if that slot serves, reads see its new checkpoint. */
  committed(tracker: SlotTracker): void {
    if (this.serving.get(tracker.projection.name)?.id === tracker.slot.id) this.serving.set(tracker.projection.name, tracker.slot);
  }
}
