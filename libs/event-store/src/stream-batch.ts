import type { AppendResult } from './envelope';
import { IdempotencyConflict, InvalidAppend } from './errors';
import type { StreamAppend } from './event-store.port';
import { originalResult, validateAppend, type StoredIdentity } from './stored-event';

/** Every append valid on its own, each stream once, each event id once in the whole batch. */
export function validateBatch(appends: readonly StreamAppend[], maxEvents: number): void {
  if (!Array.isArray(appends) || appends.length === 0) throw new InvalidAppend('appendMany needs at least one append');
  const streams = new Set<string>();
  const ids = new Set<string>();
  let total = 0;
  for (const append of appends) {
    validateAppend(append.streamId, append.events, append.expectedRevision ?? 'any');
    if (streams.has(append.streamId)) throw new InvalidAppend(`Stream ${append.streamId} appears twice in one appendMany`);
    streams.add(append.streamId);
    for (const event of append.events) {
      if (ids.has(event.id)) throw new InvalidAppend(`Event id ${event.id} appears twice in one appendMany`);
      ids.add(event.id);
    }
    total += append.events.length;
  }
  if (total > maxEvents) throw new InvalidAppend(`An appendMany holds at most ${maxEvents} events`);
}

/**
 * After a failed batch: the original results when the whole batch is already stored (an idempotent
 * retry), undefined when none of it is, IdempotencyConflict when only part of its ids are stored.
 */
export function storedBatch(appends: readonly StreamAppend[], stored: readonly StoredIdentity[]): AppendResult[] | undefined {
  if (stored.length === 0) return undefined;
  const storedIds = new Set(stored.map((s) => s.id));
  return appends.map((append) => {
    const missing = append.events.find((e) => !storedIds.has(e.id));
    if (missing) throw new IdempotencyConflict(append.streamId, missing.id);
    return originalResult(append.streamId, append.events, stored);
  });
}

export const eventIdsOf = (appends: readonly StreamAppend[]): string[] => appends.flatMap((a) => a.events.map((e) => e.id));
