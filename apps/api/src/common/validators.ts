import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/** Client-supplied ids (employeeId, cycleId, promotionId, goalId): letters, digits, `.`, `_`, `-`. */
export const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function optionalOr(required: boolean, ...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...(required ? [] : [IsOptional()]), ...decorators);
}

export function ClientId(description: string, required = true): PropertyDecorator {
  const doc = { description, pattern: CLIENT_ID.source, example: 'e-1001' };
  return optionalOr(
    required,
    required ? ApiProperty(doc) : ApiPropertyOptional(doc),
    IsString(),
    Matches(CLIENT_ID, { message: '$property must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' }),
  );
}

/** A business date `YYYY-MM-DD` that exists on the calendar. */
export function BusinessDate(description: string, required = true): PropertyDecorator {
  const doc = { description, format: 'date', example: '2026-03-02' };
  return optionalOr(
    required,
    required ? ApiProperty(doc) : ApiPropertyOptional(doc),
    IsString(),
    Matches(DATE, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a real calendar date' }),
  );
}

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** When the thing happened in the business: a date, or an instant with its offset. Optional on every command. */
export function BusinessTime(): PropertyDecorator {
  return optionalOr(
    false,
    ApiPropertyOptional({
      description:
        'When this happened in the business (a date YYYY-MM-DD or an ISO 8601 instant with offset). Where the command has its own business date it must fall on that day; default: that date, else as documented for the route',
      example: '2024-06-30',
    }),
    IsString(),
    Matches(DATE_OR_INSTANT, { message: '$property must be a date YYYY-MM-DD or an instant like 2024-06-30T17:00:00Z' }),
    IsISO8601({ strict: true }, { message: '$property must be a real date or instant' }),
  );
}

/** Control characters other than tab and line breaks never belong in text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function Text(description: string, max: number, required = true): PropertyDecorator {
  const doc = { description, minLength: 1, maxLength: max };
  return optionalOr(
    required,
    required ? ApiProperty(doc) : ApiPropertyOptional(doc),
    IsString(),
    Length(1, max),
    Matches(/\S/, { message: '$property must not be blank' }),
    NotMatches(CONTROL, { message: '$property must not contain control characters' }),
  );
}

function NotMatches(pattern: RegExp, options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notMatches',
      validator: { validate: (value: unknown) => typeof value === 'string' && !pattern.test(value), defaultMessage: () => String(options.message) },
    },
    options,
  );
}

/** A small map of string to string (group attributes): at most 20 entries of short strings. */
export function IsStringMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 20 &&
          Object.entries(value).every(([k, v]) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(k) && typeof v === 'string' && v.length >= 1 && v.length <= 100),
        defaultMessage: () => '$property must map up to 20 attribute names (letters, digits, _) to strings of 1 to 100 characters',
      },
    },
    options,
  );
}
