/**
 * The evidence files of a results folder and how they are read and written. seal.json,
 * attestation.json and custody.log are shareable (no personal data); seal-secret.key and
 * seal-files.jsonl stay with the analyst: the secret re-derives every salt, and the file list
 * names every file of the acquisition.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../errors.js';
import { fromHex, toHex } from './bytes.js';
import { EvidenceError } from './errors.js';
import { nodeVerifyCrypto } from './node-crypto.js';
import { checkSignatures, decodeAnalysis, decodeSeal } from './signed-documents.js';
import type { AnalysisPredicate, SealPredicate, SignedDocument } from './statements.js';

export const SEAL_FILE = 'seal.json';
export const SEAL_SECRET_FILE = 'seal-secret.key';
export const SEAL_FILES_FILE = 'seal-files.jsonl';
export const ATTESTATION_FILE = 'attestation.json';
export const CUSTODY_FILE = 'custody.log';
export const INDICATOR_ENTRIES_FILE = 'indicator-entries.json';

/** What `exhibit seal` leaves in a folder; a check may write its results beside them. */
export const SEAL_FOLDER_FILES: readonly string[] = [SEAL_FILE, SEAL_SECRET_FILE, SEAL_FILES_FILE, CUSTODY_FILE, 'run.log'];

export function isSealFolderFile(name: string): boolean {
  return SEAL_FOLDER_FILES.includes(name);
}

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) {
    throw new EvidenceError('EVIDENCE_MISSING', `${path} does not exist; point Exhibit at a results folder written by exhibit check or exhibit seal.`);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EvidenceError('EVIDENCE_INVALID', `${what} ${path} is not valid JSON (${describeError(error)}); restore it from a copy.`, error);
  }
}

function isSignedDocument(value: unknown): value is SignedDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SignedDocument>;
  return (
    v.format === 'exhibit-signed/1' &&
    typeof v.envelope === 'object' &&
    v.envelope !== null &&
    typeof v.envelope.payload === 'string' &&
    typeof v.envelope.payloadType === 'string' &&
    Array.isArray(v.envelope.signatures) &&
    Array.isArray(v.keys) &&
    Array.isArray(v.timestamps)
  );
}

export function readSignedDocument(path: string): SignedDocument {
  const value = readJson(path, 'The signed document');
  if (!isSignedDocument(value)) {
    throw new EvidenceError('EVIDENCE_INVALID', `${path} is not an Exhibit signed document; restore it from a copy.`);
  }
  return value;
}

export function writeSignedDocument(path: string, doc: SignedDocument): void {
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
}

export function writeJsonFile(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

export function readJsonFile(path: string, what: string): unknown {
  return readJson(path, what);
}

/** The 32-byte seal secret of a results folder, created (mode 0600) when absent. */
export function readOrCreateSecret(dir: string): { secret: Uint8Array; created: boolean } {
  const path = join(dir, SEAL_SECRET_FILE);
  if (existsSync(path)) return { secret: readSecret(dir), created: false };
  const secret = new Uint8Array(randomBytes(32));
  writeFileSync(path, `${toHex(secret)}\n`, { mode: 0o600, flag: 'wx' });
  return { secret, created: true };
}

export function readSecret(dir: string): Uint8Array {
  const path = join(dir, SEAL_SECRET_FILE);
  if (!existsSync(path)) {
    throw new EvidenceError('EVIDENCE_MISSING', `${dir} has no ${SEAL_SECRET_FILE}; only the results folder that was sealed can disclose records.`);
  }
  const secret = fromHex(readFileSync(path, 'utf8').trim());
  if (secret === null || secret.length !== 32) {
    throw new EvidenceError('EVIDENCE_INVALID', `${path} is damaged (expected 64 hex digits); restore it from a copy.`);
  }
  return secret;
}

/** Problems with a document's own signatures, checked against the keys it carries. */
export async function verifyOwnSignatures(doc: SignedDocument): Promise<string[]> {
  const checks = await checkSignatures(nodeVerifyCrypto, doc);
  if (checks.length === 0) return ['it carries no signature'];
  return checks.filter((c) => !c.valid).map((c) => `signature ${c.keyid.slice(0, 16)}…: ${c.problem ?? 'invalid'}`);
}

export function readSealPredicate(doc: SignedDocument): SealPredicate {
  const decoded = decodeSeal(doc);
  if (!decoded.ok) throw new EvidenceError('EVIDENCE_INVALID', `seal.json is not an Exhibit seal (${decoded.problem}); restore it from a copy.`);
  return decoded.statement.predicate;
}

export function readAnalysisPredicate(doc: SignedDocument): AnalysisPredicate {
  const decoded = decodeAnalysis(doc);
  if (!decoded.ok) throw new EvidenceError('EVIDENCE_INVALID', `attestation.json is not an Exhibit attestation (${decoded.problem}); restore it from a copy.`);
  return decoded.statement.predicate;
}
