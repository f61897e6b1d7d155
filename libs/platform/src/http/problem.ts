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
