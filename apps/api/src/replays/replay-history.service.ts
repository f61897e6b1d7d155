import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { foldFeed, ReplayHistory } from '@pm/replay';

/**
 * The compact history every replay reads, kept in memory and brought up to the store's head
 * before each replay: the first replay folds everything, later ones only what is new.
 */
@Injectable()
export class ReplayHistoryCache {
  private history = new ReplayHistory();
  private updating: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** How many positions the cached history is behind the store (0 when current). */
  async behind(): Promise<number> {
    return Math.max(0, (await this.store.headPosition()) - this.history.position);
  }

  /** Folds every event up to the head; one update at a time. `onProgress` gets a share from 0 to 1. */
  current(onProgress?: (share: number) => void): Promise<ReplayHistory> {
    const update = this.updating.then(() => this.catchUp(onProgress));
    this.updating = update.catch(() => undefined);
    return update.then(() => this.history);
  }

  private async catchUp(onProgress?: (share: number) => void): Promise<void> {
    try {
      await this.fold(onProgress);
    } catch (error) {
      // A history an event could not be folded into is incomplete: start over next time.
      this.history = new ReplayHistory();
      throw error;
    }
  }

  private async fold(onProgress?: (share: number) => void): Promise<void> {
    const head = await this.store.headPosition();
    const start = this.history.position;
    if (start >= head) return;
    await foldFeed(this.history, this.store.readAll({ fromPosition: start + 1 }), {
      afterChunk: async () => {
        onProgress?.(Math.min((this.history.position - start) / (head - start), 1));
        // Let requests in between chunks: a first fold of a large history takes seconds.
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
  }
}
