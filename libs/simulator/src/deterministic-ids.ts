/** murmur3's finalizer: a bijection on 32-bit integers. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Number#toString(16) on values above 2^31 is slow enough to show in profiles; a table is not. */
const hex8 = (v: number): string => BYTE_HEX[v >>> 24] + BYTE_HEX[(v >>> 16) & 255] + BYTE_HEX[(v >>> 8) & 255] + BYTE_HEX[v & 255];

/**
 * UUIDs (version 8, RFC 9562 variant) from the seed and a counter: the n-th id of a seed is always
 * the same. The first 32 bits are the counter plus a seed offset, so no two ids of one run collide
 * and, like UUIDv7, ids grow in the order they are written: the store's unique index on event ids
 * is appended to instead of being written all over.
 */
export class DeterministicIds {
  private counter = 0;
  private readonly salt: number;

  constructor(seed: number) {
    this.salt = mix32(seed ^ 0x9e3779b9);
  }

  next(): string {
    const n = this.counter++;
    const a = (this.salt + n) >>> 0;
    const b = mix32(a + this.salt);
    const c = mix32(b ^ n);
    const d = mix32(c + 0x632be5ab);
    const bHex = hex8(b);
    const cHex = hex8(c);
    return `${hex8(a)}-${bHex.slice(0, 4)}-8${bHex.slice(5, 8)}-${(((c >>> 28) & 0x3) | 0x8).toString(16)}${cHex.slice(1, 4)}-${cHex.slice(4, 8)}${hex8(d)}`;
  }
}
