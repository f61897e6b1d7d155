import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { APP_CONFIG, KEY_STORE, type AppConfig, type KeyStore } from '@pm/platform';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { streamEvents } from '../support/problems';

/** Every regular file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** The files holding any of `needles`, each named with what it holds. */
function filesHolding(dirs: string[], needles: Record<string, Buffer>): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap(filesUnder)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // removed while we walked (a PostgreSQL temporary file)
    }
    for (const [name, needle] of Object.entries(needles)) if (bytes.includes(needle)) found.push(`${file}: ${name}`);
  }
  return found;
}

async function checkpointPostgres(): Promise<void> {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('CHECKPOINT');
  } finally {
    await admin.end();
  }
}

describe.each<TestEngine>(['sqlite', 'postgres'])('erasure leaves nothing to recover, in any file, on %s', (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-erasure-files-'));
  const unique = randomBytes(6).toString('hex');
  const employeeId = `zq-${unique}`;
  const hire = hireBody(employeeId, {
    name: `Zelda Quixote ${unique}`,
    email: `zelda.${unique}@erasure.test`,
    location: `Reykjavik ${unique}`,
    attributes: { gender: `g-${unique}`, ageBand: '30-39' },
  });
  const secrets = {
    name: `Zelda Quixote ${unique}`,
    email: `zelda.${unique}@erasure.test`,
    location: `Reykjavik ${unique}`,
    attribute: `g-${unique}`,
    feedback: `Zelda mentored the interns ${unique}`,
    principle: `Frugality ${unique}`,
    separation: `Moving to Akureyri ${unique}`,
    erasureReason: `Request by Zelda Quixote ${unique}`,
  };
  let app: NestFastifyApplication;
  let needles: Record<string, Buffer>;
  let restart: NodeJS.ProcessEnv;

  beforeAll(async () => {
    app = await startTestApp(engine, { DATA_DIR: dataDir });
    const { eventStore } = app.get<AppConfig>(APP_CONFIG);
    restart = eventStore.engine === 'postgres' ? { DATA_DIR: dataDir, DATABASE_URL: eventStore.url } : { DATA_DIR: dataDir };
    const hr = as(app, 'hr');
    await hr.post('/v1/employees', hire).set('Idempotency-Key', `hire-${unique}`).expect(201);
    await hr
      .post(`/v1/employees/${employeeId}/feedback`, {
        fromEmployeeId: 'p-1',
        kind: 'peer360',
        sentiment: 'positive',
        text: secrets.feedback,
        principles: [secrets.principle],
      })
      .expect(200);
    await hr.post(`/v1/employees/${employeeId}/separations`, { type: 'voluntary', reason: secrets.separation, effectiveDate: '2026-03-31' }).expect(200);
    // Read it every way a reader can, so read models, caches and the access log have seen it.
    expect((await as(app, 'compliance').get(`/v1/employees/${employeeId}/timeline`).expect(200)).text).toContain(secrets.name);
    expect((await as(app, 'hr').get('/v1/events?after=0&limit=1000').expect(200)).text).toContain(secrets.feedback);
    await as(app, 'hr').get(`/v1/employees/${employeeId}`).expect(200);

    const keys = app.get<KeyStore>(KEY_STORE);
    const dataKey = (await keys.find(employeeId)) as Buffer;
    const kekDir = join(dataDir, 'secrets', 'kek');
    const keks = Object.fromEntries(readdirSync(kekDir).map((file) => [`KEK ${file}`, readFileSync(join(kekDir, file))]));
    const requestDigest = createHash('sha256')
      .update(`POST /v1/employees\n${JSON.stringify(hire)}`)
      .digest();
    needles = {
      ...Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, Buffer.from(value, 'utf8')])),
      'data key': dataKey,
      'plain request digest (hex)': Buffer.from(requestDigest.toString('hex'), 'utf8'),
      'plain request digest': requestDigest,
      ...keks,
    };

    await as(app, 'admin').post(`/v1/employees/${employeeId}/erasure`, { reason: secrets.erasureReason }).expect(200);
    await as(app, 'compliance').get(`/v1/employees/${employeeId}/timeline`).expect(200);
    await app.close();
    if (engine === 'postgres') await checkpointPostgres();
  });

  it('finds no erased value, data key, retired KEK or plain request digest in the data directory', () => {
    // The search does read what the service stored: the employee id (not personal) is found.
    if (engine === 'sqlite') expect(filesHolding([dataDir], { id: Buffer.from(employeeId) }).length).toBeGreaterThan(0);
    expect(filesHolding([dataDir], needles)).toEqual([]);
  });

  if (engine === 'postgres') {
    it('finds none in the files of the PostgreSQL server either', () => {
      const serverDir = process.env.TEST_DATABASE_DIR;
      expect(serverDir).toBeDefined();
      expect(filesHolding([serverDir as string], { id: Buffer.from(employeeId) }).length).toBeGreaterThan(0);
      expect(filesHolding([serverDir as string], needles)).toEqual([]);
    });
  }

  it('keeps the data directory owner-only: 0700 directories, 0600 files', () => {
    const loose = [dataDir, ...filesUnder(dataDir)].filter((path) => (statSync(path).mode & 0o077) !== 0);
    expect(loose).toEqual([]);
  });

  it('shows the person as erased once the service starts again, with the record and its chain whole', async () => {
    app = await startTestApp(engine, restart);
    try {
      const stored = await streamEvents(app, `employee-${employeeId}`);
      expect(stored.map((e) => e.type)).toEqual(['EmployeeHired', 'FeedbackRecorded', 'EmployeeSeparated', 'PersonalDataErased']);
      expect(stored[0].data).toMatchObject({ name: '[erased]', email: '[erased]', attributes: '[erased]', level: 'L5' });
      expect(stored[1].data).toMatchObject({ text: '[erased]', principles: '[erased]' });
      expect(stored[3].data).toMatchObject({ reason: '[erased]' });
      expect(stored[0].metadata.requestHash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await app.close();
    }
  });
});
