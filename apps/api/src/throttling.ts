import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { AppConfig } from '@pm/platform';

export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return { throttlers: [{ name: 'per-minute', ttl: 60_000, limit: config.rateLimitPerMinute }] };
}

/** Limits each API key (by a digest of it), and callers without one by address. */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const headers = req.headers as Record<string, string | undefined>;
    const auth = headers.authorization;
    return Promise.resolve(auth ? `key:${createHash('sha256').update(auth).digest('hex').slice(0, 16)}` : `ip:${String(req.ip)}`);
  }

  /** One budget per caller across all routes (the default counts each route separately). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
