import { DEFAULT_POLICY, employeeStreamId } from '@pm/domain';
import type { EventEnvelope, EventStore } from '@pm/event-store';
import { HR, sqliteStores, streamOf } from '../test/stores';
import { PivotLapseProcess, type OpenPivotSource } from './pivot-lapse-process';
import { keepInClear } from './seal';
import { WriteSide } from './write-side';

const stores = sqliteStores();

/**
 * Candidates from the store alone (these specs run without read models; the API reads the
 * employee-status projection): every employee with a `PivotPlaced` in the history, the first call
 * reading from the start, later calls only what was appended since.
 */
function storeOpenPivots(store: EventStore): OpenPivotSource {
  const placed = new Set<string>();
  let after = -1;
  return {
    async candidates() {
      for await (const event of store.readAll({ fromPosition: after + 1 })) {
        after = event.position;
        if (event.type === 'PivotPlaced') placed.add((event.data as { employeeId: string }).employeeId);
      }
      return [...placed];
    },
  };
}

/** A policy that lets HR place someone in Pivot without a Focus first, stored without `onLapse` (as older policies are). */
const { onLapse: _onLapse, ...pivotWithoutOnLapse } = DEFAULT_POLICY.pivot;
const LENIENT = { ...DEFAULT_POLICY, policyId: 'lenient', name: 'Lenient', pivot: { ...pivotWithoutOnLapse, requiresEscalatedFocus: false } };

/** Placed on Friday 2024-05-03: the deadline is Wednesday 2024-05-08 and the window lapses on Thursday 2024-05-09. */
const LONG_AGO = '2024-05-03';

const writeSideOn = (store: EventStore) => new WriteSide({ store, seal: keepInClear, tenantId: 'acme', defaultPolicyId: LENIENT.policyId });

/** A process as a host starts it: its own write side (no cache shared with any earlier one) and a source read from the store. */
function processOn(
  store: EventStore,
  today: string,
  options: { source?: OpenPivotSource; errors?: unknown[]; onRecorded?: (employeeId: string) => void } = {},
): PivotLapseProcess {
  return new PivotLapseProcess({
    lapses: writeSideOn(store).lapses,
    source: options.source ?? storeOpenPivots(store),
    intervalMs: 3_600_000,
    today: () => today,
    onError: (error) => options.errors?.push(error),
    onRecorded: options.onRecorded,
  });
}

async function placed(writeSide: WriteSide, employeeId: string, startDate: string): Promise<void> {
  const data = { employeeId, name: 'Dana Kim', email: `${employeeId}@example.com`, level: 'L5', jobFamily: 'SDE', orgId: 'org-1', hireDate: '2023-02-01' };
  await writeSide.employee({ employeeId, command: { type: 'HireEmployee', data }, occurredAt: '2023-02-01', issuer: HR });
  await writeSide.employee({
    employeeId,
    command: { type: 'PlaceInPivot', data: { startDate, reason: 'Focus escalated' } },
    occurredAt: startDate,
    issuer: HR,
  });
}

async function company(): Promise<EventStore> {
  const store = stores.open();
  const writeSide = writeSideOn(store);
  await writeSide.publishShippedPolicies();
  await writeSide.publishPolicy({ policyId: LENIENT.policyId, document: LENIENT, occurredAt: '2023-01-01', issuer: HR });
  await placed(writeSide, 'e-lapsed', LONG_AGO);
  await placed(writeSide, 'e-chose', LONG_AGO);
  await writeSide.employee({
    employeeId: 'e-chose',
    command: { type: 'ChoosePivotOption', data: { option: 'appeal', effectiveDate: '2024-05-06' } },
    occurredAt: '2024-05-06',
    issuer: HR,
  });
  // Monday 2024-07-01: the deadline is Thursday 2024-07-04, still ahead on 2024-07-03.
  await placed(writeSide, 'e-open', '2024-07-01');
  return store;
}

const lapsesIn = async (store: EventStore, employeeId: string): Promise<EventEnvelope[]> =>
  (await streamOf(store, employeeStreamId(employeeId))).filter((e) => e.type === 'PivotChoiceWindowLapsed');

