import type { AppendUnit } from './rating-events';

export interface ReadSlice {
  /** Events read (payloads parsed). */
  count: number;
  /** Where the next slice starts: the last position read + 1. */
  next: number;
}

/** What a scenario drives: the adapter through the EventStore port, or a raw-driver baseline. */
export interface BenchTarget {
  readonly kind: 'adapter' | 'raw';
  /** Appends every unit of the chunk, one transaction per unit, in order. */
  write(chunk: AppendUnit[]): void | Promise<void>;
  /** Reads up to `limit` events from `fromPosition` in global order, page by page, parsing data and metadata. */
  read(fromPosition: number, limit: number): Promise<ReadSlice>;
  close(): Promise<void>;
}
