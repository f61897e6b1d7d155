import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PolicyBook } from '@pm/commands';
import { InvalidPolicy, validatePolicy, type Policy } from '@pm/domain';
import type { Principal } from '@pm/platform';
import { attritionStats, populationByYear, suppressSmallGroups } from '@pm/projections';
import { replay, type ChangedOutcome, type ReplayHistory, type ReplayResult } from '@pm/replay';
import { publishedMinimum } from '../analytics/rating-policies';
import { WorkforceRecords } from '../analytics/workforce-records';
import { ReplayHistoryCache } from './replay-history.service';
import type { ReplayJobDto, ReplayRequestDto } from './replay.dto';

/** A replay that takes longer than this is answered as a job (202) and carries on. */
const INLINE_MS = 2_000;
const JOBS_KEPT = 50;

/** An analyst's changed outcomes: how many people had this change, overall or in one shown org. */
export interface ChangedOutcomeCount {
  /** Absent: every org (the whole window); present: one org at or above the minimum group size. */
  org?: string;
  cycleId?: string;
  outcome: ChangedOutcome['outcome'];
  baseline: ChangedOutcome['baseline'];
  counterfactual: ChangedOutcome['counterfactual'];
  count: number;
}

/**
 * A replay as answered: for admin the result as replayed (people by id); for analysts (ADR 010)
 * changed outcomes counted instead of listed, and no org or year under the minimum group size.
 */
export type ReplayAnswer = Omit<ReplayResult, 'changedOutcomes' | 'baseline' | 'counterfactual' | 'diff'> & {
  /** `pay` is null for analysts when everyone in the window together is under the minimum group size: a sum would be a person's pay. */
  baseline: ReplayResult['baseline'] | Sided<ReplayResult['baseline']>;
  counterfactual: ReplayResult['counterfactual'] | Sided<ReplayResult['counterfactual']>;
  diff: ReplayResult['diff'] | Sided<ReplayResult['diff']>;
  changedOutcomes: ChangedOutcome[] | ChangedOutcomeCount[];
  /** Analysts: the minimum group size applied, the larger of the published and the proposed one. */
  minGroupSize?: number;
  /** Analysts: orgs left out of `diff.byOrg` and of the per-org changed outcomes. */
  suppressedOrgs?: string[];
  /** Analysts: years left out of `diff.byPeriod`. */
  suppressedPeriods?: string[];
};

/** A side (or the diff) with its pay figures withheld. */
type Sided<T extends { pay: unknown }> = Omit<T, 'pay'> & { pay: null };

interface Job extends ReplayJobDto {
  createdAt: number;
  /** The key that started it: only that key (or an admin) reads it. */
  owner: Principal;
}

/**
 * Runs replays: small ones inline, large ones (a first fold of a big history, or `Prefer:
 * respond-async`) as jobs kept in memory with their progress. Never writes an event.
 */
