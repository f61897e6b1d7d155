import type { JsonBodyLimits } from '@pm/platform';

const KiB = 1024;

/**
 * Every command body: 64 KiB holds the longest valid one (feedback `text`, 10,000 characters) even
 * written with `\u` escapes (6 bytes a character); 256 members and array elements hold the largest
 * (a Focus with 10 goals, a hire with 20 attributes) many times over; 16 levels as before.
 */
export const COMMAND_BODY_LIMITS: JsonBodyLimits = { bytes: 64 * KiB, keys: 256, arrayItems: 256, depth: 16 };

/** Self-assessments and narratives of 20,000 characters, a Focus of 10 goals with 3,000 each. */
const LONG_TEXT: JsonBodyLimits = { ...COMMAND_BODY_LIMITS, bytes: 256 * KiB };

/** A promotion document of 50,000 characters. */
const DOCUMENT_TEXT: JsonBodyLimits = { ...COMMAND_BODY_LIMITS, bytes: 512 * KiB };

/** A whole policy document (the shipped ones are ~9 KB with ~760 members, most of them pay bands; ladders and bands can grow it). */
const POLICY_DOCUMENT: JsonBodyLimits = { bytes: 512 * KiB, keys: 4096, arrayItems: 8192, depth: 16 };

/**
 * Routes that need more than COMMAND_BODY_LIMITS, by `METHOD path` as the controllers declare them
 * (test/e2e/malformed-bodies.e2e-spec.ts checks each still names a route). BODY_LIMIT_BYTES caps
 * every one of them.
 */
export const ROUTE_BODY_LIMITS: Readonly<Record<string, JsonBodyLimits>> = {
  'POST /v1/employees/:employeeId/focus': LONG_TEXT,
  'POST /v1/review-cycles/:cycleId/self-assessments': LONG_TEXT,
  'POST /v1/review-cycles/:cycleId/ratings': LONG_TEXT,
  'POST /v1/employees/:employeeId/promotions': DOCUMENT_TEXT,
  'PUT /v1/policies/:policyId': POLICY_DOCUMENT,
  'POST /v1/replays': POLICY_DOCUMENT,
};

export const bodyLimitsOf = (route: string): JsonBodyLimits => ROUTE_BODY_LIMITS[route] ?? COMMAND_BODY_LIMITS;
