import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import {
  EVENT_STORE,
  FileCheckpointLog,
  parseDigestToken,
  readCheckpointLog,
  verifyStore,
  type AuditProgress,
  type AuditReport,
  type EventStore,
} from '@pm/event-store';
import { eventProgressBar } from './progress';

interface VerifyOptions {
  digest?: string;
  checkpointLog?: string;
  publicKey?: KeyObject;
}

/** An option error commander reports as such (exit 1), instead of a stack. */
const badOption = (message: string): Error => Object.assign(new Error(message), { code: 'commander.invalidArgument', exitCode: 1 });

/** Exit code when the store does not verify (1 is left for errors: bad option, store unreachable). */
export const NOT_VERIFIED_EXIT_CODE = 2;

/** Recomputes every hash chain, and with --digest proves nothing the digest covered is gone. */
@Command({
  name: 'verify',
  description:
    'Recompute every stream hash chain; with --digest, also prove nothing a digest kept earlier covered was deleted or truncated; with --checkpoint-log and --public-key, check the store against the latest checkpoint of a (shipped) log that key signed. Prints the report as JSON; exits 2 when not ok',
})
export class VerifyCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  async run(_params: string[], options: VerifyOptions): Promise<void> {
    const bar = eventProgressBar('verify');
    const started = Date.now();
    const rate = (count: number) => Math.round(count / Math.max((Date.now() - started) / 1000, 0.001));
    // Positions are not dense on postgres: the bar measures the position span read, an estimate.
    const onProgress = (p: AuditProgress) => {
      if (!bar.isActive) bar.start(Math.max(p.toPosition - p.fromPosition + 1, 1), 0, { rate: 0 });
      bar.update(Math.min(p.position - p.fromPosition + 1, bar.getTotal()), { rate: rate(p.checkedEvents) });
    };
    if (options.checkpointLog && !options.publicKey) throw badOption('--checkpoint-log needs --public-key (the PEM of GET /v1/audit/public-key)');
    const reading =
      options.checkpointLog && options.publicKey ? await readCheckpointLog(new FileCheckpointLog(options.checkpointLog), options.publicKey) : undefined;
    if (reading && !reading.trusted) throw badOption(`${options.checkpointLog} holds no checkpoint signed by that key`);
    const report = await verifyStore(this.store, { digest: options.digest, onProgress, checkpoint: reading?.trusted?.checkpoint });
    if (bar.isActive) {
      if (report.ok) bar.update(bar.getTotal(), { rate: rate(report.checkedEvents) });
      bar.stop();
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`${summary(report)}\n`);
    if (!report.ok) process.exitCode = NOT_VERIFIED_EXIT_CODE;
  }

  @Option({ flags: '--digest <token>', description: 'a digest kept earlier: v1.<position>.<streams>.<sha256hex>' })
  parseDigest(value: string): string {
    try {
      parseDigestToken(value);
    } catch (error) {
      // This code makes commander report a bad option value and exit 1, instead of a stack and exit 0.
      throw badOption((error as Error).message);
    }
    return value;
  }

  @Option({ flags: '--checkpoint-log <file>', description: 'an NDJSON checkpoint log (a copy shipped away from the database, say)' })
  parseCheckpointLog(value: string): string {
    if (!existsSync(value)) throw badOption(`--checkpoint-log ${value} does not exist`);
    return value;
  }

  @Option({ flags: '--public-key <pem-file>', description: "the service's Ed25519 public key (PEM), to judge the log's signatures" })
  parsePublicKey(value: string): KeyObject {
    try {
      return createPublicKey(readFileSync(value));
    } catch (error) {
      throw badOption(`--public-key ${value}: ${(error as Error).message}`);
    }
  }
}

function summary(report: AuditReport): string {
  if (report.ok) {
    const covered = report.digestCovered ? ', and everything the digest covered is still there' : '';
    return `ok: ${report.checkedEvents} events in ${report.streams} streams verified up to position ${report.position}${covered}; digest now: ${report.digest}`;
  }
  const where = [
    report.firstBadPosition !== undefined && `at position ${report.firstBadPosition}`,
    report.firstBadStreamId && `in stream ${report.firstBadStreamId}`,
  ]
    .filter(Boolean)
    .join(' ');
  return `NOT OK: ${report.reason}${where ? ` ${where}` : ''}: ${report.detail}`;
}
