import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  auditStore,
  AuditSigningKey,
  CheckpointHeadsFile,
  EVENT_STORE,
  FileCheckpointLog,
  loadOrCreateSigningKey,
  readCheckpointLog,
  StdoutCheckpointLog,
  verifyStore,
  type AuditReport,
  type CheckpointLog,
  type EventStore,
  type LogEntry,
  type LogReading,
  type SignedCheckpoint,
  type VerifyOptions,
} from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '@pm/platform';

export const AUDIT_SIGNING_KEY = Symbol('AuditSigningKey');
export const CHECKPOINT_LOG = Symbol('CheckpointLog');
export const CHECKPOINT_HEADS = Symbol('CheckpointHeads');

const logger = new Logger('AuditCheckpoints');

/** Loads the signing key at start-up (a bad key file stops the start), creating it on first start when allowed. */
export function signingKeyFrom(config: AppConfig): AuditSigningKey {
  const { key, created, warning } = loadOrCreateSigningKey(config.audit.signingKey);
  if (created) {
    logger.warn(
      `Created the audit signing key ${key.keyId} in ${config.audit.signingKey.file} (Ed25519, mode 0600). ` +
        'Back it up apart from the event store, and pin its public key (GET /v1/audit/public-key) where verifiers can read it.',
    );
  }
  if (warning) logger.warn(warning);
  return key;
}

export function checkpointLogFrom(config: AppConfig): CheckpointLog {
  return config.audit.checkpointLog.kind === 'stdout' ? new StdoutCheckpointLog() : new FileCheckpointLog(config.audit.checkpointLog.path);
}

/** The store does not match the latest signed checkpoint (or a chain is broken): nothing new is signed. */
export class CheckpointRefused extends Error {
  constructor(readonly report: AuditReport) {
    super(`The store does not verify, so no checkpoint is signed: ${report.reason}: ${report.detail}`);
    this.name = 'CheckpointRefused';
  }
}

/** A rejected line of the log, as a verify and the checkpoint list show it. */
export interface RejectedLine {
  offset: number;
  reason: NonNullable<LogEntry['rejected']>;
  detail?: string;
  position?: number;
  createdAt?: string;
  keyId?: string;
}

/** The verify answer: the store's report, the checkpoint it was checked against, the log lines not trusted. */
export type VerifyAnswer = AuditReport & {
  checkpoint?: { offset: number; position: number; events: number; streams: number; createdAt: string; keyId: string; signatureValid: boolean };
  rejectedCheckpoints?: RejectedLine[];
};

/**
 * Signed checkpoints (docs/adr/014-signed-checkpoints.md): signs one over the verified store at
 * start-up when there are events since the last, every AUDIT_CHECKPOINT_INTERVAL_MS when there are,
 * and on demand; appends it to the log, never rewriting it. A new checkpoint is signed only when
 * the store still matches the latest one (and every chain verifies), so a rewrite behind the
 * service's back is never blessed by the next checkpoint. Checkpoints are taken one at a time.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_SIGNING_KEY) readonly key: AuditSigningKey,
    @Inject(CHECKPOINT_LOG) private readonly log: CheckpointLog,
    @Inject(CHECKPOINT_HEADS) private readonly heads: CheckpointHeadsFile,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.takeIfNew('start-up').finally(() => this.schedule());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Signs a checkpoint now (after any being taken), whether or not there are new events. */
  take(): Promise<SignedCheckpoint> {
    return this.queue(() => this.sign());
  }

  /** The log read back and judged with this service's public key. */
  read(): Promise<LogReading> {
    return readCheckpointLog(this.log, this.key.publicKey);
  }

  /** Every chain, a digest kept by the caller, and the latest signed checkpoint. */
  async verify(digest?: string): Promise<VerifyAnswer> {
    const reading = await this.read();
    const report: VerifyAnswer = await verifyStore(this.store, { digest, checkpoint: await this.claimOf(reading) });
    const trusted = reading.trusted;
    if (trusted) {
      const { position, events, streams, createdAt, keyId } = trusted.checkpoint;
      report.checkpoint = { offset: trusted.offset, position, events, streams, createdAt, keyId, signatureValid: true };
    }
    const rejected = reading.entries.filter((entry) => !entry.signatureValid);
    if (rejected.length > 0) report.rejectedCheckpoints = rejected.slice(-20).map(rejectedLine);
    const newest = reading.rejectedSinceTrusted.at(-1);
    if (report.ok && newest) {
      report.ok = false;
      report.reason = 'checkpoint-rejected';
      report.detail =
        `the newest line of the checkpoint log (at byte ${newest.offset}) is not a checkpoint this service signed (${newest.rejected}: ${newest.detail}); ` +
        (trusted
          ? `the store was checked against the one before it, of ${trusted.checkpoint.createdAt}`
          : 'no line of the log is, so no checkpoint was checked');
      delete report.digest;
    }
    return report;
  }

  private takeIfNew(why: string): Promise<SignedCheckpoint | undefined> {
    return this.queue(async () => {
      const reading = await this.read();
      const head = await this.store.headPosition();
      if (head === 0 || head <= (reading.trusted?.checkpoint.position ?? 0)) return undefined;
      return this.sign(reading);
    }).catch((error: unknown) => {
      logger.error(`The ${why} checkpoint was not signed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.takeIfNew('scheduled').finally(() => this.schedule()), this.config.audit.checkpointIntervalMs);
    this.timer.unref();
  }

  private queue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.running.then(job, job);
    this.running = next.catch(() => undefined);
    return next;
  }

  private async sign(reading?: LogReading): Promise<SignedCheckpoint> {
    const read = reading ?? (await this.read());
    if (read.rejectedSinceTrusted.length > 0) {
      logger.warn(`The newest ${read.rejectedSinceTrusted.length} line(s) of the checkpoint log are not this service's checkpoints; see GET /v1/audit/verify`);
    }
    const { report, state } = await auditStore(this.store, { checkpoint: await this.claimOf(read), state: true });
    if (!state) throw new CheckpointRefused(report);
    const checkpoint = this.key.signCheckpoint({
      position: state.position,
      events: state.events,
      streams: state.streams,
      digest: state.digest,
      headsRoot: state.headsRoot,
      eventsRoot: state.eventsRoot,
      createdAt: new Date().toISOString(),
    });
    await this.log.append(checkpoint);
    await this.heads.write(checkpoint, state.headLeaves);
    logger.log(`Signed checkpoint at position ${checkpoint.position} (${checkpoint.events} events, ${checkpoint.streams} streams) to ${this.log.target}`);
    return checkpoint;
  }

  /** The trusted checkpoint as a verify takes it, with its heads when the heads file is that checkpoint's. */
  private async claimOf(reading: LogReading): Promise<VerifyOptions['checkpoint']> {
    const trusted = reading.trusted?.checkpoint;
    if (!trusted) return undefined;
    const heads = await this.heads.read(trusted).catch(() => undefined);
    return { ...trusted, ...(heads ? { heads } : {}) };
  }
}

export function rejectedLine(entry: LogEntry): RejectedLine {
  return {
    offset: entry.offset,
    reason: entry.rejected ?? 'malformed',
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.checkpoint ? { position: entry.checkpoint.position, createdAt: entry.checkpoint.createdAt, keyId: entry.checkpoint.keyId } : {}),
  };
}
