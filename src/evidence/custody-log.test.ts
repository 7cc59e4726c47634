import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64 } from './bytes.js';
import { canonicalBytes } from './canonical.js';
import { checkCustodyLog, CUSTODY_PAYLOAD_TYPE, makeCustodyLine, type CustodyLine, type NewCustodyEvent } from './custody-log.js';
import { pae, type Signer } from './dsse.js';
import { ed25519RawFromSpki } from './ed25519-spki.js';
import { keyIdOf } from './fingerprint.js';
import { nodeVerifyCrypto, sha256 } from './node-crypto.js';

function signer(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = ed25519RawFromSpki(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })))!;
  return { keyid: keyIdOf(sha256, raw), publicKey: raw, sign: (m) => new Uint8Array(sign(null, m, privateKey)) };
}

const analyst = signer();
const event = (name: NewCustodyEvent['event'], at: string): NewCustodyEvent => ({
  at,
  event: name,
  operator: 'lab',
  tool: { name: 'exhibit', version: '0.0.0' },
  details: { note: name },
});

function log(): CustodyLine[] {
  const lines: CustodyLine[] = [];
  for (const [name, at] of [['sealed', '2024-01-01T00:00:00Z'], ['checked', '2024-01-01T01:00:00Z'], ['disclosed', '2024-01-02T00:00:00Z']] as const) {
    lines.push(makeCustodyLine(sha256, lines.at(-1) ?? null, event(name, at), analyst));
  }
  return lines;
}

async function problems(lines: unknown[]): Promise<string[]> {
  return (await checkCustodyLog(nodeVerifyCrypto, lines)).map((p) => `${p.code}@${p.line}`);
}

describe('the custody log', () => {
  it('chains each entry to the one before, from a zero hash', async () => {
    const lines = log();
    expect(lines.map((l) => l.seq)).toEqual([0, 1, 2]);
    expect(lines[0]?.prev).toBe('0'.repeat(64));
    expect(lines[1]?.prev).toBe(lines[0]?.hash);
    expect(await problems(lines)).toEqual([]);
  });

  it('detects an edited entry', async () => {
    const lines = log();
    lines[1] = { ...lines[1]!, operator: 'someone else' };
    expect(await problems(lines)).toEqual(['CUSTODY_ENTRY_ALTERED@1', 'CUSTODY_SIGNATURE_INVALID@1']);
  });

  it('detects an edited entry whose hash was recomputed', async () => {
    const lines = log();
    const forged = makeCustodyLine(sha256, lines[0]!, { ...event('checked', '2024-01-01T01:00:00Z'), operator: 'x' }, signer());
    lines[1] = { ...forged, keyid: analyst.keyid, publicKey: lines[1]!.publicKey };
    expect(await problems(lines)).toEqual(['CUSTODY_ENTRY_ALTERED@1', 'CUSTODY_SIGNATURE_INVALID@1', 'CUSTODY_CHAIN_BROKEN@2']);
  });

  it('detects a removed entry and a reordered log', async () => {
    const lines = log();
    expect(await problems([lines[0], lines[2]])).toEqual(['CUSTODY_CHAIN_BROKEN@1']);
    expect(await problems([lines[1], lines[0], lines[2]])).toEqual(['CUSTODY_CHAIN_BROKEN@0', 'CUSTODY_CHAIN_BROKEN@1', 'CUSTODY_CHAIN_BROKEN@2']);
  });

  it('detects an entry signed by another key than the one it names', async () => {
    const lines = log();
    const { hash: _hash, sig: _sig, ...entry } = lines[2]!;
    const forged = toBase64(signer().sign(pae(CUSTODY_PAYLOAD_TYPE, canonicalBytes(entry))));
    lines[2] = { ...lines[2]!, sig: forged };
    expect(await problems(lines)).toEqual(['CUSTODY_SIGNATURE_INVALID@2']);
  });

  it('names an entry that is not an entry', async () => {
    const lines: unknown[] = log();
    lines[1] = 'not json';
    expect(await problems(lines)).toEqual(['CUSTODY_ENTRY_MALFORMED@1', 'CUSTODY_CHAIN_BROKEN@2']);
  });
});
