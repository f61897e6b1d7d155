export interface Measurement {
  events: number;
  ms: number;
  eventsPerSec: number;
}

export function measurement(events: number, ms: number): Measurement {
  return { events, ms: Math.round(ms * 10) / 10, eventsPerSec: ms > 0 ? Math.round((events * 1000) / ms) : 0 };
}

/** Full collection before timing, so garbage from a previous measurement is not billed here. */
export function collectGarbage(): void {
  (globalThis as { gc?: (options?: object) => void }).gc?.();
}

/** A scavenge only (cheap): between interleaved steps, so each side pays for its own young garbage. */
export function collectYoungGarbage(): void {
  (globalThis as { gc?: (options?: object) => void }).gc?.({ type: 'minor' });
}

export function median(values: number[], round = true): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return round ? Math.round(value) : value;
}

/** Serializes metadata as the adapters do: the store stamps `recordedAt` once per append. */
export function metadataJson(metadata: object, recordedAt: string): string {
  return JSON.stringify({ ...metadata, recordedAt });
}
