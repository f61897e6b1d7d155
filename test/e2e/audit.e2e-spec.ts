import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import {
  checkpointSignatureValid,
  EVENT_STORE,
  GENESIS_HASH,
  keyIdOf,
  recomputeHash,
  verifyEmployeeProof,
  type EmployeeProof,
  type EventEnvelope,
  type EventStore,
  type SignedCheckpoint,
} from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody, type RoleName } from '../support/http';
import { expectProblem, headPosition } from '../support/problems';
import { hiredAndRated } from '../support/rated';

const TOKEN = /^v1\.\d+\.\d+\.[0-9a-f]{64}$/;
const ROUTES = ['/v1/audit/verify', '/v1/audit/digest', '/v1/audit/checkpoints'];

/** Runs one statement on the app's own storage, behind the store's back (`{events}` is the table). */
async function tamper(app: NestFastifyApplication, sql: string, params: unknown[]): Promise<void> {
  const settings = app.get<AppConfig>(APP_CONFIG).eventStore;
  if (settings.engine === 'sqlite') {
    const db = new Database(settings.path);
    try {
      db.prepare(sql.replaceAll('{events}', 'events').replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
  } else if (settings.engine === 'postgres') {
    const client = new Client({ connectionString: settings.url });
    await client.connect();
    try {
      await client.query(sql.replaceAll('{events}', 'es_events'), params);
    } finally {
      await client.end();
    }
  }
}

/**
 * Rewrites one event's data in the store's database and recomputes its hash and every later hash of
 * its stream, as an insider who knows the hash chain would: every chain still verifies. Answers how
 * to put the rows back.
 */
async function rewriteConsistently(
  app: NestFastifyApplication,
  streamId: string,
  revision: number,
  edit: (text: string) => string,
): Promise<() => Promise<void>> {
  const stream = (await app.get<EventStore>(EVENT_STORE).readStream(streamId)).events;
  let prevHash = revision === 0 ? GENESIS_HASH : stream[revision - 1].hash;
  for (const event of stream.slice(revision)) {
    const forged: EventEnvelope = event.revision === revision ? { ...event, data: JSON.parse(edit(JSON.stringify(event.data))) as unknown } : event;
    prevHash = recomputeHash(prevHash, forged);
    await tamper(app, 'UPDATE {events} SET data = $1, hash = $2 WHERE position = $3', [JSON.stringify(forged.data), prevHash, event.position]);
  }
  return async () => {
    for (const event of stream)
      await tamper(app, 'UPDATE {events} SET data = $1, hash = $2 WHERE position = $3', [JSON.stringify(event.data), event.hash, event.position]);
  };
}

function checkpointLogPath(app: NestFastifyApplication): string {
  const log = app.get<AppConfig>(APP_CONFIG).audit.checkpointLog;
  if (log.kind !== 'file') throw new Error('the tests write the checkpoint log to a file');
  return log.path;
}

async function storedEvents(app: NestFastifyApplication): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const event of app.get<EventStore>(EVENT_STORE).readAll()) events.push(event);
  return events;
}

