import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException, problemType } from '../http/problem';
import { Authenticator } from './authenticator';
import { ROLE_RULE, type Principal, type RoleRule } from './roles';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * Global guard: a route without a role rule is refused (fail closed), never open by accident. An
 * address that presented too many unknown keys is refused with 429 until its minute is over.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<RoleRule | undefined>(ROLE_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw problem(500, 'route-without-role-rule', 'Route without a role rule', 'This route declares no role rule and is refused');
    if ('public' in rule) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = this.authenticator.callerOf(request);
    if (caller.kind === 'locked-out') {
      throw new ProblemException(
        {
          type: problemType('too-many-auth-failures'),
          title: 'Too many failed authentications',
          status: 429,
          detail: `Too many unknown API keys from this address; no key is accepted from it for ${caller.retryAfterSeconds} s`,
        },
        { 'retry-after': String(caller.retryAfterSeconds) },
      );
    }
    if (caller.kind !== 'authenticated') {
      const detail = caller.kind === 'refused' ? caller.detail : 'Send Authorization: Bearer <key>';
      throw new ProblemException({ type: problemType('unauthorized'), title: 'Unauthorized', status: 401, detail }, { 'www-authenticate': 'Bearer' });
    }
    const { principal } = caller;
    if (!rule.roles.includes(principal.role)) {
      throw problem(403, 'forbidden', 'Forbidden', `Role ${principal.role} may not call this route (allowed: ${rule.roles.join(', ')})`);
    }
    request.principal = principal;
    return true;
  }
}
