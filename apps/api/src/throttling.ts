import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Authenticator, ProblemException, problemType, ROLE_RULE, type AppConfig, type RoleRule } from '@pm/platform';

export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return { throttlers: [{ name: 'per-minute', ttl: 60_000, limit: config.rateLimitPerMinute }] };
}

/**
 * One budget per authenticated API key, whatever the spelling of its header; public routes, and
 * requests whose key is missing or not known, by client address. The key is authenticated here
 * (once per request, shared with the key guard: see Authenticator), so a bogus or re-spaced
 * header never opens a budget of its own. Failed authentications have their own, smaller budget
 * per address (AUTH_FAILURES_PER_MINUTE, in the key guard).
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {
    super(options, storage, reflector);
  }

  protected override getTracker(req: Record<string, unknown>, context?: ExecutionContext): Promise<string> {
    const request = req as unknown as FastifyRequest;
    const rule = context && this.reflector.getAllAndOverride<RoleRule | undefined>(ROLE_RULE, [context.getHandler(), context.getClass()]);
    const byAddress = `ip:${this.authenticator.addressOf(request)}`;
    if (rule && 'public' in rule) return Promise.resolve(byAddress);
    const caller = this.authenticator.callerOf(request);
    return Promise.resolve(caller.kind === 'authenticated' ? `key:${caller.principal.keyId}` : byAddress);
  }

  /** One budget per caller across all routes (the default counts each route separately). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw new ProblemException(
      {
        type: problemType('rate-limited'),
        title: 'Too many requests',
        status: 429,
        detail: `Over the budget of ${detail.limit} requests a minute; retry in ${seconds} s`,
      },
      { 'retry-after': String(seconds) },
    );
  }
}
