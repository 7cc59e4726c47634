import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  checkInclusionProof,
  inclusionProof,
  leafHash,
  leafListOf,
  merkleRoot,
  MerkleRootBuilder,
  nodeHash,
} from './merkle.js';

const sha = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());

/**
 * An independent, literal reading of RFC 6962 §2.1: MTH and PATH written recursively on
 * arrays of leaf data, hashing with explicit prefix bytes through node:crypto.
 */
function referenceMth(data: Buffer[]): Buffer {
  const h = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (data.length === 0) return h();
  if (data.length === 1) return h(Buffer.from([0]), data[0]!);
  let k = 1;
  while (k << 1 < data.length) k <<= 1;
  return h(Buffer.from([1]), referenceMth(data.slice(0, k)), referenceMth(data.slice(k)));
}

function referencePath(m: number, data: Buffer[]): Buffer[] {
  if (data.length <= 1) return [];
  let k = 1;
  while (k << 1 < data.length) k <<= 1;
  return m < k
    ? [...referencePath(m, data.slice(0, k)), referenceMth(data.slice(k))]
    : [...referencePath(m - k, data.slice(k)), referenceMth(data.slice(0, k))];
}

// The leaf inputs of the RFC 6962 test vectors used by CT implementations.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  Buffer.from(hex, 'hex'),
);

function leavesOf(data: Buffer[]): Uint8Array[] {
  return data.map((d) => leafHash(sha, d));
}

describe('RFC 9162 Merkle tree', () => {
  it('hashes the empty tree, a leaf and a node with the RFC prefixes', () => {
    expect(toHex(merkleRoot(sha, leafListOf([])))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // SHA-256 of the single byte 0x00: the hash of an empty leaf.
    expect(toHex(leafHash(sha, new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const a = leafHash(sha, Uint8Array.of(1));
    const b = leafHash(sha, Uint8Array.of(2));
    expect(nodeHash(sha, a, b)).toEqual(sha(Uint8Array.from([1, ...a, ...b])));
  });

  it('gives the same root as the reference for every size up to 40, streamed or at once', () => {
    const data = Array.from({ length: 40 }, (_, i) => (i < LEAVES.length ? LEAVES[i]! : Buffer.from([i, i * 7, 255 - i])));
    for (let n = 0; n <= data.length; n += 1) {
      const slice = data.slice(0, n);
      const expected = toHex(referenceMth(slice));
      expect(toHex(merkleRoot(sha, leafListOf(leavesOf(slice)))), `size ${n}`).toBe(expected);
      const builder = new MerkleRootBuilder(sha);
      for (const leaf of leavesOf(slice)) builder.add(leaf);
      expect(toHex(builder.root()), `streamed size ${n}`).toBe(expected);
      expect(builder.size).toBe(n);
    }
  });

  it('gives the reference audit path for every leaf of every size up to 40, and each path verifies', () => {
    const data = Array.from({ length: 40 }, (_, i) => Buffer.from([i, 3 * i]));
    for (let n = 1; n <= data.length; n += 1) {
      const slice = data.slice(0, n);
      const leaves = leavesOf(slice);
      const root = merkleRoot(sha, leafListOf(leaves));
      for (let m = 0; m < n; m += 1) {
        const proof = inclusionProof(sha, leafListOf(leaves), m);
        expect(proof.map(toHex), `size ${n} leaf ${m}`).toEqual(referencePath(m, slice).map((b) => b.toString('hex')));
        expect(checkInclusionProof(sha, m, n, leaves[m]!, proof, root)).toBeNull();
      }
    }
  });

  describe('rejects a bad proof with a named problem', () => {
    const leaves = leavesOf(LEAVES);
    const list = leafListOf(leaves);
    const root = merkleRoot(sha, list);
    const proof = inclusionProof(sha, list, 5);

    it('when a sibling hash is changed', () => {
      const bad = proof.map((p, i) => (i === 1 ? Uint8Array.from(p, (b, j) => (j === 0 ? b ^ 1 : b)) : p));
      expect(checkInclusionProof(sha, 5, 8, leaves[5]!, bad, root)).toBe('root-mismatch');
    });
    it('when the leaf is another one', () => {
      expect(checkInclusionProof(sha, 5, 8, leaves[4]!, proof, root)).toBe('root-mismatch');
    });
    it('when the index is claimed to be another one', () => {
      expect(checkInclusionProof(sha, 4, 8, leaves[5]!, proof, root)).toBe('root-mismatch');
    });
    it('when the index is outside the tree, negative or not an integer', () => {
      expect(checkInclusionProof(sha, 8, 8, leaves[5]!, proof, root)).toBe('index-out-of-range');
      expect(checkInclusionProof(sha, -1, 8, leaves[5]!, proof, root)).toBe('index-out-of-range');
      expect(checkInclusionProof(sha, 1.5, 8, leaves[5]!, proof, root)).toBe('index-out-of-range');
    });
    it('when the path is one hash too long or too short', () => {
      expect(checkInclusionProof(sha, 5, 8, leaves[5]!, [...proof, proof[0]!], root)).toBe('path-too-long');
      expect(checkInclusionProof(sha, 5, 8, leaves[5]!, proof.slice(0, 2), root)).toBe('path-too-short');
    });
    it('when the tree size is claimed larger than it was', () => {
      expect(checkInclusionProof(sha, 5, 9, leaves[5]!, proof, root)).toBe('path-too-short');
    });
  });
});
