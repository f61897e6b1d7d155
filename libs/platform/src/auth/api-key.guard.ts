import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException, problemType } from '../http/problem';
import { API_KEY_REGISTRY, type ApiKeyRegistry } from './api-keys';
import { ROLE_RULE, type Principal, type RoleRule } from './roles';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Global guard: a route without a role rule is refused (fail closed), never open by accident. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<RoleRule | undefined>(ROLE_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw problem(500, 'route-without-role-rule', 'Route without a role rule', 'This route declares no role rule and is refused');
    if ('public' in rule) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const principal = match ? this.registry.authenticate(match[1]) : undefined;
    if (!principal) {
      const detail = match ? 'The API key is not known' : 'Send Authorization: Bearer <key>';
      throw new ProblemException({ type: problemType('unauthorized'), title: 'Unauthorized', status: 401, detail }, { 'www-authenticate': 'Bearer' });
    }
    if (!rule.roles.includes(principal.role)) {
      throw problem(403, 'forbidden', 'Forbidden', `Role ${principal.role} may not call this route (allowed: ${rule.roles.join(', ')})`);
    }
    request.principal = principal;
    return true;
  }
}
