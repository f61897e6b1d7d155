import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '@pm/domain';
import { SqliteEventStore, type EventEnvelope } from '@pm/event-store';
import { headcountForEvents, writeSimulatedCompany } from './simulated-company';

describe('a simulated company written into a store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-company-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the shipped policies first, then records every decision under the one named', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'company.db'), synchronous: 'NORMAL' });
    try {
      const summary = await writeSimulatedCompany(store, { employees: 80, years: 1, seed: 11, policyId: 'classic' });
      const stored: EventEnvelope[] = [];
      for await (const event of store.readAll()) stored.push(event);

      expect(stored.slice(0, 3).map((e) => e.streamId)).toEqual(['policy-default', 'policy-classic', 'policy-bytedance']);
      expect(stored).toHaveLength(summary.events + 3);
      expect(summary.byType.EmployeeHired).toBeGreaterThanOrEqual(80);
      const decided = stored.slice(3).map((e) => e.metadata.policyVersion);
      expect(new Set(decided)).toEqual(new Set(['classic@1']));
    } finally {
      await store.close();
    }
  });

  it('sizes a company to reach a number of events', () => {
    const policy = { ...DEFAULT_POLICY, version: 1 };
    const small = headcountForEvents(20_000, { years: 2, seed: 3, policy });
    const large = headcountForEvents(80_000, { years: 2, seed: 3, policy });
    expect(large / small).toBeCloseTo(4, 1);
  });
});
