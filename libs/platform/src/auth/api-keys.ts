import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Principal, type Role } from './roles';

interface StoredKey {
  role: Role;
  digest: Buffer;
  keyId: string;
}

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** Problems with API_KEYS, named like config problems. */
export function parseApiKeys(value: string): { keys: { role: Role; key: string }[]; problems: string[] } {
  const problems: string[] = [];
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry, i) => {
      const at = entry.indexOf(':');
      const role = entry.slice(0, at) as Role;
      const key = entry.slice(at + 1);
      if (at < 0 || !ROLES.includes(role)) {
        problems.push(`API_KEYS entry ${i + 1} must be role:key with a role of ${ROLES.join(', ')}`);
        return [];
      }
      if (key.length < 16) {
        problems.push(`API_KEYS entry ${i + 1} (${role}) has a key shorter than 16 characters`);
        return [];
      }
      return [{ role, key }];
    });
  if (problems.length === 0 && keys.length === 0) problems.push('API_KEYS is set but lists no key');
  return { keys, problems };
}

/**
 * Resolves a presented key to its role. Keys are held as SHA-256 digests and compared in constant
 * time against every known key, so neither timing nor memory dumps reveal them.
 */
export class ApiKeyRegistry {
  private readonly keys: StoredKey[];

  constructor(keys: { role: Role; key: string }[]) {
    this.keys = keys.map(({ role, key }) => ({ role, digest: digest(key), keyId: digest(key).toString('hex').slice(0, 12) }));
  }

  authenticate(presented: string): Principal | undefined {
    const candidate = digest(presented);
    let found: StoredKey | undefined;
    for (const key of this.keys) if (timingSafeEqual(candidate, key.digest) && !found) found = key;
    return found && { role: found.role, keyId: found.keyId };
  }
}

export const API_KEY_REGISTRY = Symbol('ApiKeyRegistry');

/**
 * API_KEYS when set; otherwise one key per role, created on first start in an owner-only file of
 * the data directory and printed once.
 */
export function loadApiKeys(apiKeys: string | undefined, dataDir: string, announce: (text: string) => void): ApiKeyRegistry {
  if (apiKeys) {
    const { keys, problems } = parseApiKeys(apiKeys);
    if (problems.length) throw new Error(problems.join('; '));
    return new ApiKeyRegistry(keys);
  }
  const file = join(dataDir, 'api-keys.json');
  if (existsSync(file)) return new ApiKeyRegistry(JSON.parse(readFileSync(file, 'utf8')) as { role: Role; key: string }[]);
  const keys = ROLES.map((role) => ({ role, key: `pm_${role}_${randomBytes(24).toString('base64url')}` }));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  announce(
    [`API_KEYS is not set: created one key per role in ${file} (shown only this once):`, ...keys.map((k) => `  ${k.role.padEnd(10)} ${k.key}`)].join('\n'),
  );
  return new ApiKeyRegistry(keys);
}
