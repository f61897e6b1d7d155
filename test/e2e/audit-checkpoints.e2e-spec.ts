import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditSigningKey, checkpointSignatureValid, type SignedCheckpoint } from '@pm/event-store';
import { startTestApp } from '../support/app';
import { as, hireBody } from '../support/http';
import { headPosition } from '../support/problems';

type Listed = SignedCheckpoint & { signatureValid: boolean };

const listed = async (app: NestFastifyApplication): Promise<Listed[]> =>
  (await as(app, 'compliance').get('/v1/audit/checkpoints?limit=100').expect(200)).body.checkpoints as Listed[];

/** Polls until a checkpoint covers the store's head (the start-up and scheduled ones run in the background). */
async function checkpointAtHead(app: NestFastifyApplication, timeoutMs = 5000): Promise<Listed> {
  const head = await headPosition(app);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listed(app)).find((c) => c.signatureValid && c.position === head);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no checkpoint at position ${head} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('signed checkpoints over time (sqlite)', () => {
  it('at start-up, a checkpoint is signed when the store has events since the last one, with the same key as before', async () => {
    const DATA_DIR = mkdtempSync(join(tmpdir(), 'pm-checkpoints-'));
    const first = await startTestApp('sqlite', { DATA_DIR });
    let keyId: string;
    try {
      keyId = (await as(first, 'compliance').get('/v1/audit/public-key').expect(200)).body.keyId as string;
      await as(first, 'hr').post('/v1/employees', hireBody('s-1')).expect(201);
    } finally {
      await first.close();
    }
    const second = await startTestApp('sqlite', { DATA_DIR });
    try {
      expect((await as(second, 'compliance').get('/v1/audit/public-key').expect(200)).body.keyId).toBe(keyId);
      const checkpoint = await checkpointAtHead(second);
      expect(checkpoint.keyId).toBe(keyId);
      const count = (await listed(second)).length;
      expect((await as(second, 'compliance').get('/v1/audit/verify').expect(200)).body).toMatchObject({
        ok: true,
        checkpoint: { position: checkpoint.position },
      });
      // Nothing new since: a restart signs nothing more.
      await second.close();
      const third = await startTestApp('sqlite', { DATA_DIR });
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await listed(third)).length).toBe(count);
      } finally {
        await third.close();
      }
    } finally {
      await second.close().catch(() => undefined);
    }
  });

  it('every AUDIT_CHECKPOINT_INTERVAL_MS, a checkpoint is signed when there are new events', async () => {
    const app = await startTestApp('sqlite', { AUDIT_CHECKPOINT_INTERVAL_MS: '1000' });
    try {
      await as(app, 'hr').post('/v1/employees', hireBody('s-2')).expect(201);
      expect(await checkpointAtHead(app, 4000)).toMatchObject({ signatureValid: true });
    } finally {
      await app.close();
    }
  });

  it('with AUDIT_SIGNING_KEY_FILE and AUDIT_CHECKPOINT_LOG=stdout, signs with that key and writes one JSON line per checkpoint to stdout', async () => {
    const key = AuditSigningKey.generate();
    const file = join(mkdtempSync(join(tmpdir(), 'pm-key-')), 'audit.pem');
    writeFileSync(file, key.toPem(), { mode: 0o600 });
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const app = await startTestApp('sqlite', { AUDIT_SIGNING_KEY_FILE: file, AUDIT_CHECKPOINT_LOG: 'stdout' });
    try {
      expect((await as(app, 'compliance').get('/v1/audit/public-key').expect(200)).body).toMatchObject({ keyId: key.keyId, publicKey: key.publicKeyPem });
      await as(app, 'hr').post('/v1/employees', hireBody('s-3')).expect(201);
      const checkpoint = (await as(app, 'admin').post('/v1/audit/checkpoints').expect(201)).body as SignedCheckpoint;
      const line = written.map((text) => text.trim()).find((text) => text.includes(checkpoint.signature)) as string;
      expect(JSON.parse(line)).toEqual({ kind: 'pm-audit-checkpoint', ...checkpoint });
      expect(checkpointSignatureValid(checkpoint, key.publicKey)).toBe(true);
      expect((await listed(app))[0]).toMatchObject({ signatureValid: true, signature: checkpoint.signature });
      expect((await as(app, 'compliance').get('/v1/audit/verify').expect(200)).body).toMatchObject({ ok: true, checkpointCovered: true });
    } finally {
      write.mockRestore();
      await app.close();
    }
  });
});
