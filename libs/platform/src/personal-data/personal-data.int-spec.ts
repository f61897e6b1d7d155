import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@pm/event-store';
import { KeyDestroyed } from './key-store';
import { ERASED, PersonalData } from './personal-data';
import { SqliteKeyStore } from './sqlite-key-store';

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
  const keys = new SqliteKeyStore(join(dir, 'keys.db'));
  const personal = new PersonalData(keys);
  afterAll(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hired = { employeeId: 'e-1', name: 'Dana Kim', email: 'dana@example.com', level: 'L5', orgId: 'payments', attributes: { gender: 'f' } };

  it('stores names, e-mail, attributes and free text sealed, and leaves the rest readable', async () => {
    const stored = await personal.protect('EmployeeHired', hired);
    expect(stored).toMatchObject({ employeeId: 'e-1', level: 'L5', orgId: 'payments' });
    for (const field of ['name', 'email', 'attributes'] as const) expect(stored[field]).toEqual({ $pii: expect.stringMatching(/^v1\./) });
    expect(JSON.stringify(stored)).not.toMatch(/Dana|dana@|"f"/);

    const focus = await personal.protect('FocusEntered', {
      employeeId: 'e-1',
      reason: 'LE',
      goals: [{ goalId: 'g1', description: 'ship it', measure: 'merged' }],
    });
    expect(focus.goals[0]).toMatchObject({ goalId: 'g1', description: { $pii: expect.any(String) }, measure: 'merged' });
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
    expect(await personal.erase('e-9')).toBe(true);
    expect((await personal.reveal(envelope('FeedbackRecorded', stored))).data).toEqual({ employeeId: 'e-9', fromEmployeeId: 'p', text: ERASED });
    await expect(personal.protect('FeedbackRecorded', { employeeId: 'e-9', fromEmployeeId: 'p', text: 'again' })).rejects.toBeInstanceOf(KeyDestroyed);
    expect(await keys.destroy('e-9')).toBe(false);
  });
});
