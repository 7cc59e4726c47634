/**
 * The file and record leaves of leaves.ts, computed for hundreds of thousands of leaves a
 * run at node:crypto speed: the same bytes as recordLeaf(recordSalt(…)) and
 * fileLeaf(fileSalt(…)), without the per-leaf costs of the portable version (an HMAC key
 * schedule, TextEncoder, byte concatenation). The HMAC is RFC 2104 spelt out so that its
 * padded-key states, and each label's fixed prefix, are hashed once and then copied.
 */
import { createHash, type Hash } from 'node:crypto';
import type { ArtifactRecord } from '../artifacts/types.js';
import type { FileLeaf } from './statements.js';
import { canonicalJsonText } from './canonical.js';

const BLOCK_BYTES = 64;
const LEAF_PREFIX = Buffer.of(0x00);

function paddedKeyState(secret: Uint8Array, pad: number): Hash {
  // A key longer than a block is hashed first (RFC 2104 §2); a seal secret never is, but stay exact.
  const key = secret.length > BLOCK_BYTES ? createHash('sha256').update(secret).digest() : secret;
  const block = Buffer.alloc(BLOCK_BYTES, pad);
  for (let i = 0; i < key.length; i += 1) block[i] = (key[i] ?? 0) ^ pad;
  return createHash('sha256').update(block);
}

export class LeafHasher {
  private readonly outer: Hash;
  private readonly inner: Hash;
  /** Inner HMAC states with a label's prefix (`record:<artifact>:`, `file:`) already absorbed. */
  private readonly innerByPrefix = new Map<string, Hash>();

  constructor(secret: Uint8Array) {
    this.inner = paddedKeyState(secret, 0x36);
    this.outer = paddedKeyState(secret, 0x5c);
  }

  /** HMAC-SHA256(secret, prefix ‖ index in decimal). */
  private salt(prefix: string, index: number): Buffer {
    let prefixed = this.innerByPrefix.get(prefix);
    if (prefixed === undefined) {
      prefixed = this.inner.copy().update(prefix, 'utf8');
      this.innerByPrefix.set(prefix, prefixed);
    }
    const innerDigest = prefixed.copy().update(String(index), 'latin1').digest();
    return this.outer.copy().update(innerDigest).digest();
  }

  private leaf(salt: Buffer, value: unknown): Buffer {
    return createHash('sha256').update(LEAF_PREFIX).update(salt).update(canonicalJsonText(value), 'utf8').digest();
  }

  /** recordLeaf(recordSalt(secret, artifact, index), record). */
  recordLeaf(record: ArtifactRecord, index: number): Buffer {
    return this.leaf(this.salt(`record:${record.artifact}:`, index), record);
  }

  /** fileLeaf(fileSalt(secret, index), file). */
  fileLeaf(file: FileLeaf, index: number): Buffer {
    return this.leaf(this.salt('file:', index), file);
  }
}
