import fc from 'fast-check';
import { scanJson } from './json-limits';

/** What the scan must count, walked on the parsed value. */
function measure(value: unknown, depth = 0): { keys: number; arrayItems: number; depth: number } {
  if (value === null || typeof value !== 'object') return { keys: 0, arrayItems: 0, depth };
  const children = Object.values(value).map((child) => measure(child, depth + 1));
  return {
    keys: (Array.isArray(value) ? 0 : Object.keys(value).length) + children.reduce((n, c) => n + c.keys, 0),
    arrayItems: (Array.isArray(value) ? value.length : 0) + children.reduce((n, c) => n + c.arrayItems, 0),
    depth: Math.max(depth + 1, ...children.map((c) => c.depth)),
  };
}

const AMPLE = { keys: 1e9, arrayItems: 1e9, depth: 64 };
// Keys and strings full of the characters the scan looks at, escaped quotes and backslashes included.
const tricky = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', ' ', 'a', '\n') });
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.constant(null), fc.boolean(), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(tricky, tie('value'), { maxKeys: 5 }),
})).value;

describe('scanJson', () => {
  it('counts members, array elements and depth as the parsed value has them, however it is spaced', () => {
    fc.assert(
      fc.property(json, fc.boolean(), (value, spaced) => {
        const text = spaced ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const m = measure(value);
        expect(scanJson(text, { keys: m.keys, arrayItems: m.arrayItems, depth: Math.max(m.depth, 1) })).toBeUndefined();
        if (m.keys > 0) expect(scanJson(text, { ...AMPLE, keys: m.keys - 1 })).toEqual({ limit: 'keys', max: m.keys - 1 });
        if (m.arrayItems > 0) expect(scanJson(text, { ...AMPLE, arrayItems: m.arrayItems - 1 })).toEqual({ limit: 'array-items', max: m.arrayItems - 1 });
        if (m.depth > 1) expect(scanJson(text, { ...AMPLE, depth: m.depth - 1 })).toEqual({ limit: 'depth', max: m.depth - 1 });
      }),
      { numRuns: 2000, seed: 20260601 },
    );
  });

  it('stops at the first limit passed', () => {
    const text = `{${Array.from({ length: 70_000 }, (_v, i) => `"k${i}":1`).join(',')}}`;
    expect(scanJson(text, { keys: 256, arrayItems: 256, depth: 16 })).toEqual({ limit: 'keys', max: 256 });
    expect(scanJson('[[[[1]]]]', { keys: 0, arrayItems: 10, depth: 3 })).toEqual({ limit: 'depth', max: 3 });
    expect(scanJson('[]', { keys: 0, arrayItems: 0, depth: 1 })).toBeUndefined();
    expect(scanJson('[ ]', { keys: 0, arrayItems: 0, depth: 1 })).toBeUndefined();
    expect(scanJson('[0]', { keys: 0, arrayItems: 0, depth: 1 })).toEqual({ limit: 'array-items', max: 0 });
  });
});
