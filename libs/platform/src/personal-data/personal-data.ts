import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CODED_SEPARATION_REASONS, PERSONAL_FIELDS } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import { KEY_STORE, type KeyStore } from './key-store';

/** What a reader sees in place of a personal field once the person's key is destroyed. */
export const ERASED = '[erased]';

/** A personal value as stored: AES-256-GCM under the person's key, bound to their id. */
interface Sealed {
  $pii: string;
}

const isSealed = (value: unknown): value is Sealed => typeof value === 'object' && value !== null && typeof (value as Sealed).$pii === 'string';

function seal(key: Buffer, subjectId: string, value: unknown): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $pii: `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}` };
}

function open(key: Buffer, subjectId: string, sealed: Sealed): unknown {
  const [, iv, body, tag] = sealed.$pii.split('.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')) as unknown;
}

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

  /** Destroys the person's key: their personal fields read as `[erased]` from now on. */
  async erase(subjectId: string): Promise<boolean> {
    this.cached.delete(subjectId);
    return this.keys.destroy(subjectId);
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
    const subjectId = (data as { employeeId?: unknown }).employeeId;
    if (!paths || typeof subjectId !== 'string') return data;
    const key = (await this.key(subjectId, true)) as Buffer;
    let result: unknown = data;
    for (const path of paths) {
      result = await mapPath(result, path.split('.'), (value) => (skip(type, path, value) ? value : seal(key, subjectId, value)));
    }
    return result as T;
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