@Injectable()
export class Replays {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly cache: ReplayHistoryCache,
    private readonly policies: PolicyBook,
    private readonly records: WorkforceRecords,
  ) {}

  async start(
    request: ReplayRequestDto,
    owner: Principal,
    preferAsync: boolean,
  ): Promise<{ inline: ReplayAnswer } | { job: ReplayJobDto; running: Promise<unknown> }> {
    const counterfactual = proposedPolicy(request.policy);
    const job: Job = { replayId: randomUUID(), state: 'running', progress: 0, createdAt: Date.now(), owner: { role: owner.role, keyId: owner.keyId } };
    const running = this.run(request, counterfactual, owner.role, (share) => (job.progress = share));
    if (!preferAsync) {
      const quick = await Promise.race([running, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), INLINE_MS).unref())]);
      if (quick) return { inline: quick };
    }
    this.keep(job);
    running.then(
      (result) => Object.assign(job, { state: 'done', progress: 1, result }),
      (error: unknown) =>
        Object.assign(job, { state: 'failed', error: { title: 'Replay failed', detail: error instanceof Error ? error.message : String(error) } }),
    );
    return { job: this.view(job), running };
  }

  /** The job, if `reader` started it or is an admin; to anyone else it does not exist. */
  find(replayId: string, reader: Principal): ReplayJobDto | undefined {
    const job = this.jobs.get(replayId);
    const mayRead = job !== undefined && (job.owner.keyId === reader.keyId || reader.role === 'admin');
    return mayRead ? this.view(job) : undefined;
  }

  private async run(request: ReplayRequestDto, counterfactual: Policy, role: string, onProgress?: (share: number) => void): Promise<ReplayAnswer> {
    const history = await this.cache.current(onProgress);
    const recorded = await this.recordedPolicies(history);
    const analyst = role === 'analyst';
    const result = replay(history, {
      counterfactual,
      from: request.from,
      to: request.to,
      policyOf: (ref) => {
        const policy = recorded.get(ref);
        if (!policy) throw new Error(`No published policy ${ref}`);
        return policy;
      },
      orgs: analyst,
    });
    return analyst ? this.forAnalysts(result, counterfactual) : result;
  }

  /**
   * Analysts see groups, never people (ADR 010): the minimum group size is the published one
   * unless the proposal's is larger; orgs and years under it are suppressed with the complementary
   * rule (so the overall figures minus the shown rows never describe a small group), and changed
   * outcomes are counted per kind of change, overall and per shown org, never listed per person.
   */
  private async forAnalysts(result: ReplayResult, proposed: Policy): Promise<ReplayAnswer> {
    const minGroupSize = await publishedMinimum(this.policies, proposed);
    const window = { from: result.from, to: result.to };
    const records = await this.records.all();
    const stats = attritionStats(records, { ...window, groupBy: 'org', policy: proposed, minGroupSize, complementary: true });
    const everyone = stats.total !== null;
    const orgs = new Set(everyone ? stats.rows.map((row) => row.group) : []);
    const years = suppressSmallGroups([...populationByYear(records, window)], minGroupSize, {
      size: ([, people]) => people.size,
      name: ([year]) => year,
      members: ([, people]) => people,
    });
    const shownYears = new Set(everyone ? years.shown.map(([year]) => year) : []);
    const hiddenOrgs = [...stats.suppressed, ...result.diff.byOrg.map((row) => row.org), ...result.changedOutcomes.map((c) => c.org ?? '')];
    // Pay figures are overall counts and sums only (never per org, year or person), and withheld
    // when the whole window's population is under the minimum: a sum would then be someone's pay.
    const pay = <T extends { pay: unknown }>(side: T): T | Sided<T> => (everyone ? side : { ...side, pay: null });
    return {
      ...result,
      baseline: pay(result.baseline),
      counterfactual: pay(result.counterfactual),
      diff: {
        ...pay(result.diff),
        byOrg: result.diff.byOrg.filter((row) => orgs.has(row.org)),
        byPeriod: result.diff.byPeriod.filter((row) => shownYears.has(row.period)),
      },
      changedOutcomes: everyone ? countChanges(result.changedOutcomes, orgs) : [],
      minGroupSize,
      suppressedOrgs: [...new Set(hiddenOrgs.filter((org) => org !== '' && !orgs.has(org)))].sort(),
      suppressedPeriods: [...new Set([...years.suppressed.map(([year]) => year), ...result.diff.byPeriod.map((row) => row.period)])]
        .filter((year) => !shownYears.has(year))
        .sort(),
    };
  }

  /** Every published policy version the history's decisions name, loaded before the (synchronous) replay. */
  private async recordedPolicies(history: ReplayHistory): Promise<Map<string, Policy>> {
    const loaded = await Promise.all([...history.compact().policies].map(async (ref) => [ref, await this.policies.byRef(ref)] as const));
    return new Map(loaded);
  }

  private keep(job: Job): void {
    this.jobs.set(job.replayId, job);
    const oldest = [...this.jobs.values()].sort((a, b) => a.createdAt - b.createdAt);
    for (const stale of oldest.slice(0, Math.max(0, this.jobs.size - JOBS_KEPT))) this.jobs.delete(stale.replayId);
  }

  private view({ createdAt: _createdAt, owner: _owner, ...job }: Job): ReplayJobDto {
    return job;
  }
}

/** Changed outcomes counted by kind (outcome, cycle, baseline → counterfactual): overall, then per org in `orgs`. */
export function countChanges(changes: readonly ChangedOutcome[], orgs: ReadonlySet<string>): ChangedOutcomeCount[] {
  const counts = new Map<string, ChangedOutcomeCount>();
  const add = (org: string | undefined, { cycleId, outcome, baseline, counterfactual }: ChangedOutcome): void => {
    const key = JSON.stringify([org ?? '', outcome, cycleId ?? '', baseline, counterfactual]);
    const row = counts.get(key);
    if (row) row.count++;
    else counts.set(key, { ...(org === undefined ? {} : { org }), ...(cycleId === undefined ? {} : { cycleId }), outcome, baseline, counterfactual, count: 1 });
  };
  for (const change of changes) {
    add(undefined, change);
    if (change.org !== undefined && orgs.has(change.org)) add(change.org, change);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** The proposed policy, checked field by field like a published one; `version` is ignored. */
function proposedPolicy(document: Record<string, unknown>): Policy {
  const { version: _version, ...rest } = document;
  const problems = validatePolicy(rest);
  if (problems.length > 0) throw new InvalidPolicy(problems.map((p) => ({ field: p.field ? `policy.${p.field}` : 'policy', message: p.message })));
  return { ...(rest as Omit<Policy, 'version'>), version: 0 };
}
