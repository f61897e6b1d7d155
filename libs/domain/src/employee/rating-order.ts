/** A final rating as ordered among a person's others: by the cycle's period, however late it was delivered. */
interface PeriodRating {
  cycleId: string;
  periodEnd: string;
}

const later = (a: PeriodRating, b: PeriodRating): boolean => a.periodEnd > b.periodEnd || (a.periodEnd === b.periodEnd && a.cycleId > b.cycleId);

/**
 * The ratings with `rating` in its place: oldest period first, ties by cycle id, a cycle's earlier
 * rating replaced. Every reader (state, Focus triggers, the promotion bar, `lastRating`, replay)
 * orders ratings this one way.
 */
export function withRatingInPeriodOrder<R extends PeriodRating>(ratings: readonly R[], rating: R): R[] {
  const others = ratings.filter((r) => r.cycleId !== rating.cycleId);
  const at = others.findIndex((r) => later(r, rating));
  return at < 0 ? [...others, rating] : [...others.slice(0, at), rating, ...others.slice(at)];
}
