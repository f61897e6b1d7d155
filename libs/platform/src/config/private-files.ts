import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AppConfig } from './app-config';

const secured = new Set<string>();
const logger = new Logger('DataDirectory');

/** Tightens a file or directory to owner-only; answers whether it had to. */
function tighten(path: string, mode: number): boolean {
  const stat = statSync(path);
  if ((stat.mode & 0o077) === 0) return false;
  chmodSync(path, mode);
  return true;
}

/** Every directory and file under `dir`, the directory first. */
function* walk(dir: string): Generator<{ path: string; directory: boolean }> {
  yield { path: dir, directory: true };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield { path, directory: false };
  }
}

/**
 * Makes a directory the service writes owner-only: created 0700, everything in it 0600 (0700 for
 * directories), files the process creates from now on owner-only (umask 077). Checked once per
 * directory and process; what had to be tightened is logged.
 */
export function securePrivateDirectory(dir: string): void {
  if (secured.has(dir)) return;
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tightened = [...walk(dir)].filter(({ path, directory }) => tighten(path, directory ? 0o700 : 0o600)).map(({ path }) => path);
  if (tightened.length > 0) logger.warn(`Made owner-only (others could read them): ${tightened.join(', ')}`);
  secured.add(dir);
}

/** The data directory, the KEK directory and the SQLite files' directories, secured before any is opened. */
export function secureDataDirectory(config: AppConfig): void {
  securePrivateDirectory(config.dataDir);
  securePrivateDirectory(config.personalData.keyEncryptionKeyDir);
  if (config.eventStore.engine === 'sqlite') securePrivateDirectory(dirname(config.eventStore.path));
  if (config.readModels.store.engine === 'sqlite') securePrivateDirectory(dirname(config.readModels.store.path));
}
