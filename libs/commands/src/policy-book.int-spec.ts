import { DomainError } from '@pm/domain';
import { HR, sqliteStores } from '../test/stores';
import { CommandHandler } from './command-handler';
import { PolicyBook } from './policy-book';
import { publishPolicy } from './policy-commands';
import { keepInClear } from './seal';
import { publishShippedPolicies } from './shipped-policies';

const stores = sqliteStores();

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('PolicyBook', () => {
  it('reads the shipped policies, published once however often the bootstrap runs', async () => {
    const store = stores.open();
    const handler = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });
    await publishShippedPolicies(handler);
    await publishShippedPolicies(new CommandHandler({ store, tenantId: 'acme', seal: keepInClear }));

    const book = new PolicyBook(store, 'default');
    expect((await book.versions('default'))?.map((p) => p.version)).toEqual([1]);
    expect((await book.defaultPolicy()).policyId).toBe('default');
    expect((await book.current('bytedance')).policyId).toBe('bytedance');
  });

  it('follows new versions as they are published, and finds each by reference', async () => {
    const store = stores.open();
    const handler = new CommandHandler({ store, tenantId: 'acme', seal: keepInClear });
    await publishShippedPolicies(handler);
    const book = new PolicyBook(store, 'default');
    const first = await book.current('default');

    await publishPolicy(handler, { policyId: 'default', document: { ...first, name: 'Stricter' }, occurredAt: '2026-06-01', issuer: HR });

    expect((await book.current('default')).version).toBe(2);
    expect((await book.byRef('default@1')).name).toBe(first.name);
    expect((await book.byRef('default@2')).name).toBe('Stricter');
  });

  it('refuses a policy never published and a version that does not exist', async () => {
    const store = stores.open();
    await publishShippedPolicies(new CommandHandler({ store, tenantId: 'acme', seal: keepInClear }));
    const book = new PolicyBook(store, 'default');
    expect((await refusal(book.current('nope'))).rule).toBe('policy-not-found');
    expect((await refusal(book.byRef('default@7'))).rule).toBe('policy-not-found');
  });
});
