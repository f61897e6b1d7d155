import { Global, Inject, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import {
  ALL_PROJECTIONS,
  openPostgresReadModelStore,
  openSqliteReadModelStore,
  ProjectionRunner,
  READ_MODEL_STORE,
  type ReadModelStore,
} from '@pm/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { secureDataDirectory } from '../config/private-files';
import { ReadModels } from './read-models';

const FOLLOW = Symbol('FollowProjections');

async function openStore(config: AppConfig): Promise<ReadModelStore> {
  const store = config.readModels.store;
  secureDataDirectory(config);
  return store.engine === 'postgres' ? openPostgresReadModelStore(store.url) : openSqliteReadModelStore(store.path);
}

/**
 * The read-model store, the projection runner and the query facade. `forRoot({ follow: true })`
 * (the API with PROJECTION_RUNNER=inline, or `cli project`) runs the projections in this process.
 */
@Global()
@Module({})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  static forRoot(options: { follow: (config: AppConfig) => boolean }): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_MODEL_STORE, inject: [APP_CONFIG], useFactory: openStore },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, READ_MODEL_STORE],
          useFactory: (events: EventStore, store: ReadModelStore) =>
            new ProjectionRunner(events, store, ALL_PROJECTIONS, { logger: new Logger('Projections') }),
        },
        { provide: FOLLOW, inject: [APP_CONFIG], useFactory: options.follow },
        ReadModels,
      ],
      exports: [READ_MODEL_STORE, ProjectionRunner, ReadModels],
    };
  }

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(FOLLOW) private readonly follow: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.follow) await this.runner.start();
  }

  /** Before the event store closes: the runner stops reading first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    this.logger.debug('read models closed');
  }
}
