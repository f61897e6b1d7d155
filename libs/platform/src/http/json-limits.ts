import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { problem, type ProblemException } from './problem';

/**
 * How much one JSON body may hold. Checked on the raw text before it is parsed, so a body over a
 * limit costs one linear scan, never JSON.parse, class-transformer or class-validator.
 */
export interface JsonBodyLimits {
  /** Largest body in bytes (413 beyond); never more than BODY_LIMIT_BYTES. */
  bytes: number;
  /** Object members in the whole body, at every depth. */
  keys: number;
  /** Array elements in the whole body, over all its arrays. */
  arrayItems: number;
  /** Containers nested in one another; the body's own object is depth 1. */
  depth: number;
}

export type JsonLimitName = 'keys' | 'array-items' | 'depth';

export interface JsonLimitViolation {
  limit: JsonLimitName;
  max: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The first limit the text goes over, or nothing. One pass over the characters, stopping at the
 * first limit passed. It counts structure outside strings: a colon is one member, an array holds
 * one more element than it has commas (none when it is empty). Text that is not JSON may be
 * counted oddly; JSON.parse refuses it afterwards anyway.
 */
export function scanJson(text: string, limits: Omit<JsonBodyLimits, 'bytes'>): JsonLimitViolation | undefined {
  // inArray[d]: whether the container at depth d is an array. Never deeper than limits.depth.
  const inArray = new Uint8Array(limits.depth + 2);
  let depth = 0;
  let keys = 0;
  let items = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: to the next quote not escaped by a backslash.
      for (i++; i < length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.depth) return { limit: 'depth', max: limits.depth };
      inArray[depth] = c === OPEN_ARRAY ? 1 : 0;
      if (c === OPEN_ARRAY) {
        let next = i + 1;
        while (next < length && isWhitespace(text.charCodeAt(next))) next++;
        if (next < length && text.charCodeAt(next) !== CLOSE_ARRAY && ++items > limits.arrayItems) return { limit: 'array-items', max: limits.arrayItems };
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (c === COMMA) {
      if (inArray[depth] === 1 && ++items > limits.arrayItems) return { limit: 'array-items', max: limits.arrayItems };
    } else if (c === COLON) {
      if (++keys > limits.keys) return { limit: 'keys', max: limits.keys };
    }
  }
  return undefined;
}

const WHAT: Record<JsonLimitName, string> = {
  keys: 'object members',
  'array-items': 'array elements',
  depth: 'levels of nesting',
};

/** 400 body-too-complex, naming the limit passed and its value for this route. */
export function bodyTooComplex(violation: JsonLimitViolation): ProblemException {
  return problem(400, 'body-too-complex', 'Body too complex', `The body holds more than ${violation.max} ${WHAT[violation.limit]}, the limit of this route`, {
    limit: violation.limit,
    max: violation.max,
  });
}

const LIMITS = 'jsonBodyLimits';

type LimitedRequest = FastifyRequest & { routeOptions: { config: { [LIMITS]?: JsonBodyLimits } } };

/**
 * Bounded bodies on every route: an onRoute hook gives each route its byte limit (Fastify refuses
 * a longer body with 413 while reading it, from Content-Length before reading anything) and its
 * structure limits, and the JSON parser scans the text against them before parsing it.
 * `limitsOf` names the limits of a route (`POST /v1/employees/:employeeId`); the result is capped
 * at `globalMaxBytes`. Call before the routes are registered (before app.init()).
 */
export function installJsonLimits(
  fastify: FastifyInstance,
  options: {
    globalMaxBytes: number;
    limitsOf: (route: string) => JsonBodyLimits;
    /** Parses the text once it is within the limits (Fastify's own parser, with its prototype-poisoning checks). */
    parse: (request: FastifyRequest, text: string, done: (error: Error | null, body?: unknown) => void) => void;
  },
): { parser: (request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void } {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limits = options.limitsOf(`${methods[0]} ${route.url}`);
    const capped = { ...limits, bytes: Math.min(limits.bytes, options.globalMaxBytes) };
    route.bodyLimit = capped.bytes;
    route.config = { ...route.config, [LIMITS]: capped };
  });
  return {
    parser: (request, body, done) => {
      const limits = (request as LimitedRequest).routeOptions.config[LIMITS];
      const text = body.toString('utf8');
      const violation = limits && scanJson(text, limits);
      if (violation) {
        done(bodyTooComplex(violation));
        return;
      }
      options.parse(request, text, done);
    },
  };
}
