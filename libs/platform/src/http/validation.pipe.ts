import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Whitelist with forbidNonWhitelisted: unknown fields are refused, never silently dropped.
 * Every bad field is named in `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
