import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestApp } from '../support/app';
import { cli } from '../support/cli';
import { as, hireBody } from '../support/http';

describe('cli verify against a shipped checkpoint log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-cli-verify-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'pm-shipped-'));
  const shippedLog = join(elsewhere, 'checkpoints.ndjson');
  const publicKey = join(elsewhere, 'audit-public-key.pem');
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const app = await startTestApp('sqlite', { DATA_DIR: dataDir });
    for (const id of ['v-1', 'v-2']) await as(app, 'hr').post('/v1/employees', hireBody(id)).expect(201);
    await as(app, 'hr').post('/v1/employees/v-2/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'positive', text: 'Fine work' }).expect(200);
    await as(app, 'compliance').post('/v1/audit/checkpoints').expect(201);
    writeFileSync(publicKey, (await as(app, 'compliance').get('/v1/audit/public-key').expect(200)).body.publicKey);
    await app.close();
    copyFileSync(join(dataDir, 'audit', 'checkpoints.ndjson'), shippedLog);
  });

  it('passes while the store matches the latest checkpoint the key signed', () => {
    const run = cli(dataDir, 'verify', '--checkpoint-log', shippedLog, '--public-key', publicKey);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, checkpointCovered: true });
  });

  it('catches a stream cut back after the checkpoint, though every chain left still verifies', () => {
    const db = new Database(join(dataDir, 'events.db'));
    db.prepare("DELETE FROM events WHERE stream_id = 'employee-v-2' AND revision = 1").run();
    db.close();
    expect(JSON.parse(cli(dataDir, 'verify').stdout)).toMatchObject({ ok: true });
    const run = cli(dataDir, 'verify', '--checkpoint-log', shippedLog, '--public-key', publicKey);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false });
  });

  it('refuses a log without the key, and a key that signed none of it', () => {
    expect(cli(dataDir, 'verify', '--checkpoint-log', shippedLog).status).toBe(1);
    const other = join(elsewhere, 'other.pem');
    const { publicKey: stranger } = generateKeyPairSync('ed25519');
    writeFileSync(other, stranger.export({ type: 'spki', format: 'pem' }));
    const run = cli(dataDir, 'verify', '--checkpoint-log', shippedLog, '--public-key', other);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no checkpoint signed by that key/);
  });
});
