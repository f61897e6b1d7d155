/** RFC 9457 problem details, as every error of the API is answered. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = 'https://perf-ledger.dev/problems';

/** `type` of a business-rule refusal: `.../rules/promotion-blocked-during-pivot`. */
export const ruleType = (rule: string): string => `${PROBLEM_BASE}/rules/${rule}`;
export const problemType = (slug: string): string => `${PROBLEM_BASE}/${slug}`;

/** An error the edge already knows how to answer: thrown by guards, pipes and controllers. */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}

export function problem(status: number, slug: string, title: string, detail: string, extra: Partial<Problem> = {}): ProblemException {
  return new ProblemException({ type: problemType(slug), title, status, detail, ...extra });
}

/** An answer names at most this many bad fields; `errorCount` then says how many there were. */
export const MAX_REPORTED_ERRORS = 20;

/** The problem as answered: `errors` cut to the first MAX_REPORTED_ERRORS, with the full count. */
export function withCappedErrors(body: Problem): Problem {
  if (!body.errors || body.errors.length <= MAX_REPORTED_ERRORS) return body;
  return { ...body, errors: body.errors.slice(0, MAX_REPORTED_ERRORS), errorCount: body.errors.length };
}

/** `a, b, c` for a detail line, naming at most MAX_REPORTED_ERRORS and counting the rest. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_REPORTED_ERRORS).join(', ');
  return names.length > MAX_REPORTED_ERRORS ? `${shown} and ${names.length - MAX_REPORTED_ERRORS} more` : shown;
}
