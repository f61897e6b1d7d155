import type { DomainFact } from './recorded-events';

/**
 * One command about an employee, dated. Steps are sorted by day and recorded in that order, so
 * the facts are decided only then, from the person as they are at that point.
 */
export interface CareerStep {
  day: number;
  /** The command's events; none when the step no longer applies. */
  facts(): DomainFact[];
  /** Business time when it is not the start of `day`. */
  occurredAt?: string;
  causationId?: string;
  /** Runs once the events are recorded: moves the person's state along. */
  after?(): void;
  /** The person is no longer employed after this step: nothing later is recorded. */
  separates?: boolean;
}

export const step = (day: number, facts: () => DomainFact[], rest: Omit<CareerStep, 'day' | 'facts'> = {}): CareerStep => ({ day, facts, ...rest });
