/**
 * Key-encryption keys (KEKs) wrap every person's data key, and live apart from the events and from
 * the wrapped keys: a backup of the databases alone opens nothing. They come in epochs: each
 * erasure starts a new epoch, wraps every live data key again under it and destroys the older
 * epochs, so a wrapped key left behind anywhere (a WAL, a dead tuple, a backup) has no KEK left.
 * A KMS fits here by mapping epochs to key versions.
 */
export interface KeyEncryptionKeys {
  /** The newest epoch, the one `wrap` uses. */
  currentEpoch(): Promise<number>;
  wrap(subjectId: string, dataKey: Buffer): Promise<{ epoch: number; wrapped: Buffer }>;
  /** Throws when the epoch was destroyed. */
  unwrap(subjectId: string, epoch: number, wrapped: Buffer): Promise<Buffer>;
  /** Starts a new epoch and returns it; the older ones stay until `retire`. */
  rotate(): Promise<number>;
  /** Destroys every epoch older than `epoch` for good. */
  retire(epoch: number): Promise<void>;
  /** Epochs still present, oldest first. */
  epochs(): Promise<number[]>;
}
