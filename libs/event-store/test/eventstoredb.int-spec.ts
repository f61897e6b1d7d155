import { StoreUnavailable } from '@pm/event-store';
import { EventStoreDbEventStore } from '@pm/event-store/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('eventstoredb', {
    open: () => EventStoreDbEventStore.open({ connectionString, streamPrefix: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` }),
    atomicAppendMany: false,
    scale: 0.2,
  });
} else {
  // No server on this machine: the contract suite cannot run; say so in the run's output.
  console.warn('EventStoreDB contract suite not run: EVENTSTORE_CONNECTION_STRING is not set (docker compose up -d eventstoredb, then set it)');
}

describe('EventStoreDB adapter against a server that does not answer', () => {
  it('refuses to open, naming the failed ping, as StoreUnavailable', async () => {
    const opening = EventStoreDbEventStore.open({ connectionString: 'esdb://127.0.0.1:1?tls=false', streamPrefix: 'offline' });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(opening).rejects.toThrow(/ping/);
  });
});
