import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { CommandOutcome } from '@pm/commands';
import { APP_CONFIG, IDEMPOTENCY_STORE, problem, type AppConfig, type AuthenticatedRequest, type IdempotencyStore, type StoredResponse } from '@pm/platform';
import { commandContextOf, rememberCommandContext } from './command-context';
import { etagOf } from './command-result';

/**
 * Answers every command route: the route's status, the stream revision as `ETag`, and with an
 * `Idempotency-Key` the first answer again for a retry (a key reused with another request is refused).
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
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
    const key = ctx.idempotencyKey && `${this.config.tenantId}:${ctx.actor.role}:${ctx.idempotencyKey}`;
    return from(
      (async () => {
        const stored = key ? await this.idempotency.find(key) : undefined;
        if (stored) return this.answerAgain(reply, stored, ctx.requestHash);
        const outcome = await lastValueFrom(next.handle());
        const etag = etagOf(outcome.revision);
        if (key) await this.idempotency.save(key, { requestHash: ctx.requestHash, status, body: outcome, etag });
        void reply.status(status).header('etag', etag);
        return outcome;
      })(),
    );
  }

  private answerAgain(reply: FastifyReply, stored: StoredResponse, requestHash: string): unknown {
    if (stored.requestHash !== requestHash) {
      throw problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used with a different request', {
        errors: [{ field: 'Idempotency-Key', message: 'was used with a different request' }],
      });
    }
    void reply.status(stored.status);
    if (stored.etag) void reply.header('etag', stored.etag);
    return stored.body;
  }
}
