import type { BenchConfig } from './config';
import { collectGarbage, collectYoungGarbage, measurement, median, type Measurement } from './measure';
import { appendUnits, type AppendUnit } from './rating-events';
import type { BenchTarget } from './target';

/** A target on its own fresh database; `dispose` closes it and deletes the database. */
export interface OpenedTarget {
  target: BenchTarget;
  dispose(): Promise<void>;
}

export type Side = 'adapter' | 'raw';
/** Opens a target of one side on a fresh database. */
export type Opener = (side: Side) => Promise<OpenedTarget>;

export type ScenarioId = 'append' | 'append-full' | 'batched' | 'readAll';

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  target: number;
  adapter: Measurement[];
  raw: Measurement[];
  /** adapter/raw of each paired run. */
  ratios: number[];
  adapterEventsPerSec: number;
  rawEventsPerSec: number;
  /** Median of the paired ratios. */
  ratio: number;
  pass: boolean;
}

export type Log = (line: string) => void;
type Pair = Record<Side, OpenedTarget>;

const SIDES: readonly Side[] = ['adapter', 'raw'];
const fmt = (n: number): string => n.toLocaleString('en-US');
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

export function summarize(id: ScenarioId, title: string, target: number, adapter: Measurement[], raw: Measurement[]): ScenarioResult {
  const ratios = adapter.map((a, i) => round3(raw[i].eventsPerSec > 0 ? a.eventsPerSec / raw[i].eventsPerSec : 0));
  const ratio = round3(median(ratios, false));
  return {
    id,
    title,
    target,
    adapter,
    raw,
    ratios,
    adapterEventsPerSec: median(adapter.map((m) => m.eventsPerSec)),
    rawEventsPerSec: median(raw.map((m) => m.eventsPerSec)),
    ratio,
    pass: ratio >= target,
  };
}

/** Step k goes adapter-then-raw when k is even, raw-then-adapter when odd. */
function order(step: number): readonly Side[] {
  return step % 2 === 0 ? SIDES : [SIDES[1], SIDES[0]];
}

async function openPair(open: Opener): Promise<Pair> {
  const adapter = await open('adapter');
  try {
    return { adapter, raw: await open('raw') };
  } catch (error) {
    await adapter.dispose();
    throw error;
  }
}

async function disposePair(pair: Partial<Pair>): Promise<void> {
  for (const side of SIDES) await pair[side]?.dispose();
}

/**
 * One paired run: both sides get the same generated chunks, alternating which goes first, so
 * load from anything else on the machine hits both alike. Only the write calls are timed;
 * generation and a young-generation GC between steps are not.
 */
async function pairedAppends(pair: Pair, chunks: Iterable<AppendUnit[]>): Promise<Record<Side, Measurement>> {
  const ms: Record<Side, number> = { adapter: 0, raw: 0 };
  let events = 0;
  let step = 0;
  for (const chunk of chunks) {
    for (const unit of chunk) events += unit.events.length;
    for (const side of order(step++)) {
      collectYoungGarbage();
      const start = performance.now();
      await pair[side].target.write(chunk);
      ms[side] += performance.now() - start;
    }
  }
  return { adapter: measurement(events, ms.adapter), raw: measurement(events, ms.raw) };
}

/** Untimed appends under their own label (own streams and ids) on both sides, then a full GC. */
async function warmUp(pair: Pair, config: BenchConfig, perUnit: number): Promise<void> {
  const units = Math.max(1, Math.ceil(config.warmup / perUnit));
  for (const chunk of appendUnits('w', units, perUnit)) {
    for (const side of SIDES) await pair[side].target.write(chunk);
  }
  collectGarbage();
}

function logRun(log: Log, id: string, run: number, runs: number, m: Record<Side, Measurement>): void {
  const ratio = m.raw.eventsPerSec ? (m.adapter.eventsPerSec / m.raw.eventsPerSec).toFixed(2) : '-';
  const mib = (bytes: number): number => Math.round(bytes / 1048576);
  const { rss, heapUsed } = process.memoryUsage();
  log(
    `  ${id} run ${run + 1}/${runs}: adapter ${fmt(m.adapter.eventsPerSec)} ev/s, raw ${fmt(m.raw.eventsPerSec)} ev/s, ratio ${ratio} ` +
      `(${fmt(m.adapter.events)} events; rss ${mib(rss)} MiB, heap ${mib(heapUsed)} MiB)`,
  );
}

