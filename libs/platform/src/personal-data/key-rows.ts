/** A person's data key as stored: wrapped under a KEK epoch (or, from before wrapping, in the clear). */
export interface KeyRow {
  subjectId: string;
  wrapped: Buffer | null;
  epoch: number | null;
  /** A data key stored before keys were wrapped; wrapped and cleared at open. */
  legacyKey?: Buffer | null;
  destroyed: boolean;
}

/** Where wrapped data keys are kept: a table of the service store (SQLite file or PostgreSQL). */
export interface KeyRows {
  find(subjectId: string): Promise<KeyRow | undefined>;
  /**
   * Inserts a new key, wrapped by `wrapNew` while no rotation runs (in any process sharing the
   * store), unless the subject has one; answers the row that is stored.
   */
  insert(subjectId: string, wrapNew: () => Promise<{ epoch: number; wrapped: Buffer }>): Promise<KeyRow>;
  /** Clears the wrapped key and marks it destroyed; false when there was no live key. */
  shred(subjectId: string): Promise<boolean>;
  /** Sets (or clears) the mark of an erasure under way on a live row. */
  markErasing(subjectId: string, erasing: boolean): Promise<void>;
  /** Live rows marked as being erased. */
  erasing(): Promise<string[]>;
  /** Live rows not wrapped under `epoch`, after `afterSubject`, at most `limit`. */
  notWrappedUnder(epoch: number, afterSubject: string, limit: number): Promise<KeyRow[]>;
  /** Stores the rows wrapped again, in one transaction. */
  rewrap(rows: { subjectId: string; wrapped: Buffer; epoch: number }[]): Promise<void>;
  /**
   * Runs `work` while no other writer of keys (in any process sharing the store) runs: new keys
   * wait, so none is wrapped under an epoch being retired.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Leaves no copy of cleared bytes in the engine's own files (WAL, free pages) where it can. */
  scrub(): Promise<void>;
  close(): Promise<void>;
}