describe.each<TestEngine>(['sqlite', 'postgres'])('audit on %s', (engine) => {
  let app: NestFastifyApplication;
  let publicKey: string;
  let firstTaken: SignedCheckpoint;
  const compliance = () => as(app, 'compliance');
  const takeCheckpoint = async (): Promise<SignedCheckpoint> => (await compliance().post('/v1/audit/checkpoints').expect(201)).body as SignedCheckpoint;

  beforeAll(async () => {
    app = await startTestApp(engine);
    for (const id of ['a-1', 'a-2', 'a-3']) {
      await as(app, 'hr').post('/v1/employees', hireBody(id)).expect(201);
      await as(app, 'hr').post(`/v1/employees/${id}/manager`, { managerId: 'm-2', effectiveDate: '2025-01-01' }).expect(200);
    }
    await hiredAndRated(app, 'r-1', 'HV2');
    publicKey = (await request(app.getHttpServer()).get('/v1/audit/public-key').expect(200)).body.publicKey as string;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('roles', () => {
    it.each(ROUTES)('%s needs a key (401)', async (route) => {
      const response = await request(app.getHttpServer()).get(route);
      expectProblem(response, { status: 401, type: 'unauthorized' });
    });

    it.each(ROUTES.flatMap((route) => (['hr', 'analyst'] as RoleName[]).map((role) => [route, role])))('%s refuses %s (403)', async (route, role) => {
      const response = await as(app, role as RoleName).get(route);
      expectProblem(response, { status: 403, type: 'forbidden' });
    });

    it.each(ROUTES.flatMap((route) => (['compliance', 'admin'] as RoleName[]).map((role) => [route, role])))('%s answers %s', async (route, role) => {
      await as(app, role as RoleName)
        .get(route)
        .expect(200);
    });
  });

  it('GET /v1/audit/public-key needs no key and answers the Ed25519 key as PEM with its key id', async () => {
    const response = await request(app.getHttpServer()).get('/v1/audit/public-key').expect(200);
    expect(response.body).toEqual({ algorithm: 'Ed25519', publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/), keyId: keyIdOf(publicKey) });
    expect(response.body.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the signing key was created on first start, 0600 in a 0700 directory of the data directory', () => {
    const { file } = app.get<AppConfig>(APP_CONFIG).audit.signingKey;
    expect(file).toBe(`${app.get<AppConfig>(APP_CONFIG).dataDir}/secrets/audit-signing-key.pem`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('POST /v1/audit/checkpoints signs the verified store at its head and appends it, fsynced, to the 0600 log', async () => {
    const checkpoint = (firstTaken = await takeCheckpoint());
    const stored = await storedEvents(app);
    const { digest } = (await compliance().get('/v1/audit/digest').expect(200)).body as { digest: string };
    expect(checkpoint).toEqual({
      version: 1,
      position: await headPosition(app),
      events: stored.length,
      streams: new Set(stored.map((e) => e.streamId)).size,
      digest,
      headsRoot: expect.stringMatching(/^[0-9a-f]{64}$/),
      eventsRoot: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdAt: expect.any(String),
      keyId: keyIdOf(publicKey),
      signature: expect.any(String),
    });
    expect(checkpointSignatureValid(checkpoint, publicKey)).toBe(true);
    const path = checkpointLogPath(app);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const lastLine = readFileSync(path, 'utf8').trimEnd().split('\n').at(-1) as string;
    expect(JSON.parse(lastLine)).toEqual({ kind: 'pm-audit-checkpoint', ...checkpoint });
  });

  it('GET /v1/audit/checkpoints lists the latest lines of the log, newest first, each with its signature checked', async () => {
    const latest = await takeCheckpoint();
    const response = await compliance().get('/v1/audit/checkpoints?limit=1').expect(200);
    expect(response.body).toEqual({ checkpoints: [{ offset: expect.any(Number), signatureValid: true, ...latest }] });
    expect((await compliance().get('/v1/audit/checkpoints').expect(200)).body.checkpoints.length).toBeGreaterThanOrEqual(2);
    expectProblem(await compliance().get('/v1/audit/checkpoints?limit=0'), { status: 400, fields: ['limit'] });
    expectProblem(await as(app, 'hr').post('/v1/audit/checkpoints'), { status: 403, type: 'forbidden' });
  });

  it('GET /v1/employees/{id}/proof answers a proof that verifies offline with the public key alone, and is access-logged', async () => {
    const checkpoint = await takeCheckpoint();
    const response = await compliance().get('/v1/employees/r-1/proof').expect(200);
    const proof = response.body as EmployeeProof;
    expect(proof).toMatchObject({ format: 'pm-employee-proof v1', employeeId: 'r-1', checkpoint, stream: { streamId: 'employee-r-1' } });
    expect(proof.stream.events[0]).toMatchObject({ type: 'EmployeeHired', revision: 0 });
    expect(proof.related.map((r) => r.event.type)).toEqual(expect.arrayContaining(['RatingProposed', 'RatingFinalized']));
    expect(proof.related.every((r) => r.event.streamId !== 'employee-r-1')).toBe(true);
    expect(verifyEmployeeProof(proof, publicKey)).toMatchObject({ ok: true, checkedEvents: proof.stream.events.length + proof.related.length });
    // The stand-alone script of the API guide agrees, from the bytes as served.
    const dir = mkdtempSync(join(tmpdir(), 'pm-proof-'));
    writeFileSync(join(dir, 'proof.json'), response.text);
    writeFileSync(join(dir, 'public.pem'), publicKey);
    const script = join(__dirname, '../../scripts/verify-proof.mjs');
    expect(execFileSync(process.execPath, [script, join(dir, 'proof.json'), join(dir, 'public.pem')], { encoding: 'utf8' })).toMatch(
      /^verified: \d+ events of r-1/,
    );

    const log = await as(app, 'admin').get('/v1/audit/access-log?employeeId=r-1').expect(200);
    expect(log.body.entries.map((e: { endpoint: string }) => e.endpoint)).toContain('GET /v1/employees/:employeeId/proof');
  });

  it('a proof tampered with fails offline: a rating changed, or an own event dropped', async () => {
    const proof = (await compliance().get('/v1/employees/r-1/proof').expect(200)).body as EmployeeProof;
    const rating = proof.related.find((r) => r.event.type === 'RatingFinalized') as EmployeeProof['related'][number];
    rating.event.data = { ...(rating.event.data as object), rating: 'LE' };
    rating.event.hash = recomputeHash(rating.prevHash, rating.event);
    expect(verifyEmployeeProof(proof, publicKey)).toMatchObject({ ok: false, failure: { reason: 'event-not-signed', streamId: rating.event.streamId } });

    const dropped = (await compliance().get('/v1/employees/r-1/proof').expect(200)).body as EmployeeProof;
    dropped.stream.events.pop();
    expect(verifyEmployeeProof(dropped, publicKey)).toMatchObject({ ok: false, failure: { reason: 'head-not-signed' } });
  });

  it('asOf picks the latest checkpoint at or before it; none then, an unknown person, or a bad asOf are refused', async () => {
    const proof = (await compliance().get(`/v1/employees/a-1/proof?asOf=${firstTaken.createdAt}`).expect(200)).body as EmployeeProof;
    expect(proof.checkpoint).toMatchObject({ createdAt: firstTaken.createdAt, position: firstTaken.position });
    expect(verifyEmployeeProof(proof, publicKey).ok).toBe(true);

    expectProblem(await compliance().get('/v1/employees/a-1/proof?asOf=2001-01-01'), { status: 404, type: 'no-checkpoint' });
    expectProblem(await compliance().get('/v1/employees/nobody/proof'), { status: 404 });
    expectProblem(await compliance().get('/v1/employees/a-1/proof?asOf=yesterday'), { status: 400, fields: ['asOf'] });
  });

  it('GET /v1/audit/digest answers the position, the streams and a token over every stream head', async () => {
    const stored = await storedEvents(app);
    const response = await compliance().get('/v1/audit/digest').expect(200);
    expect(response.body).toEqual({
      position: await headPosition(app),
      streams: new Set(stored.map((e) => e.streamId)).size,
      digest: expect.stringMatching(TOKEN),
    });
    expect(response.body.digest).toBe(`v1.${response.body.position}.${response.body.streams}.${response.body.digest.split('.')[3]}`);
  });

  it('GET /v1/audit/verify recomputes every chain, checks the latest signed checkpoint, and answers ok with the count of events checked', async () => {
    const checkpoint = await takeCheckpoint();
    await as(app, 'hr').post('/v1/employees', hireBody('a-5')).expect(201);
    const stored = await storedEvents(app);
    const response = await as(app, 'admin').get('/v1/audit/verify').expect(200);
    expect(response.body).toEqual({
      ok: true,
      checkedEvents: stored.length,
      streams: new Set(stored.map((e) => e.streamId)).size,
      position: stored.at(-1)?.position,
      digest: expect.stringMatching(TOKEN),
      checkpointCovered: true,
      checkpoint: {
        offset: expect.any(Number),
        position: checkpoint.position,
        events: checkpoint.events,
        streams: checkpoint.streams,
        createdAt: checkpoint.createdAt,
        keyId: checkpoint.keyId,
        signatureValid: true,
      },
    });
    expect(response.body.firstBadPosition).toBeUndefined();
  });

  it('a forged line appended to the checkpoint log is not trusted: verify names it and checks against the last signed one', async () => {
    const signed = await takeCheckpoint();
    const forged = { ...signed, events: signed.events + 1, createdAt: new Date().toISOString() };
    appendFileSync(checkpointLogPath(app), `${JSON.stringify({ kind: 'pm-audit-checkpoint', ...forged })}\n`);

    const response = await compliance().get('/v1/audit/verify').expect(200);
    expect(response.body).toMatchObject({
      ok: false,
      reason: 'checkpoint-rejected',
      checkpointCovered: true,
      checkpoint: { position: signed.position, createdAt: signed.createdAt, signatureValid: true },
      rejectedCheckpoints: [{ reason: 'bad-signature', position: forged.position, createdAt: forged.createdAt }],
    });
    expect(response.body.digest).toBeUndefined();
    const listed = (await compliance().get('/v1/audit/checkpoints?limit=2').expect(200)).body.checkpoints;
    expect(listed.map((c: { signatureValid: boolean }) => c.signatureValid)).toEqual([false, true]);
    expect(listed[0]).toMatchObject({ rejected: 'bad-signature', events: forged.events });

    // A signed checkpoint after it is trusted again; the forged line stays listed.
    await takeCheckpoint();
    expect((await compliance().get('/v1/audit/verify').expect(200)).body).toMatchObject({ ok: true, rejectedCheckpoints: [{ reason: 'bad-signature' }] });
  });

  it('a digest kept earlier still verifies after more appends (digestCovered)', async () => {
    const { digest } = (await compliance().get('/v1/audit/digest').expect(200)).body as { digest: string };
    await as(app, 'hr').post('/v1/employees', hireBody('a-4')).expect(201);
    const response = await compliance().get(`/v1/audit/verify?digest=${digest}`).expect(200);
    expect(response.body).toMatchObject({ ok: true, digestCovered: true, checkedEvents: (await storedEvents(app)).length });
  });

  it.each([
    'nope',
    'v1.12.3',
    'v2.12.3.' + 'a'.repeat(64),
    'v1.012.3.' + 'a'.repeat(64),
    'v1.12.3.' + 'A'.repeat(64),
    'v1.12.3.' + 'a'.repeat(63),
    'v1.99999999999999999.3.' + 'a'.repeat(64),
    'v1.9999999999999999.3.' + 'a'.repeat(64),
  ])('refuses the digest %s with 400 naming digest', async (digest) => {
    const response = await compliance().get(`/v1/audit/verify?digest=${encodeURIComponent(digest)}`);
    expectProblem(response, { status: 400, type: 'invalid-input', fields: ['digest'] });
  });

  it('refuses an unknown query field with 400', async () => {
    expectProblem(await compliance().get('/v1/audit/verify?since=3'), { status: 400, fields: ['since'] });
  });

  describe('after tampering behind the store', () => {
    it('a stream rewritten with its chain recomputed passes every chain, but not the signed checkpoint, which names where it parts', async () => {
      await takeCheckpoint();
      const signedHead = (await storedEvents(app)).filter((e) => e.streamId === 'employee-a-3').at(-1) as EventEnvelope;
      const restore = await rewriteConsistently(app, 'employee-a-3', 1, (text) => text.replace('"m-2"', '"m-3"'));
      const rewrittenHead = (await storedEvents(app)).filter((e) => e.streamId === 'employee-a-3').at(-1) as EventEnvelope;
      expect(rewrittenHead.hash).not.toBe(signedHead.hash);

      const response = await compliance().get('/v1/audit/verify').expect(200);
      expect(response.body).toMatchObject({
        ok: false,
        checkpointCovered: false,
        reason: 'stream-changed',
        firstBadStreamId: 'employee-a-3',
        firstBadRevision: signedHead.revision,
        firstBadPosition: signedHead.position,
        expectedHash: signedHead.hash,
        foundHash: rewrittenHead.hash,
      });
      // Nothing new is signed over it, and no proof is built from it.
      const refused = await compliance().post('/v1/audit/checkpoints');
      expectProblem(refused, { status: 409, type: 'store-not-verified' });
      expect(refused.body.report).toMatchObject({ reason: 'stream-changed', firstBadStreamId: 'employee-a-3' });
      expectProblem(await compliance().get('/v1/employees/a-3/proof'), { status: 409, type: 'checkpoint-diverged' });

      await restore();
      expect((await compliance().get('/v1/audit/verify').expect(200)).body).toMatchObject({ ok: true, checkpointCovered: true });
    });

    it('a truncated stream still chains, but fails against the checkpoint and a digest taken before', async () => {
      const { digest } = (await compliance().get('/v1/audit/digest').expect(200)).body as { digest: string };
      await takeCheckpoint();
      const last = (await storedEvents(app)).filter((e) => e.streamId === 'employee-a-2').at(-1) as EventEnvelope;
      await tamper(app, 'DELETE FROM {events} WHERE position = $1', [last.position]);

      expect((await compliance().get('/v1/audit/verify').expect(200)).body).toMatchObject({
        ok: false,
        checkpointCovered: false,
        reason: 'stream-truncated',
        firstBadStreamId: 'employee-a-2',
        firstBadRevision: last.revision,
        expectedHash: last.hash,
      });
      const response = await compliance().get(`/v1/audit/verify?digest=${digest}`).expect(200);
      expect(response.body).toMatchObject({ ok: false, digestCovered: false, reason: 'digest-mismatch' });
    });

    it('an edited event fails at exactly its position', async () => {
      const target = (await storedEvents(app)).find((e) => e.streamId === 'employee-a-1' && e.revision === 1) as EventEnvelope;
      await tamper(app, `UPDATE {events} SET data = replace(data, 'm-2', 'm-3') WHERE position = $1`, [target.position]);
      const response = await as(app, 'admin').get('/v1/audit/verify').expect(200);
      expect(response.body).toMatchObject({ ok: false, firstBadPosition: target.position, firstBadStreamId: 'employee-a-1', reason: 'hash-mismatch' });
      expect(response.body.digest).toBeUndefined();
    });
  });
});
