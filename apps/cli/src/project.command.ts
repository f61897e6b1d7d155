import { Command, CommandRunner } from 'nest-commander';
import { ProjectionRunner } from '@pm/projections';

/**
 * Runs the projections in this process and follows the event store until SIGINT/SIGTERM: for
 * API instances started with PROJECTION_RUNNER=external.
 */
@Command({ name: 'project', description: 'Keep every projection up to date, following the event store live, until stopped (SIGINT or SIGTERM)' })
export class ProjectCommand extends CommandRunner {
  constructor(private readonly runner: ProjectionRunner) {
    super();
  }

  async run(): Promise<void> {
    await this.runner.start();
    process.stderr.write(`following: ${this.runner.projections.map((p) => `${p.name} v${p.version}`).join(', ')}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await this.runner.stop();
  }
}
