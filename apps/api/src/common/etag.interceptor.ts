import { UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { etagOf } from './command-result';

class RevisionETagInterceptor<T> implements NestInterceptor<T, T> {
  constructor(private readonly revisionOf: (body: T) => number) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body) => {
        void reply.header('etag', etagOf(this.revisionOf(body)));
        return body;
      }),
    );
  }
}

/** A read answered with the stream revision it shows as `ETag`, for a later `If-Match`. */
export const RevisionETag = <T>(revisionOf: (body: T) => number): MethodDecorator => UseInterceptors(new RevisionETagInterceptor(revisionOf));
