import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ProjectionRunner } from '@pm/projections';

/**
 * Each projection's state, checkpoint and lag. Down while a projection keeps failing (its store
 * unreachable); a projection being rebuilt is behind, not down.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'projections'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const status = this.runner.status();
    const details = Object.fromEntries(status.map(({ name, ...rest }) => [name, { ...rest, lagSeconds: Math.round(rest.lagSeconds * 1000) / 1000 }]));
    return status.some((s) => s.error) ? indicator.down(details) : indicator.up(details);
  }
}
