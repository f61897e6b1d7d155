import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KEY_STORE, type KeyStore } from './key-store';
import { openKeyStore } from './open-key-store';
import { PersonalData } from './personal-data';
import { Pseudonyms } from './pseudonyms';

/** Data keys wrapped by key-encryption keys kept apart from the events (ADR 008). */
@Global()
@Module({
  providers: [
    {
      provide: KEY_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openKeyStore(config),
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
