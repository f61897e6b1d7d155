import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, installJsonLimits, type AppConfig } from '@pm/platform';
import { bodyLimitsOf } from './body-limits';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify with BODY_LIMIT_BYTES as the largest body any route accepts (each route has its own,
 * smaller limit: see configureApp) and a correlation id on every request.
 */
export function createAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // A body carrying __proto__ or constructor keys is refused (400), never merged into objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-correlation-id'];
      const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
      req.headers['x-correlation-id'] = id;
      return id;
    },
  });
}

export function openApiDocument(app: NestFastifyApplication) {
  const config = new DocumentBuilder()
    .setTitle('perf-ledger')
    .setDescription(
      'Event-sourced performance management: every step of the lifecycle is an immutable, hash-chained event. Errors are application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key of a role: hr, compliance, analyst, admin' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Everything main.ts and the e2e tests share: bounded bodies, headers, logging, shutdown, API
 * description. Call before app.init(): the body limits attach to routes as they are registered.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimitBytes } = app.get<AppConfig>(APP_CONFIG);
  // Per-route body limits (bytes, members, array elements, nesting), checked before parsing: see body-limits.ts.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const { parser } = installJsonLimits(fastify, {
    globalMaxBytes: bodyLimitBytes,
    limitsOf: bodyLimitsOf,
    parse: (request, text, done) => void parseJson(request, text, done),
  });
  app.useBodyParser('application/json', { bodyLimit: bodyLimitBytes }, parser);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-correlation-id', request.id);
    done(null, payload);
  });
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
