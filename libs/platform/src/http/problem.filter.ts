import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { IdempotencyKeyReused, StaleRevision, StreamKeptChanging } from '@pm/commands';
import { DomainError } from '@pm/domain';
import { EventStoreError, IdempotencyConflict, InvalidAppend, StreamNotFound, WrongExpectedRevision } from '@pm/event-store';
import { KeyDestroyed } from '../personal-data/key-store';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemType, ruleType, withCappedErrors, type Problem } from './problem';

const DOMAIN_STATUS = { rule: 409, 'not-found': 404, 'already-exists': 409, invalid: 400 } as const;

function fromDomain(error: DomainError): Problem {
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  const problems = Array.isArray(error.details.problems) ? (error.details.problems as Problem['errors']) : undefined;
  return {
    type: ruleType(error.rule),
    title: error.kind === 'not-found' ? 'Not found' : error.kind === 'invalid' ? 'Invalid input' : 'A business rule forbids this',
    status: DOMAIN_STATUS[error.kind],
    detail: error.message,
    rule: error.rule,
    ...(problems ? { errors: problems } : field ? { errors: [{ field, message: error.message }] } : {}),
    // The events a refused correction conflicts with, so the caller can correct those first.
    ...(Array.isArray(error.details.events) ? { events: error.details.events } : {}),
  };
}

function fromStore(error: EventStoreError): Problem {
  if (error instanceof WrongExpectedRevision) {
    return { type: problemType('concurrent-modification'), title: 'Changed concurrently', status: 409, detail: `${error.message}; read it again and retry` };
  }
  if (error instanceof StreamNotFound) return { type: problemType('not-found'), title: 'Not found', status: 404, detail: error.message };
  if (error instanceof IdempotencyConflict) return { type: problemType('idempotency-conflict'), title: 'Event id reused', status: 409, detail: error.message };
  if (error instanceof InvalidAppend) return { type: problemType('invalid-input'), title: 'Invalid input', status: 400, detail: error.message };
  return { type: problemType('store-unavailable'), title: 'Store unavailable', status: 503, detail: 'The event store is not available; retry later' };
}

function fromCommands(error: StaleRevision | IdempotencyKeyReused | StreamKeptChanging): Problem {
  if (error instanceof StaleRevision) {
    return {
      type: problemType('precondition-failed'),
      title: 'Precondition failed',
      status: 412,
      detail: `If-Match "${error.expected}" is stale: ${error.streamId} is at revision ${error.actual}`,
      currentRevision: error.actual,
    };
  }
  if (error instanceof IdempotencyKeyReused) {
    return {
      type: problemType('idempotency-key-reused'),
      title: 'Idempotency-Key reused',
      status: 422,
      detail: 'This Idempotency-Key was already used with a different request',
      errors: [{ field: 'Idempotency-Key', message: 'was used with a different request' }],
    };
  }
  return { type: problemType('concurrent-modification'), title: 'Changed concurrently', status: 409, detail: `${error.message}; read it again and retry` };
}

function fromHttp(error: HttpException): Problem {
  const status = error.getStatus();
  if (error instanceof ThrottlerException)
    return { type: problemType('rate-limited'), title: 'Too many requests', status: 429, detail: 'Rate limit exceeded; retry later' };
  const slug =
    status === 404
      ? 'not-found'
      : status === 413
        ? 'payload-too-large'
        : status === 415
          ? 'unsupported-media-type'
          : status === 400
            ? 'invalid-input'
            : 'http-error';
  const response = error.getResponse();
  const message = typeof response === 'object' && response && 'message' in response ? String(response.message) : error.message;
  return { type: problemType(slug), title: error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, detail: message };
}

/** Fastify's own errors (body too large, bad JSON, wrong content type) carry a status code. */
function fromFastify(error: { statusCode: number; code?: string; message: string }): Problem {
  const status = error.statusCode;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return { type: problemType('payload-too-large'), title: 'Payload too large', status: 413, detail: 'The request body is larger than the limit' };
  }
  if (status === 415) return { type: problemType('unsupported-media-type'), title: 'Unsupported media type', status, detail: 'Send application/json' };
  return {
    type: problemType('invalid-input'),
    title: 'Invalid input',
    status,
    detail: error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(error.message) ? 'The body is not valid JSON' : error.message,
  };
}

/**
 * Every error leaves the API as application/problem+json; internals never leak. However many
 * fields were wrong, the answer names the first MAX_REPORTED_ERRORS (with `errorCount`), so a
 * hostile body cannot make the answer large.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let headers: Record<string, string> = {};
    let body: Problem;
    if (error instanceof ProblemException) {
      body = error.problem;
      headers = error.headers;
    } else if (error instanceof DomainError) body = fromDomain(error);
    else if (error instanceof KeyDestroyed) {
      body = {
        type: ruleType('personal-data-erased'),
        title: 'A business rule forbids this',
        status: 409,
        detail: error.message,
        rule: 'personal-data-erased',
      };
    } else if (error instanceof EventStoreError) body = fromStore(error);
    else if (error instanceof StaleRevision || error instanceof IdempotencyKeyReused || error instanceof StreamKeptChanging) body = fromCommands(error);
    else if (error instanceof HttpException) body = fromHttp(error);
    else if (isClientError(error)) body = fromFastify(error);
    else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      body = { type: problemType('internal-error'), title: 'Internal error', status: 500, detail: 'The request could not be completed; it was not applied' };
    }
    if (body.status >= 500 && !(error instanceof ProblemException)) this.logger.error(error instanceof Error ? error.message : String(error));
    void reply
      .status(body.status)
      .headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE })
      .send(withCappedErrors(body));
  }
}

function isClientError(error: unknown): error is { statusCode: number; code?: string; message: string } {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
