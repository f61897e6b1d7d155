import { DEFAULT_POLICIES, employeeStreamId, policyStreamId, toDayNumber } from '@pm/domain';
import type { EventStore } from '@pm/event-store';
import { Company, isActive, type Person } from './company';
import { employeeWindow, type CareerWindow } from './employee-window';
import { EventRecorder, type StreamBatch } from './recorded-events';
import { finalizedDay, reviewCycle, type CycleDates } from './review-cycle';
import { SeededRandom } from './seeded-random';

export type { StreamBatch } from './recorded-events';

export interface HistoryOptions {
  /** Headcount at the start; hires roughly replace leavers, plus ~2% growth a year. */
  employees: number;
  /** Semi-annual review cycles: two per year. */
  years: number;
  seed: number;
  /** Default: the history ends with 2024. */
  firstYear?: number;
}

const GROWTH_PER_WINDOW = 0.01;
/** Share of leavers who later ask for their personal data to be erased. */
const ERASURES = 0.03;
const ROLE_ORDER = { chief: 0, head: 1, manager: 2, ic: 3 } as const;

function cyclesOf(firstYear: number, years: number): CycleDates[] {
  return Array.from({ length: years * 2 }, (_, i) => {
    const year = firstYear + Math.floor(i / 2);
    const half = i % 2 === 0 ? 'H1' : 'H2';
    const [start, end] = half === 'H1' ? ['01-01', '06-30'] : ['07-01', '12-31'];
    return {
      cycleId: `${year}-${half}`,
      name: `${year} ${half} performance review`,
      periodStart: toDayNumber(`${year}-${start}`),
      periodEnd: toDayNumber(`${year}-${end}`),
    };
  });
}

/** Managers before their reports, so a report learns of a manager's departure in the same window. */
function inProcessingOrder(company: Company): Person[] {
  return company.active().sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

/**
 * A company's history as the API would have stored it, in the order it was recorded: policies, the
 * staff on day one, then per half year everything that happened to people (hires, moves,
 * promotions, feedback, Focus and Pivot, separations, erasures), then that half's review cycle.
 * After the last cycle only its ratings are delivered. The same options give the same events.
 */
export function* generateHistory(options: HistoryOptions): Generator<StreamBatch> {
  const random = new SeededRandom(options.seed);
  const recorder = new EventRecorder(random);
  const company = new Company(random, recorder);
  const firstYear = options.firstYear ?? 2025 - options.years;
  const startDay = toDayNumber(`${firstYear}-01-01`);

  for (const draft of DEFAULT_POLICIES) {
    yield {
      streamId: policyStreamId(draft.policyId),
      events: recorder.command(startDay - 1, [{ type: 'PolicyPublished', data: { policy: { ...draft, version: 1 } } }]),
    };
  }
  company.staff(options.employees, startDay);

  const erasures: { person: Person; day: number }[] = [];
  let windowStart = startDay;
  for (const cycle of [...cyclesOf(firstYear, options.years), undefined]) {
    const window: CareerWindow = {
      start: windowStart,
      end: cycle ? cycle.periodEnd - 15 : windowStart,
      upcoming: cycle && { cycleId: cycle.cycleId, periodEnd: cycle.periodEnd },
    };
    for (const org of company.orgs) for (const team of org.teams) team.newManagerDay = undefined;

    let leavers = 0;
    const people = inProcessingOrder(company);
    for (const person of people) {
      const hires: StreamBatch[] = [];
      const batch = employeeWindow(person, window, company, random, recorder, hires);
      if (batch) yield batch;
      yield* hires;
      if (isActive(person)) continue;
      if (person.role === 'ic') leavers++;
      if (random.chance(ERASURES)) erasures.push({ person, day: person.separatedDay! + random.int(180, 720) });
    }
    if (!cycle) return;

    const newcomers = leavers + Math.round(people.length * GROWTH_PER_WINDOW);
    for (let i = 0; i < newcomers; i++) {
      const team = company.settledTeam();
      if (team) yield company.takeBacklog(company.hireIndividual(team, random.int(window.start, window.end - 30)));
    }
    for (const due of erasures.filter((e) => e.day <= window.end)) {
      erasures.splice(erasures.indexOf(due), 1);
      const reason = 'Erasure request under GDPR art. 17';
      yield {
        streamId: employeeStreamId(due.person.id),
        events: recorder.command(due.day, [{ type: 'PersonalDataErased', data: { employeeId: due.person.id, reason } }]),
      };
    }
    yield* reviewCycle(cycle, company, random, recorder);
    windowStart = finalizedDay(cycle);
  }
}

/** Events per append: large, but far below what one append may hold on any engine. */
const MAX_EVENTS_PER_APPEND = 5000;
/** Appends in flight at once (postgres commits them in parallel; sqlite runs them one by one anyway). */
const IN_FLIGHT = 8;

/** Consecutive batches of one stream as one append, cut at MAX_EVENTS_PER_APPEND. */
function* appends(batches: Iterable<StreamBatch>): Generator<StreamBatch> {
  let pending: StreamBatch | undefined;
  for (const batch of batches) {
    if (pending && pending.streamId === batch.streamId && pending.events.length + batch.events.length <= MAX_EVENTS_PER_APPEND) {
      pending.events.push(...batch.events);
      continue;
    }
    if (pending) yield pending;
    pending = { streamId: batch.streamId, events: [...batch.events] };
    while (pending.events.length > MAX_EVENTS_PER_APPEND) yield { streamId: pending.streamId, events: pending.events.splice(0, MAX_EVENTS_PER_APPEND) };
  }
  if (pending) yield pending;
}

const categoryOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

/**
 * Appends a generated history and returns how many events it stored. Appends to different streams
 * of one kind overlap; an append waits for the earlier ones of its stream, and for everything in
 * flight when the kind of stream changes (a cycle's ratings follow the hires they rate, and
 * deliveries follow the cycle), so the store records the history in its order.
 */
export async function loadHistory(store: EventStore, options: HistoryOptions, onProgress?: (events: number) => void): Promise<number> {
  const inFlight = new Map<string, Promise<void>>();
  let failure: Error | undefined;
  let appended = 0;
  let category = '';
  for (const { streamId, events } of appends(generateHistory(options))) {
    if (categoryOf(streamId) !== category) {
      await Promise.all(inFlight.values());
      category = categoryOf(streamId);
    }
    await inFlight.get(streamId);
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight.values());
    if (failure) throw failure;
    const append: Promise<void> = store.append(streamId, events).then(
      () => {
        appended += events.length;
        onProgress?.(appended);
      },
      (error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
      },
    );
    const tracked = append.finally(() => {
      if (inFlight.get(streamId) === tracked) inFlight.delete(streamId);
    });
    inFlight.set(streamId, tracked);
  }
  await Promise.all(inFlight.values());
  if (failure) throw failure;
  return appended;
}
