/**
 * Merkle trees as RFC 9162 (Certificate Transparency 2.0, same hashing as RFC 6962) defines
 * them: leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right), the tree of n leaves split at
 * the largest power of two below n, and the empty tree hashed as H(). The distinct prefixes
 * stop a leaf from being passed off as an inner node. The hash is passed in, so the same
 * code runs with node:crypto in the CLI and with the plain-TypeScript SHA-256 in a browser.
 */
import { concatBytes, equalBytes } from './bytes.js';

export type HashFunction = (data: Uint8Array) => Uint8Array;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export function leafHash(hash: HashFunction, data: Uint8Array): Uint8Array {
  return hash(concatBytes(LEAF_PREFIX, data));
}

export function nodeHash(hash: HashFunction, left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash(concatBytes(NODE_PREFIX, left, right));
}

/**
 * The root of a tree fed one leaf hash at a time, in O(log n) memory: it keeps the roots of
 * the complete subtrees that the binary digits of n describe, largest first, and folds
 * them from the right at the end — which is exactly where RFC 9162 splits.
 */
export class MerkleRootBuilder {
  private readonly stack: { hash: Uint8Array; size: number }[] = [];
  private count = 0;

  constructor(private readonly hash: HashFunction) {}

  get size(): number {
    return this.count;
  }

  add(leaf: Uint8Array): void {
    let entry = { hash: leaf, size: 1 };
    for (let top = this.stack.at(-1); top !== undefined && top.size === entry.size; top = this.stack.at(-1)) {
      this.stack.pop();
      entry = { hash: nodeHash(this.hash, top.hash, entry.hash), size: top.size * 2 };
    }
    this.stack.push(entry);
    this.count += 1;
  }

  root(): Uint8Array {
    const last = this.stack.at(-1);
    if (last === undefined) return this.hash(new Uint8Array(0));
    let root = last.hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) root = nodeHash(this.hash, this.stack[i]!.hash, root);
    return root;
  }
}

/** Leaf hashes by position; an artifact's leaves are held as one contiguous buffer. */
export interface LeafList {
  readonly size: number;
  at(index: number): Uint8Array;
}

export function leafListOf(leaves: readonly Uint8Array[]): LeafList {
  return { size: leaves.length, at: (index) => leaves[index]! };
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(hash: HashFunction, leaves: LeafList, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 0) return hash(new Uint8Array(0));
  if (n === 1) return leaves.at(start);
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(hash, subtreeRoot(hash, leaves, start, start + k), subtreeRoot(hash, leaves, start + k, end));
}

export function merkleRoot(hash: HashFunction, leaves: LeafList): Uint8Array {
  return subtreeRoot(hash, leaves, 0, leaves.size);
}

/** The audit path of leaf `index` (RFC 9162 §2.1.3.1), deepest sibling first. */
export function inclusionProof(hash: HashFunction, leaves: LeafList, index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.size) {
    throw new RangeError(`leaf ${index} is outside a tree of ${leaves.size}`);
  }
  const path: Uint8Array[] = [];
  let start = 0;
  let end = leaves.size;
  let m = index;
  // Walk down from the root, collecting the sibling subtree at each split; reversed at the end.
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < k) {
      path.push(subtreeRoot(hash, leaves, start + k, end));
      end = start + k;
    } else {
      path.push(subtreeRoot(hash, leaves, start, start + k));
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

export type ProofProblem = 'index-out-of-range' | 'path-too-long' | 'path-too-short' | 'root-mismatch';

/**
 * Checks an inclusion proof by the algorithm of RFC 9162 §2.1.3.2. Index and size come from
 * an untrusted packet, so they are validated here, and a bad proof is a named problem,
 * never an exception.
 */
export function checkInclusionProof(
  hash: HashFunction,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofProblem | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    return 'index-out-of-range';
  }
  // BigInt keeps the shifts exact for any safe integer size.
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const sibling of proof) {
    if (sn === 0n) return 'path-too-long';
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(hash, sibling, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(hash, r, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'path-too-short';
  return equalBytes(r, root) ? null : 'root-mismatch';
}
