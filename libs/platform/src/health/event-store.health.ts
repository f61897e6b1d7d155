import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@pm/event-store';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'eventStore'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await this.store.ping();
      return indicator.up({ engine: this.store.engine, headPosition: await this.store.headPosition() });
    } catch (error) {
      return indicator.down({ engine: this.store.engine, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
