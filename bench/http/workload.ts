// The mixed command workload: hires of new employees (a fresh id per request), feedback on
// employees hired before measuring, and ratings proposed for them in open review cycles. The same
// sequence of requests, with the same bodies, goes to either server.
import type { HttpBenchConfig } from './config';
import { API_KEY } from './servers';

export type Kind = 'hire' | 'feedback' | 'rating';
export const KINDS: Kind[] = ['hire', 'feedback', 'rating'];

export interface BenchRequest {
  kind: Kind;
  method: 'POST';
  path: string;
  body: string;
}

export const HEADERS = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

const GRADES = ['TT', 'HV1', 'HV2', 'HV3', 'LE'];

export const seedEmployeeId = (i: number) => `s-${i}`;
export const cycleId = (i: number) => `c-${i}`;

export function hireBody(employeeId: string): object {
  return {
    employeeId,
    name: 'Dana Kim',
    email: `${employeeId}@example.com`,
    level: 'L5',
    jobFamily: 'SDE',
    orgId: 'payments',
    managerId: 'm-1',
    hireDate: '2024-01-15',
    location: 'Seattle',
    attributes: { gender: 'f', ageBand: '30-39' },
  };
}

const FEEDBACK = {
  fromEmployeeId: 'm-1',
  kind: 'peer360',
  sentiment: 'positive',
  principles: ['Customer Obsession', 'Deliver Results'],
  text: 'Led the migration of the payments ledger and unblocked two teams along the way.',
};

const cycleBody = (id: string) => ({ cycleId: id, name: `Cycle ${id}`, periodStart: '2026-01-01', periodEnd: '2026-06-30' });

/** The kinds in the order they are issued: 2:2:1 gives hire, feedback, rating, hire, feedback. */
function pattern(mix: HttpBenchConfig['mix']): Kind[] {
  const left = { ...mix };
  const out: Kind[] = [];
  while (KINDS.some((k) => left[k] > 0)) {
    for (const k of KINDS) {
      if (left[k] > 0) {
        out.push(k);
        left[k]--;
      }
    }
  }
  return out;
}

/** An endless, deterministic stream of requests; `tag` keeps hire ids unique across runs on one store. */
export class Workload {
  private readonly order: Kind[];
  private issued = 0;
  private readonly counts: Record<Kind, number> = { hire: 0, feedback: 0, rating: 0 };

  constructor(
    private readonly config: Pick<HttpBenchConfig, 'mix' | 'seedEmployees' | 'cycles'>,
    private readonly tag: string,
  ) {
    this.order = pattern(config.mix);
  }

  next(): BenchRequest {
    const kind = this.order[this.issued++ % this.order.length];
    const n = this.counts[kind]++;
    const employee = seedEmployeeId(n % this.config.seedEmployees);
    switch (kind) {
      case 'hire':
        return { kind, method: 'POST', path: '/v1/employees', body: JSON.stringify(hireBody(`h-${this.tag}-${n}`)) };
      case 'feedback':
        return { kind, method: 'POST', path: `/v1/employees/${employee}/feedback`, body: JSON.stringify(FEEDBACK) };
      case 'rating': {
        const body = {
          employeeId: employee,
          managerId: 'm-1',
          rating: GRADES[n % GRADES.length],
          principles: { met: ['Deliver Results'], missed: [] },
          narrative: 'Consistently raised the bar.',
        };
        return { kind, method: 'POST', path: `/v1/review-cycles/${cycleId(n % this.config.cycles)}/ratings`, body: JSON.stringify(body) };
      }
    }
  }
}

async function post(baseUrl: string, path: string, body: object): Promise<void> {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`seeding: POST ${path} answered ${res.status}: ${await res.text()}`);
}

/** Hires the employees feedback and ratings target and opens the cycles, through the server's own API. */
export async function seed(baseUrl: string, config: Pick<HttpBenchConfig, 'seedEmployees' | 'cycles'>): Promise<void> {
  for (let c = 0; c < config.cycles; c++) await post(baseUrl, '/v1/review-cycles', cycleBody(cycleId(c)));
  let next = 0;
  const worker = async () => {
    while (next < config.seedEmployees) await post(baseUrl, '/v1/employees', hireBody(seedEmployeeId(next++)));
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
