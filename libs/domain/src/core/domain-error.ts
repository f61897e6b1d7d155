/**
 * A rule forbids the command. `rule` is stable (it becomes the problem type
 * `.../rules/<rule>` at the HTTP edge); `kind` says how the edge should answer.
 */
export class DomainError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly kind: 'rule' | 'not-found' | 'already-exists' | 'invalid' = 'rule',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (rule: string, message: string): DomainError => new DomainError(rule, message, 'not-found');
export const alreadyExists = (rule: string, message: string): DomainError => new DomainError(rule, message, 'already-exists');
export const ruleViolation = (rule: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(rule, message, 'rule', details);
