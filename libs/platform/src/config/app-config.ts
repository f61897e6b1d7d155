import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EventStoreSettings } from '@pm/event-store';

export interface AppConfig {
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the service keeps its own files (the SQLite store by default). */
  dataDir: string;
  eventStore: EventStoreSettings;
  /** `role:key,role:key`; when unset, keys are created in the data directory on first start. */
  apiKeys?: string;
  /** Requests per minute per API key (or per address before authentication). */
  rateLimitPerMinute: number;
  /** Failed authentications (a key presented and refused) per minute per client address; 429 beyond. */
  authFailuresPerMinute: number;
  bodyLimitBytes: number;
  /** The policy in force for employees who have no rating under another policy yet. */
  defaultPolicyId: string;
  tenantId: string;
  readModels: ReadModelSettings;
  /** Between two checks for lapsed Pivot choice windows (one check also runs at start-up). */
  pivotLapseCheckIntervalMs: number;
  /** Signed checkpoints of the event store (ADR 014). */
  audit: AuditSettings;
  personalData: PersonalDataSettings;
  /**
   * PostgreSQL for the service's own tables (idempotency, access log, keys) when the events are
   * elsewhere: required with EventStoreDB, so every API node shares them.
   */
  serviceDatabaseUrl?: string;
}

/** Where data keys and the key-encryption keys that wrap them are kept (ADR 008). */
export interface PersonalDataSettings {
  /** Directory of KEK epoch files, apart from the data (mount it from a secret store). */
  keyEncryptionKeyDir: string;
  /** A PostgreSQL database of its own for the wrapped data keys, with its own credentials. */
  keysDatabaseUrl?: string;
}

/** Signed checkpoints (ADR 014): the key that signs them, where they are written, how often. */
export interface AuditSettings {
  /** PEM PKCS#8 Ed25519 private key, apart from the events; `createIfMissing` for the default file, created on first start. */
  signingKey: { file: string; createIfMissing: boolean };
  /** The append-only NDJSON file checkpoints go to, or `stdout` (one JSON line each, for a log shipper). */
  checkpointLog: { kind: 'file'; path: string } | { kind: 'stdout' };
  /** The latest checkpoint's stream heads: they let a verify name the stream that diverged. */
  checkpointHeadsPath: string;
  /** Between two scheduled checkpoints (one is also taken at start-up when there are new events). */
  checkpointIntervalMs: number;
}

/** Where projections keep their documents, and who runs them. */
export interface ReadModelSettings {
  store: { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };
  /** `inline`: the API process runs the projections; `external`: a `cli project` process does. */
  runner: 'inline' | 'external';
  /** How long a read waits for the projections to reach the events stored when it arrived. */
  consistencyTimeoutMs: number;
}

export const APP_CONFIG = Symbol('AppConfig');

