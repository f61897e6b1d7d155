import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkpointText, keyIdOf, type CheckpointStatement, type SignedCheckpoint } from './checkpoint';

/**
 * The Ed25519 key that signs checkpoints. It is kept apart from the events (a file of its own, or
 * a mounted secret), so that whoever can rewrite the event database cannot also sign for it.
 */
export class AuditSigningKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** From a PEM PKCS#8 private key; throws when it is not an Ed25519 one. */
  static fromPem(pem: string, source = 'the key'): AuditSigningKey {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: pem, format: 'pem' });
    } catch (error) {
      throw new Error(`${source} is not a PEM private key: ${(error as Error).message}`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source} is a ${key.asymmetricKeyType} key; checkpoints are signed with Ed25519`);
    return new AuditSigningKey(key);
  }

  static generate(): AuditSigningKey {
    return new AuditSigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  /** The public key as PEM (SPKI), to publish and to pin. */
  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** The private key as PEM (PKCS#8), to store. */
  toPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** Signs the statement's text; the key id must be this key's. */
  signCheckpoint(statement: Omit<CheckpointStatement, 'keyId'>): SignedCheckpoint {
    const full: CheckpointStatement = { ...statement, keyId: this.keyId };
    const signature = sign(null, Buffer.from(checkpointText(full), 'utf8'), this.privateKey).toString('base64');
    return { version: 1, ...full, signature };
  }
}

export interface SigningKeyFile {
  /** The PEM PKCS#8 file. */
  file: string;
  /** Create it (mode 0600, in a directory made 0700) when it does not exist yet. */
  createIfMissing: boolean;
}

/**
 * Loads the signing key; creates it first when allowed and missing. A second process starting at
 * the same moment loses the race on the exclusive create and loads the winner's key.
 */
export function loadOrCreateSigningKey(options: SigningKeyFile): { key: AuditSigningKey; created: boolean; warning?: string } {
  const { file, createIfMissing } = options;
  if (existsSync(file) || !createIfMissing) {
    if (!existsSync(file)) throw new Error(`The audit signing key file ${file} does not exist`);
    return { key: AuditSigningKey.fromPem(readFileSync(file, 'utf8'), `The audit signing key file ${file}`), created: false, warning: looseMode(file) };
  }
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const key = AuditSigningKey.generate();
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey({ file, createIfMissing: false });
    throw error;
  }
  try {
    writeSync(fd, key.toPem());
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(directory);
  return { key, created: true };
}

function looseMode(file: string): string | undefined {
  const mode = statSync(file).mode & 0o777;
  return mode & 0o077 ? `The audit signing key file ${file} has mode ${mode.toString(8)}: only its owner should read it (chmod 600)` : undefined;
}

/** Makes a new directory entry durable (best effort: not every platform can open a directory). */
export function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Nothing more can be done here; the file itself was synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
