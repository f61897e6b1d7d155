import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointSignatureValid, checkpointText, keyIdOf, toPublicKey, toSignedCheckpoint, type SignedCheckpoint } from './checkpoint';
import { CheckpointHeadsFile, checkpointLine, FileCheckpointLog, readCheckpointLog, StdoutCheckpointLog } from './checkpoint-log';
import { merkleRoot } from './merkle';
import { AuditSigningKey, loadOrCreateSigningKey } from './signing-key';

const HEADS = ['employee-e1:2:' + 'a'.repeat(64), 'policy-default:0:' + 'b'.repeat(64)];
const STATEMENT = {
  position: 1042,
  events: 9,
  streams: 2,
  digest: `v1.1042.2.${'c'.repeat(64)}`,
  headsRoot: merkleRoot(HEADS),
  eventsRoot: 'd'.repeat(64),
  createdAt: '2026-03-02T09:00:00.000Z',
};

const dir = mkdtempSync(join(tmpdir(), 'pm-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a signed checkpoint', () => {
  const key = AuditSigningKey.generate();
  const signed = key.signCheckpoint(STATEMENT);

  it('given a statement, the signed text is one name:value line each, in a fixed order', () => {
    expect(checkpointText(signed)).toBe(
      [
        'pm-audit-checkpoint v1',
        'position:1042',
        'events:9',
        'streams:2',
        `digest:v1.1042.2.${'c'.repeat(64)}`,
        `heads-root:${STATEMENT.headsRoot}`,
        `events-root:${'d'.repeat(64)}`,
        'created-at:2026-03-02T09:00:00.000Z',
        `key-id:${key.keyId}`,
        '',
      ].join('\n'),
    );
  });

  it('when signed, names the key by the first 16 hex digits of SHA-256 over its SPKI, and verifies with the public key in any form', () => {
    expect(signed).toMatchObject({ version: 1, ...STATEMENT, keyId: key.keyId, signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key.publicKeyPem)).toBe(key.keyId);
    const spki = key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    for (const form of [key.publicKey, key.publicKeyPem, spki]) expect(checkpointSignatureValid(signed, form)).toBe(true);
  });

  it.each([
    ['position', { position: 1043, digest: `v1.1043.2.${'c'.repeat(64)}` }],
    ['events', { events: 8 }],
    ['heads root', { headsRoot: 'e'.repeat(64) }],
    ['events root', { eventsRoot: 'e'.repeat(64) }],
    ['time', { createdAt: '2026-03-02T09:00:00.001Z' }],
  ])('then a change of the %s fails the signature', (_, change) => {
    expect(checkpointSignatureValid({ ...signed, ...change }, key.publicKey)).toBe(false);
  });

  it('then another key, a signature of another checkpoint, or a malformed one fails, without throwing', () => {
    const other = AuditSigningKey.generate();
    expect(checkpointSignatureValid(signed, other.publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signature: key.signCheckpoint({ ...STATEMENT, events: 10 }).signature }, key.publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signature: 'nope' }, key.publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, digest: 'v1.1.1.x' }, key.publicKey)).toBe(false);
  });

  it('refuses what cannot be a checkpoint: a digest of another position, a line break in a value, a non-Ed25519 key', () => {
    expect(() => toSignedCheckpoint({ ...signed, digest: `v1.7.2.${'c'.repeat(64)}` })).toThrow('not for this position');
    expect(() => toSignedCheckpoint({ ...signed, createdAt: '2026-03-02T09:00:00.000Z\nposition:1' })).toThrow('createdAt');
    expect(() => toSignedCheckpoint({ ...signed, version: 2 })).toThrow('version');
    expect(toSignedCheckpoint(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(() => toPublicKey(rsa)).toThrow('not Ed25519');
  });
});

