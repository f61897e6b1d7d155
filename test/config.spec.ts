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
});
