import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KEY_STORE, type KeyStore } from './key-store';
import { PersonalData } from './personal-data';
import { PostgresKeyStore } from './postgres-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

/** Keys live apart from the events: in PostgreSQL when it is the store, else in `keys.db`. */
@Global()
@Module({
  providers: [
    {
      provide: KEY_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): KeyStore | Promise<KeyStore> =>
        config.eventStore.engine === 'postgres'
          ? PostgresKeyStore.open(config.eventStore.url)
          : new SqliteKeyStore(join(config.dataDir, 'keys.db'), config.eventStore.engine === 'sqlite' ? config.eventStore.synchronous : 'FULL'),
    },
    PersonalData,
  ],
  exports: [KEY_STORE, PersonalData],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
