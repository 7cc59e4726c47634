/**
 * The shapes of what Exhibit signs and writes as evidence: the seal and analysis
 * predicates, the signed-document files (seal.json, attestation.json) and the leaf data of
 * the sealed trees. Plain JSON, shared by the writers (Node) and the verifiers (Node and
 * the verifier page).
 */
import type { DsseEnvelope } from './dsse.js';

export interface ToolRef {
  name: string;
  version: string;
}

/** A public key that signed, as carried beside an envelope. Role and name are claims, not proof. */
export interface SignerKey {
  keyid: string;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  role: 'analyst' | 'witness';
  name: string;
}

/** An RFC 3161 token over the SHA-256 of one signature of the envelope (as Sigstore does). */
export interface TimestampEntry {
  authority: string;
  /** The key id of the signature whose bytes were timestamped. */
  keyid: string;
  /** Base64 of the DER TimeStampToken (CMS SignedData). */
  token: string;
}

/** seal.json and attestation.json: a DSSE envelope and the unsigned material to check it. */
export interface SignedDocument {
  format: 'exhibit-signed/1';
  envelope: DsseEnvelope;
  keys: SignerKey[];
  timestamps: TimestampEntry[];
}

/** One file of the acquisition as its sealed leaf holds it. */
export interface FileLeaf {
  /** Path in the Source's tree. */
  path: string;
  /** Path of the bytes as stored in the acquisition. */
  stored: string;
  size: number;
  /** Null when the file is listed but could not be read (the seal counts these). */
  sha256: string | null;
}

export interface RecordRoot {
  artifact: string;
  root: string;
  count: number;
}

export interface SealPredicate {
  format: 'exhibit-seal/1';
  tool: ToolRef;
  sealedAt: string;
  operator: string;
  acquisition: {
    kind: string;
    encrypted: boolean | null;
    /** Model and OS: not personal, and what a reader needs to weigh the findings. */
    model: { productType?: string; productVersion?: string; buildVersion?: string };
    /** Identifying values as SHA-256(salt ‖ value); the salt is revealed only with the value. */
    identifiers: Record<string, string>;
  };
  files: { root: string; count: number; bytes: number; unreadable: number };
  records: RecordRoot[];
  /** SHA-256 of a label and the seal secret: shows later that a folder holds the right secret. */
  secretCommitment: string;
  /** The seal payload digest this seal replaces, when records were re-sealed. */
  previous?: string;
}

export interface LeafRef {
  artifact: string;
  index: number;
  /** Hex leaf hash. */
  leaf: string;
}

export interface AttestedFinding {
  id: string;
  /** SHA-256 of the whole finding's canonical JSON, explanation included. */
  sha256: string;
  rule: { id: string; version: number };
  leaves: LeafRef[];
  indicator?: { bundle: string; stixId: string; entry: string };
}

export interface AttestedRule {
  id: string;
  version: number;
  sha256: string;
}

export interface AnalysisPredicate {
  format: 'exhibit-analysis/1';
  tool: ToolRef;
  analysedAt: string;
  operator: string;
  /** SHA-256 of the seal statement (the DSSE payload bytes). */
  seal: string;
  /** The custody log's last entry when the analysis was attested. */
  custody: { seq: number; hash: string } | null;
  indicators: { file: string; sha256: string; indicators: number }[];
  rules: { version: string; sha256: string; list: AttestedRule[] };
  /** SHA-256 of findings.json as written. */
  findingsJson: string;
  findings: AttestedFinding[];
}

/** The STIX objects that make one indicator: itself, its relationships, malware and reports. */
export interface IndicatorEntry {
  stixId: string;
  objects: unknown[];
}

export interface IndicatorEntries {
  file: string;
  sha256: string;
  entries: IndicatorEntry[];
}
