import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { WriteSide } from '@pm/commands';
import { DomainError, toDayNumber, type Policy } from '@pm/domain';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { APP_CONFIG, PersonalData, type AppConfig } from '@pm/platform';
import { simulateOrg, writeSimulation, type WriteProgress, type WriteSummary } from '@pm/simulator';
import { eventProgressBar } from './progress';

interface SimulateOptions {
  employees: number;
  years: number;
  policy?: string;
  seed: number;
  startDate?: string;
  force?: boolean;
}

/** Measured on default runs (about 19 per employee-year); only sizes the progress bar. */
const EVENTS_PER_EMPLOYEE_YEAR = 20;

const invalid = (message: string) => Object.assign(new Error(message), { code: 'commander.invalidArgument', exitCode: 1 });

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw invalid(`${flag} must be a whole number from ${min} to ${max}, got ${value}`);
  return n;
}

/**
 * Fills the event store with a simulated company's history (libs/simulator), through the same
 * deciders as the API, with personal fields sealed like the API seals them.
 */
@Command({
  name: 'simulate',
  description:
    'Write a simulated multi-year company history (hires, reviews, calibration, Focus, Pivot, promotions, separations) into the event store. Refuses a store that already holds employees unless --force',
})
export class SimulateCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly personalData: PersonalData,
    private readonly writeSide: WriteSide,
  ) {
    super();
  }

  async run(_params: string[], options: SimulateOptions): Promise<void> {
    await this.writeSide.publishShippedPolicies();
    const policy = await this.policyInForce(options.policy ?? this.config.defaultPolicyId);
    if (!options.force && (await this.holdsEmployees())) {
      throw new Error('The event store already holds employee events; simulate into an empty store, or pass --force to add a simulated company beside them');
    }

    const bar = eventProgressBar('simulate');
    bar.start(options.employees * options.years * EVENTS_PER_EMPLOYEE_YEAR, 0, { rate: 0 });
    const onProgress = (p: WriteProgress) => {
      if (p.events > bar.getTotal()) bar.setTotal(p.events);
      bar.update(p.events, { rate: Math.round(p.events / Math.max(p.seconds, 0.001)) });
    };
    const summary = await writeSimulation(
      this.store,
      simulateOrg({
        employees: options.employees,
        years: options.years,
        policy,
        seed: options.seed,
        startDate: options.startDate,
        tenantId: this.config.tenantId,
        seal: (type, data) => this.personalData.protect(type, data),
      }),
      { onProgress },
    );
    bar.setTotal(summary.events);
    bar.update(summary.events);
    bar.stop();
    process.stderr.write(`${describe(summary, policy, options)}\n`);
  }

  private async policyInForce(policyId: string): Promise<Policy> {
    try {
      return await this.writeSide.policies.current(policyId);
    } catch (error) {
      if (error instanceof DomainError && error.rule === 'policy-not-found') throw new Error(`No policy ${policyId} is published`);
      throw error;
    }
  }

  /** Stops at the first employee event, so a store with employees answers at once. */
  private async holdsEmployees(): Promise<boolean> {
    for await (const event of this.store.readAll()) if (event.streamId.startsWith('employee-')) return true;
    return false;
  }

  @Option({ flags: '--employees <n>', description: 'headcount on the first day', defaultValue: 1000 })
  parseEmployees(value: string): number {
    return wholeNumber('--employees', value, 1, 1_000_000);
  }

  @Option({ flags: '--years <n>', description: 'years of history (two review cycles each)', defaultValue: 3 })
  parseYears(value: string): number {
    return wholeNumber('--years', value, 1, 50);
  }

  @Option({ flags: '--policy <id>', description: 'policy to simulate under (its version in force); default DEFAULT_POLICY_ID' })
  parsePolicy(value: string): string {
    return value;
  }

  @Option({ flags: '--seed <n>', description: 'the same seed gives the same history; ids carry it', defaultValue: 1 })
  parseSeed(value: string): number {
    return wholeNumber('--seed', value, 0, 2 ** 32 - 1);
  }

  @Option({ flags: '--start-date <date>', description: 'first day of the history, YYYY-MM-DD (default 2021-01-01)' })
  parseStartDate(value: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(toDayNumber(value))) throw invalid(`--start-date must be a date YYYY-MM-DD, got ${value}`);
    return value;
  }

  @Option({ flags: '--force', description: 'simulate even if the store already holds employee events' })
  parseForce(): boolean {
    return true;
  }
}

function describe(summary: WriteSummary, policy: Policy, options: SimulateOptions): string {
  const count = (type: string) => (summary.byType[type] ?? 0).toLocaleString('en-US');
  const rate = Math.round(summary.events / Math.max(summary.seconds, 0.001)).toLocaleString('en-US');
  return [
    `simulated ${options.employees.toLocaleString('en-US')} employees over ${options.years} years under ${policy.policyId}@${policy.version} (seed ${options.seed})`,
    `  events      ${summary.events.toLocaleString('en-US')} in ${summary.appends.toLocaleString('en-US')} appends, ${summary.seconds.toFixed(1)} s, ${rate} events/s`,
    `  employees   ${count('EmployeeHired')} hired, ${count('EmployeeSeparated')} separated, ${count('Promoted')} promoted`,
    `  cycles      ${count('ReviewCycleFinalized')} finalized, ${count('RatingCalibrated')} ratings moved in calibration`,
    `  Focus       ${count('FocusEntered')} entered; Pivot ${count('PivotPlaced')} placed (${count('BuyoutAccepted')} buyouts, ${count('AppealDecided')} appeals, ${count('PivotClosed')} plans closed)`,
  ].join('\n');
}
