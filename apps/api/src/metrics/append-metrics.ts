import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

@Injectable()
export class AppendMetrics {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** Starts timing an append; call the result with the number of events appended. */
  startAppend(): (events: number) => void {
    const end = this.metrics.appendDuration.startTimer();
    return (events) => {
      end();
      this.metrics.appends.inc();
      this.metrics.appendedEvents.inc(events);
    };
  }
}
