const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Random base64url text that sealed placeholders are cut from: cheaper than drawing every character. */
const CIPHER_POOL_CHARS = 1 << 16;

/** A bijection on 32-bit integers (murmur3's finalizer): distinct counters give distinct outputs. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex8 = (value: number): string => value.toString(16).padStart(8, '0');

/**
 * Everything random in a generated history comes from here (mulberry32), so one seed gives one
 * history. Ids come from a counter instead, so they never collide.
 */
export class SeededRandom {
  private state: number;
  private idCounter = 0;
  private readonly idPrefix: string;
  private readonly cipherPool: string;

  constructor(seed: number) {
    this.state = seed >>> 0;
    const a = hex8(this.uint32());
    const b = hex8(this.uint32());
    // Version 4 and RFC 4122 variant nibbles, so the ids look like the UUIDs the API hands out.
    this.idPrefix = `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${(8 + (this.uint32() & 3)).toString(16)}`;
    let pool = '';
    for (let i = 0; i < CIPHER_POOL_CHARS; i++) pool += BASE64URL[this.uint32() & 63];
    this.cipherPool = pool;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    return this.uint32() / 2 ** 32;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items (fewer if there are not that many). */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>();
    for (let tries = 0; chosen.size < Math.min(count, items.length) && tries < count * 8; tries++) chosen.add(this.pick(items));
    return [...chosen];
  }

  /** A UUID-shaped id, unique within this generator. */
  uuid(): string {
    const n = this.idCounter++;
    const salt = hex8(mix32(n ^ 0x5bd1e995));
    return `${this.idPrefix}${salt.slice(0, 3)}-${hex8(mix32(n))}${salt.slice(3, 7)}`;
  }

  /** What a personal field of `plaintextLength` JSON characters looks like once the API sealed it. */
  sealed(plaintextLength: number): { $pii: string } {
    return { $pii: `v1.${this.cipherText(16)}.${this.cipherText(Math.ceil((plaintextLength * 4) / 3))}.${this.cipherText(22)}` };
  }

  private cipherText(length: number): string {
    const start = this.int(0, CIPHER_POOL_CHARS - length);
    return this.cipherPool.slice(start, start + length);
  }
}
