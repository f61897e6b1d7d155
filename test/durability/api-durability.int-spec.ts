import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../support/postgres';
import { ApiProcess, freePort } from './api-server';

const HR_KEY = 'durability-hr-key-0000000';
const API_KEYS = `hr:${HR_KEY},admin:durability-admin-key-00000`;
const WORKERS = 12;
const CYCLES = 3;

interface Sent {
  key: string;
  url: string;
  body: object;
  /** Event ids of the 2xx answer, once one arrived. */
  acknowledged?: string[];
}

interface Envelope {
  id: string;
  type: string;
  streamId: string;
  position: number;
  metadata: { idempotencyKey?: string };
}

async function send(api: ApiProcess, command: Sent): Promise<'acknowledged' | 'refused' | 'lost'> {
  try {
    let response: Response;
    let answer: { events?: { id: string }[]; type?: string };
    // A key still held (by the request a crash cut off, until its process is known dead) is retried after Retry-After.
    for (let attempt = 0; ; attempt++) {
      response = await fetch(`${api.url}${command.url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${HR_KEY}`, 'content-type': 'application/json', 'idempotency-key': command.key },
        body: JSON.stringify(command.body),
      });
      answer = (await response.json()) as typeof answer;
      if (response.status !== 409 || !answer.type?.endsWith('/idempotency-key-in-use') || attempt >= 30) break;
      await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
    }
    if (response.status >= 200 && response.status < 300) {
      const ids = (answer.events ?? []).map((e) => e.id);
      if (command.acknowledged && command.acknowledged.join() !== ids.join()) throw new Error(`retry of ${command.key} answered other events`);
      command.acknowledged = ids;
      return 'acknowledged';
    }
    if (response.status >= 500) return 'lost';
    throw new Error(`${command.url} answered ${response.status}: ${JSON.stringify(answer)}`);
  } catch (error) {
    // fetch rejects with a TypeError (from its own realm, so not instanceof ours) when the connection dies.
    if ((error as Error).name === 'TypeError' || (error as Error).name === 'SyntaxError') return 'lost';
    throw error;
  }
}

async function readFeed(api: ApiProcess): Promise<Envelope[]> {
  const events: Envelope[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${api.url}/v1/events?after=${after}&limit=1000`, { headers: { authorization: `Bearer ${HR_KEY}` } });
    const page = (await response.json()) as { events: Envelope[]; nextAfter: number };
    events.push(...page.events);
    if (page.events.length === 0) return events;
    after = page.nextAfter;
  }
}

/** Commands a worker sends: hire a person, then feedback on them, each with its own Idempotency-Key. */
function* workload(worker: number, cycle: number): Generator<Sent> {
  for (let i = 0; ; i++) {
    const employeeId = `d-${cycle}-${worker}-${i}`;
    yield {
      key: `hire-${employeeId}`,
      url: '/v1/employees',
      body: {
        employeeId,
        name: 'Load Test',
        email: `${employeeId}@example.com`,
        level: 'L4',
        jobFamily: 'SDE',
        orgId: `org-${worker % 3}`,
        hireDate: '2025-01-06',
      },
    };
    for (let f = 0; f < 3; f++) {
      yield {
        key: `feedback-${employeeId}-${f}`,
        url: `/v1/employees/${employeeId}/feedback`,
        body: { fromEmployeeId: `peer-${f}`, kind: 'peer360', sentiment: 'positive', text: `Feedback ${f} for ${employeeId}` },
      };
    }
  }
}

async function durabilityRun(engine: string, env: NodeJS.ProcessEnv): Promise<void> {
  const api = new ApiProcess(await freePort(), { API_KEYS, RATE_LIMIT_PER_MINUTE: '10000000', ...env });
  const sent: Sent[] = [];
  const pending = new Set<Sent>();
  let retriedAfterCrash = 0;
  let replays = 0;
  try {
    await api.start();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      let stop = false;
      const workers = Array.from({ length: WORKERS }, async (_, w) => {
        for (const command of workload(w, cycle)) {
          if (stop) return;
          sent.push(command);
          const outcome = await send(api, command);
          if (outcome === 'lost') {
            // The answer never came: the command may or may not have been applied.
            pending.add(command);
            return;
          }
        }
      });
      await new Promise((r) => setTimeout(r, 800 + cycle * 300));
      await api.kill();
      stop = true;
      await Promise.all(workers);
      await api.start();
      // The client retries every unanswered command with the same key and body, as an HR platform would.
      for (const command of [...pending]) {
        if ((await send(api, command)) === 'acknowledged') {
          pending.delete(command);
          retriedAfterCrash++;
        }
      }
      // And replays some answered ones: they must not append again.
      for (const command of sent.filter((c) => c.acknowledged).slice(-20)) {
        expect(await send(api, command)).toBe('acknowledged');
        replays++;
      }
    }
    expect(pending.size).toBe(0);

    const feed = await readFeed(api);
    const byId = new Map(feed.map((e) => [e.id, e]));
    const acknowledged = sent.filter((c) => c.acknowledged);
    const missing = acknowledged.filter((c) => c.acknowledged!.some((id) => !byId.has(id)));
    const perKey = new Map<string, number>();
    for (const event of feed)
      if (event.metadata.idempotencyKey) perKey.set(event.metadata.idempotencyKey, (perKey.get(event.metadata.idempotencyKey) ?? 0) + 1);
    const duplicated = acknowledged.filter((c) => (perKey.get(c.key) ?? 0) !== c.acknowledged!.length);
    const unacknowledgedButStored = [...perKey.keys()].filter((key) => !acknowledged.some((c) => c.key === key));

    console.log(
      `durability ${engine}: ${CYCLES} SIGKILLs under load from ${WORKERS} clients, ${acknowledged.length} commands acknowledged ` +
        `(${retriedAfterCrash} only after a retry across a crash, ${replays} replays of answered commands), ` +
        `${missing.length} missing from the feed, ${duplicated.length} duplicated`,
    );
    expect(missing.map((c) => c.key)).toEqual([]);
    expect(duplicated.map((c) => c.key)).toEqual([]);
    expect(unacknowledgedButStored).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(CYCLES * WORKERS);
  } finally {
    await api.kill();
  }
}

describe('API durability under SIGKILL', () => {
  it('sqlite (synchronous=FULL): every 2xx command is in the feed once, retries included', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pm-durability-'));
    try {
      await durabilityRun('sqlite', { EVENT_STORE: 'sqlite', DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('postgres: every 2xx command is in the feed once, retries included', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pm-durability-'));
    try {
      await durabilityRun('postgres', { EVENT_STORE: 'postgres', DATABASE_URL: await createTestDatabase('durability'), DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
