import { createHmac, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandIssuer } from '@pm/commands';
import type { Actor } from '@pm/event-store';
import { problem, type AuthenticatedRequest } from '@pm/platform';

/** What a command knows of the request that carried it. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  idempotencyKey?: string;
  /**
   * HMAC-SHA256, under the service's request key, of method, path and body as sent: a key reused
   * with another request is refused. Events record it keyed again with the person's key.
   */
  requestHash: string;
  /** From If-Match: the stream revision the caller last saw. */
  expectedRevision?: number;
  /** The server's date, for commands whose business date the contract does not carry. */
  today: string;
}

const CONTEXT = Symbol('commandContext');
type WithContext = AuthenticatedRequest & { [CONTEXT]?: CommandContext };

/** Keeps the context parsed once per request (by the command interceptor) for the route's parameter. */
export function rememberCommandContext(request: AuthenticatedRequest, ctx: CommandContext): CommandContext {
  (request as WithContext)[CONTEXT] = ctx;
  return ctx;
}

/** What the command library records of the request. */
export const issuerOf = (ctx: CommandContext): CommandIssuer => ({
  actor: ctx.actor,
  correlationId: ctx.correlationId,
  idempotencyKey: ctx.idempotencyKey,
  requestHash: ctx.requestHash,
  expectedRevision: ctx.expectedRevision,
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Where the app keeps its request key: on its Fastify instance, so each app has its own. */
export const REQUEST_KEY = Symbol('requestKey');
type WithRequestKey = { [REQUEST_KEY]?: Buffer };

function requestDigest(request: AuthenticatedRequest): string {
  const key = (request.server as unknown as WithRequestKey)[REQUEST_KEY];
  if (!key) throw new Error('The request key is not loaded (CommandsModule loads it at start)');
  return createHmac('sha256', key)
    .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"(-?\d+)"\s*$/.exec(header);
  if (!match)
    throw problem(400, 'invalid-if-match', 'Invalid If-Match', 'If-Match must be a revision in quotes, as sent in ETag: "3"', {
      errors: [{ field: 'If-Match', message: 'must look like "3"' }],
    });
  return Number(match[1]);
}

export function commandContextOf(request: AuthenticatedRequest): CommandContext {
  const principal = request.principal;
  if (!principal) throw new Error('a command route without an authenticated principal');
  const key = request.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'Idempotency-Key must be 1 to 200 visible ASCII characters', {
      errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }],
    });
  }
  const ifMatch = request.headers['if-match'];
  return {
    actor: { id: `${principal.role}:${principal.keyId}`, role: principal.role },
    correlationId: typeof request.id === 'string' && request.id ? request.id : randomUUID(),
    idempotencyKey: key,
    requestHash: requestDigest(request),
    expectedRevision: parseIfMatch(typeof ifMatch === 'string' ? ifMatch : undefined),
    today: new Date().toISOString().slice(0, 10),
  };
}

/** The command context of the current request (principal, correlation, Idempotency-Key, If-Match). */
export const CommandCtx = createParamDecorator((_data: unknown, host: ExecutionContext) => {
  const request = host.switchToHttp().getRequest<WithContext>();
  return request[CONTEXT] ?? commandContextOf(request);
});
