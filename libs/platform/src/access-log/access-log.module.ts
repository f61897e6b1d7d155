import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openServiceStore } from '../config/service-store';
import { ACCESS_LOG, type AccessLogStore } from './access-log.store';
import { PostgresAccessLogStore } from './postgres-access-log.store';
import { AccessLogInterceptor } from './records-access';
import { SqliteAccessLogStore } from './sqlite-access-log.store';

@Global()
@Module({
  providers: [
    {
      provide: ACCESS_LOG,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openServiceStore<AccessLogStore>(config, 'service.db', {
          postgres: (url) => PostgresAccessLogStore.open(url),
          sqlite: (path, synchronous) => new SqliteAccessLogStore(path, synchronous),
        }),
    },
    AccessLogInterceptor,
  ],
  exports: [ACCESS_LOG, AccessLogInterceptor],
})
export class AccessLogModule implements OnApplicationShutdown {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLogStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}
