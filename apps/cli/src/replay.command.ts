import { readFileSync, writeFileSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { PolicyBook } from '@pm/commands';
import { InvalidPolicy, validatePolicy, type Policy } from '@pm/domain';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { Pseudonyms } from '@pm/platform';
import { foldFeed, replay, ReplayHistory, type ReplayResult } from '@pm/replay';
import { eventProgressBar } from './progress';
import { replayReport } from './replay-report';

interface ReplayOptions {
  policy: string;
  from?: string;
  to?: string;
  out: string;
  ids?: boolean;
}

const invalid = (message: string) => Object.assign(new Error(message), { code: 'commander.invalidArgument', exitCode: 1 });

/**
 * Replays the whole history under a proposed policy (a JSON file), in memory: prints a summary
 * and writes a self-contained HTML report. Nothing is written to the store.
 */
@Command({
  name: 'replay',
  description: 'Replay the recorded history under a proposed policy (JSON file); print a summary and write an HTML report. Writes no event',
})
export class ReplayCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly pseudonyms: Pseudonyms,
    private readonly policies: PolicyBook,
  ) {
    super();
  }

  async run(_params: string[], options: ReplayOptions): Promise<void> {
    const proposed = readPolicy(options.policy);
    const history = await this.fold();
    const recorded = new Map<string, Policy>();
    for (const ref of history.compact().policies) recorded.set(ref, await this.policies.byRef(ref));
    const result = replay(history, {
      counterfactual: proposed,
      from: options.from,
      to: options.to,
      policyOf: (ref) => recorded.get(ref) as Policy,
      pseudonym: options.ids ? undefined : this.pseudonyms.forAnswer(),
    });
    writeFileSync(options.out, replayReport(result, `Replay under ${proposed.name} (${proposed.policyId})`));
    process.stdout.write(`${summary(result)}\nreport: ${options.out}\n`);
  }

  private async fold(): Promise<ReplayHistory> {
    const history = new ReplayHistory();
    const head = await this.store.headPosition();
    const bar = eventProgressBar('replay');
    bar.start(Math.max(head, 1), 0, { rate: 0 });
    const started = Date.now();
    await foldFeed(history, this.store.readAll(), {
      afterChunk: (folded) => bar.update(Math.min(history.position, head), { rate: Math.round(folded / Math.max((Date.now() - started) / 1000, 0.001)) }),
    });
    bar.update(bar.getTotal());
    bar.stop();
    return history;
  }

  @Option({ flags: '--policy <file>', description: 'the proposed policy: a JSON document (version ignored)', required: true })
  parsePolicy(value: string): string {
    return value;
  }

  @Option({ flags: '--from <date>', description: 'first business date of the window (YYYY-MM-DD)' })
  parseFrom(value: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(`--from must be a date YYYY-MM-DD, got ${value}`);
    return value;
  }

  @Option({ flags: '--to <date>', description: 'last business date of the window (YYYY-MM-DD)' })
  parseTo(value: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(`--to must be a date YYYY-MM-DD, got ${value}`);
    return value;
  }

  @Option({ flags: '--out <file>', description: 'where to write the HTML report', defaultValue: 'replay-report.html' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--ids', description: 'name employees by id in the report (default: pseudonyms drawn for this report only, linkable to nothing else)' })
  parseIds(): boolean {
    return true;
  }
}

function readPolicy(file: string): Policy {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(`--policy ${file}: ${(error as Error).message}`);
  }
  const { version: _version, ...rest } = (document ?? {}) as Record<string, unknown>;
  const problems = validatePolicy(rest);
  if (problems.length > 0) throw new InvalidPolicy(problems);
  return { ...(rest as Omit<Policy, 'version'>), version: 0 };
}

function summary(result: ReplayResult): string {
  const lines = [
    `replay ${result.from} to ${result.to} (history up to position ${result.position}); recorded ${result.policy.baseline.join(', ')}, proposed ${result.policy.counterfactual}`,
  ];
  const fields = [
    'ratedEmployees',
    'focusEligible',
    'focusEntries',
    'pivots',
    'involuntaryExits',
    'regretted',
    'unregretted',
    'uraGap',
    'promotionEligible',
  ] as const;
  for (const f of fields) lines.push(`  ${f.padEnd(20)} ${String(result.baseline[f]).padStart(10)} -> ${String(result.counterfactual[f]).padStart(10)}`);
  lines.push(`  grades  ${JSON.stringify(result.baseline.gradeDistribution)} -> ${JSON.stringify(result.counterfactual.gradeDistribution)}`);
  lines.push(`  ${result.changedOutcomes.length} changed outcomes; ${result.assumptions.length} assumptions (see the report)`);
  return lines.join('\n');
}
