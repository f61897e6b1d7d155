import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/app';
import { as, hireBody } from '../support/http';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('the data directory at start', () => {
  it('makes a directory others could read owner-only, with every file in it, and keeps what it writes so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pm-private-'));
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'old'), { mode: 0o755 });
    writeFileSync(join(dataDir, 'old', 'notes.txt'), 'left by an operator', { mode: 0o644 });

    const app = await startTestApp('sqlite', { DATA_DIR: dataDir });
    try {
      await as(app, 'hr').post('/v1/employees', hireBody('pf-1')).expect(201);
    } finally {
      await app.close();
    }

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'old'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'old', 'notes.txt'))).toBe(0o600);
    const written = readdirSync(dataDir).filter((name) => /\.db(-wal|-shm)?$/.test(name));
    expect(written).toEqual(expect.arrayContaining(['events.db', 'keys.db', 'service.db', 'read-models.db']));
    for (const name of written) expect([name, modeOf(join(dataDir, name))]).toEqual([name, 0o600]);
    expect(modeOf(join(dataDir, 'secrets', 'kek'))).toBe(0o700);
    for (const name of readdirSync(join(dataDir, 'secrets', 'kek'))) expect(modeOf(join(dataDir, 'secrets', 'kek', name))).toBe(0o600);
  });
});
