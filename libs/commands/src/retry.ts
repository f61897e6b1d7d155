/** Longest pause between two attempts, in milliseconds. */
const MAX_BACKOFF_MS = 100;

/**
 * Exponential backoff with full jitter: writers that lost a race on one stream spread out instead
 * of reading the same revision and colliding again, so many concurrent commands all get through.
 */
export const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt)));
