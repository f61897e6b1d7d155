import { DEFAULT_POLICIES, DEFAULT_POLICY, type RatingFinalized, type RatingReceived } from '@pm/domain';
import { appendOrderProblems } from '../test/append-order';
import { redecideAll } from '../test/redecide';
import { simulateHistory, simulateOrg } from './simulate-org';
import type { AppendBatch, SimulationOptions } from './simulation-options';

const policy = { ...DEFAULT_POLICY, version: 3 };
const options = (overrides: Partial<SimulationOptions> = {}): SimulationOptions => ({ employees: 150, years: 2, policy, seed: 42, ...overrides });
const history = (overrides: Partial<SimulationOptions> = {}): AppendBatch[] => [...simulateHistory(options(overrides))];
const eventsOf = (batches: readonly AppendBatch[]) => batches.flatMap((b) => b.events);

describe('simulateOrg', () => {
  it('gives the same batches, byte for byte, for the same seed, and another history for another seed', () => {
    const first = JSON.stringify(history());
    expect(JSON.stringify(history())).toBe(first);
    expect(JSON.stringify(history({ seed: 43 }))).not.toBe(first);
  });

  it.each(DEFAULT_POLICIES.map((draft) => ({ ...draft, version: 1 })))(
    'under $policyId, every event is what decide gives on the folded stream, appended in an order the API could have recorded',
    (shipped) => {
      const batches = history({ employees: 400, years: 3, policy: shipped });
      expect(redecideAll(batches, shipped)).toEqual([]);
      expect(appendOrderProblems(batches)).toEqual([]);
      const types = new Set(eventsOf(batches).map((e) => e.type));
      for (const type of [
        'EmployeeHired',
        'RatingCalibrated',
        'RatingReceived',
        'FocusEntered',
        'PivotPlaced',
        'Promoted',
        'ManagerChanged',
        'EmployeeTransferred',
        'BaseSalaryChanged',
        'SignOnBonusGranted',
        'EquityGranted',
      ])
        expect(types).toContain(type);
    },
  );

  it('stamps metadata as the API does: actor, business time as an instant, correlation, policy version, tenant', () => {
    const events = eventsOf(history({ tenantId: 'acme' }));
    for (const event of events) {
      expect(event.metadata).toEqual({
        actor: { id: 'hr:simulator', role: 'hr' },
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/),
        correlationId: expect.any(String),
        causationId: expect.any(String),
        policyVersion: 'default@3',
        tenantId: 'acme',
      });
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('delivers final ratings as RatingDelivery does: at the period end, caused by RatingFinalized, in the finalize correlation', () => {
    const events = eventsOf(history());
    const finalized = new Map(events.filter((e) => e.type === 'RatingFinalized').map((e) => [e.id, e]));
    const received = events.filter((e) => e.type === 'RatingReceived');
    expect(received.length).toBeGreaterThan(0);
    for (const delivery of received) {
      const cause = finalized.get(delivery.metadata.causationId as string);
      const rating = cause?.data as RatingFinalized['data'];
      expect(rating).toBeDefined();
      expect(delivery.data as RatingReceived['data']).toEqual({
        employeeId: rating.employeeId,
        cycleId: rating.cycleId,
        rating: rating.rating,
        calibrated: rating.calibrated,
        periodEnd: rating.periodEnd,
        policy: 'default@3',
      });
      expect(delivery.metadata.occurredAt).toBe(`${rating.periodEnd}T00:00:00.000Z`);
      expect(delivery.metadata.correlationId).toBe(cause?.metadata.correlationId);
    }
  });

  it('passes every event through the seal hook before emitting it, and awaits it', async () => {
    const seen: string[] = [];
    const seal = async (type: string, data: unknown) => {
      seen.push(type);
      return { sealed: type, data };
    };
    const plain = history({ employees: 30, years: 1 });
    const sealed: AppendBatch[] = [];
    for await (const batch of simulateOrg(options({ employees: 30, years: 1, seal }))) sealed.push(batch);
    expect(sealed.map((b) => b.events.map((e) => e.data))).toEqual(plain.map((b) => b.events.map((e) => ({ sealed: e.type, data: e.data }))));
    expect(seen).toHaveLength(eventsOf(plain).length);
  });
});
