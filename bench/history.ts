import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sealer } from '@pm/commands';
import { DEFAULT_POLICY } from '@pm/domain';
import type { EventStore } from '@pm/event-store';
import { PersonalData } from '@pm/platform';
import { openSqliteKeyStore } from '@pm/platform/personal-data/open-key-store';
import { headcountForEvents, writeSimulatedCompany } from '@pm/simulator';

/** A simulated company under the default policy; the same options give the same events. */
export interface HistoryOptions {
  employees: number;
  /** Two review cycles a year. */
  years: number;
  seed: number;
}

function sealedLikeTheApi(): Sealer {
  // The API's sealer over an in-memory key database: no key file's writes in the load's timing.
  const personalData = openSqliteKeyStore(':memory:', join(mkdtempSync(join(tmpdir(), 'pm-bench-kek-')), 'kek'), 'NORMAL').then(
    (keys) => new PersonalData(keys),
  );
  return async (type, data) => (await personalData).protect(type, data);
}

/** The headcount that yields at least `events` events over `years`. */
export function historyForEvents(events: number, years: number, seed: number): HistoryOptions {
  return { employees: headcountForEvents(events, { years, seed, policy: { ...DEFAULT_POLICY, version: 1 } }), years, seed };
}

/**
 * Writes the company's history through the simulator and the command library's batched writes,
 * personal fields sealed as the API seals them. Answers the number of events written.
 */
export async function loadHistory(store: EventStore, history: HistoryOptions, onProgress?: (events: number) => void): Promise<number> {
  const summary = await writeSimulatedCompany(
    store,
    { ...history, seal: sealedLikeTheApi() },
    { progressEvery: 20_000, onProgress: (p) => onProgress?.(p.events) },
  );
  return summary.events;
}
