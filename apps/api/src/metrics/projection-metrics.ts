import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ProjectionRunner } from '@pm/projections';
import { MetricsRegistry } from './metrics.registry';

/** Each projection's checkpoint and lag, read from the runner when Prometheus scrapes. */
@Injectable()
export class ProjectionMetrics {
  constructor(metrics: MetricsRegistry, runner: ProjectionRunner) {
    const labelNames = ['projection', 'version', 'state'] as const;
    new Gauge({
      name: 'projection_position',
      help: 'Global position of the last event a projection applied',
      labelNames,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const s of runner.status()) this.set({ projection: s.name, version: String(s.version), state: s.state }, s.position);
      },
    });
    new Gauge({
      name: 'projection_lag_seconds',
      help: 'Age of the oldest event a projection has not applied yet; 0 when caught up',
      labelNames,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const s of runner.status()) this.set({ projection: s.name, version: String(s.version), state: s.state }, s.lagSeconds);
      },
    });
    new Gauge({
      name: 'projection_events_applied',
      help: 'Events a projection slot has applied since it was created',
      labelNames,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const s of runner.status()) this.set({ projection: s.name, version: String(s.version), state: s.state }, s.eventsApplied);
      },
    });
    new Gauge({
      name: 'projection_failing',
      help: '1 while a projection keeps failing (see /health), else 0',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const s of runner.status()) this.set({ projection: s.name }, s.error ? 1 : 0);
      },
    });
  }
}
