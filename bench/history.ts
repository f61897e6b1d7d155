import { randomBytes } from 'node:crypto';
import type { Sealer } from '@pm/commands';
import { DEFAULT_POLICY } from '@pm/domain';
import type { EventStore } from '@pm/event-store';
import { PersonalData, type KeyStore } from '@pm/platform';
import { headcountForEvents, writeSimulatedCompany } from '@pm/simulator';

/** A simulated company under the default policy; the same options give the same events. */
export interface HistoryOptions {
  employees: number;
  /** Two review cycles a year. */
  years: number;
  seed: number;
}

/** Keys in memory: the bench seals as the API does, without a key database's writes in the timing. */
class KeysInMemory implements KeyStore {
  private readonly keys = new Map<string, Buffer>();
  keyFor(subjectId: string): Promise<Buffer> {
    let key = this.keys.get(subjectId);
    if (!key) this.keys.set(subjectId, (key = randomBytes(32)));
    return Promise.resolve(key);
  }
  find(subjectId: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.keys.get(subjectId));
  }
  destroy(subjectId: string): Promise<boolean> {
    return Promise.resolve(this.keys.delete(subjectId));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function sealedLikeTheApi(): Sealer {
  const personalData = new PersonalData(new KeysInMemory());
  return (type, data) => personalData.protect(type, data);
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
