import type { AppConfig } from '../config/app-config';
import { secureDataDirectory } from '../config/private-files';
import { openServiceStore } from '../config/service-store';
import type { KeyRows } from './key-rows';
import type { KeyStore } from './key-store';
import { LocalKeyEncryptionKeys } from './local-key-encryption-keys';
import { PostgresKeyRows } from './postgres-key-rows';
import { SqliteKeyRows } from './sqlite-key-rows';
import { WrappedKeyStore } from './wrapped-key-store';

/** Wrapped data keys in the service store (or KEYS_DATABASE_URL), their KEKs in a directory apart. */
export async function openKeyStore(config: AppConfig): Promise<KeyStore> {
  secureDataDirectory(config);
  const keks = new LocalKeyEncryptionKeys(config.personalData.keyEncryptionKeyDir);
  const url = config.personalData.keysDatabaseUrl;
  const rows = url
    ? await PostgresKeyRows.open(url)
    : await openServiceStore<KeyRows>(config, 'keys.db', {
        postgres: (pg) => PostgresKeyRows.open(pg),
        sqlite: (path, synchronous) => new SqliteKeyRows(path, synchronous),
      });
  return WrappedKeyStore.open(rows, keks);
}

/** A key store in one SQLite file with its KEKs in `kekDir`: for the CLI's simulations and benchmarks. */
export function openSqliteKeyStore(path: string, kekDir: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Promise<KeyStore> {
  return WrappedKeyStore.open(new SqliteKeyRows(path, synchronous), new LocalKeyEncryptionKeys(kekDir));
}