/** Thrown at start-up with every wrong environment variable named. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ENGINES = ['sqlite', 'postgres', 'eventstoredb'] as const;
const SYNCHRONOUS = ['FULL', 'NORMAL', 'EXTRA'] as const;

function oneOf<T extends string>(problems: string[], name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name}=${JSON.stringify(value)} must be one of ${allowed.join(', ')}`);
  return fallback;
}

function required(problems: string[], name: string, value: string | undefined, why: string): string {
  if (!value) problems.push(`${name} is required ${why}`);
  return value ?? '';
}

function wholeNumber(problems: string[], name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) problems.push(`${name}=${JSON.stringify(value)} must be a whole number >= ${min}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT=${JSON.stringify(env.PORT)} must be a whole number from 0 to 65535`);
  const logLevel = oneOf(problems, 'LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'info');
  const dataDir = resolve(env.DATA_DIR || './data');
  const engine = oneOf(problems, 'EVENT_STORE', env.EVENT_STORE, ENGINES, 'sqlite');

  let eventStore: EventStoreSettings;
  if (engine === 'postgres') {
    const url = required(problems, 'DATABASE_URL', env.DATABASE_URL, 'when EVENT_STORE=postgres');
    if (url && !/^postgres(ql)?:\/\//.test(url)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
    const ownerUrl = postgresUrl(problems, 'DATABASE_OWNER_URL', env.DATABASE_OWNER_URL);
    eventStore = ownerUrl ? { engine, url, ownerUrl } : { engine, url };
  } else if (engine === 'eventstoredb') {
    const connectionString = required(problems, 'EVENTSTORE_CONNECTION_STRING', env.EVENTSTORE_CONNECTION_STRING, 'when EVENT_STORE=eventstoredb');
    if (connectionString && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//.test(connectionString)) {
      problems.push('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
    }
    eventStore = { engine, connectionString };
  } else {
    eventStore = {
      engine: 'sqlite',
      path: resolve(env.SQLITE_PATH || `${dataDir}/events.db`),
      synchronous: oneOf(problems, 'SQLITE_SYNCHRONOUS', env.SQLITE_SYNCHRONOUS, SYNCHRONOUS, 'FULL'),
    };
  }

  const rateLimitPerMinute = wholeNumber(problems, 'RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000, 1);
  const authFailuresPerMinute = wholeNumber(problems, 'AUTH_FAILURES_PER_MINUTE', env.AUTH_FAILURES_PER_MINUTE, 30, 1);
  const bodyLimitBytes = wholeNumber(problems, 'BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024, 1024);
  const defaultPolicyId = env.DEFAULT_POLICY_ID || 'default';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(defaultPolicyId)) problems.push(`DEFAULT_POLICY_ID=${JSON.stringify(defaultPolicyId)} is not a policy id`);
  const tenantId = env.TENANT_ID || 'default';
  if (env.API_KEYS !== undefined && env.API_KEYS.trim() === '') problems.push('API_KEYS is set but empty; unset it to have keys created');

  const readModels = readModelSettings(problems, env, dataDir, eventStore);
  const pivotLapseCheckIntervalMs = wholeNumber(problems, 'PIVOT_LAPSE_CHECK_INTERVAL_MS', env.PIVOT_LAPSE_CHECK_INTERVAL_MS, 3_600_000, 1000);
  const audit = auditSettings(problems, env, dataDir);
  const keysDatabaseUrl = postgresUrl(problems, 'KEYS_DATABASE_URL', env.KEYS_DATABASE_URL);
  const serviceDatabaseUrl = postgresUrl(problems, 'SERVICE_DATABASE_URL', env.SERVICE_DATABASE_URL);
  if (engine === 'eventstoredb' && !serviceDatabaseUrl) {
    problems.push(
      'SERVICE_DATABASE_URL (PostgreSQL) is required when EVENT_STORE=eventstoredb: keys, idempotency and the access log must be shared by every node',
    );
  }
  const personalData = { keyEncryptionKeyDir: resolve(env.KEY_ENCRYPTION_KEY_DIR || `${dataDir}/secrets/kek`), keysDatabaseUrl };

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    logLevel,
    dataDir,
    eventStore,
    apiKeys: env.API_KEYS,
    rateLimitPerMinute,
    authFailuresPerMinute,
    bodyLimitBytes,
    defaultPolicyId,
    tenantId,
    readModels,
    pivotLapseCheckIntervalMs,
    audit,
    personalData,
    serviceDatabaseUrl,
  };
}

function postgresUrl(problems: string[], name: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) problems.push(`${name} must start with postgres:// or postgresql://`);
  return value;
}

/** Read models follow the event store's engine unless READ_MODEL_STORE says otherwise. */
function readModelSettings(problems: string[], env: NodeJS.ProcessEnv, dataDir: string, eventStore: EventStoreSettings): ReadModelSettings {
  const engine = oneOf(
    problems,
    'READ_MODEL_STORE',
    env.READ_MODEL_STORE,
    ['sqlite', 'postgres'] as const,
    eventStore.engine === 'postgres' ? 'postgres' : 'sqlite',
  );
  let store: ReadModelSettings['store'];
  if (engine === 'postgres') {
    const url = env.READ_MODEL_DATABASE_URL || env.DATABASE_URL;
    if (!url && eventStore.engine !== 'postgres') problems.push('READ_MODEL_DATABASE_URL (or DATABASE_URL) is required when READ_MODEL_STORE=postgres');
    store = { engine, url: url ?? '' };
  } else {
    store = { engine, path: resolve(env.READ_MODEL_PATH || `${dataDir}/read-models.db`) };
  }
  return {
    store,
    runner: oneOf(problems, 'PROJECTION_RUNNER', env.PROJECTION_RUNNER, ['inline', 'external'] as const, 'inline'),
    consistencyTimeoutMs: wholeNumber(problems, 'READ_CONSISTENCY_TIMEOUT_MS', env.READ_CONSISTENCY_TIMEOUT_MS, 5000, 0),
  };
}

/** The signing key (AUDIT_SIGNING_KEY_FILE, else created in DATA_DIR/secrets) and the checkpoint log. */
function auditSettings(problems: string[], env: NodeJS.ProcessEnv, dataDir: string): AuditSettings {
  const keyFile = env.AUDIT_SIGNING_KEY_FILE;
  if (keyFile !== undefined && keyFile.trim() === '')
    problems.push('AUDIT_SIGNING_KEY_FILE is set but empty; unset it to have a key created in DATA_DIR/secrets');
  else if (keyFile && !existsSync(resolve(keyFile))) problems.push(`AUDIT_SIGNING_KEY_FILE=${JSON.stringify(keyFile)} does not exist`);
  const log = env.AUDIT_CHECKPOINT_LOG;
  const logPath = resolve(log || `${dataDir}/audit/checkpoints.ndjson`);
  if (log !== 'stdout' && existsSync(logPath) && statSync(logPath).isDirectory()) {
    problems.push(`AUDIT_CHECKPOINT_LOG=${JSON.stringify(log ?? logPath)} is a directory; give a file, or stdout`);
  }
  return {
    signingKey: keyFile
      ? { file: resolve(keyFile), createIfMissing: false }
      : { file: resolve(`${dataDir}/secrets/audit-signing-key.pem`), createIfMissing: true },
    checkpointLog: log === 'stdout' ? { kind: 'stdout' } : { kind: 'file', path: logPath },
    checkpointHeadsPath: resolve(`${dataDir}/audit/checkpoint-heads.txt`),
    checkpointIntervalMs: wholeNumber(problems, 'AUDIT_CHECKPOINT_INTERVAL_MS', env.AUDIT_CHECKPOINT_INTERVAL_MS, 3_600_000, 1000),
  };
}
