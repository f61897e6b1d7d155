import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { problem, type FieldProblem } from './problem';

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
 * Every bad field is named in `errors`.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = structuralProblems(value);
      if (problems.length > 0) {
        throw problem(400, 'invalid-input', 'Invalid input', `${problems.length} field(s) are invalid: ${problems.map((p) => p.field).join(', ')}`, {
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
      return problem(400, 'invalid-input', 'Invalid input', `${fields.length} field(s) are invalid: ${[...new Set(fields.map((f) => f.field))].join(', ')}`, {
        errors: fields,
      });
    },
  });
}
