import { Injectable } from '@nestjs/common';
import { ReadModels } from '@pm/platform';
import { isCorrectionLogKey, workforce, type WorkforceRecord } from '@pm/projections';

/**
 * Every employee's workforce record, read once per projection position: analysts asking again
 * before anything new happened get the same parsed records without another scan.
 */
@Injectable()
export class WorkforceRecords {
  private cached?: { slotId: number; position: number; records: Promise<WorkforceRecord[]> };

  constructor(private readonly readModels: ReadModels) {}

  async all(): Promise<WorkforceRecord[]> {
    const view = await this.readModels.view<WorkforceRecord>(workforce.name);
    const { id, position } = view.slot;
    if (this.cached?.slotId !== id || this.cached.position !== position) {
      const records = view.scan('').then((docs) => docs.filter(([key]) => !isCorrectionLogKey(key)).map(([, record]) => record));
      records.catch(() => (this.cached = undefined));
      this.cached = { slotId: id, position, records };
    }
    return this.cached.records;
  }
}
