import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { WriteSide } from '@pm/commands';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { batchesOf, READ_MODEL_STORE, type ReadModelStore, type Slot } from '@pm/projections';

const PROCESS = 'rating-redelivery';
const ACTOR = { id: PROCESS, role: 'system' };

/**
 * Makes sure every final rating reaches the employee's stream even if the process died between
 * finalizing a cycle and delivering its ratings: it follows `RatingFinalized` events from its
 * checkpoint and delivers each again. Delivery ids derive from the `RatingFinalized` id, so a
 * rating already delivered appends nothing.
 */
@Injectable()
export class RatingRedelivery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RatingRedelivery.name);
  private readonly stopping = new AbortController();
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly checkpoints: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writeSide: WriteSide,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.readModels.runner === 'inline') this.running = this.supervise();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async supervise(): Promise<void> {
    let delay = 100;
    while (!this.stopping.signal.aborted) {
      try {
        await this.follow(await this.checkpoint());
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        this.logger.error(`rating redelivery failed, retrying in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  private async checkpoint(): Promise<Slot> {
    const existing = (await this.checkpoints.slots(PROCESS)).find((s) => s.state === 'serving');
    if (existing) return existing;
    // A first start looks after finalizations from now on: those before were delivered when recorded.
    const created = await this.checkpoints.createSlot(PROCESS, 1);
    const head = await this.events.headPosition();
    if (head > 0)
      await this.checkpoints.commit([{ slotId: created.id, expectedPosition: 0, position: head, eventsApplied: 0, documents: new Map(), deadLetters: [] }]);
    await this.checkpoints.promote(created.id);
    return { ...created, position: head, state: 'serving' };
  }

  private async follow(slot: Slot): Promise<void> {
    let current = slot;
    const events = this.events.subscribeAll({ fromPosition: current.position + 1, signal: this.stopping.signal });
    for await (const batch of batchesOf(events, 500)) {
      for (const event of batch.events) {
        if (event.type === 'RatingFinalized') await this.writeSide.delivery.deliver(event, { actor: ACTOR, correlationId: event.metadata.correlationId });
      }
      const last = batch.events[batch.events.length - 1];
      const eventsApplied = current.eventsApplied + batch.events.length;
      await this.checkpoints.commit([
        { slotId: current.id, expectedPosition: current.position, position: last.position, eventsApplied, documents: new Map(), deadLetters: [] },
      ]);
      current = { ...current, position: last.position, eventsApplied };
    }
  }
}
