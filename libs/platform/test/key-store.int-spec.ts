import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { KeyDestroyed, type KeyStore } from '@pm/platform/personal-data/key-store';
import { LocalKeyEncryptionKeys } from '@pm/platform/personal-data/local-key-encryption-keys';
import { PostgresKeyRows } from '@pm/platform/personal-data/postgres-key-rows';
import { SqliteKeyRows } from '@pm/platform/personal-data/sqlite-key-rows';
import { WrappedKeyStore } from '@pm/platform/personal-data/wrapped-key-store';
import { createTestDatabase } from '../../../test/support/postgres';

interface Engine {
  name: string;
  /** Opens the key store again on the same rows and KEK directory. */
  open(): Promise<KeyStore>;
  /** Every byte the engine keeps of the key rows, as far as this test can read them. */
  storedBytes(): Promise<Buffer>;
  /** Writes a row as a build before key wrapping stored it: the data key in clear. */
  writeLegacy(subjectId: string, key: Buffer): Promise<void>;
  kekDir: string;
}

function sqliteEngine(): Engine {
  const dir = mkdtempSync(join(tmpdir(), 'pm-keystore-'));
  const path = join(dir, 'keys.db');
  const kekDir = join(dir, 'kek');
  return {
    name: 'sqlite',
    kekDir,
    open: () => WrappedKeyStore.open(new SqliteKeyRows(path), new LocalKeyEncryptionKeys(kekDir)),
    storedBytes: () =>
      Promise.resolve(
        Buffer.concat(
          readdirSync(dir)
            .filter((f) => f.startsWith('keys.db'))
            .map((f) => readFileSync(join(dir, f))),
        ),
      ),
    writeLegacy: (subjectId, key) => {
      const db = new Database(path);
      db.prepare('INSERT INTO personal_data_keys (subject_id, key, created_at) VALUES (?, ?, ?)').run(subjectId, key, new Date().toISOString());
      db.close();
      return Promise.resolve();
    },
  };
}

function postgresEngine(): Engine {
  let url = '';
  const kekDir = join(mkdtempSync(join(tmpdir(), 'pm-keystore-pg-')), 'kek');
  const query = async (sql: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query<{ bytes: Buffer | null }>(sql, params);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    kekDir,
    open: async () => {
      url ||= await createTestDatabase('keys');
      return WrappedKeyStore.open(await PostgresKeyRows.open(url), new LocalKeyEncryptionKeys(kekDir));
    },
    storedBytes: async () => {
      const { rows } = await query("SELECT convert_to(concat(encode(key, 'hex'), encode(wrapped, 'hex')), 'UTF8') AS bytes FROM personal_data_keys");
      return Buffer.concat(rows.map((row) => Buffer.from(Buffer.from(row.bytes ?? '').toString('utf8'), 'hex')));
    },
    writeLegacy: async (subjectId, key) => {
      await query('INSERT INTO personal_data_keys (subject_id, key) VALUES ($1, $2)', [subjectId, key]);
    },
  };
}

describe.each([sqliteEngine, postgresEngine])('key store contract (%p)', (make) => {
  const engine = make();
  let keys: KeyStore;
  beforeAll(async () => {
    keys = await engine.open();
  });
  afterAll(async () => {
    await keys.close();
  });

  it('keeps one key per person, never stored in the clear', async () => {
    const key = await keys.keyFor('dana');
    expect(key).toHaveLength(32);
    expect(await keys.keyFor('dana')).toEqual(key);
    expect(await keys.find('dana')).toEqual(key);
    expect(await keys.find('nobody')).toBeUndefined();
    expect((await engine.storedBytes()).includes(key)).toBe(false);
  });

  it('after destroying a key, retires the KEK epoch that wrapped it, so no copy of the row opens anything', async () => {
    const doomed = await keys.keyFor('gone');
    const kept = await keys.keyFor('kept');
    const epochsBefore = readdirSync(engine.kekDir);
    const oldKeks = epochsBefore.map((file) => readFileSync(join(engine.kekDir, file)));

    expect(await keys.destroy('gone')).toBe(true);
    expect(await keys.find('gone')).toBeUndefined();
    await expect(keys.keyFor('gone')).rejects.toBeInstanceOf(KeyDestroyed);
    expect(await keys.destroy('gone')).toBe(false);

    const epochsAfter = readdirSync(engine.kekDir);
    expect(epochsAfter).toHaveLength(1);
    for (const file of epochsBefore) expect(existsSync(join(engine.kekDir, file))).toBe(false);
    expect(oldKeks.some((kek) => readFileSync(join(engine.kekDir, epochsAfter[0])).equals(kek))).toBe(false);
    expect(await keys.find('kept')).toEqual(kept);
    expect((await engine.storedBytes()).includes(doomed)).toBe(false);
  });

  it('finishes, when opened again, what an erasure under way and a build before wrapping left behind', async () => {
    await keys.keyFor('half');
    await keys.beginErasure('half');
    await keys.beginErasure('kept');
    await keys.abandonErasure('kept');
    expect(await keys.erasuresUnderWay()).toEqual(['half']);
    const legacy = Buffer.alloc(32, 7);
    await engine.writeLegacy('legacy', legacy);
    await keys.close();

    keys = await engine.open();
    expect(await keys.erasuresUnderWay()).toEqual(['half']);
    expect(await keys.find('legacy')).toEqual(legacy);
    expect((await engine.storedBytes()).includes(legacy)).toBe(false);
  });

  it('lets new keys be created while another person is erased, none of them lost', async () => {
    const created = Array.from({ length: 20 }, (_, i) => `new-${i}`);
    await keys.keyFor('erased-meanwhile');
    const [made] = await Promise.all([Promise.all(created.map((id) => keys.keyFor(id))), keys.destroy('erased-meanwhile')]);
    for (const [i, id] of created.entries()) expect(await keys.find(id)).toEqual(made[i]);
  });
});
