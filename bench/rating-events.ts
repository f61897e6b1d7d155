import type { NewEvent } from '@pm/event-store';
import { SeededRandom } from '@pm/simulator';

/**
 * The one source of benchmark events. Adapter and raw runs ask for the same label and get the
 * same streams, ids and payloads, so both write comparable rows. Deterministic: the simulator’s PRNG
 * seeded by (label, index); ids embed the index so they stay unique within a label.
 */

export interface RatingProposed {
  cycleId: string;
  employeeId: string;
  managerId: string;
  rating: string;
  principlesMet: string[];
  principlesMissed: string[];
  narrative: string;
}

/** One `append` call: a stream and its events; `firstRevision` is what a raw writer stores. */
export interface AppendUnit {
  streamId: string;
  firstRevision: number;
  events: NewEvent<RatingProposed>[];
}

const PRINCIPLES = [
  'customer-obsession',
  'ownership',
  'invent-and-simplify',
  'learn-and-be-curious',
  'hire-and-develop',
  'high-standards',
  'think-big',
  'bias-for-action',
  'frugality',
  'earn-trust',
  'dive-deep',
  'deliver-results',
];
const RATINGS = ['below', 'meets', 'exceeds', 'far-exceeds'];
const ROLES = ['manager', 'skip-manager', 'hr-partner'];
const TENANTS = ['tenant-northwind', 'tenant-contoso', 'tenant-initech'];
const OPENERS = ['Led the', 'Drove the', 'Owned the', 'Rebuilt the', 'Shipped the', 'Stabilised the'];
const PROJECTS = ['payroll migration', 'billing rewrite', 'search relaunch', 'onboarding flow', 'data-retention review', 'on-call rota'];
const OUTCOMES = [
  'ahead of plan and cut incidents by a third',
  'on time despite two scope changes',
  'with clear weekly updates to stakeholders',
  'and mentored two new joiners',
];
const GROWTH = ['Next: delegate more.', 'Next: raise risks earlier.', 'Next: grow as an interviewer.'];

const CYCLE = '2025-H1';
const BASE_TIME = Date.UTC(2025, 5, 2, 8, 0, 0);

function labelSeed(label: string): number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h >>> 0;
}

function hex(random: () => number, digits: number): string {
  let out = '';
  while (out.length < digits)
    out += Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return out.slice(0, digits);
}

/** UUID-shaped, unique per (label, n): the last group is n. */
function eventUuid(random: () => number, labelHash: number, n: number): string {
  return `${(labelHash >>> 0).toString(16).padStart(8, '0')}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${n.toString(16).padStart(12, '0')}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function pickSome(random: () => number, items: readonly string[], count: number): string[] {
  const start = Math.floor(random() * items.length);
  return Array.from({ length: count }, (_, i) => items[(start + i * 5) % items.length]);
}

export function ratingEvent(label: string, n: number, employee: number): NewEvent<RatingProposed> {
  const labelHash = labelSeed(label);
  const seeded = new SeededRandom(labelHash ^ Math.imul(n + 1, 0x9e3779b1));
  const random = (): number => seeded.next();
  const managerNo = 1 + Math.floor(random() * 900);
  const principlesMet = pickSome(random, PRINCIPLES, 2 + Math.floor(random() * 2));
  return {
    id: eventUuid(random, labelHash, n),
    type: 'RatingProposed',
    schemaVersion: 1,
    data: {
      cycleId: CYCLE,
      employeeId: `emp-${label}-${String(employee).padStart(7, '0')}`,
      managerId: `emp-m-${String(managerNo).padStart(7, '0')}`,
      rating: pick(random, RATINGS),
      principlesMet,
      principlesMissed: pickSome(random, PRINCIPLES, 5)
        .filter((p) => !principlesMet.includes(p))
        .slice(0, 1),
      narrative: `${pick(random, OPENERS)} ${pick(random, PROJECTS)} ${pick(random, OUTCOMES)}. ${pick(random, GROWTH)}`,
    },
    metadata: {
      actor: { id: `usr-${String(managerNo).padStart(7, '0')}`, role: pick(random, ROLES) },
      occurredAt: new Date(BASE_TIME + n * 7_000).toISOString(),
      correlationId: eventUuid(random, labelHash ^ 0x5bd1e995, n),
      tenantId: pick(random, TENANTS),
    },
  };
}

/**
 * `units` appends of `perUnit` events, each to a new stream (one employee's rating stream),
 * delivered in chunks of about `chunkEvents` events so that generation stays outside the
 * timed sections without holding every event in memory at once.
 */
export function* appendUnits(label: string, units: number, perUnit: number, chunkEvents = 10_000): Generator<AppendUnit[]> {
  const unitsPerChunk = Math.max(1, Math.floor(chunkEvents / perUnit));
  let n = 0;
  for (let start = 0; start < units; start += unitsPerChunk) {
    const chunk: AppendUnit[] = [];
    for (let u = start; u < Math.min(units, start + unitsPerChunk); u++) {
      const events: NewEvent<RatingProposed>[] = [];
      for (let k = 0; k < perUnit; k++) events.push(ratingEvent(label, n++, u));
      chunk.push({ streamId: `rating-${CYCLE}-${events[0].data.employeeId}`, firstRevision: 0, events });
    }
    yield chunk;
  }
}

/** Average serialized sizes, as the stores write them (metadata gains `recordedAt`). */
export function payloadSizes(sample = 1000): { dataBytes: number; metadataBytes: number } {
  let data = 0;
  let metadata = 0;
  const recordedAt = new Date().toISOString();
  for (let i = 0; i < sample; i++) {
    const event = ratingEvent('size', i, i);
    data += Buffer.byteLength(JSON.stringify(event.data));
    metadata += Buffer.byteLength(JSON.stringify({ ...event.metadata, recordedAt }));
  }
  return { dataBytes: Math.round(data / sample), metadataBytes: Math.round(metadata / sample) };
}
