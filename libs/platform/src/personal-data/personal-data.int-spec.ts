import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@pm/event-store';
import { KeyDestroyed } from './key-store';
import { ERASED, PersonalData } from './personal-data';
import { openSqliteKeyStore } from './open-key-store';
import type { KeyStore } from './key-store';

const envelope = (type: string, data: unknown): EventEnvelope => ({
  id: 'id',
  type,
  schemaVersion: 1,
  streamId: 'employee-e-1',
  revision: 0,
  position: 1,
  data,
  metadata: { actor: { id: 'a', role: 'hr' }, occurredAt: '', recordedAt: '', correlationId: '', tenantId: 't' },
  hash: '',
});

describe('PersonalData (crypto-shredding)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-keys-'));
  let keys: KeyStore;
  let personal: PersonalData;
  beforeAll(async () => {
    keys = await openSqliteKeyStore(join(dir, 'keys.db'), join(dir, 'kek'));
    personal = new PersonalData(keys);
  });
  afterAll(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hired = { employeeId: 'e-1', name: 'Dana Kim', email: 'dana@example.com', level: 'L5', orgId: 'payments', attributes: { gender: 'f' } };

  it('stores names, e-mail, attributes and free text sealed, and leaves the rest readable', async () => {
    const stored = await personal.protect('EmployeeHired', hired);
    expect(stored).toMatchObject({ employeeId: 'e-1', level: 'L5', orgId: 'payments' });
    for (const field of ['name', 'email', 'attributes'] as const) expect(stored[field]).toEqual({ $pii: expect.stringMatching(/^v2\./) });
    expect(JSON.stringify(stored)).not.toMatch(/Dana|dana@|"f"/);

    const focus = await personal.protect('FocusEntered', {
      employeeId: 'e-1',
      reason: 'LE',
      goals: [{ goalId: 'g1', description: 'ship it', measure: 'merged' }],
    });
    expect(focus.goals[0]).toMatchObject({ goalId: 'g1', description: { $pii: expect.any(String) }, measure: { $pii: expect.any(String) } });
  });

  it('keeps coded Pivot reasons readable for statistics, and seals a person-written reason', async () => {
    expect((await personal.protect('EmployeeSeparated', { employeeId: 'e-1', reason: 'appeal_lost' })).reason).toBe('appeal_lost');
    expect((await personal.protect('EmployeeSeparated', { employeeId: 'e-1', reason: 'moving abroad' })).reason).toEqual({ $pii: expect.any(String) });
  });

  it('reveals what it sealed, and nothing for another person (the id is bound into the seal)', async () => {
    const stored = await personal.protect('EmployeeHired', hired);
    expect((await personal.reveal(envelope('EmployeeHired', stored))).data).toEqual(hired);
    const stolen = { ...stored, employeeId: 'e-2' };
    await keys.keyFor('e-2');
    await expect(personal.reveal(envelope('EmployeeHired', stolen))).rejects.toThrow();
  });

  it('after the key is destroyed, shows the fields as erased and refuses new personal data', async () => {
    const stored = await personal.protect('FeedbackRecorded', { employeeId: 'e-9', fromEmployeeId: 'p', text: 'great work' });
    expect(await personal.erase('e-9', () => Promise.resolve('recorded'))).toBe('recorded');
    expect((await personal.reveal(envelope('FeedbackRecorded', stored))).data).toEqual({ employeeId: 'e-9', fromEmployeeId: 'p', text: ERASED });
    await expect(personal.protect('FeedbackRecorded', { employeeId: 'e-9', fromEmployeeId: 'p', text: 'again' })).rejects.toBeInstanceOf(KeyDestroyed);
    expect(await keys.destroy('e-9')).toBe(false);
  });

  it('pads ciphertexts, so a short and a longer name seal to the same length', async () => {
    const short = (await personal.protect('EmployeeHired', { ...hired, name: 'Al' })).name as unknown as { $pii: string };
    const longer = (await personal.protect('EmployeeHired', { ...hired, name: 'Dana Kimberly-Okonkwo' })).name as unknown as { $pii: string };
    expect(short.$pii.length).toBe(longer.$pii.length);
  });

  it('refuses a truncated authentication tag, and personal fields that name no employee', async () => {
    const stored = (await personal.protect('FeedbackRecorded', { employeeId: 'e-1', fromEmployeeId: 'p', text: 'fine' })) as unknown as {
      text: { $pii: string };
    };
    const [version, iv, body, tag] = stored.text.$pii.split('.');
    const truncated = { ...stored, text: { $pii: [version, iv, body, tag.slice(0, 6)].join('.') } };
    await expect(personal.reveal(envelope('FeedbackRecorded', truncated))).rejects.toThrow(/malformed/);
    await expect(personal.protect('FeedbackRecorded', { fromEmployeeId: 'p', text: 'whose?' })).rejects.toThrow(/names no employeeId/);
  });

  it('keys request hashes with the person: no plain digest, and after erasure the same request no longer gives the same hash', async () => {
    const digest = 'a'.repeat(64);
    const before = await personal.requestHash('e-7', digest);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(before).not.toBe(digest);
    expect(await personal.requestHash('e-7', digest)).toBe(before);
    expect(await personal.requestHash('e-8', digest)).not.toBe(before);
    await personal.erase('e-7', () => Promise.resolve());
    expect(await personal.requestHash('e-7', digest)).not.toBe(before);
  });
});
