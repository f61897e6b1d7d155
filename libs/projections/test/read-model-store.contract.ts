import { CheckpointMoved, type DeadLetter, type ReadModelStore, type Slot, type SlotWrite } from '@pm/projections/store';

/** Orders keys as the stores must: by UTF-8 bytes (code points), not by JS UTF-16 units. */
export function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function slotWrite(slot: Pick<Slot, 'id' | 'position'>, position: number, documents: Record<string, unknown> = {}, deadLetters: DeadLetter[] = []): SlotWrite {
  return {
    slotId: slot.id,
    expectedPosition: slot.position,
    position,
    eventsApplied: position,
    documents: new Map(Object.entries(documents)),
    deadLetters,
  };
}

function deadLetter(slotId: number, projection: string, position: number, error = 'boom'): DeadLetter {
  return {
    slotId,
    projection,
    position,
    eventId: `event-${projection}-${position}`,
    eventType: 'RatingProposed',
    streamId: `employee-${position}`,
    error,
    attempts: 3,
    recordedAt: `2026-06-30T12:00:00.${String(position % 1000).padStart(3, '0')}Z`,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function slot(store: ReadModelStore, id: number): Promise<Slot | undefined> {
  return (await store.slots()).find((s) => s.id === id);
}

/**
 * The one contract every ReadModelStore must pass. `open` gives a new store on its own storage;
 * `openSecondHandle` opens another store on the same storage as `first` (another process, in effect).
 */
export function readModelStoreContract(
  name: string,
  open: () => Promise<ReadModelStore>,
  openSecondHandle: (first: ReadModelStore) => Promise<ReadModelStore>,
): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    let store: ReadModelStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('slots', () => {
      it('creates empty building slots with unique increasing ids, several per projection', async () => {
        const before = Date.now();
        const a1 = await store.createSlot('cycle-summary', 1);
        const b1 = await store.createSlot('employee-card', 3);
        const a2 = await store.createSlot('cycle-summary', 2);

        expect(a1).toMatchObject({ name: 'cycle-summary', version: 1, state: 'building', position: 0, eventsApplied: 0 });
        expect(Date.parse(a1.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(b1.id).toBeGreaterThan(a1.id);
        expect(a2.id).toBeGreaterThan(b1.id);
        expect(await store.slots()).toEqual([a1, b1, a2]);
        expect(await store.slots('cycle-summary')).toEqual([a1, a2]);
        expect(await store.slots('nobody')).toEqual([]);
      });

      it('never reuses the id of a dropped slot', async () => {
        const first = await store.createSlot('p', 1);
        const second = await store.createSlot('p', 1);
        await store.dropSlot(second.id);
        expect((await store.createSlot('p', 1)).id).toBeGreaterThan(second.id);
        expect((await store.slots()).map((s) => s.id)).not.toContain(second.id);
        expect(first.id).toBeLessThan(second.id);
      });

      it('promote serves the slot and drops the slot that served before, with its documents and dead letters', async () => {
        const old = await store.createSlot('cards', 1);
        await store.commit([slotWrite(old, 10, { 'card-1': { v: 1 } }, [deadLetter(old.id, 'cards', 7)])]);
        await store.promote(old.id);
        const other = await store.createSlot('summary', 1);
        await store.promote(other.id);
        const next = await store.createSlot('cards', 2);
        const spare = await store.createSlot('cards', 3);
        await store.commit([slotWrite(next, 12, { 'card-1': { v: 2 } })]);

        await store.promote(next.id);

        expect((await store.slots('cards')).map((s) => [s.id, s.state])).toEqual([
          [next.id, 'serving'],
          [spare.id, 'building'],
        ]);
        expect((await slot(store, next.id))?.position).toBe(12);
        expect((await store.slots('summary')).map((s) => [s.id, s.state])).toEqual([[other.id, 'serving']]);
        expect(await store.get(old.id, 'card-1')).toBeUndefined();
        expect(await store.get(next.id, 'card-1')).toEqual({ v: 2 });
        expect(await store.deadLetters({ projection: 'cards' })).toEqual([]);
      });

      it('promoting a missing slot throws and changes nothing', async () => {
        const serving = await store.createSlot('cards', 1);
        await store.promote(serving.id);
        await expect(store.promote(serving.id + 1000)).rejects.toThrow(`Slot ${serving.id + 1000}`);
        expect((await store.slots()).map((s) => [s.id, s.state])).toEqual([[serving.id, 'serving']]);
      });

      it('dropSlot removes the slot, its documents and its dead letters, and nothing of other slots', async () => {
        const dropped = await store.createSlot('cards', 1);
        const kept = await store.createSlot('cards', 2);
        await store.commit([
          slotWrite(dropped, 5, { a: 1, b: 2 }, [deadLetter(dropped.id, 'cards', 4)]),
          slotWrite(kept, 6, { a: 10 }, [deadLetter(kept.id, 'cards', 5)]),
        ]);

        await store.dropSlot(dropped.id);

        expect((await store.slots()).map((s) => s.id)).toEqual([kept.id]);
        expect(await store.load(dropped.id, ['a', 'b'])).toEqual(new Map());
        expect(await store.scan(dropped.id, '')).toEqual([]);
        expect(await store.load(kept.id, ['a', 'b'])).toEqual(new Map([['a', 10]]));
        expect((await store.deadLetters()).map((d) => d.slotId)).toEqual([kept.id]);
      });
    });

    describe('commit', () => {
      it('stores documents and moves the checkpoint; null deletes a document', async () => {
        const s = await store.createSlot('cards', 1);
        await store.commit([slotWrite(s, 40, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } })]);
        await store.commit([{ ...slotWrite({ id: s.id, position: 40 }, 90, { a: { n: 11 }, b: null, zz: null }), eventsApplied: 7 }]);

        expect(await store.load(s.id, ['a', 'b', 'c'])).toEqual(
          new Map([
            ['a', { n: 11 }],
            ['c', { n: 3 }],
          ]),
        );
        expect(await store.get(s.id, 'b')).toBeUndefined();
        expect(await slot(store, s.id)).toMatchObject({ position: 90, eventsApplied: 7, state: 'building' });
      });

      it('moves the checkpoint of a write without documents', async () => {
        const s = await store.createSlot('cards', 1);
        await store.commit([slotWrite(s, 1234)]);
        expect(await slot(store, s.id)).toMatchObject({ position: 1234, eventsApplied: 1234 });
        expect(await store.scan(s.id, '')).toEqual([]);
      });

      it('throws CheckpointMoved with the actual position and stores nothing when the checkpoint moved', async () => {
        const s = await store.createSlot('cards', 1);
        await store.commit([slotWrite(s, 50, { a: 1 })]);

        const error = await rejection(store.commit([slotWrite({ id: s.id, position: 20 }, 60, { a: 2, b: 2 }, [deadLetter(s.id, 'cards', 55)])]));

        expect(error).toBeInstanceOf(CheckpointMoved);
        expect(error).toMatchObject({ slotId: s.id, expected: 20, actual: 50 });
        expect(await slot(store, s.id)).toMatchObject({ position: 50, eventsApplied: 50 });
        expect(await store.load(s.id, ['a', 'b'])).toEqual(new Map([['a', 1]]));
        expect(await store.deadLetters()).toEqual([]);
      });

      it('is all-or-nothing: a failing checkpoint on the second write leaves the first slot unchanged', async () => {
        const first = await store.createSlot('cards', 1);
        const second = await store.createSlot('summary', 1);
        await store.commit([slotWrite(first, 10, { a: 'before', gone: 'kept' }), slotWrite(second, 10)]);

        const error = await rejection(
          store.commit([
            slotWrite({ id: first.id, position: 10 }, 20, { a: 'after', gone: null, added: 'x' }, [deadLetter(first.id, 'cards', 15)]),
            slotWrite({ id: second.id, position: 3 }, 20, { s: 1 }),
          ]),
        );

        expect(error).toMatchObject({ name: 'CheckpointMoved', slotId: second.id, expected: 3, actual: 10 });
        expect(await slot(store, first.id)).toMatchObject({ position: 10, eventsApplied: 10 });
        expect(await store.scan(first.id, '')).toEqual([
          ['a', 'before'],
          ['gone', 'kept'],
        ]);
        expect(await store.scan(second.id, '')).toEqual([]);
        expect(await store.deadLetters()).toEqual([]);
      });

      it('throws CheckpointMoved without an actual position when the slot is gone', async () => {
        const s = await store.createSlot('cards', 1);
        await store.dropSlot(s.id);
        const error = await rejection(store.commit([slotWrite(s, 5, { a: 1 })]));
        expect(error).toBeInstanceOf(CheckpointMoved);
        expect(error).toMatchObject({ slotId: s.id, expected: 0, actual: undefined });
        expect(await store.get(s.id, 'a')).toBeUndefined();
      });

      it('round-trips documents as exact JSON', async () => {
        const s = await store.createSlot('cards', 1);
        const doc = {
          employee: { id: 'e-1', name: 'Zoë Ångström 山田 😀', tags: ['a', 'b', ''] },
          ratings: [{ cycle: '2026-H1', rating: 'HV2', score: 3.75 }, null, [1, [2, [3]]]],
          numbers: [0, -1, 1.5e-7, 123456789012345, 2 ** 53 - 1, -0.1, 1e21],
          flags: { on: true, off: false, none: null },
          escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 end',
          empty: { object: {}, array: [], string: '' },
        };
        await store.commit([slotWrite(s, 1, { doc, text: 'just a string', number: 42, list: [1, 'two'] })]);

        expect(await store.get(s.id, 'doc')).toEqual(doc);
        expect(JSON.stringify(await store.get(s.id, 'doc'))).toBe(JSON.stringify(doc));
        expect(await store.load(s.id, ['text', 'number', 'list'])).toEqual(
          new Map<string, unknown>([
            ['text', 'just a string'],
            ['number', 42],
            ['list', [1, 'two']],
          ]),
        );
      });

      it('stores dead letters and lists them newest first, by projection and up to a limit', async () => {
        const cards = await store.createSlot('cards', 1);
        const summary = await store.createSlot('summary', 1);
        const letters = [
          deadLetter(cards.id, 'cards', 30, 'first at 30'),
          deadLetter(cards.id, 'cards', 10),
          deadLetter(cards.id, 'cards', 30, 'second at 30'),
        ];
        await store.commit([slotWrite(cards, 40, {}, letters), slotWrite(summary, 40, {}, [deadLetter(summary.id, 'summary', 20)])]);

        const all = await store.deadLetters();
        expect(all.map((d) => [d.projection, d.position, d.error])).toEqual([
          ['cards', 30, 'second at 30'],
          ['cards', 30, 'first at 30'],
          ['summary', 20, 'boom'],
          ['cards', 10, 'boom'],
        ]);
        expect(all[3]).toEqual(letters[1]);
        expect((await store.deadLetters({ projection: 'cards' })).map((d) => d.position)).toEqual([30, 30, 10]);
        expect((await store.deadLetters({ limit: 2 })).map((d) => d.error)).toEqual(['second at 30', 'first at 30']);
        expect(await store.deadLetters({ projection: 'summary', limit: 5 })).toEqual([deadLetter(summary.id, 'summary', 20)]);
      });
    });

    describe('reads', () => {
      it('loads only stored documents, for no keys and for 10,000 keys', async () => {
        const s = await store.createSlot('cards', 1);
        const stored: Record<string, unknown> = {};
        for (let i = 0; i < 10_000; i += 2) stored[`employee-${i}`] = { i };
        await store.commit([slotWrite(s, 1, stored)]);
        const keys = Array.from({ length: 10_000 }, (_, i) => `employee-${i}`);

        const loaded = await store.load(s.id, keys);

        expect(loaded.size).toBe(5_000);
        expect(loaded.get('employee-0')).toEqual({ i: 0 });
        expect(loaded.get('employee-9998')).toEqual({ i: 9998 });
        expect(loaded.has('employee-9999')).toBe(false);
        expect(await store.load(s.id, [])).toEqual(new Map());
        expect(await store.load(s.id, ['employee-1', 'employee-4', 'nobody'])).toEqual(new Map([['employee-4', { i: 4 }]]));
      });

      it('keeps documents apart per slot', async () => {
        const a = await store.createSlot('cards', 1);
        const b = await store.createSlot('cards', 2);
        await store.commit([slotWrite(a, 1, { shared: 'a', onlyA: 1 }), slotWrite(b, 1, { shared: 'b' })]);

        expect(await store.get(a.id, 'shared')).toBe('a');
        expect(await store.get(b.id, 'shared')).toBe('b');
        expect(await store.get(b.id, 'onlyA')).toBeUndefined();
        expect(await store.load(b.id, ['shared', 'onlyA'])).toEqual(new Map([['shared', 'b']]));
        expect(await store.scan(b.id, '')).toEqual([['shared', 'b']]);
      });

      it('scans exactly the keys with a prefix, in byte order, whatever characters the prefix holds', async () => {
        const s = await store.createSlot('cards', 1);
        const neighbour = await store.createSlot('cards', 2);
        const keys = [
          'a',
          'a%b',
          'a%c',
          'aXb',
          'a_',
          'a_b',
          'aYb',
          'ab',
          'b',
          '%',
          '%x',
          '_x',
          'Z',
          'u-1',
          'ü',
          'ü-1',
          'ü-2',
          'v',
          '€',
          '\uFF5E',
          '😀a',
          '😀b',
          '😁',
          '\uD7FE',
          '\uD7FF',
          '\uD7FF1',
          '\uE000',
          'a\u{10FFFF}',
          'a\u{10FFFF}z',
          '\u{10FFFF}',
          '\u{10FFFF}\u{10FFFF}',
        ];
        await store.commit([slotWrite(s, 1, Object.fromEntries(keys.map((k) => [k, { k }]))), slotWrite(neighbour, 1, { a: 'other slot', ab: 'other slot' })]);
        const sorted = [...keys].sort(bytewise);

        expect((await store.scan(s.id, '')).map(([k]) => k)).toEqual(sorted);
        expect((await store.scan(s.id, 'a%')).map(([k]) => k)).toEqual(['a%b', 'a%c']);
        expect((await store.scan(s.id, 'a_')).map(([k]) => k)).toEqual(['a_', 'a_b']);
        expect((await store.scan(s.id, 'ü')).map(([k]) => k)).toEqual(['ü', 'ü-1', 'ü-2']);
        expect((await store.scan(s.id, '😀')).map(([k]) => k)).toEqual(['😀a', '😀b']);
        expect((await store.scan(s.id, 'nothing')).map(([k]) => k)).toEqual([]);
        for (const prefix of ['a', '%', '_', 'Z', 'u', '\uD7FF', 'a\u{10FFFF}', '\u{10FFFF}', '\uFF5E', '😁', ...keys]) {
          const scanned = await store.scan(s.id, prefix);
          expect(scanned.map(([k]) => k)).toEqual(sorted.filter((k) => k.startsWith(prefix)));
          expect(scanned.every(([k, doc]) => (doc as { k: string }).k === k)).toBe(true);
        }
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('two handles on the same storage', () => {
      let other: ReadModelStore;
      beforeEach(async () => {
        other = await openSecondHandle(store);
      });
      afterEach(async () => {
        await other.close();
      });

      it("each sees the other's slots and commits", async () => {
        const s = await store.createSlot('cards', 1);
        await other.commit([slotWrite(s, 8, { a: { from: 'other' } })]);
        expect(await store.get(s.id, 'a')).toEqual({ from: 'other' });
        expect(await slot(store, s.id)).toMatchObject({ position: 8 });

        await store.promote(s.id);
        expect((await other.slots('cards'))[0]).toMatchObject({ id: s.id, state: 'serving', position: 8 });
      });

      it('lets exactly one of two concurrent commits from the same checkpoint win', async () => {
        const s = await store.createSlot('cards', 1);
        await store.commit([slotWrite(s, 100)]);
        for (let round = 0; round < 5; round++) {
          const from = (await slot(store, s.id)) as Slot;
          const outcomes = await Promise.allSettled([
            store.commit([slotWrite(from, from.position + 10, { winner: 'store' })]),
            other.commit([slotWrite(from, from.position + 20, { winner: 'other' })]),
          ]);

          const won = outcomes.findIndex((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(lost).toHaveLength(1);
          expect(lost[0].reason).toBeInstanceOf(CheckpointMoved);
          expect(lost[0].reason).toMatchObject({ expected: from.position, actual: from.position + 10 * (won + 1) });
          expect(await other.get(s.id, 'winner')).toBe(won === 0 ? 'store' : 'other');
          expect((await slot(other, s.id))?.position).toBe(from.position + 10 * (won + 1));
        }
      });
    });

    it('closes', async () => {
      const closing = await open();
      await closing.ping();
      await closing.close();
      await expect(closing.ping()).rejects.toThrow();
    });
  });
}
