/**
 * What verification works on and what it says. The verifier never sees a packet file: an
 * adapter (context.ts) reduces it to a Verifiable, and each step reads only what it needs.
 * Every failing step has its own code; the verdict is plain data, the same from the
 * command and from the verifier page.
 */
import type { Finding } from '../../detection/finding.js';
import type { VerifyCrypto } from '../crypto-port.js';
import type { Packet } from '../packet.js';
import type { AnalysisPredicate, SealPredicate } from '../statements.js';

export type StepId =
  | 'packet'
  | 'statements'
  | 'signatures'
  | 'attestation-subject'
  | 'timestamps'
  | 'record-proofs'
  | 'file-proofs'
  | 'findings-attested'
  | 'rules'
  | 'indicator-entries'
  | 'public-bundles'
  | 'rule-rerun'
  | 'custody-log';

export type FailureCode =
  | 'PACKET_MALFORMED'
  | 'STATEMENT_INVALID'
  | 'UNSIGNED'
  | 'SIGNATURE_INVALID'
  | 'SIGNER_NOT_TRUSTED'
  | 'ATTESTATION_NOT_FOR_SEAL'
  | 'TIMESTAMP_INVALID'
  | 'RECORD_PROOF_INVALID'
  | 'FILE_PROOF_INVALID'
  | 'FINDING_NOT_ATTESTED'
  | 'FINDING_RECORDS_MISSING'
  | 'RULE_ALTERED'
  | 'RULE_MISSING'
  | 'INDICATOR_ENTRY_ALTERED'
  | 'INDICATOR_NOT_IN_BUNDLE'
  | 'FINDING_NOT_REPRODUCED'
  | 'CUSTODY_ENTRY_MALFORMED'
  | 'CUSTODY_ENTRY_ALTERED'
  | 'CUSTODY_CHAIN_BROKEN'
  | 'CUSTODY_SIGNATURE_INVALID'
  | 'CUSTODY_INCOMPLETE';

export type StepStatus = 'pass' | 'fail' | 'not-checked';

export interface StepResult {
  id: StepId;
  title: string;
  status: StepStatus;
  /** The first failure's code, when the step failed. */
  code?: FailureCode;
  /** Plain sentences: what was checked, what failed. */
  messages: string[];
}

export interface SignerVerdict {
  document: 'seal' | 'attestation';
  keyid: string;
  fingerprint: string | null;
  role: string | null;
  name: string | null;
  valid: boolean;
  trusted: boolean;
}

export interface TimestampVerdict {
  document: 'seal' | 'attestation';
  authority: string;
  time: string | null;
  signer: string | null;
  certificateSha256: string | null;
  valid: boolean;
}

export interface FindingVerdict {
  id: string;
  rule: string;
  artifact: string;
  matched: { field: string; value: string };
  status: 'verified' | 'not-verified';
  problems: string[];
}

export interface Verdict {
  ok: boolean;
  steps: StepResult[];
  signers: SignerVerdict[];
  timestamps: TimestampVerdict[];
  findings: FindingVerdict[];
}

/** A public STIX bundle the verifier holds, by digest, its objects by id. */
export interface PublicBundle {
  file: string;
  sha256: string;
  objects: ReadonlyMap<string, unknown>;
}

export interface VerifyOptions {
  crypto: VerifyCrypto;
  /** Raw Ed25519 public keys the verifier trusts (from --trust); empty: report fingerprints only. */
  trusted: readonly Uint8Array[];
  /** Public bundles the verifier has (shipped iocs/, --iocs, or dropped on the page). */
  bundles: readonly PublicBundle[];
}

/** The packet reduced to what the steps read, with the statements decoded once. */
export interface Verifiable {
  packet: Packet;
  seal: SealPredicate | null;
  analysis: AnalysisPredicate | null;
  sealDigest: string | null;
  attestationDigest: string | null;
  attestationSubject: string | null;
}

/** What a step returns: its outcome, and problems it found with particular findings. */
export interface StepOutcome {
  status: StepStatus;
  code?: FailureCode;
  messages: string[];
  findingProblems?: ReadonlyMap<string, string[]>;
  signers?: SignerVerdict[];
  timestamps?: TimestampVerdict[];
}

export interface Step {
  id: StepId;
  title: string;
  run(input: Verifiable, options: VerifyOptions): Promise<StepOutcome>;
}

export type { Finding };
