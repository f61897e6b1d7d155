import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APPEND_TIMER } from '@pm/platform';
import type { FastifyInstance } from 'fastify';
import { AppendMetrics } from './append-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { ProjectionMetrics } from './projection-metrics';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsRegistry,
    AppendMetrics,
    ProjectionMetrics,
    // Global, so the write side (a platform module) times its appends here.
    { provide: APPEND_TIMER, inject: [AppendMetrics], useFactory: (metrics: AppendMetrics) => () => metrics.startAppend() },
  ],
  exports: [MetricsRegistry, AppendMetrics, APPEND_TIMER],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsRegistry,
  ) {}

  /** Counts every request by its route pattern (never the raw URL: ids would explode the labels). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
      this.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      done();
    });
  }
}
