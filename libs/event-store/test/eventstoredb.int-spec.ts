import type * as EventStoreDb from '@pm/event-store/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // Imported lazily so the gRPC client loads only where a server is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventStoreDbEventStore } = require('@pm/event-store/eventstoredb/eventstoredb-event-store') as typeof EventStoreDb;
  describeEventStoreContract('eventstoredb', {
    open: () => EventStoreDbEventStore.open({ connectionString, streamPrefix: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` }),
    atomicAppendMany: false,
    scale: 0.2,
  });
} else {
  // No server here: say so in the run's summary rather than pass silently.
  describe('EventStore contract: eventstoredb', () => {
    it.skip('SKIPPED: EVENTSTORE_CONNECTION_STRING is not set (docker compose up -d eventstoredb, then set it)', () => undefined);
  });
}
