import { applyDecorators, HttpCode, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CommandAnswerInterceptor } from './command-answer.interceptor';
import { CommandResponseDto } from './command-result';
import { ProblemDto } from './problem.dto';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } });

const COMMON = [problem(401, 'Missing or unknown API key'), problem(403, 'Role not allowed'), problem(429, 'Rate limited')];

/** A command route: answered with its status and ETag (and idempotently) by one interceptor, documented with each problem the contract names. */
export function CommandResponses(created: boolean, ...extra: [number, string][]): MethodDecorator {
  return applyDecorators(
    HttpCode(created ? 201 : 200),
    UseInterceptors(CommandAnswerInterceptor),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDto),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body returns the first answer and appends nothing' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision last seen, as "3": the command fails with 412 if the stream moved on' }),
    ApiResponse({ status: created ? 201 : 200, type: CommandResponseDto, description: 'Appended; the ETag header carries the new revision' }),
    problem(400, 'Invalid input: every bad field named in errors[]'),
    problem(404, 'Unknown employee, cycle, promotion or goal'),
    problem(409, 'A business rule forbids it (type names the rule) or it already exists'),
    problem(412, 'If-Match revision is stale'),
    problem(413, 'Body too large'),
    problem(422, 'Idempotency-Key reused with a different body'),
    ...COMMON,
    ...extra.map(([status, description]) => problem(status, description)),
  );
}

/** The documented answers of a read. */
export function QueryResponses(type: unknown, ...extra: [number, string][]): MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiExtraModels(ProblemDto),
    ApiResponse({ status: 200, type: type as never }),
    problem(400, 'Invalid input'),
    ...COMMON,
    ...extra.map(([status, description]) => problem(status, description)),
  );
}
