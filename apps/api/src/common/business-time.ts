import { problem } from '@pm/platform';

/** A command body with the optional business time every command accepts. */
export interface Timed {
  occurredAt?: string;
}

/**
 * Splits a body into the command's data and when it happened. A command with its own business date
 * (`effectiveDate`, `startDate`, `hireDate`, ...) happened on that day: `occurredAt` may add the
 * time of day but must fall on it.
 */
export function businessTime<T extends Timed>(body: T, own: { field: keyof T & string }): { data: Omit<T, 'occurredAt'>; occurredAt: string };
export function businessTime<T extends Timed>(body: T): { data: Omit<T, 'occurredAt'>; occurredAt?: string };
export function businessTime<T extends Timed>(body: T, own?: { field: keyof T & string }): { data: Omit<T, 'occurredAt'>; occurredAt?: string } {
  const { occurredAt, ...data } = body;
  const ownDate = own ? (body[own.field] as unknown as string) : undefined;
  if (ownDate === undefined) return { data, occurredAt };
  if (occurredAt !== undefined && occurredAt.slice(0, 10) !== ownDate) {
    throw problem(400, 'invalid-input', 'Invalid input', `occurredAt ${occurredAt} does not fall on ${own!.field} ${ownDate}`, {
      errors: [{ field: 'occurredAt', message: `must fall on ${own!.field} (${ownDate})` }],
    });
  }
  return { data, occurredAt: occurredAt ?? ownDate };
}
