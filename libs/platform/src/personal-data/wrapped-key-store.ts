import { randomBytes } from 'node:crypto';
import type { KeyEncryptionKeys } from './key-encryption-keys';
import { KeyDestroyed, type KeyStore } from './key-store';
import type { KeyRow, KeyRows } from './key-rows';

const REWRAP_PAGE = 1000;

/**
 * Data keys wrapped by key-encryption keys kept elsewhere. Destroying a key clears its row, then
 * moves every live key to a new KEK epoch and destroys the old epochs: whatever copy of the
 * destroyed row survives in the store's files is wrapped under a KEK that no longer exists.
 * Interrupted work (a crash mid-rotation, keys from before wrapping) is finished at open.
 */
export class WrappedKeyStore implements KeyStore {
  private constructor(
    private readonly rows: KeyRows,
    private readonly keks: KeyEncryptionKeys,
  ) {}

  static async open(rows: KeyRows, keks: KeyEncryptionKeys): Promise<WrappedKeyStore> {
    const store = new WrappedKeyStore(rows, keks);
    await rows.exclusively(() => store.settle());
    return store;
  }

  async keyFor(subjectId: string): Promise<Buffer> {
    const row = await this.rows.find(subjectId);
    if (row) return this.open(row);
    return this.open(await this.rows.insert(subjectId, () => this.keks.wrap(subjectId, randomBytes(32))));
  }

  async find(subjectId: string): Promise<Buffer | undefined> {
    const row = await this.rows.find(subjectId);
    return row && !row.destroyed ? this.open(row) : undefined;
  }

  destroy(subjectId: string): Promise<boolean> {
    return this.rows.exclusively(async () => {
      const shredded = await this.rows.shred(subjectId);
      if (shredded) await this.keks.rotate();
      await this.settle();
      return shredded;
    });
  }

  beginErasure(subjectId: string): Promise<void> {
    return this.rows.markErasing(subjectId, true);
  }

  abandonErasure(subjectId: string): Promise<void> {
    return this.rows.markErasing(subjectId, false);
  }

  erasuresUnderWay(): Promise<string[]> {
    return this.rows.erasing();
  }

  close(): Promise<void> {
    return this.rows.close();
  }

  private async open(row: KeyRow, again = true): Promise<Buffer> {
    if (row.destroyed || !row.wrapped || row.epoch === null) throw new KeyDestroyed(row.subjectId);
    try {
      return await this.keks.unwrap(row.subjectId, row.epoch, row.wrapped);
    } catch (error) {
      // Read just before a rotation (here or in another process) wrapped it again.
      const fresh = again ? await this.rows.find(row.subjectId) : undefined;
      if (fresh && fresh.epoch !== row.epoch) return this.open(fresh, false);
      throw new Error(
        `The data key of ${row.subjectId} does not open with the key-encryption keys at hand: every process using this key store must share KEY_ENCRYPTION_KEY_DIR`,
        { cause: error },
      );
    }
  }

  /** Wraps every live key under the newest epoch, then destroys the older epochs. */
  private async settle(): Promise<void> {
    const epoch = await this.keks.currentEpoch();
    let moved = 0;
    for (let after = ''; ;) {
      const page = await this.rows.notWrappedUnder(epoch, after, REWRAP_PAGE);
      if (page.length === 0) break;
      const rewrapped = [];
      for (const row of page) {
        const key = row.legacyKey ?? (await this.keks.unwrap(row.subjectId, row.epoch as number, row.wrapped as Buffer));
        rewrapped.push({ subjectId: row.subjectId, ...(await this.keks.wrap(row.subjectId, key)) });
      }
      await this.rows.rewrap(rewrapped);
      moved += rewrapped.length;
      after = page[page.length - 1].subjectId;
    }
    const retiring = (await this.keks.epochs()).length > 1;
    if (retiring) await this.keks.retire(epoch);
    if (retiring || moved > 0) await this.rows.scrub();
  }
}
