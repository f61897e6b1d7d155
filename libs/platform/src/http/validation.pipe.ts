import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { listNames, problem, type FieldProblem } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not a known field' : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** No query of the contract takes more than a handful of parameters; more only costs validation. */
export const MAX_QUERY_PARAMETERS = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** No contract body nests deeper than a few levels; deeper input only costs stack. */
const MAX_DEPTH = 16;

/**
 * Fields the transformer would drop silently or choke on: prototype keys, and anything nested
 * deeper than any body of the contract. Named here, so they are refused with the field.
 */
function structuralProblems(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_DEPTH) return [{ field: path, message: `is nested deeper than ${MAX_DEPTH} levels` }];
  return Object.keys(value).flatMap((key) => {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return [{ field, message: 'is not a known field' }];
    return structuralProblems((value as Record<string, unknown>)[key], field, depth + 1);
  });
}

/**
 * Whitelist with forbidNonWhitelisted: unknown fields are refused, never silently dropped.
 * Bad fields are named in `errors` (the first MAX_REPORTED_ERRORS, with `errorCount`: see
 * ProblemFilter). The size and shape of a body were bounded before it was parsed (json-limits.ts),
 * so the work here is bounded too.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value !== null && typeof value === 'object' && Object.keys(value).length > MAX_QUERY_PARAMETERS) {
      throw problem(400, 'too-many-query-parameters', 'Too many query parameters', `A query takes at most ${MAX_QUERY_PARAMETERS} parameters`, {
        limit: 'query-parameters',
        max: MAX_QUERY_PARAMETERS,
      });
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = structuralProblems(value);
      if (problems.length > 0) {
        throw problem(400, 'invalid-input', 'Invalid input', `${problems.length} field(s) are invalid: ${listNames(problems.map((p) => p.field))}`, {
          errors: problems,
        });
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return problem(400, 'invalid-input', 'Invalid input', `${fields.length} field(s) are invalid: ${listNames([...new Set(fields.map((f) => f.field))])}`, {
        errors: fields,
      });
    },
  });
}
