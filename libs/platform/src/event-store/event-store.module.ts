import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, openEventStore, type EventStore } from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { secureDataDirectory } from '../config/private-files';

function openConfiguredStore(config: AppConfig): Promise<EventStore> {
  secureDataDirectory(config);
  return openEventStore(config.eventStore);
}

/** Opens the configured event store once per process (its directory owner-only first) and closes it on shutdown. */
@Global()
@Module({
  providers: [{ provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: openConfiguredStore }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
