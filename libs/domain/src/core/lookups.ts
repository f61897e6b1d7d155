import { notFound, type DomainError } from './domain-error';

/** A read names someone the history does not know. */
export const employeeNotFound = (employeeId: string): DomainError => notFound('employee-not-found', `No employee ${employeeId}`);

/** A read names a review cycle never opened. */
export const reviewCycleNotFound = (cycleId: string): DomainError => notFound('review-cycle-not-found', `No review cycle ${cycleId}`);
