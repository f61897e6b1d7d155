import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PivotLapseProcess, WriteSide, type LapseCheck, type OpenPivotSource } from '@pm/commands';
import { APP_CONFIG, ReadModels, type AppConfig } from '@pm/platform';
import { employeeStatus, type EmployeeStatus } from '@pm/projections';

/**
 * Deadlines as events: records `PivotChoiceWindowLapsed` for every Pivot whose choice window has
 * passed on the business calendar (the server's date, UTC) with no option recorded. Checks at
 * start-up and every `PIVOT_LAPSE_CHECK_INTERVAL_MS` (default one hour). Open cases come from the
 * employee-status projection and each is decided again on its own stream, so the process keeps
 * nothing of its own: a restart or a second instance records nothing twice.
 */
@Injectable()
export class PivotLapseWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PivotLapseWatch.name);
  private readonly process: PivotLapseProcess;

  constructor(
    writeSide: WriteSide,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.process = new PivotLapseProcess({
      lapses: writeSide.lapses,
      source: this.openPivots(),
      intervalMs: config.pivotLapseCheckIntervalMs,
      onError: (error, employeeId) =>
        this.logger.error(`Pivot lapse check failed${employeeId ? ` for ${employeeId}` : ''}: ${error instanceof Error ? error.message : String(error)}`),
      onRecorded: (employeeId, lapsedOn) => this.logger.log(`Pivot choice window of ${employeeId} lapsed on ${lapsedOn}`),
    });
  }

  onApplicationBootstrap(): void {
    this.process.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.process.stop();
  }

  /** One check now, without waiting for the next interval (operations, tests). */
  checkNow(): Promise<LapseCheck> {
    return this.process.checkNow();
  }

  /** Employees in Pivot with no option and no lapse recorded, whose deadline is before the business date. */
  private openPivots(): OpenPivotSource {
    return {
      candidates: async (businessDate) => {
        const view = await this.readModels.view<EmployeeStatus>(employeeStatus.name);
        const due: string[] = [];
        for (const [employeeId, { state }] of await view.scan('')) {
          if (state.status !== 'pivot' || state.pivot.option !== undefined || state.pivot.lapsedOn !== undefined) continue;
          if (state.pivot.choiceDeadline < businessDate) due.push(employeeId);
        }
        return due;
      },
    };
  }
}
