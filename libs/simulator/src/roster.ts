import type { SeededRandom } from './seeded-random';

/** A set with O(1) add, remove and uniform random pick, iterated in a deterministic order. */
export class Roster<T> {
  private readonly items: T[] = [];
  private readonly index = new Map<T, number>();

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    if (this.index.has(item)) return;
    this.index.set(item, this.items.length);
    this.items.push(item);
  }

  remove(item: T): void {
    const at = this.index.get(item);
    if (at === undefined) return;
    const last = this.items.pop() as T;
    this.index.delete(item);
    if (last !== item) {
      this.items[at] = last;
      this.index.set(last, at);
    }
  }

  /** A random item other than `except`, if there is one. */
  pickOther(random: SeededRandom, except: T): T | undefined {
    const size = this.items.length - (this.index.has(except) ? 1 : 0);
    if (size <= 0) return undefined;
    for (;;) {
      const item = random.pick(this.items);
      if (item !== except) return item;
    }
  }

  /** Up to `count` distinct items other than `except`, drawn at random. */
  sample(random: SeededRandom, count: number, except: readonly T[] = []): T[] {
    const chosen = new Set<T>();
    const wanted = Math.min(count, this.items.length - except.filter((e) => this.index.has(e)).length);
    for (let tries = 0; chosen.size < wanted && tries < count * 20; tries++) {
      const item = random.pick(this.items);
      if (!except.includes(item)) chosen.add(item);
    }
    return [...chosen];
  }

  toArray(): T[] {
    return [...this.items];
  }
}
