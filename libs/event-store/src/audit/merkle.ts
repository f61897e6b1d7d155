import { createHash } from 'node:crypto';

/**
 * A Merkle tree as Certificate Transparency defines it (RFC 6962 §2.1, RFC 9162 §2.1):
 *
 *   leaf hash  = SHA-256(0x00 || leaf text, UTF-8)
 *   node hash  = SHA-256(0x01 || left || right)     (the raw 32-byte hashes)
 *   empty tree = SHA-256("")
 *
 * A tree of n > 1 leaves splits at k, the largest power of two below n: the left subtree holds
 * leaves 0..k-1 (always complete), the right subtree the rest. Hashes travel as lowercase hex.
 * The 0x00/0x01 prefixes keep a leaf from ever passing for a node (second-preimage safety).
 */
export type Hex = string;

/** The inclusion (audit) path of one leaf: sibling hashes from the leaf up to the root. */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  path: Hex[];
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const EMPTY_TREE_ROOT: Hex = createHash('sha256').digest('hex');

export function leafHash(text: string): Buffer {
  return createHash('sha256').update(LEAF).update(text, 'utf8').digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n >= 2). */
function splitOf(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A subtree: leaves [start, start + size), and its hash. */
interface Subtree {
  start: number;
  size: number;
  hash: Buffer;
}

const rangeKey = (start: number, end: number): string => `${start}-${end}`;

/**
 * The subtrees whose hashes make up leaf m's inclusion path in a tree of n leaves, from the leaf
 * up: each as [start, end) of leaf indices (RFC 6962 §2.1.1 PATH).
 */
export function inclusionRanges(m: number, n: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let end = n;
  while (end - start > 1) {
    const k = splitOf(end - start);
    if (m - start < k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return ranges.reverse();
}

/**
 * Builds a tree one leaf at a time in O(log n) memory, as the store is read once in global order:
 * a stack of complete subtrees (the binary decomposition of the leaves so far). `root()` does not
 * disturb it, so the root of every prefix can be taken on the way. With `prove`, it also collects
 * the inclusion paths of chosen leaves in a tree of a size known in advance.
 */
export class MerkleBuilder {
  private readonly stack: Subtree[] = [];
  private count = 0;
  /** Leaf index → its path so far (range key → hash), for the leaves being proven. */
  private readonly proving = new Map<number, Map<string, Buffer | undefined>>();
  /** Range key → the leaves waiting for that subtree's hash. */
  private readonly wanted = new Map<string, number[]>();

  /** `treeSize`: the size of the tree the inclusion paths are for (only with `prove`). */
  constructor(private readonly treeSize?: number) {}

  get size(): number {
    return this.count;
  }

  /** Adds the next leaf (its leaf hash); with `prove`, starts collecting its inclusion path. */
  push(leaf: Buffer, options: { prove?: boolean } = {}): number {
    const index = this.count;
    if (options.prove) this.startProof(index);
    let node: Subtree = { start: index, size: 1, hash: leaf };
    this.found(node);
    while (this.stack.length > 0 && (this.stack.at(-1) as Subtree).size === node.size) {
      const left = this.stack.pop() as Subtree;
      node = { start: left.start, size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
      this.found(node);
    }
    this.stack.push(node);
    this.count++;
    return index;
  }

  /** The root of the leaves pushed so far (RFC 6962 MTH). */
  root(): Hex {
    return this.fold(0)?.toString('hex') ?? EMPTY_TREE_ROOT;
  }

  /**
   * The inclusion paths of the leaves pushed with `prove`, once exactly `treeSize` leaves are in.
   * Undefined for a leaf whose path could not be completed (the tree has another size).
   */
  proofs(): Map<number, InclusionProof | undefined> {
    const n = this.treeSize ?? this.count;
    const result = new Map<number, InclusionProof | undefined>();
    for (const [index, hashes] of this.proving) {
      const path: Hex[] = [];
      for (const [start, end] of inclusionRanges(index, n)) {
        const key = rangeKey(start, end);
        const hash = hashes.get(key) ?? (this.count === n && end === n ? this.fold(start) : undefined);
        if (!hash) break;
        path.push(hash.toString('hex'));
      }
      const complete = this.count === n && path.length === inclusionRanges(index, n).length;
      result.set(index, complete ? { leafIndex: index, treeSize: n, path } : undefined);
    }
    return result;
  }

  /** The subtrees to the left of a new leaf are on the stack; those to the right are awaited. */
  private startProof(index: number): void {
    if (this.treeSize === undefined || index >= this.treeSize) return;
    const hashes = new Map<string, Buffer | undefined>();
    const onStack = new Map(this.stack.map((s) => [rangeKey(s.start, s.start + s.size), s.hash]));
    for (const [start, end] of inclusionRanges(index, this.treeSize)) {
      const key = rangeKey(start, end);
      if (end <= index) {
        hashes.set(key, onStack.get(key));
      } else {
        hashes.set(key, undefined);
        this.wanted.set(key, [...(this.wanted.get(key) ?? []), index]);
      }
    }
    this.proving.set(index, hashes);
  }

  private found(node: Subtree): void {
    const key = rangeKey(node.start, node.start + node.size);
    const waiting = this.wanted.get(key);
    if (!waiting) return;
    for (const index of waiting) this.proving.get(index)?.set(key, node.hash);
    this.wanted.delete(key);
  }

  /** The hash of leaves [from, count): the stack's subtrees from `from` on, folded from the right. */
  private fold(from: number): Buffer | undefined {
    let hash: Buffer | undefined;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const subtree = this.stack[i];
      if (subtree.start < from) return undefined;
      hash = hash ? nodeHash(subtree.hash, hash) : subtree.hash;
      if (subtree.start === from) return hash;
    }
    return undefined;
  }
}

/** The root of a tree over these leaf texts. */
export function merkleRoot(texts: Iterable<string>): Hex {
  const builder = new MerkleBuilder();
  for (const text of texts) builder.push(leafHash(text));
  return builder.root();
}

/** The inclusion proof of leaf `index` among these leaf texts. */
export function inclusionProof(texts: readonly string[], index: number): InclusionProof {
  if (!(Number.isSafeInteger(index) && index >= 0 && index < texts.length)) throw new RangeError(`leaf ${index} is not in a tree of ${texts.length}`);
  const builder = new MerkleBuilder(texts.length);
  texts.forEach((text, i) => builder.push(leafHash(text), { prove: i === index }));
  return builder.proofs().get(index) as InclusionProof;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The root an inclusion proof leads to from a leaf hash (RFC 9162 §2.1.3.2), or undefined when the
 * proof cannot be one for a tree of that size (wrong path length, index out of range, bad hex).
 * The leaf is in the tree with that root when the answer equals the root.
 */
export function rootFromInclusionProof(leaf: Buffer, proof: InclusionProof): Hex | undefined {
  const { leafIndex, treeSize, path } = proof;
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize) && leafIndex >= 0 && leafIndex < treeSize)) return undefined;
  if (!Array.isArray(path) || !path.every((p) => typeof p === 'string' && HEX64.test(p))) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return undefined;
    const sibling = Buffer.from(p, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r.toString('hex') : undefined;
}
