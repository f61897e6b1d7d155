export * from './replay-history';
export * from './replay';
export * from './replay-result';
export type { ReplaySummary } from './summary-book';
export type { ReplaySummaryDelta } from './summary-delta';
export type { CompactHistory, PersonHistory, CycleHistory, RecordedRating } from './compact-history';
export * from './fold-feed';
export type { PaySummary, PayDelta } from './pay-replay';
