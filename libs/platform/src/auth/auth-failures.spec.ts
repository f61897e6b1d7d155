import { AuthFailureLimiter } from './auth-failures';

describe('AuthFailureLimiter', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('locks an address out after its budget of failures until a minute after the first, then forgets it', () => {
    const limiter = new AuthFailureLimiter(3, clock);
    for (let i = 0; i < 2; i++) limiter.recordFailure('10.0.0.1');
    expect(limiter.lockedFor('10.0.0.1')).toBe(0);
    now += 10_000;
    limiter.recordFailure('10.0.0.1');
    expect(limiter.lockedFor('10.0.0.1')).toBe(50_000);
    expect(limiter.lockedFor('10.0.0.2')).toBe(0);
    now += 49_999;
    expect(limiter.lockedFor('10.0.0.1')).toBe(1);
    now += 1;
    expect(limiter.lockedFor('10.0.0.1')).toBe(0);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.lockedFor('10.0.0.1')).toBe(0);
  });

  it('keeps at most maxAddresses windows, dropping ended ones first, then the oldest', () => {
    const limiter = new AuthFailureLimiter(1, clock, 10);
    for (let i = 0; i < 10; i++) limiter.recordFailure(`a-${i}`);
    expect(limiter.lockedFor('a-0')).toBeGreaterThan(0);
    limiter.recordFailure('b-0');
    // Every window was running: the oldest tenth (a-0) went, the rest stay locked.
    expect(limiter.lockedFor('a-0')).toBe(0);
    expect(limiter.lockedFor('a-1')).toBeGreaterThan(0);
    expect(limiter.lockedFor('b-0')).toBeGreaterThan(0);
    now += 60_000;
    for (let i = 0; i < 10; i++) limiter.recordFailure(`c-${i}`);
    expect(limiter.lockedFor('c-9')).toBeGreaterThan(0);
    expect(limiter.lockedFor('c-0')).toBeGreaterThan(0);
  });
});
