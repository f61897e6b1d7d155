import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { CommandOutcome } from '@pm/commands';
import {
  APP_CONFIG,
  IDEMPOTENCY_STORE,
  problem,
  ProblemException,
  problemType,
  type AppConfig,
  type AuthenticatedRequest,
  type IdempotencyStore,
  type StoredResponse,
} from '@pm/platform';
import { commandContextOf, rememberCommandContext, type CommandContext } from './command-context';
import { etagOf } from './command-result';

/** What a request finding its key held by another, still running, is told to wait. */
export const KEY_IN_USE_RETRY_AFTER_SECONDS = 1;

/**
 * Answers every command route: the route's status, the stream revision as `ETag`, and with an
 * `Idempotency-Key` exactly one run per key. The key (scoped by tenant and API key) is reserved
 * with the request's hash before the command runs: a retry gets the first answer again, the same
 * request while the first still runs gets 409 `idempotency-key-in-use`, the key with another
 * request 422 `idempotency-key-reused`. A command that fails gives its key back for a retry.
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  private readonly logger = new Logger('CommandAnswerInterceptor');

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<CommandOutcome>): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 200;
    const ctx = rememberCommandContext(request, commandContextOf(request));
    return from(ctx.idempotencyKey ? this.keyed(scopedKey(this.config.tenantId, ctx), ctx, status, reply, next) : this.run(status, reply, next));
  }

  private async run(status: number, reply: FastifyReply, next: CallHandler<CommandOutcome>): Promise<CommandOutcome> {
    const outcome = await lastValueFrom(next.handle());
    void reply.status(status).header('etag', etagOf(outcome.revision));
    return outcome;
  }

  private async keyed(key: string, ctx: CommandContext, status: number, reply: FastifyReply, next: CallHandler<CommandOutcome>): Promise<unknown> {
    const reservation = await this.idempotency.reserve(key, ctx.requestHash);
    if (reservation.state === 'completed') return this.answerAgain(reply, reservation.response, ctx.requestHash);
    if (reservation.state === 'pending') {
      if (reservation.requestHash !== ctx.requestHash) throw keyReused();
      throw new ProblemException(
        {
          type: problemType('idempotency-key-in-use'),
          title: 'Idempotency-Key in use',
          status: 409,
          detail: 'A request with this Idempotency-Key is still running; retry to get its answer',
          errors: [{ field: 'Idempotency-Key', message: 'is held by a request still running' }],
        },
        { 'retry-after': String(KEY_IN_USE_RETRY_AFTER_SECONDS) },
      );
    }
    const { token } = reservation;
    let outcome: CommandOutcome;
    try {
      outcome = await lastValueFrom(next.handle());
    } catch (error) {
      await this.idempotency.release(key, token).catch((e: unknown) => this.logger.error(`releasing an Idempotency-Key failed: ${String(e)}`));
      throw error;
    }
    const etag = etagOf(outcome.revision);
    try {
      await this.idempotency.complete(key, token, { requestHash: ctx.requestHash, status, body: outcome, etag });
    } catch (error) {
      // Applied but not remembered: give the key back, so a retry runs and the stream answers it again.
      this.logger.error(`storing an idempotent answer failed: ${String(error)}`);
      await this.idempotency.release(key, token).catch(() => undefined);
    }
    void reply.status(status).header('etag', etag);
    return outcome;
  }

  private answerAgain(reply: FastifyReply, stored: StoredResponse, requestHash: string): unknown {
    if (stored.requestHash !== requestHash) throw keyReused();
    void reply.status(stored.status);
    if (stored.etag) void reply.header('etag', stored.etag);
    return stored.body;
  }
}

/** One namespace per tenant and API key: two keys never see each other's Idempotency-Keys. */
export const scopedKey = (tenantId: string, ctx: CommandContext): string => `${tenantId}:${ctx.actor.id}:${ctx.idempotencyKey ?? ''}`;

const keyReused = () =>
  problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used with a different request', {
    errors: [{ field: 'Idempotency-Key', message: 'was used with a different request' }],
  });
