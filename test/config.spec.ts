import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@pm/platform';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store under ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.eventStore).toMatchObject({ engine: 'sqlite', synchronous: 'FULL' });
    expect(config.eventStore.engine === 'sqlite' && config.eventStore.path).toMatch(/data\/events\.db$/);
  });

  it('names every wrong variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mysql', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT="eighty"/);
    expect(problems).toMatch(/EVENT_STORE="mysql" must be one of sqlite, postgres, eventstoredb/);
    expect(problems).toMatch(/LOG_LEVEL="loud"/);
  });

  it('checks for lapsed Pivot choice windows every hour unless PIVOT_LAPSE_CHECK_INTERVAL_MS says otherwise', () => {
    expect(loadConfig({}).pivotLapseCheckIntervalMs).toBe(3_600_000);
    expect(loadConfig({ PIVOT_LAPSE_CHECK_INTERVAL_MS: '60000' }).pivotLapseCheckIntervalMs).toBe(60_000);
    expect(() => loadConfig({ PIVOT_LAPSE_CHECK_INTERVAL_MS: '10' })).toThrow(/PIVOT_LAPSE_CHECK_INTERVAL_MS="10" must be a whole number >= 1000/);
    expect(() => loadConfig({ PIVOT_LAPSE_CHECK_INTERVAL_MS: 'hourly' })).toThrow(/PIVOT_LAPSE_CHECK_INTERVAL_MS="hourly"/);
  });

  it('requires the connection settings of the chosen engine', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL is required when EVENT_STORE=postgres/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    expect(() => loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://x' })).toThrow(/must start with postgres/);
    expect(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u:p@h/db' }).eventStore).toEqual({ engine: 'postgres', url: 'postgres://u:p@h/db' });
  });

  it('keeps keys, idempotency and the access log in shared PostgreSQL with EventStoreDB, and refuses to start without it', () => {
    const esdb = { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' };
    expect(() => loadConfig(esdb)).toThrow(/SERVICE_DATABASE_URL \(PostgreSQL\) is required when EVENT_STORE=eventstoredb/);
    expect(loadConfig({ ...esdb, SERVICE_DATABASE_URL: 'postgres://svc@h/service' }).serviceDatabaseUrl).toBe('postgres://svc@h/service');
    expect(() => loadConfig({ ...esdb, SERVICE_DATABASE_URL: 'sqlite://x' })).toThrow(/SERVICE_DATABASE_URL must start with postgres/);
  });

  it('keeps key-encryption keys apart (KEY_ENCRYPTION_KEY_DIR, DATA_DIR/secrets/kek by default), data keys in KEYS_DATABASE_URL when given', () => {
    expect(loadConfig({ DATA_DIR: '/srv/pm' }).personalData).toEqual({ keyEncryptionKeyDir: '/srv/pm/secrets/kek', keysDatabaseUrl: undefined });
    expect(loadConfig({ KEY_ENCRYPTION_KEY_DIR: '/run/secrets/kek', KEYS_DATABASE_URL: 'postgres://keys@h/keys' }).personalData).toEqual({
      keyEncryptionKeyDir: '/run/secrets/kek',
      keysDatabaseUrl: 'postgres://keys@h/keys',
    });
  });

  it('migrates PostgreSQL as DATABASE_OWNER_URL when given, the service keeping only read and append on the events', () => {
    const store = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://svc@h/db', DATABASE_OWNER_URL: 'postgres://owner@h/db' }).eventStore;
    expect(store).toEqual({ engine: 'postgres', url: 'postgres://svc@h/db', ownerUrl: 'postgres://owner@h/db' });
  });

  describe('signed audit checkpoints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-config-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('by default creates the signing key in DATA_DIR/secrets and appends hourly to DATA_DIR/audit/checkpoints.ndjson', () => {
      expect(loadConfig({ DATA_DIR: dir }).audit).toEqual({
        signingKey: { file: join(dir, 'secrets/audit-signing-key.pem'), createIfMissing: true },
        checkpointLog: { kind: 'file', path: join(dir, 'audit/checkpoints.ndjson') },
        checkpointHeadsPath: join(dir, 'audit/checkpoint-heads.txt'),
        checkpointIntervalMs: 3_600_000,
      });
    });

    it('takes a key file that exists, never creating one then; a log file or stdout; another interval', () => {
      const keyFile = join(dir, 'mounted-key.pem');
      writeFileSync(keyFile, 'placeholder', { mode: 0o600 });
      const audit = loadConfig({
        AUDIT_SIGNING_KEY_FILE: keyFile,
        AUDIT_CHECKPOINT_LOG: join(dir, 'elsewhere.ndjson'),
        AUDIT_CHECKPOINT_INTERVAL_MS: '60000',
      }).audit;
      expect(audit).toMatchObject({
        signingKey: { file: keyFile, createIfMissing: false },
        checkpointLog: { kind: 'file', path: join(dir, 'elsewhere.ndjson') },
        checkpointIntervalMs: 60_000,
      });
      expect(loadConfig({ AUDIT_CHECKPOINT_LOG: 'stdout' }).audit.checkpointLog).toEqual({ kind: 'stdout' });
    });

    it('names a key file that is missing or set empty, a log that is a directory, and an interval below a second', () => {
      let error: unknown;
      try {
        loadConfig({ AUDIT_SIGNING_KEY_FILE: join(dir, 'missing.pem'), AUDIT_CHECKPOINT_LOG: dir, AUDIT_CHECKPOINT_INTERVAL_MS: '10' });
      } catch (e) {
        error = e;
      }
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/AUDIT_SIGNING_KEY_FILE=".*missing\.pem" does not exist/);
      expect(problems).toMatch(/AUDIT_CHECKPOINT_LOG=".*" is a directory/);
      expect(problems).toMatch(/AUDIT_CHECKPOINT_INTERVAL_MS="10" must be a whole number >= 1000/);
      expect(() => loadConfig({ AUDIT_SIGNING_KEY_FILE: ' ' })).toThrow(/AUDIT_SIGNING_KEY_FILE is set but empty/);
    });
  });
});
