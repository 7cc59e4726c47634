import { describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../artifacts/types.js';
import { toHex } from './bytes.js';
import { LeafHasher } from './leaf-hasher.js';
import { fileLeaf, fileSalt, recordLeaf, recordSalt } from './leaves.js';
import { sha256 } from './node-crypto.js';
import { hmacSha256 } from './seal.js';
import type { FileLeaf } from './statements.js';

function record(artifact: string, text: string): ArtifactRecord {
  return {
    artifact,
    times: [{ at: '2023-03-08T20:26:40.000000Z', meaning: 'sent' }],
    fields: { rowid: 7, text, links: [], zeta: null, alpha: -0, big: 1e21 },
    origin: { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d', sha256: 'ab'.repeat(32), locator: { kind: 'sqlite', table: 'message', rowid: '7' } },
  };
}

const SECRETS = [new Uint8Array(32).fill(7), Uint8Array.from({ length: 32 }, (_, i) => i * 5), new Uint8Array(100).fill(1), new Uint8Array(0)];

describe('LeafHasher', () => {
  it.each(SECRETS.map((secret) => [secret.length, secret]))('gives the portable record leaves for a %i-byte secret', (_, secret) => {
    const hasher = new LeafHasher(secret);
    for (const [artifact, text, index] of [
      ['sms', 'hello', 0],
      ['sms', 'lone \ud800 surrogate', 1],
      ['safari_history', 'émoji 😀 العربية', 123456],
      ['sms', '', 2 ** 40],
    ] as const) {
      const item = record(artifact, text);
      const expected = recordLeaf(sha256, recordSalt(hmacSha256, secret, artifact, index), item);
      expect(toHex(hasher.recordLeaf(item, index))).toBe(toHex(expected));
    }
  });

  it('gives the portable file leaves, hashed or not', () => {
    const secret = new Uint8Array(32).fill(9);
    const hasher = new LeafHasher(secret);
    const files: FileLeaf[] = [
      { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d', size: 10, sha256: 'cd'.repeat(32) },
      { path: 'Info.plist', stored: 'Info.plist', size: 0, sha256: null },
    ];
    files.forEach((file, index) => {
      expect(toHex(hasher.fileLeaf(file, index))).toBe(toHex(fileLeaf(sha256, fileSalt(hmacSha256, secret, index), file)));
    });
  });

  it('keeps artifacts and positions apart', () => {
    const hasher = new LeafHasher(new Uint8Array(32).fill(3));
    const item = record('sms', 'same');
    expect(hasher.recordLeaf(item, 0).equals(hasher.recordLeaf(item, 1))).toBe(false);
    expect(hasher.recordLeaf(item, 1).equals(hasher.recordLeaf({ ...item, artifact: 'sms_' }, 1))).toBe(false);
    // "record:sms:11" must not be mistaken for "record:sms1:1".
    expect(hasher.recordLeaf(item, 11).equals(hasher.recordLeaf({ ...item, artifact: 'sms1' }, 1))).toBe(false);
  });
});
