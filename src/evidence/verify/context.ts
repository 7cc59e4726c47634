/** The adapter: an untrusted packet → the Verifiable shape the steps read. */
import { fromBase64, toHex } from '../bytes.js';
import type { VerifyCrypto } from '../crypto-port.js';
import { assertPacket, type Packet } from '../packet.js';
import { decodeAnalysis, decodeSeal } from '../signed-documents.js';
import type { Verifiable } from './types.js';

export function toVerifiable(value: unknown, crypto: VerifyCrypto): Verifiable {
  assertPacket(value);
  const packet: Packet = value;
  const seal = decodeSeal(packet.seal);
  const analysis = decodeAnalysis(packet.attestation);
  const digest = (payload: string): string | null => {
    const bytes = fromBase64(payload);
    return bytes === null ? null : toHex(crypto.sha256(bytes));
  };
  return {
    packet,
    seal: seal.ok ? seal.statement.predicate : null,
    analysis: analysis.ok ? analysis.statement.predicate : null,
    sealDigest: digest(packet.seal.envelope.payload),
    attestationDigest: digest(packet.attestation.envelope.payload),
    attestationSubject: analysis.ok ? (analysis.statement.subject.find((s) => s.name === 'seal')?.digest.sha256 ?? null) : null,
  };
}

/** Which disclosed findings rest on a record leaf, from the attestation. */
export function findingsOnLeaf(input: Verifiable, artifact: string, index: number): string[] {
  const attested = input.analysis?.findings ?? [];
  const ids = new Set(input.packet.findings.map((f) => f.id));
  return attested
    .filter((f) => ids.has(f.id) && f.leaves.some((leaf) => leaf.artifact === artifact && leaf.index === index))
    .map((f) => f.id);
}
