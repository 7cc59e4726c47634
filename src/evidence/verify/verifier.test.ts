import { describe, expect, it } from 'vitest';
import { nodeVerifyCrypto } from '../node-crypto.js';
import { STEPS, verifyPacket } from './verifier.js';

describe('verification', () => {
  it('runs a fixed sequence of named steps', () => {
    expect(STEPS.map((s) => s.id)).toEqual([
      'statements',
      'signatures',
      'attestation-subject',
      'timestamps',
      'record-proofs',
      'file-proofs',
      'findings-attested',
      'rules',
      'indicator-entries',
      'public-bundles',
      'rule-rerun',
      'custody-log',
    ]);
  });

  it('stops at the packet step, listing every bad field, when the input is not a packet', async () => {
    const verdict = await verifyPacket({ format: 'something', findings: 'x' }, { crypto: nodeVerifyCrypto, trusted: [], bundles: [] });
    expect(verdict.ok).toBe(false);
    expect(verdict.steps).toHaveLength(1);
    expect(verdict.steps[0]?.code).toBe('PACKET_MALFORMED');
    expect(verdict.steps[0]?.messages).toEqual([
      "format: expected 'exhibit-packet/1'",
      'seal: expected a signed document',
      'attestation: expected a signed document',
      'findings: expected a list',
      'records: expected a list',
      'files: expected a list',
      'indicators: expected a list',
      'rules: expected a list',
      'custody: expected a list',
    ]);
    expect((await verifyPacket(null, { crypto: nodeVerifyCrypto, trusted: [], bundles: [] })).steps[0]?.messages).toEqual(['(top level): expected a JSON object']);
  });
});
