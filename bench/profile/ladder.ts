import { collectGarbage, collectYoungGarbage } from '../measure';

/** One rung of a cost ladder: the same operation with one more piece of the adapter's work. */
export interface Variant {
  name: string;
  /** Runs operation i (0-based; every variant gets the same i's). */
  op(i: number): void | Promise<void>;
  /** Called once after the warm-up, before timing. */
  afterWarmup?(): Promise<void>;
  /** CPU microseconds spent outside this process on this variant's behalf so far (e.g. its postgres backend). */
  externalCpuMicros?(): number;
  /** Extra per-variant figures, read once at the end (e.g. WAL bytes), divided by ops. */
  counters?(): Promise<Record<string, number>> | Record<string, number>;
  close(): void | Promise<void>;
}

export interface LadderRow {
  name: string;
  ops: number;
  wallMicrosPerOp: number;
  nodeCpuMicrosPerOp: number;
  externalCpuMicrosPerOp?: number;
  perOp: Record<string, number>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Runs every variant `ops` times, interleaved in steps of `step` ops (rotating which goes first),
 * timing wall clock and this process's CPU per step. Interleaving makes load from other
 * processes hit all variants alike; CPU time is much less sensitive to such load than wall time.
 */
export async function runLadder(variants: Variant[], ops: number, step: number, warmup: number): Promise<LadderRow[]> {
  for (const v of variants) for (let i = 0; i < warmup; i++) await v.op(ops + i);
  for (const v of variants) await v.afterWarmup?.();
  collectGarbage();
  const wall = variants.map(() => 0);
  const cpu = variants.map(() => 0);
  const ext0 = variants.map((v) => v.externalCpuMicros?.() ?? 0);
  for (let from = 0, round = 0; from < ops; from += step, round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (k + round) % variants.length;
      const v = variants[index];
      collectYoungGarbage();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = from; i < Math.min(ops, from + step); i++) await v.op(i);
      wall[index] += performance.now() - t0;
      const c = process.cpuUsage(c0);
      cpu[index] += c.user + c.system;
    }
  }
  const rows: LadderRow[] = [];
  for (let k = 0; k < variants.length; k++) {
    const v = variants[k];
    const counters = (await v.counters?.()) ?? {};
    rows.push({
      name: v.name,
      ops,
      wallMicrosPerOp: round1((wall[k] * 1000) / ops),
      nodeCpuMicrosPerOp: round1(cpu[k] / ops),
      externalCpuMicrosPerOp: v.externalCpuMicros ? round1((v.externalCpuMicros() - ext0[k]) / ops) : undefined,
      perOp: Object.fromEntries(Object.entries(counters).map(([key, value]) => [key, round1(value / ops)])),
    });
  }
  return rows;
}

export function printLadder(title: string, rows: LadderRow[]): void {
  const base = rows[0];
  console.log(`\n${title}`);
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r.perOp)))];
  const header = [
    'variant',
    'wall us/op',
    'x base',
    'node CPU us/op',
    ...(rows.some((r) => r.externalCpuMicrosPerOp !== undefined) ? ['server CPU us/op'] : []),
    ...extra.map((e) => `${e}/op`),
  ];
  const lines = rows.map((r) => [
    r.name,
    r.wallMicrosPerOp.toFixed(1),
    (r.wallMicrosPerOp / base.wallMicrosPerOp).toFixed(2),
    r.nodeCpuMicrosPerOp.toFixed(1),
    ...(header.includes('server CPU us/op') ? [r.externalCpuMicrosPerOp?.toFixed(1) ?? '-'] : []),
    ...extra.map((e) => (r.perOp[e] ?? 0).toFixed(1)),
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((l) => l[c].length)));
  for (const [i, l] of all.entries()) {
    console.log(l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
