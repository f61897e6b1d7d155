import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, loadConfig } from '@pm/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, createAdapter } from '../../apps/api/src/http-setup';
import { createTestDatabase } from './postgres';

export type TestEngine = 'sqlite' | 'postgres';

/** One key per role for the e2e tests. */
export const TEST_KEYS = {
  hr: 'test-hr-key-0000000000',
  compliance: 'test-compliance-key-000',
  analyst: 'test-analyst-key-000000',
  admin: 'test-admin-key-00000000',
} as const;
const TEST_API_KEYS_ENV = Object.entries(TEST_KEYS)
  .map(([role, key]) => `${role}:${key}`)
  .join(',');

/** The real AppModule on Fastify, on a fresh store of the given engine. */
export async function startTestApp(engine: TestEngine, env: NodeJS.ProcessEnv = {}): Promise<NestFastifyApplication> {
  // Every app has a data directory of its own: KEK files included, which a rotation retires.
  const dataDir = { DATA_DIR: mkdtempSync(join(tmpdir(), 'pm-api-')) };
  const storeEnv =
    engine === 'postgres'
      ? { EVENT_STORE: 'postgres', DATABASE_URL: await createTestDatabase('api'), ...dataDir }
      : { EVENT_STORE: 'sqlite', SQLITE_SYNCHRONOUS: 'NORMAL', ...dataDir };
  const config = loadConfig({ API_KEYS: TEST_API_KEYS_ENV, LOG_LEVEL: 'silent', ...storeEnv, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { bufferLogs: true });
  await configureApp(app);
  try {
    await app.init();
  } catch (error) {
    // What opened before the failure (stores, their timers) is closed, as a failed start leaves nothing running.
    await app.close().catch(() => undefined);
    throw error;
  }
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
