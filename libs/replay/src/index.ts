export * from './replay-history';
export * from './replay';
export * from './replay-result';
export * from './replay-errors';
export type { ReplaySummary } from './summary-book';
export type { ReplaySummaryDelta } from './summary-delta';
export type { CompactHistory, PersonHistory, CycleHistory, RecordedRating } from './compact-history';
