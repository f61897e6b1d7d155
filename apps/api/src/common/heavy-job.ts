import { Global, Injectable, Module, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { defer, finalize, type Observable } from 'rxjs';
import { ProblemException, problemType, type AuthenticatedRequest } from '@pm/platform';

/** What a caller refused for a second heavy job is told to wait before trying again. */
export const HEAVY_JOB_RETRY_AFTER_SECONDS = 5;

export interface RunningHeavyJob {
  route: string;
  startedAt: number;
  /** A job that outlives its request's answer (a replay answered 202) keeps the slot until it settles. */
  until?: Promise<unknown>;
}

/**
 * The heavy jobs running in this process, one at most per caller (an API key; an address for a
 * caller without one). Each reads the whole store or history; one caller running several at once
 * would take the event loop from everyone else.
 */
@Injectable()
export class HeavyJobs {
  private readonly running = new Map<string, RunningHeavyJob>();

  /** Takes the caller's slot; undefined while the caller runs another. The function returned gives the slot back, once. */
  tryStart(caller: string, route: string): (() => void) | undefined {
    if (this.running.has(caller)) return undefined;
    const job: RunningHeavyJob = { route, startedAt: Date.now() };
    this.running.set(caller, job);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const free = () => {
        if (this.running.get(caller) === job) this.running.delete(caller);
      };
      if (job.until) void job.until.then(free, free);
      else free();
    };
  }

  /** Keeps the caller's running slot, once its request has answered, until `done` settles. */
  holdUntil(caller: string, done: Promise<unknown>): void {
    const job = this.running.get(caller);
    if (job) job.until = done;
  }

  runningFor(caller: string): RunningHeavyJob | undefined {
    return this.running.get(caller);
  }
}

/** The caller a heavy job is counted against: the authenticated key, else the address. */
export const heavyJobCaller = (request: AuthenticatedRequest): string => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`);

/**
 * Holds the caller's slot from the guards' success until the handler's answer (or error): a second
 * heavy request of the same caller meanwhile is answered 429 `heavy-job-in-progress` with
 * Retry-After, and runs nothing.
 */
@Injectable()
export class HeavyJobInterceptor implements NestInterceptor {
  constructor(private readonly jobs: HeavyJobs) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = heavyJobCaller(request);
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const release = this.jobs.tryStart(caller, route);
    if (!release) {
      const running = this.jobs.runningFor(caller);
      throw new ProblemException(
        {
          type: problemType('heavy-job-in-progress'),
          title: 'Heavy job in progress',
          status: 429,
          detail: `This API key already runs ${running?.route ?? 'a heavy request'}; one heavy request at a time per key. Retry when it has answered`,
          ...(running ? { running: running.route } : {}),
        },
        { 'retry-after': String(HEAVY_JOB_RETRY_AFTER_SECONDS) },
      );
    }
    return defer(() => next.handle()).pipe(finalize(release));
  }
}

/** One heavy request at a time per API key on this route (and every other @HeavyJob() route). */
export const HeavyJob = (): MethodDecorator & ClassDecorator => UseInterceptors(HeavyJobInterceptor);

/** Makes HeavyJobs one instance for every controller that uses @HeavyJob(). */
@Global()
@Module({ providers: [HeavyJobs], exports: [HeavyJobs] })
export class HeavyJobsModule {}
