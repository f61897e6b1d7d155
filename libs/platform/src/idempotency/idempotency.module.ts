import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openServiceStore } from '../config/service-store';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency.store';
import { PostgresIdempotencyStore } from './postgres-idempotency.store';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

/** Idempotency keys live beside the events (see openServiceStore); reserved before a command runs (ADR 015). */
@Global()
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openServiceStore<IdempotencyStore>(config, 'service.db', {
          postgres: (url) => PostgresIdempotencyStore.open(url),
          sqlite: (path, synchronous) => new SqliteIdempotencyStore(path, { synchronous }),
        }),
    },
  ],
  exports: [IDEMPOTENCY_STORE],
})
export class IdempotencyModule implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
