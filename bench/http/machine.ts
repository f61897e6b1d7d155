// The bench wants the 2 cores to itself: wait until no other benchmark runs, and record how busy
// the machine was anyway (other processes skew wall-clock figures; the ratios are paired).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Benchmarks of this repo that must not overlap with this one. */
const OTHER_BENCH = /bench\/(main\.ts|profile\/|http\/main\.ts)/;

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Other benchmark processes (not this process, its ancestors, or its children): pid and command. */
export function otherBenchmarks(): string[] {
  const mine = new Set<number>();
  for (let pid: number | undefined = process.pid; pid && !mine.has(pid); pid = parentOf(pid)) mine.add(pid);
  const found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || mine.has(pid) || parentOf(pid) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (OTHER_BENCH.test(cmd) && !cmd.startsWith('timeout ')) found.push(`${pid} ${cmd}`);
    } catch {
      // gone already
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (polling) until no other benchmark runs; gives up after `maxWaitSeconds` (0: only warns). */
export async function waitForQuietMachine(maxWaitSeconds: number, log: (line: string) => void): Promise<void> {
  if (maxWaitSeconds === 0) {
    const others = otherBenchmarks();
    if (others.length > 0) log(`WARNING: measuring while other benchmarks run (figures not comparable):\n  ${others.join('\n  ')}`);
    return;
  }
  const deadline = Date.now() + maxWaitSeconds * 1000;
  for (let others = otherBenchmarks(); others.length > 0; others = otherBenchmarks()) {
    if (Date.now() > deadline) throw new Error(`other benchmarks still running after ${maxWaitSeconds} s:\n${others.join('\n')}`);
    log(`waiting for other benchmarks to finish:\n  ${others.join('\n  ')}`);
    await sleep(15_000);
  }
}

export interface MachineLoad {
  cores: number;
  loadAvg1mMean: number;
  loadAvg1mMax: number;
  /** Linux PSI: share of time some runnable task waited for a CPU (avg over 60 s), at the end. */
  cpuPressureSome60?: number;
}

export class LoadRecorder {
  private readonly samples: number[] = [loadavg()[0]];
  private readonly timer = setInterval(() => this.samples.push(loadavg()[0]), 5000);

  constructor() {
    this.timer.unref();
  }

  stop(): MachineLoad {
    clearInterval(this.timer);
    this.samples.push(loadavg()[0]);
    let pressure: number | undefined;
    try {
      const match = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
      pressure = match ? Number(match[1]) : undefined;
    } catch {
      pressure = undefined;
    }
    const mean = this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
    return {
      cores: cpus().length,
      loadAvg1mMean: Math.round(mean * 100) / 100,
      loadAvg1mMax: Math.round(Math.max(...this.samples) * 100) / 100,
      cpuPressureSome60: pressure,
    };
  }
}

/** Whole-machine CPU counters from /proc/stat, in seconds (Linux; undefined elsewhere). */
export interface CpuCounters {
  busy: number;
  steal: number;
}

export function cpuCounters(): CpuCounters | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return { busy: (user + nice + system + irq + softirq) / 100, steal: steal / 100 };
  } catch {
    return undefined;
  }
}
