import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Other processes on a shared machine skew wall-clock figures; this records how busy it was. */
export interface LoadSummary {
  cores: number;
  loadAvg1mMean: number;
  loadAvg1mMax: number;
  /** Linux PSI: share of time some runnable task waited for a CPU (avg over 60 s), at the end. */
  cpuPressureSome60?: number;
}

export class LoadSampler {
  private readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 5000) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    this.samples.push(loadavg()[0]);
  }

  stop(): LoadSummary {
    clearInterval(this.timer);
    this.sample();
    const mean = this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
    return {
      cores: cpus().length,
      loadAvg1mMean: Math.round(mean * 100) / 100,
      loadAvg1mMax: Math.round(Math.max(...this.samples) * 100) / 100,
      cpuPressureSome60: cpuPressure(),
    };
  }
}

function cpuPressure(): number | undefined {
  try {
    const match = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function formatLoad(load: LoadSummary): string {
  const pressure = load.cpuPressureSome60 === undefined ? '' : `, CPU pressure (some, 60 s) ${load.cpuPressureSome60}% at the end`;
  const busy = load.loadAvg1mMean > load.cores ? ' -- the machine was shared and oversubscribed: trust the paired ratios more than absolute ev/s' : '';
  return `machine load: 1-min load average mean ${load.loadAvg1mMean} (max ${load.loadAvg1mMax}) on ${load.cores} cores${pressure}${busy}`;
}
