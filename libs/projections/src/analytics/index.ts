export * from './period';
export { NO_MANAGER, type GroupBy } from './employment';
export * from './attrition';
export * from './hire-to-fire';
export * from './feedback-divergence';
export * from './adverse-impact';
export * from './suppression';
