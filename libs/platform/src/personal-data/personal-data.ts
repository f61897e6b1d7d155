import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CODED_SEPARATION_REASONS, PERSONAL_FIELDS } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import { KEY_STORE, KeyDestroyed, type KeyStore } from './key-store';

/** What a reader sees in place of a personal field once the person's key is destroyed. */
export const ERASED = '[erased]';

/**
 * A personal value as stored: AES-256-GCM under the person's key, bound to their id. `v2` pads the
 * plaintext with NUL bytes (never found in JSON text) to a power of two of at least 64 bytes, so a
 * ciphertext's length tells little about the value; `v1` (unpadded) is still read.
 */
interface Sealed {
  $pii: string;
}

const TAG_BYTES = 16;
const MIN_PADDED = 64;

const isSealed = (value: unknown): value is Sealed => typeof value === 'object' && value !== null && typeof (value as Sealed).$pii === 'string';

function padded(json: string): Buffer {
  const text = Buffer.from(json, 'utf8');
  let size = MIN_PADDED;
  while (size < text.length) size *= 2;
  return Buffer.concat([text, Buffer.alloc(size - text.length)]);
}

function seal(key: Buffer, subjectId: string, value: unknown): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const body = Buffer.concat([cipher.update(padded(JSON.stringify(value))), cipher.final()]);
  return { $pii: `v2.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}` };
}

function open(key: Buffer, subjectId: string, sealed: Sealed): unknown {
  const [version, iv, body, tag] = sealed.$pii.split('.');
  const authTag = Buffer.from(tag ?? '', 'base64url');
  if ((version !== 'v1' && version !== 'v2') || authTag.length !== TAG_BYTES) throw new Error('A sealed value is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(authTag);
  const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  const end = version === 'v2' ? text.indexOf(0) : -1;
  return JSON.parse(text.subarray(0, end < 0 ? text.length : end).toString('utf8')) as unknown;
}

/** Not an employee id (those start with a letter or digit), so it can never be erased as one. */
const REQUEST_KEY_SUBJECT = '~requests';

type Transform = (value: unknown) => unknown | Promise<unknown>;

/** Applies `transform` to every value at `path` (`goals[].description`), returning a copy. */
async function mapPath(data: unknown, path: string[], transform: Transform): Promise<unknown> {
  if (data === null || typeof data !== 'object') return data;
  const [head, ...rest] = path;
  const list = head.endsWith('[]');
  const field = list ? head.slice(0, -2) : head;
  const record = data as Record<string, unknown>;
  if (!Object.hasOwn(record, field) || record[field] === undefined) return data;
  const value = record[field];
  let next: unknown;
  if (list) next = Array.isArray(value) ? await Promise.all(value.map((item) => (rest.length ? mapPath(item, rest, transform) : transform(item)))) : value;
  else next = rest.length ? await mapPath(value, rest, transform) : await transform(value);
  return { ...record, [field]: next };
}

/**
 * Encrypts the personal fields of events before they are stored, and decrypts them for readers
 * allowed to see them. The subject of an event is the employee it is about (`data.employeeId`).
 */
@Injectable()
export class PersonalData {
  /**
   * Keys change only when destroyed, so they are kept for a short while: an erasure made through
   * another instance takes effect here within this time.
   */
  private static readonly KEY_TTL_MS = 30_000;
  private readonly cached = new Map<string, { key: Buffer | undefined; until: number }>();

  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  /**
   * Erases the person's personal data: `record` stores the erasure (while the key still seals
   * its reason), then the key is destroyed and their personal fields read as `[erased]`. A crash
   * in between is finished at the next start (`finishErasures`).
   */
  async erase<T>(subjectId: string, record: () => Promise<T>): Promise<T> {
    await this.keys.beginErasure(subjectId);
    let result: T;
    try {
      result = await record();
    } catch (error) {
      await this.keys.abandonErasure(subjectId);
      throw error;
    }
    this.cached.delete(subjectId);
    await this.keys.destroy(subjectId);
    return result;
  }

  /** Destroys the keys of erasures a crash interrupted once recorded; forgets the unrecorded ones. */
  async finishErasures(recorded: (subjectId: string) => Promise<boolean>): Promise<string[]> {
    const finished: string[] = [];
    for (const subjectId of await this.keys.erasuresUnderWay()) {
      if (await recorded(subjectId)) {
        this.cached.delete(subjectId);
        await this.keys.destroy(subjectId);
        finished.push(subjectId);
      } else await this.keys.abandonErasure(subjectId);
    }
    return finished;
  }

  private async key(subjectId: string, create: boolean): Promise<Buffer | undefined> {
    const hit = this.cached.get(subjectId);
    if (hit && hit.until > Date.now() && (hit.key || !create)) return hit.key;
    const key = create ? await this.keys.keyFor(subjectId) : await this.keys.find(subjectId);
    if (this.cached.size > 100_000) this.cached.clear();
    this.cached.set(subjectId, { key, until: Date.now() + PersonalData.KEY_TTL_MS });
    return key;
  }

  async protect<T>(type: string, data: T): Promise<T> {
    const paths = PERSONAL_FIELDS[type];
    if (!paths) return data;
    const subjectId = (data as { employeeId?: unknown }).employeeId;
    if (typeof subjectId !== 'string') throw new Error(`${type} carries personal fields but names no employeeId to seal them for`);
    const key = (await this.key(subjectId, true)) as Buffer;
    let result: unknown = data;
    for (const path of paths) {
      result = await mapPath(result, path.split('.'), (value) => (skip(type, path, value) ? value : seal(key, subjectId, value)));
    }
    return result as T;
  }

  /**
   * What events record of a request's digest: an HMAC under a key derived from the person's data
   * key, so it cannot be checked against guesses and is shredded with that key. Requests about no
   * one, or about someone erased, are keyed with the service's own request key.
   */
  async requestHash(subjectId: string | undefined, digest: string): Promise<string> {
    let key: Buffer | undefined;
    if (subjectId !== undefined)
      key = await this.key(subjectId, true).catch((error: unknown) => (error instanceof KeyDestroyed ? undefined : Promise.reject(error)));
    key ??= (await this.key(REQUEST_KEY_SUBJECT, true)) as Buffer;
    const requestKey = createHmac('sha256', key).update('request-hash').digest();
    return createHmac('sha256', requestKey).update(digest).digest('hex');
  }

  /** One stored personal value of a person, readable, or `[erased]` once their key is gone. */
  async revealValue(subjectId: string, value: unknown): Promise<unknown> {
    if (!isSealed(value)) return value;
    const key = await this.key(subjectId, false);
    return key ? open(key, subjectId, value) : ERASED;
  }

  /** The envelope with personal fields readable, or `[erased]` where the person's key is gone. */
  async reveal(envelope: EventEnvelope): Promise<EventEnvelope> {
    const paths = PERSONAL_FIELDS[envelope.type];
    const subjectId = (envelope.data as { employeeId?: unknown })?.employeeId;
    if (!paths || typeof subjectId !== 'string') return envelope;
    const key = await this.key(subjectId, false);
    let data: unknown = envelope.data;
    for (const path of paths) {
      data = await mapPath(data, path.split('.'), (value) => (isSealed(value) ? (key ? open(key, subjectId, value) : ERASED) : value));
    }
    return { ...envelope, data };
  }
}

/** Coded Pivot reasons stay readable: statistics count them and they say nothing personal. */
function skip(type: string, path: string, value: unknown): boolean {
  return type === 'EmployeeSeparated' && path === 'reason' && typeof value === 'string' && CODED_SEPARATION_REASONS.includes(value);
}
