import { Inject, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ACCESS_LOG, type AccessEntry, type AccessLogStore } from './access-log.store';

/** The access-log entry of a request serving the record of `employeeId`. */
export function accessEntryOf(request: AuthenticatedRequest, employeeId: string): Omit<AccessEntry, 'id'> {
  const principal = request.principal;
  return {
    at: new Date().toISOString(),
    actorId: principal ? `${principal.role}:${principal.keyId}` : 'anonymous',
    role: principal?.role ?? 'none',
    employeeId,
    endpoint: `${request.method} ${request.routeOptions.url ?? request.url}`,
    correlationId: String(request.id),
  };
}

/**
 * Records the read before it is served: if the log cannot be written, the record is not shown.
 * The person is the route's `employeeId`.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLogStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    await this.log.record(accessEntryOf(request, request.params.employeeId));
    return next.handle();
  }
}

/** Marks a read of an individual's record: each call is kept in the access log (admin reads it). */
export const RecordsAccess = (): MethodDecorator & ClassDecorator => UseInterceptors(AccessLogInterceptor);
