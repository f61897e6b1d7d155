import { DEFAULT_POLICY, employeeStreamId, reviewCycleStreamId } from '@pm/domain';
import { AppendManyUnsupported, type EventEnvelope, type EventStore } from '@pm/event-store';
import { HR, sqliteStores } from '../test/stores';
import { keepInClear } from './seal';
import { WriteSide } from './write-side';

const stores = sqliteStores();
const CYCLE = '2024-H1';
const PEOPLE = ['e-1', 'e-2', 'e-3'];

async function everything(store: EventStore): Promise<EventEnvelope[]> {
  const all: EventEnvelope[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
}

/** A store as an engine without an atomic multi-stream append sees it. */
function withoutAppendMany(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'capabilities') return { atomicAppendMany: false };
      if (property === 'appendMany') return () => Promise.reject(new AppendManyUnsupported('test'));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function rateAndFinalize(writeSide: WriteSide): Promise<void> {
  await writeSide.publishShippedPolicies();
  for (const employeeId of PEOPLE) {
    const data = { employeeId, name: 'Dana Kim', email: `${employeeId}@example.com`, level: 'L5', jobFamily: 'SDE', orgId: 'org-1', hireDate: '2023-02-01' };
    await writeSide.employee({ employeeId, command: { type: 'HireEmployee', data }, occurredAt: '2023-02-01', issuer: HR });
  }
  const cycle = (command: Parameters<WriteSide['reviewCycle']>[0]['command'], occurredAt: string) =>
    writeSide.reviewCycle({ cycleId: CYCLE, command, occurredAt, issuer: HR });
  await cycle({ type: 'OpenReviewCycle', data: { cycleId: CYCLE, name: 'First half', periodStart: '2024-01-01', periodEnd: '2024-06-30' } }, '2024-01-02');
  for (const employeeId of PEOPLE) await cycle({ type: 'ProposeRating', data: { employeeId, managerId: 'm-1', rating: 'HV2' } }, '2024-06-20');
  await cycle({ type: 'FinalizeReviewCycle', data: {} }, '2024-06-30');
}

describe('finalizing a review cycle delivers every final rating', () => {
  it('in the same atomic write as the finalization where the engine can: adjacent in global order', async () => {
    const store = stores.open();
    await rateAndFinalize(new WriteSide({ store, seal: keepInClear, tenantId: 'acme', defaultPolicyId: DEFAULT_POLICY.policyId }));

    const all = await everything(store);
    const from = all.findIndex((e) => e.type === 'ReviewCycleFinalized');
    const written = all.slice(from).map((e) => `${e.streamId} ${e.type}`);
    expect(written).toEqual([
      `${reviewCycleStreamId(CYCLE)} ReviewCycleFinalized`,
      ...PEOPLE.map(() => `${reviewCycleStreamId(CYCLE)} RatingFinalized`),
      ...PEOPLE.map((id) => `${employeeStreamId(id)} RatingReceived`),
    ]);
    const finalized = all.filter((e) => e.type === 'RatingFinalized');
    const received = all.filter((e) => e.type === 'RatingReceived');
    expect(received.map((e) => e.metadata.causationId)).toEqual(finalized.map((e) => e.id));
    expect(received.map((e) => e.data)).toEqual(PEOPLE.map((employeeId) => expect.objectContaining({ employeeId, cycleId: CYCLE, rating: 'HV2' })));
  });

  it('one employee at a time after the finalization where the engine cannot, with the same events', async () => {
    const store = stores.open();
    await rateAndFinalize(new WriteSide({ store: withoutAppendMany(store), seal: keepInClear, tenantId: 'acme', defaultPolicyId: DEFAULT_POLICY.policyId }));

    const all = await everything(store);
    const finalized = all.filter((e) => e.type === 'RatingFinalized');
    const received = all.filter((e) => e.type === 'RatingReceived');
    expect(received.map((e) => e.streamId)).toEqual(PEOPLE.map(employeeStreamId));
    expect(received.map((e) => e.metadata.causationId)).toEqual(finalized.map((e) => e.id));
    expect(Math.min(...received.map((e) => e.position))).toBeGreaterThan(Math.max(...finalized.map((e) => e.position)));
  });
});
