import type { ReadModels } from '@pm/platform';
import { isCorrectionLogKey } from '@pm/projections';

/**
 * Every document of one projection (correction logs left out), read once per projection position:
 * asking again before anything new happened gives the same parsed documents without another scan.
 */
export abstract class ProjectionDocuments<T> {
  private cached?: { slotId: number; position: number; records: Promise<T[]> };

  protected constructor(
    private readonly readModels: ReadModels,
    private readonly projection: string,
  ) {}

  async one(key: string): Promise<T | undefined> {
    const view = await this.readModels.view<T>(this.projection);
    return view.get(key);
  }

  async all(): Promise<T[]> {
    const view = await this.readModels.view<T>(this.projection);
    const { id, position } = view.slot;
    if (this.cached?.slotId !== id || this.cached.position !== position) {
      const records = view.scan('').then((docs) => docs.filter(([key]) => !isCorrectionLogKey(key)).map(([, record]) => record));
      records.catch(() => (this.cached = undefined));
      this.cached = { slotId: id, position, records };
    }
    return this.cached.records;
  }
}