describe('the signing key file', () => {
  it('given none, creates an Ed25519 PKCS#8 PEM with mode 0600 in a 0700 directory, and loads the same key next time', () => {
    const file = join(dir, 'fresh', 'secrets', 'audit-signing-key.pem');
    const created = loadOrCreateSigningKey({ file, createIfMissing: true });
    expect(created.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'fresh', 'secrets')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const loaded = loadOrCreateSigningKey({ file, createIfMissing: true });
    expect(loaded).toMatchObject({ created: false, key: { keyId: created.key.keyId } });
    expect(loaded.warning).toBeUndefined();
  });

  it('when given a file, never creates one; refuses another kind of key; warns of a file others can read', () => {
    expect(() => loadOrCreateSigningKey({ file: join(dir, 'missing.pem'), createIfMissing: false })).toThrow('does not exist');
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(() => loadOrCreateSigningKey({ file: rsa, createIfMissing: false })).toThrow('is a rsa key');
    const loose = join(dir, 'loose.pem');
    writeFileSync(loose, AuditSigningKey.generate().toPem());
    chmodSync(loose, 0o644); // whatever the process umask
    expect(loadOrCreateSigningKey({ file: loose, createIfMissing: false }).warning).toMatch(/mode 644/);
  });
});

describe('the checkpoint log', () => {
  const key = AuditSigningKey.generate();
  const first = key.signCheckpoint(STATEMENT);
  const second = key.signCheckpoint({ ...STATEMENT, position: 2000, events: 12, digest: `v1.2000.2.${'c'.repeat(64)}` });

  it('given a file, appends one JSON line per checkpoint, creating it 0600, and reads every line back with its byte offset', async () => {
    const log = new FileCheckpointLog(join(dir, 'log', 'checkpoints.ndjson'));
    await log.append(first);
    await log.append(second);
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
    const lines = await log.lines();
    expect(lines.map((l) => l.offset)).toEqual([0, Buffer.byteLength(checkpointLine(first))]);
    expect(JSON.parse(lines[1].text)).toEqual({ kind: 'pm-audit-checkpoint', ...second });
    expect(await new FileCheckpointLog(join(dir, 'none.ndjson')).lines()).toEqual([]);
  });

  it('when a forged line is appended, trusts the last line signed by the key and reports the ones after it', async () => {
    const log = new StdoutCheckpointLog(() => undefined);
    await log.append(first);
    await log.append(second);
    const forged: SignedCheckpoint = { ...second, events: 13 };
    const other = AuditSigningKey.generate().signCheckpoint(STATEMENT);
    (log as unknown as { written: { offset: number; text: string }[] }).written.push(
      { offset: 2, text: checkpointLine(forged).trim() },
      { offset: 3, text: checkpointLine(other).trim() },
      { offset: 4, text: '{"kind":"pm-audit-checkpoint","position":' },
    );
    const reading = await readCheckpointLog(log, key.publicKey);
    expect(reading.trusted).toMatchObject({ offset: 1, signatureValid: true, checkpoint: second });
    expect(reading.rejectedSinceTrusted.map((e) => [e.offset, e.rejected])).toEqual([
      [2, 'bad-signature'],
      [3, 'unknown-key'],
      [4, 'malformed'],
    ]);
    expect(reading.entries).toHaveLength(5);
  });

  it('then with no valid line at all, trusts nothing', async () => {
    const log = new StdoutCheckpointLog(() => undefined);
    await log.append({ ...first, signature: second.signature });
    const reading = await readCheckpointLog(log, key.publicKey);
    expect(reading.trusted).toBeUndefined();
    expect(reading.rejectedSinceTrusted).toHaveLength(1);
  });

  it('keeps the latest heads beside it, and gives them back only for their checkpoint and only when they hash to its root', async () => {
    const file = new CheckpointHeadsFile(join(dir, 'audit', 'checkpoint-heads.txt'));
    expect(await file.read(first)).toBeUndefined();
    await file.write(first, HEADS);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(await file.read(first)).toEqual(
      new Map([
        ['employee-e1', { revision: 2, hash: 'a'.repeat(64) }],
        ['policy-default', { revision: 0, hash: 'b'.repeat(64) }],
      ]),
    );
    expect(await file.read(second)).toBeUndefined();
    writeFileSync(file.path, readFileSync(file.path, 'utf8').replace('employee-e1:2', 'employee-e1:1'));
    expect(await file.read(first)).toBeUndefined();
  });
});
