import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_TREE_ROOT, inclusionProof, leafHash, MerkleBuilder, merkleRoot, nodeHash, rootFromInclusionProof, type InclusionProof } from './merkle';

/** RFC 6962 §2.1 written out recursively, as the reference the streaming builder must match. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function path(m: number, leaves: Buffer[]): string[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k)).toString('hex')]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k)).toString('hex')];
}

const texts = (n: number) => Array.from({ length: n }, (_, i) => `stream-${i}:${i % 3}:${'ab'.repeat(32)}`);

describe('Merkle tree (RFC 6962)', () => {
  it('given no leaf, the root is the hash of the empty string', () => {
    expect(merkleRoot([])).toBe(EMPTY_TREE_ROOT);
    expect(EMPTY_TREE_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('given one leaf, the root is its leaf hash: SHA-256 of 0x00 and the text', () => {
    expect(merkleRoot(['a'])).toBe(
      createHash('sha256')
        .update(Buffer.from([0, 0x61]))
        .digest('hex'),
    );
  });

  it('given three leaves, the root is node(node(a, b), c)', () => {
    const [a, b, c] = ['a', 'b', 'c'].map(leafHash);
    expect(merkleRoot(['a', 'b', 'c'])).toBe(nodeHash(nodeHash(a, b), c).toString('hex'));
  });

  it('given any number of leaves, the streaming root and every inclusion path match the recursive definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (n, seed) => {
        const leaves = texts(n).map(leafHash);
        const m = seed % n;
        expect(merkleRoot(texts(n))).toBe(mth(leaves).toString('hex'));
        const proof = inclusionProof(texts(n), m);
        expect(proof).toEqual({ leafIndex: m, treeSize: n, path: path(m, leaves) });
        expect(rootFromInclusionProof(leaves[m], proof)).toBe(mth(leaves).toString('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('when the builder proves several leaves in one pass, each path verifies, and prefix roots can be taken on the way', () => {
    const n = 37;
    const builder = new MerkleBuilder(n);
    const targets = new Set([0, 5, 16, 31, 32, 36]);
    const prefixRoots: string[] = [];
    texts(n).forEach((text, i) => {
      builder.push(leafHash(text), { prove: targets.has(i) });
      prefixRoots.push(builder.root());
    });
    expect(prefixRoots[9]).toBe(merkleRoot(texts(n).slice(0, 10)));
    const root = builder.root();
    for (const [index, proof] of builder.proofs()) {
      expect(rootFromInclusionProof(leafHash(texts(n)[index]), proof as InclusionProof)).toBe(root);
    }
    expect([...builder.proofs().keys()].sort((a, b) => a - b)).toEqual([...targets]);
  });

  it('when fewer leaves arrive than the tree size announced, no path is claimed', () => {
    const builder = new MerkleBuilder(8);
    texts(6).forEach((text, i) => builder.push(leafHash(text), { prove: i === 2 }));
    expect(builder.proofs().get(2)).toBeUndefined();
  });

  describe('then a proof that was changed does not lead to the root', () => {
    const n = 11;
    const root = merkleRoot(texts(n));
    const proof = inclusionProof(texts(n), 6);
    const leaf = leafHash(texts(n)[6]);

    it('another leaf', () => expect(rootFromInclusionProof(leafHash('forged'), proof)).not.toBe(root));
    it('a sibling changed', () => {
      const path = [...proof.path];
      path[1] = path[1].replace(/^./, (c) => (c === '0' ? '1' : '0'));
      expect(rootFromInclusionProof(leaf, { ...proof, path })).not.toBe(root);
    });
    it('another index', () => expect(rootFromInclusionProof(leaf, { ...proof, leafIndex: 7 })).not.toBe(root));
    it('another tree size of another shape (the size itself must be checked against the signed one)', () => {
      expect(rootFromInclusionProof(leaf, { ...proof, treeSize: 7 })).not.toBe(root);
      // Leaf 6 of 12 has the same path as leaf 6 of 11: only comparing treeSize with the signed size tells them apart.
      expect(rootFromInclusionProof(leaf, { ...proof, treeSize: 12 })).toBe(root);
    });
    it('a sibling dropped or added', () => {
      expect(rootFromInclusionProof(leaf, { ...proof, path: proof.path.slice(1) })).toBeUndefined();
      expect(rootFromInclusionProof(leaf, { ...proof, path: [...proof.path, proof.path[0]] })).toBeUndefined();
    });
    it('an index outside the tree, or a path that is not hex', () => {
      expect(rootFromInclusionProof(leaf, { ...proof, leafIndex: 11 })).toBeUndefined();
      expect(rootFromInclusionProof(leaf, { ...proof, path: ['zz', ...proof.path.slice(1)] })).toBeUndefined();
    });
  });
});
