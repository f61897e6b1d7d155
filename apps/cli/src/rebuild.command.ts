import { Command, CommandRunner, Option } from 'nest-commander';
import { ProjectionRunner, type RebuildProgress } from '@pm/projections';
import { eventProgressBar } from './progress';

interface RebuildOptions {
  restart?: boolean;
}

/**
 * Rebuilds projections from position 0 into fresh slots, while the slots in service keep serving,
 * then promotes them. An interrupted rebuild resumes from its checkpoint unless --restart.
 */
@Command({
  name: 'rebuild',
  arguments: '[names...]',
  description:
    'Rebuild projections (all, or those named) from the start of the event store, then switch reads to them. Resumes an interrupted rebuild unless --restart',
})
export class RebuildCommand extends CommandRunner {
  constructor(private readonly runner: ProjectionRunner) {
    super();
  }

  async run(names: string[], options: RebuildOptions): Promise<void> {
    const bar = eventProgressBar('rebuild');
    const started = Date.now();
    let first: number | undefined;
    // Positions are not dense on postgres: the bar measures the position span read, an estimate.
    const onProgress = (p: RebuildProgress) => {
      first ??= Math.max(p.position - p.eventsApplied, 0);
      if (!bar.isActive) bar.start(Math.max(p.head - first, 1), 0, { rate: 0 });
      bar.setTotal(Math.max(p.head - first, 1));
      bar.update(Math.min(p.position - first, bar.getTotal()), { rate: Math.round(p.eventsApplied / Math.max((Date.now() - started) / 1000, 0.001)) });
    };
    const reports = await this.runner.rebuild(names, { restart: options.restart, onProgress });
    if (bar.isActive) {
      bar.update(bar.getTotal());
      bar.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    for (const r of reports) {
      const resumed = r.resumedFrom > 0 ? `, resumed from position ${r.resumedFrom}` : '';
      process.stderr.write(`${r.name} v${r.version}: slot ${r.slotId} serving, ${r.eventsApplied} events applied${resumed}\n`);
    }
    process.stderr.write(`rebuilt ${reports.length} projection(s) in ${seconds.toFixed(1)} s\n`);
  }

  @Option({ flags: '--restart', description: 'start from position 0 even if an interrupted rebuild could be resumed' })
  parseRestart(): boolean {
    return true;
  }
}
