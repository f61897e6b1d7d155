/**
 * The smallest string above every string that starts with `prefix`, in code point order (which is
 * UTF-8 byte order, the order of SQLite's BINARY and PostgreSQL's "C" collation); `undefined` when
 * nothing is above them (an empty prefix, or one made only of U+10FFFF). `key >= prefix AND key <
 * bound` then selects exactly the keys with that prefix, whatever characters it holds, and stays an
 * index range (LIKE would treat `%` and `_` as wildcards).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) as number);
  while (codePoints.length > 0) {
    const last = codePoints.pop() as number;
    if (last < 0x10ffff) {
      // Surrogate code points have no UTF-8 encoding: the next character after U+D7FF is U+E000.
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return String.fromCodePoint(...codePoints, next);
    }
  }
  return undefined;
}
