import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openServiceStore } from '../config/service-store';
import { KEY_STORE, type KeyStore } from './key-store';
import { PersonalData } from './personal-data';
import { Pseudonyms } from './pseudonyms';
import { PostgresKeyStore } from './postgres-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

/** Keys live apart from the events: a table in PostgreSQL, or `keys.db` beside the SQLite store. */
@Global()
@Module({
  providers: [
    {
      provide: KEY_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openServiceStore<KeyStore>(config, 'keys.db', {
          postgres: (url) => PostgresKeyStore.open(url),
          sqlite: (path, synchronous) => new SqliteKeyStore(path, synchronous),
        }),
    },
    PersonalData,
    Pseudonyms,
  ],
  exports: [KEY_STORE, PersonalData, Pseudonyms],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