/** (a): single-event appends to distinct streams; each run on a fresh pair of databases. */
export async function appendScenario(open: Opener, config: BenchConfig, id: ScenarioId, title: string, target: number, log: Log): Promise<ScenarioResult> {
  const runs: Record<Side, Measurement[]> = { adapter: [], raw: [] };
  for (let run = 0; run < config.appendRuns; run++) {
    const pair = await openPair(open);
    try {
      await warmUp(pair, config, 1);
      const m = await pairedAppends(pair, appendUnits('a', config.singleAppends, 1, config.chunkEvents));
      logRun(log, id, run, config.appendRuns, m);
      for (const side of SIDES) runs[side].push(m[side]);
    } finally {
      await disposePair(pair);
    }
  }
  return summarize(id, title, target, runs.adapter, runs.raw);
}

/**
 * (b) then (c). Every (b) run writes a fresh pair of databases; the last run's pair is kept,
 * topped up (untimed) with the (a) workload so it holds (a)+(b), and read in full, in slices of
 * `readSlice` events alternating between the sides.
 */
export async function batchedAndReadScenarios(
  open: Opener,
  config: BenchConfig,
  log: Log,
): Promise<{ batched: ScenarioResult; readAll: ScenarioResult; eventsRead: number }> {
  const units = config.batchedEvents / config.batchSize;
  const batched: Record<Side, Measurement[]> = { adapter: [], raw: [] };
  let kept: Pair | undefined;
  try {
    for (let run = 0; run < config.batchRuns; run++) {
      const pair = await openPair(open);
      try {
        await warmUp(pair, config, config.batchSize);
        const m = await pairedAppends(pair, appendUnits('b', units, config.batchSize, config.chunkEvents));
        logRun(log, 'batched', run, config.batchRuns, m);
        for (const side of SIDES) batched[side].push(m[side]);
      } catch (error) {
        await disposePair(pair);
        throw error;
      }
      if (run === config.batchRuns - 1) kept = pair;
      else await disposePair(pair);
    }
    const pair = kept!;
    for (const chunk of appendUnits('a', config.singleAppends, 1)) {
      for (const side of SIDES) await pair[side].target.write(chunk);
    }

    // One untimed full pass first: JIT tier-up and prepared-plan choice of both read paths (matters at small scales).
    await pairedReads(pair, config.readSlice);
    const reads: Record<Side, Measurement[]> = { adapter: [], raw: [] };
    for (let run = 0; run < config.readRuns; run++) {
      for (const side of SIDES) await pair[side].target.read(0, Math.max(config.warmup, config.readPageSize));
      collectGarbage();
      const m = await pairedReads(pair, config.readSlice);
      logRun(log, 'readAll', run, config.readRuns, m);
      for (const side of SIDES) reads[side].push(m[side]);
    }
    const eventsRead = reads.raw[0].events;
    if ([...reads.adapter, ...reads.raw].some((m) => m.events !== eventsRead)) throw new Error('adapter and raw read different numbers of events');

    return {
      batched: summarize('batched', `(b) ${fmt(config.batchedEvents)} events in appends of ${config.batchSize}`, 0.5, batched.adapter, batched.raw),
      readAll: summarize('readAll', `(c) readAll ${fmt(eventsRead)} events, payloads parsed`, 0.7, reads.adapter, reads.raw),
      eventsRead,
    };
  } finally {
    if (kept) await disposePair(kept);
  }
}

/** Reads everything on both sides, `slice` events at a time, alternating; times only the reads. */
async function pairedReads(pair: Pair, slice: number): Promise<Record<Side, Measurement>> {
  const ms: Record<Side, number> = { adapter: 0, raw: 0 };
  const count: Record<Side, number> = { adapter: 0, raw: 0 };
  const next: Record<Side, number> = { adapter: 0, raw: 0 };
  const done: Record<Side, boolean> = { adapter: false, raw: false };
  for (let step = 0; !done.adapter || !done.raw; step++) {
    for (const side of order(step)) {
      if (done[side]) continue;
      collectYoungGarbage();
      const start = performance.now();
      const got = await pair[side].target.read(next[side], slice);
      ms[side] += performance.now() - start;
      count[side] += got.count;
      next[side] = got.next;
      done[side] = got.count < slice;
    }
  }
  return { adapter: measurement(count.adapter, ms.adapter), raw: measurement(count.raw, ms.raw) };
}
