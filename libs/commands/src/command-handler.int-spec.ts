import { DEFAULT_POLICY, employeeDecider, employeeStreamId, policyRef, type EmployeeCommand, type Policy } from '@pm/domain';
import { StreamNotFound } from '@pm/event-store';
import { HR, sqliteStores, streamOf } from '../test/stores';
import type { CommandIssuer } from './issuer';
import { CommandHandler, type StreamCommand } from './command-handler';
import { IdempotencyKeyReused, StaleRevision } from './errors';
import { keepInClear } from './seal';

const stores = sqliteStores();
const POLICY: Policy = { ...DEFAULT_POLICY, version: 1 };

const hire = (employeeId: string): EmployeeCommand => ({
  type: 'HireEmployee',
  policy: POLICY,
  data: { employeeId, name: 'Dana Kim', email: 'dana@example.com', level: 'L5', jobFamily: 'SDE', orgId: 'org-1', hireDate: '2024-02-01' },
});

function hiring(employeeId: string, issuer: CommandIssuer = HR): StreamCommand<EmployeeCommand, never, never> {
  return {
    decider: employeeDecider as never,
    streamId: employeeStreamId(employeeId),
    command: () => hire(employeeId),
    policyOf: (c) => policyRef(c.policy),
    occurredAt: '2024-02-01',
    issuer,
  };
}

describe('CommandHandler', () => {
  it('appends the decided events stamped with the issuer, business time, policy and tenant, sealed by the host', async () => {
    const store = stores.open();
    const handler = new CommandHandler({
      store,
      tenantId: 'acme',
      seal: (type, data) => Promise.resolve(type === 'EmployeeHired' ? { ...(data as object), name: { $pii: 'sealed' } } : data),
    });

    const outcome = await handler.handle(hiring('e-1'));

    const [hired] = await streamOf(store, 'employee-e-1');
    expect(outcome).toEqual({ streamId: 'employee-e-1', revision: 0, position: hired.position, events: [{ id: hired.id, type: 'EmployeeHired' }] });
    expect(hired.data).toMatchObject({ employeeId: 'e-1', name: { $pii: 'sealed' }, email: 'dana@example.com' });
    expect(hired.metadata).toMatchObject({
      actor: HR.actor,
      correlationId: 'corr-1',
      occurredAt: '2024-02-01T00:00:00.000Z',
      policyVersion: 'default@1',
      tenantId: 'acme',
    });
    expect(hired.metadata.causationId).toEqual(expect.any(String));
  });

  it('refuses a stale expected revision and appends nothing', async () => {
    const store = stores.open();
    const handler = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });

    await expect(handler.handle(hiring('e-2', { ...HR, expectedRevision: 3 }))).rejects.toEqual(new StaleRevision('employee-e-2', 3, -1));
    await expect(store.readStream('employee-e-2')).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('decides again on fresh state when another writer appended between the read and the append', async () => {
    const store = stores.open();
    const handler = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });
    await handler.handle(hiring('e-3'));
    const other = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });
    let decisions = 0;

    await handler.handle({
      ...hiring('e-3'),
      command: async (): Promise<EmployeeCommand> => {
        decisions++;
        // The first decision loses the race: another process records a manager change meanwhile.
        if (decisions === 1)
          await other.handle({
            ...hiring('e-3'),
            command: (): EmployeeCommand => ({ type: 'ChangeManager', policy: POLICY, data: { managerId: 'm-2', effectiveDate: '2024-03-01' } }),
          });
        return { type: 'ChangeManager', policy: POLICY, data: { managerId: 'm-3', effectiveDate: '2024-04-01' } };
      },
    });

    expect(decisions).toBe(2);
    expect((await streamOf(store, 'employee-e-3')).map((e) => [e.type, (e.data as { toManagerId?: string }).toManagerId])).toEqual([
      ['EmployeeHired', undefined],
      ['ManagerChanged', 'm-2'],
      ['ManagerChanged', 'm-3'],
    ]);
  });

  it('answers a retried request with its first outcome, and refuses the key with another request', async () => {
    const store = stores.open();
    const handler = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });
    const keyed = { ...HR, idempotencyKey: 'k-1', requestHash: 'hash-a' };

    const first = await handler.handle(hiring('e-4', keyed));
    const again = await new CommandHandler({ store, tenantId: 'acme', seal: keepInClear }).handle(hiring('e-4', keyed));

    expect(again).toEqual(first);
    expect(await streamOf(store, 'employee-e-4')).toHaveLength(1);
    await expect(handler.handle(hiring('e-4', { ...keyed, requestHash: 'hash-b' }))).rejects.toBeInstanceOf(IdempotencyKeyReused);
  });

  it('derives event ids from the idempotency key, so two processes retrying one request store it once', async () => {
    const [a, b] = [stores.open(), stores.open()];
    const keyed = { ...HR, idempotencyKey: 'k-2', requestHash: 'hash-a' };
    const onA = await new CommandHandler({ store: a, tenantId: 'acme', seal: keepInClear }).handle(hiring('e-5', keyed));
    const onB = await new CommandHandler({ store: b, tenantId: 'acme', seal: keepInClear }).handle(hiring('e-5', keyed));
    expect(onB.events).toEqual(onA.events);
  });

  it('appends nothing when the decision is empty, and answers where the stream is', async () => {
    const store = stores.open();
    const handler = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });
    await handler.handle(hiring('e-6'));
    const receive = {
      ...hiring('e-6'),
      command: (): EmployeeCommand => ({
        type: 'ReceiveRating',
        policy: POLICY,
        data: { cycleId: '2024-H1', rating: 'HV2', calibrated: true, periodEnd: '2024-06-30', policy: 'default@1' },
      }),
    };
    const received = await handler.handle(receive);
    const again = await handler.handle(receive);
    expect(again).toEqual({ streamId: 'employee-e-6', revision: 1, position: received.position, events: [] });
  });
});
