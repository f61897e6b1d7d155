import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig } from '@pm/platform';
import { AppModule } from './app.module';
import { configureApp, createAdapter } from './http-setup';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createAdapter(config), { bufferLogs: true });
  await configureApp(app);
  await app.listen(config.port, '0.0.0.0');
  console.log(`API listening on http://localhost:${config.port} (event store: ${config.eventStore.engine}; docs at /docs)`);
}

void bootstrap();
