import fc from 'fast-check';
import { prefixUpperBound } from '@pm/projections/store/key-prefix';
import { bytewise } from './read-model-store.contract';

/** What a store selects with `key >= prefix AND key < bound` (no upper limit without a bound). */
function inRange(key: string, prefix: string): boolean {
  const bound = prefixUpperBound(prefix);
  return bytewise(key, prefix) >= 0 && (bound === undefined || bytewise(key, bound) < 0);
}

const edgy = fc.string({ unit: fc.constantFrom('a', 'b', '%', '_', 'é', '\uD7FF', '\uE000', '\uFFFF', '😀', '😁', '\u{10FFFE}', '\u{10FFFF}'), maxLength: 5 });

describe('prefixUpperBound', () => {
  it('bounds exactly the keys that start with the prefix', () => {
    fc.assert(fc.property(edgy, edgy, (key, prefix) => inRange(key, prefix) === key.startsWith(prefix)));
    const anyText = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(
        anyText,
        anyText,
        anyText,
        (prefix, suffix, other) => inRange(prefix + suffix, prefix) && inRange(other, prefix) === other.startsWith(prefix),
      ),
    );
  });

  it('has no bound for an empty prefix or one of only U+10FFFF', () => {
    expect(prefixUpperBound('')).toBeUndefined();
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeUndefined();
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('\uD7FF')).toBe('\uE000');
  });
});
