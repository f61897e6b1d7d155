import { Inject } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { eventProgressBar } from './progress';

interface ExportOptions {
  from: number;
  out?: string;
}

/** Streams stored envelopes, unchanged, as NDJSON in global order. */
@Command({ name: 'export', description: 'Export stored events as NDJSON (one envelope per line) in global order' })
export class ExportCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  async run(_params: string[], options: ExportOptions): Promise<void> {
    const out: Writable = options.out ? createWriteStream(options.out, { mode: 0o600 }) : process.stdout;
    const head = await this.store.headPosition();
    const bar = eventProgressBar('export');
    // Positions start at 1 and may have holes (postgres), so this total is an upper bound.
    const first = Math.max(options.from, 1);
    bar.start(Math.max(head - first + 1, 0), 0, { rate: 0 });
    const started = Date.now();
    let count = 0;
    for await (const event of this.store.readAll({ fromPosition: options.from })) {
      if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
      count++;
      if (count % 1000 === 0) bar.update(Math.max(event.position - first + 1, count), { rate: Math.round(count / ((Date.now() - started) / 1000)) });
    }
    bar.update(bar.getTotal(), { rate: Math.round(count / Math.max((Date.now() - started) / 1000, 0.001)) });
    bar.stop();
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    process.stderr.write(`exported ${count} events\n`);
  }

  @Option({ flags: '--from <position>', description: 'first global position to export (inclusive)', defaultValue: 0 })
  parseFrom(value: string): number {
    const position = Number(value);
    if (!Number.isSafeInteger(position) || position < 0) throw new Error(`--from must be a whole number >= 0, got ${value}`);
    return position;
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }
}
