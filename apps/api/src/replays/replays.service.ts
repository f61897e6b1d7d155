import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PolicyBook } from '@pm/commands';
import { InvalidPolicy, validatePolicy, type Policy } from '@pm/domain';
import { Pseudonyms } from '@pm/platform';
import { attritionStats } from '@pm/projections';
import { replay, type ReplayHistory, type ReplayResult } from '@pm/replay';
import { WorkforceRecords } from '../analytics/workforce-records';
import { ReplayHistoryCache } from './replay-history.service';
import type { ReplayJobDto, ReplayRequestDto } from './replay.dto';

/** A replay that takes longer than this is answered as a job (202) and carries on. */
const INLINE_MS = 2_000;
const JOBS_KEPT = 50;

export type ReplayAnswer = ReplayResult & { suppressedOrgs?: string[] };

interface Job extends ReplayJobDto {
  createdAt: number;
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
    private readonly pseudonyms: Pseudonyms,
    private readonly records: WorkforceRecords,
  ) {}

  async start(request: ReplayRequestDto, role: string, preferAsync: boolean): Promise<{ inline: ReplayAnswer } | { job: ReplayJobDto }> {
    const counterfactual = proposedPolicy(request.policy);
    const job: Job = { replayId: randomUUID(), state: 'running', progress: 0, createdAt: Date.now() };
    const running = this.run(request, counterfactual, role, (share) => (job.progress = share));
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
    return { job: this.view(job) };
  }

  find(replayId: string): ReplayJobDto | undefined {
    const job = this.jobs.get(replayId);
    return job && this.view(job);
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
      pseudonym: analyst ? await this.pseudonyms.pseudonymizer() : undefined,
    });
    if (!analyst) return result;
    // Analysts never see a group under the policy's minimum size (ADR 010).
    const stats = attritionStats(await this.records.all(), { from: result.from, to: result.to, groupBy: 'org', policy: counterfactual });
    const suppressed = new Set(stats.suppressed);
    return { ...result, diff: { ...result.diff, byOrg: result.diff.byOrg.filter((row) => !suppressed.has(row.org)) }, suppressedOrgs: stats.suppressed };
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

  private view({ createdAt: _createdAt, ...job }: Job): ReplayJobDto {
    return job;
  }
}

/** The proposed policy, checked field by field like a published one; `version` is ignored. */
function proposedPolicy(document: Record<string, unknown>): Policy {
  const { version: _version, ...rest } = document;
  const problems = validatePolicy(rest);
  if (problems.length > 0) throw new InvalidPolicy(problems.map((p) => ({ field: p.field ? `policy.${p.field}` : 'policy', message: p.message })));
  return { ...(rest as Omit<Policy, 'version'>), version: 0 };
}