describe('the Pivot lapse process', () => {
  it('records a lapsed window once, in business time, caused by the placement, and nothing for a choice made or a window still open', async () => {
    const store = await company();
    const process = processOn(store, '2024-07-03');

    const first = await process.checkNow();
    expect(first).toEqual({ businessDate: '2024-07-03', candidates: 3, recorded: ['e-lapsed'], failed: [] });
    const [lapse] = await lapsesIn(store, 'e-lapsed');
    const placement = (await streamOf(store, employeeStreamId('e-lapsed'))).find((e) => e.type === 'PivotPlaced');
    expect(lapse.data).toEqual({ employeeId: 'e-lapsed', choiceDeadline: '2024-05-08', lapsedOn: '2024-05-09', onLapse: 'record' });
    expect(lapse.metadata).toMatchObject({
      occurredAt: '2024-05-09T00:00:00.000Z',
      actor: { id: 'pivot-lapse', role: 'system' },
      causationId: placement?.id,
      correlationId: placement?.metadata.correlationId,
      policyVersion: 'lenient@1',
      tenantId: 'acme',
    });
    expect(await lapsesIn(store, 'e-chose')).toEqual([]);
    expect(await lapsesIn(store, 'e-open')).toEqual([]);

    expect((await process.checkNow()).recorded).toEqual([]);
    expect(await lapsesIn(store, 'e-lapsed')).toHaveLength(1);
    await process.stop();
  });

  it('carries on across a restart: a new instance over the same store records what is due, once', async () => {
    const store = await company();
    // Before e-open's window lapses: one lapse.
    const before = processOn(store, '2024-07-03');
    expect((await before.checkNow()).recorded).toEqual(['e-lapsed']);
    await before.stop();

    // Restarted (no state carried over) on Friday 2024-07-05, the first business day after e-open's deadline.
    const after = processOn(store, '2024-07-05');
    expect((await after.checkNow()).recorded).toEqual(['e-open']);
    await after.stop();

    const again = processOn(store, '2024-07-05');
    expect((await again.checkNow()).recorded).toEqual([]);
    await again.stop();
    expect(await lapsesIn(store, 'e-lapsed')).toHaveLength(1);
    expect((await lapsesIn(store, 'e-open')).map((e) => e.data)).toEqual([
      { employeeId: 'e-open', choiceDeadline: '2024-07-04', lapsedOn: '2024-07-05', onLapse: 'record' },
    ]);
  });

  it('stores one lapse when two processes check the same store at once', async () => {
    const store = await company();
    const [a, b] = [processOn(store, '2024-07-03'), processOn(store, '2024-07-03')];
    const checks = await Promise.all([a.checkNow(), b.checkNow()]);
    // Whichever lost the race either saw the lapse already stored or re-sent the same event ids, which the store keeps once.
    expect(new Set(checks.flatMap((c) => c.recorded))).toEqual(new Set(['e-lapsed']));
    expect(checks.flatMap((c) => c.failed)).toEqual([]);
    expect(await lapsesIn(store, 'e-lapsed')).toHaveLength(1);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('still accepts a late choice dated inside the window, and records nothing more after it', async () => {
    const store = await company();
    const process = processOn(store, '2024-07-03');
    await process.checkNow();
    const writeSide = writeSideOn(store);
    const chosen = await writeSide.employee({
      employeeId: 'e-lapsed',
      command: { type: 'ChoosePivotOption', data: { option: 'appeal', effectiveDate: '2024-05-08' } },
      occurredAt: '2024-05-08',
      issuer: HR,
    });
    expect(chosen.events.map((e) => e.type)).toEqual(['PivotOptionChosen']);
    expect((await processOn(store, '2024-07-03').checkNow()).recorded).toEqual([]);
    const types = (await streamOf(store, employeeStreamId('e-lapsed'))).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['PivotChoiceWindowLapsed', 'PivotOptionChosen']);
    await process.stop();
  });

  it('checks once on start, and stops cleanly', async () => {
    const store = await company();
    let recorded!: (employeeId: string) => void;
    const startUpCheck = new Promise<string>((resolve) => (recorded = resolve));
    const process = processOn(store, '2024-07-03', { onRecorded: (employeeId) => recorded(employeeId) });
    process.start();
    expect(await startUpCheck).toBe('e-lapsed');
    await process.stop();
    expect(await lapsesIn(store, 'e-lapsed')).toHaveLength(1);
  });

  it('never throws: a failing source or employee is reported and the others are still checked', async () => {
    const store = await company();
    const errors: unknown[] = [];
    const broken = processOn(store, '2024-07-03', { errors, source: { candidates: () => Promise.reject(new Error('read models unavailable')) } });
    expect(await broken.checkNow()).toEqual({ businessDate: '2024-07-03', candidates: 0, recorded: [], failed: [] });
    expect(errors).toEqual([new Error('read models unavailable')]);

    const failing = new PivotLapseProcess({
      lapses: {
        record: (employeeId: string, businessDate: string) =>
          employeeId === 'e-broken' ? Promise.reject(new Error('store down')) : writeSideOn(store).lapses.record(employeeId, businessDate),
      } as WriteSide['lapses'],
      // Someone never hired decides nothing; a failing stream fails alone.
      source: { candidates: async () => ['e-broken', 'e-never-hired', 'e-lapsed'] },
      intervalMs: 3_600_000,
      today: () => '2024-07-03',
      onError: (error, employeeId) => errors.push({ employeeId, message: (error as Error).message }),
    });
    expect(await failing.checkNow()).toEqual({ businessDate: '2024-07-03', candidates: 3, recorded: ['e-lapsed'], failed: ['e-broken'] });
    expect(errors.at(-1)).toEqual({ employeeId: 'e-broken', message: 'store down' });
    await Promise.all([broken.stop(), failing.stop()]);
  });
});
