import { HeavyJobs } from './heavy-job';

describe('HeavyJobs: one heavy job per caller', () => {
  it('refuses a second job of the same caller while the first runs, not another caller, and frees the slot once', () => {
    const jobs = new HeavyJobs();
    const release = jobs.tryStart('key:a', 'POST /v1/replays') as () => void;
    expect(release).toBeInstanceOf(Function);
    expect(jobs.tryStart('key:a', 'GET /v1/audit/verify')).toBeUndefined();
    expect(jobs.runningFor('key:a')).toMatchObject({ route: 'POST /v1/replays' });
    const other = jobs.tryStart('key:b', 'POST /v1/replays') as () => void;
    expect(other).toBeInstanceOf(Function);

    release();
    release();
    expect(jobs.runningFor('key:a')).toBeUndefined();
    expect(jobs.runningFor('key:b')).toBeDefined();
  });

  it('given a job that outlives its answer (a replay answered 202), keeps the slot until the job settles', async () => {
    const jobs = new HeavyJobs();
    const release = jobs.tryStart('key:a', 'POST /v1/replays') as () => void;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    jobs.holdUntil('key:a', running);

    release();
    expect(jobs.tryStart('key:a', 'POST /v1/replays')).toBeUndefined();

    finish();
    await running;
    await Promise.resolve();
    expect(jobs.runningFor('key:a')).toBeUndefined();
    expect(jobs.tryStart('key:a', 'POST /v1/replays')).toBeInstanceOf(Function);
  });
});
