import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyEncryptionKeys } from './key-encryption-keys';

const FILE = /^kek-(\d+)\.key$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * KEK epochs as files of a directory of their own (`kek-<epoch>.key`, 32 random bytes, mode 0600 in
 * a 0700 directory), which the operator can mount from a secret store. Retiring an epoch
 * overwrites its file in place before unlinking it.
 */
export class LocalKeyEncryptionKeys implements KeyEncryptionKeys {
  private readonly loaded = new Map<number, Buffer>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (this.list().length === 0) this.create(1);
  }

  currentEpoch(): Promise<number> {
    const epochs = this.list();
    return Promise.resolve(epochs[epochs.length - 1]);
  }

  async wrap(subjectId: string, dataKey: Buffer): Promise<{ epoch: number; wrapped: Buffer }> {
    const epoch = await this.currentEpoch();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(epoch), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(subjectId, 'utf8'));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { epoch, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  unwrap(subjectId: string, epoch: number, wrapped: Buffer): Promise<Buffer> {
    const iv = wrapped.subarray(0, IV_BYTES);
    const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key(epoch), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(subjectId, 'utf8'));
    decipher.setAuthTag(tag);
    return Promise.resolve(Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]));
  }

  async rotate(): Promise<number> {
    const next = (await this.currentEpoch()) + 1;
    this.create(next);
    return next;
  }

  retire(epoch: number): Promise<void> {
    for (const old of this.list().filter((e) => e < epoch)) {
      const path = this.path(old);
      const fd = openSync(path, 'r+');
      try {
        writeSync(fd, randomBytes(32), 0, 32, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(path);
      this.loaded.get(old)?.fill(0);
      this.loaded.delete(old);
    }
    this.syncDir();
    return Promise.resolve();
  }

  epochs(): Promise<number[]> {
    return Promise.resolve(this.list());
  }

  private key(epoch: number): Buffer {
    let key = this.loaded.get(epoch);
    if (!key) {
      try {
        key = readFileSync(this.path(epoch));
      } catch {
        throw new Error(`Key-encryption key epoch ${epoch} is gone from ${this.dir}`);
      }
      this.loaded.set(epoch, key);
    }
    return key;
  }

  private create(epoch: number): void {
    const fd = openSync(this.path(epoch), 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.syncDir();
  }

  private syncDir(): void {
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private list(): number[] {
    return readdirSync(this.dir)
      .map((name) => FILE.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
  }

  private path(epoch: number): string {
    return join(this.dir, `kek-${epoch}.key`);
  }
}
