import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, loadConfig } from '@pm/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { createTestDatabase } from './postgres';

export type TestEngine = 'sqlite' | 'postgres';

/** The real AppModule on Fastify, on a fresh store of the given engine. */
export async function startTestApp(engine: TestEngine, env: NodeJS.ProcessEnv = {}): Promise<NestFastifyApplication> {
  const storeEnv =
    engine === 'postgres'
      ? { EVENT_STORE: 'postgres', DATABASE_URL: await createTestDatabase('api') }
      : { EVENT_STORE: 'sqlite', DATA_DIR: mkdtempSync(join(tmpdir(), 'pm-api-')), SQLITE_SYNCHRONOUS: 'NORMAL' };
  const config = loadConfig({ ...storeEnv, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
