import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AUTH_FAILURE_LIMITER, type AuthFailureLimiter } from './auth-failures';
import { API_KEY_REGISTRY, type ApiKeyRegistry } from './api-keys';
import { clientAddress } from './client-address';
import type { Principal } from './roles';

/** Who sent a request to a route that needs a key, decided once per request. */
export type Caller =
  | { kind: 'authenticated'; principal: Principal }
  /** No Authorization header: nothing was presented, so nothing counts as a failed attempt. */
  | { kind: 'anonymous' }
  /** A header that is not a known key (malformed or unknown): a failed attempt of the address. */
  | { kind: 'refused'; detail: string }
  /** The address failed too often; the key it presents is not even looked at. */
  | { kind: 'locked-out'; retryAfterSeconds: number };

const CALLER = Symbol('caller');
type WithCaller = FastifyRequest & { [CALLER]?: Caller };

/** `Bearer <key>`, any case, any spacing: every spelling of one key is that one key. */
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Authentication shared by the guards that need it (the key guard and the rate limiter): the
 * answer is kept on the request, so whichever guard asks first decides, a failure counts once,
 * and the guards' order does not matter.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
    @Inject(AUTH_FAILURE_LIMITER) private readonly failures: AuthFailureLimiter,
  ) {}

  callerOf(request: FastifyRequest): Caller {
    const remembered = (request as WithCaller)[CALLER];
    if (remembered) return remembered;
    const caller = this.decide(request);
    (request as WithCaller)[CALLER] = caller;
    return caller;
  }

  /** The address per-address budgets count `request` against. */
  addressOf(request: FastifyRequest): string {
    return clientAddress(request.ip);
  }

  private decide(request: FastifyRequest): Caller {
    const header = request.headers.authorization;
    if (header === undefined) return { kind: 'anonymous' };
    const address = this.addressOf(request);
    const locked = this.failures.lockedFor(address);
    if (locked > 0) return { kind: 'locked-out', retryAfterSeconds: Math.max(1, Math.ceil(locked / 1000)) };
    const match = BEARER.exec(header);
    const principal = match ? this.registry.authenticate(match[1]) : undefined;
    if (principal) return { kind: 'authenticated', principal };
    this.failures.recordFailure(address);
    return { kind: 'refused', detail: match ? 'The API key is not known' : 'Send Authorization: Bearer <key>' };
  }
}
