import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { ProjectionRunner, READ_MODEL_STORE, type ReadModelStore, type Slot } from '@pm/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemException, problemType } from '../http/problem';

/** A consistent view of one projection's serving slot, for one request. */
export interface ReadModelView<D> {
  slot: Slot;
  /** False when the read gave up waiting for the projection to reach the events stored before it. */
  current: boolean;
  get(key: string): Promise<D | undefined>;
  scan(prefix: string): Promise<Array<[string, D]>>;
}

/**
 * What query handlers read projections through. Each read first waits (bounded) until the
 * projection has applied every event stored when the read arrived, so a client reads its own
 * writes; a projection that has never caught up answers 503.
 */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view<D>(name: string): Promise<ReadModelView<D>> {
    const head = await this.events.headPosition();
    const { slot, current } = this.config.readModels.runner === 'inline' ? await this.inline(name, head) : await this.external(name, head);
    return {
      slot,
      current,
      get: (key) => this.store.get(slot.id, key) as Promise<D | undefined>,
      scan: (prefix) => this.store.scan(slot.id, prefix) as Promise<Array<[string, D]>>,
    };
  }

  private async inline(name: string, head: number): Promise<{ slot: Slot; current: boolean }> {
    const current = await this.runner.caughtUp(name, head, this.config.readModels.consistencyTimeoutMs);
    const slot = this.runner.servingSlot(name);
    if (!slot) throw notReady(name);
    return { slot, current };
  }

  /** Another process runs the projections: poll the stored checkpoint. */
  private async external(name: string, head: number): Promise<{ slot: Slot; current: boolean }> {
    const deadline = Date.now() + this.config.readModels.consistencyTimeoutMs;
    for (;;) {
      const slot = (await this.store.slots(name)).find((s) => s.state === 'serving');
      if (slot && slot.position >= head) return { slot, current: true };
      if (Date.now() >= deadline) {
        if (!slot) throw notReady(name);
        return { slot, current: false };
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function notReady(name: string): Error {
  return new ProblemException(
    {
      type: problemType('read-model-not-ready'),
      title: 'Read model not ready',
      status: 503,
      detail: `The ${name} read model is still being built; retry shortly`,
    },
    { 'retry-after': '5' },
  );
}
