/**
 * The custody log: what happened to an acquisition (sealed, decrypted, checked, co-signed,
 * timestamped, disclosed, exported), by whom, when and with which tool version. One JSON
 * object a line; each entry holds the hash of the one before (so an edited or removed entry
 * breaks the chain), its own hash, and an Ed25519 signature over PAE(type, canonical entry).
 * This file has no node: imports: the verifier page checks logs with the same code.
 */
import { fromBase64, fromHex, toBase64, toHex } from './bytes.js';
import { canonicalBytes } from './canonical.js';
import type { VerifyCrypto } from './crypto-port.js';
import { pae, type Signer } from './dsse.js';
import { keyIdOf } from './fingerprint.js';
import type { HashFunction } from './merkle.js';
import type { ToolRef } from './statements.js';

export const CUSTODY_PAYLOAD_TYPE = 'application/vnd.exhibit.custody+json';
export const GENESIS = '0'.repeat(64);

export type CustodyEvent =
  | 'sealed'
  | 'resealed'
  | 'decrypted'
  | 'checked'
  | 'cosigned'
  | 'timestamped'
  | 'disclosed'
  | 'exported';

export type DetailValue = string | number | boolean | readonly string[];

export interface CustodyEntry {
  seq: number;
  /** Hash of the previous entry, or 64 zeros for the first. */
  prev: string;
  at: string;
  event: CustodyEvent;
  operator: string;
  tool: ToolRef;
  keyid: string;
  /** Base64 raw Ed25519 public key of the signer. */
  publicKey: string;
  details: Record<string, DetailValue>;
}

export interface CustodyLine extends CustodyEntry {
  /** Hex SHA-256 of the canonical JSON of the entry (all fields above). */
  hash: string;
  /** Base64 Ed25519 signature over PAE(CUSTODY_PAYLOAD_TYPE, canonical entry). */
  sig: string;
}

export interface NewCustodyEvent {
  at: string;
  event: CustodyEvent;
  operator: string;
  tool: ToolRef;
  details: Record<string, DetailValue>;
}

function entryOf(line: CustodyLine): CustodyEntry {
  const { hash: _hash, sig: _sig, ...entry } = line;
  return entry;
}

export function makeCustodyLine(hash: HashFunction, previous: CustodyLine | null, event: NewCustodyEvent, signer: Signer): CustodyLine {
  const entry: CustodyEntry = {
    seq: previous === null ? 0 : previous.seq + 1,
    prev: previous === null ? GENESIS : previous.hash,
    at: event.at,
    event: event.event,
    operator: event.operator,
    tool: event.tool,
    keyid: signer.keyid,
    publicKey: toBase64(signer.publicKey),
    details: event.details,
  };
  const bytes = canonicalBytes(entry);
  return { ...entry, hash: toHex(hash(bytes)), sig: toBase64(signer.sign(pae(CUSTODY_PAYLOAD_TYPE, bytes))) };
}

export type CustodyProblemCode =
  | 'CUSTODY_ENTRY_MALFORMED'
  | 'CUSTODY_ENTRY_ALTERED'
  | 'CUSTODY_CHAIN_BROKEN'
  | 'CUSTODY_SIGNATURE_INVALID';

export interface CustodyProblem {
  code: CustodyProblemCode;
  /** Position in the log, from 0. */
  line: number;
  message: string;
}

function isLine(value: unknown): value is CustodyLine {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(v['seq']) &&
    typeof v['prev'] === 'string' &&
    typeof v['at'] === 'string' &&
    typeof v['event'] === 'string' &&
    typeof v['operator'] === 'string' &&
    typeof v['tool'] === 'object' &&
    v['tool'] !== null &&
    typeof v['keyid'] === 'string' &&
    typeof v['publicKey'] === 'string' &&
    typeof v['details'] === 'object' &&
    v['details'] !== null &&
    typeof v['hash'] === 'string' &&
    typeof v['sig'] === 'string'
  );
}

/**
 * Every problem of a log: entries that are not entries, entries whose content no longer
 * hashes to their stated hash, a chain that skips or reorders, signatures that fail.
 */
export async function checkCustodyLog(crypto: VerifyCrypto, lines: readonly unknown[]): Promise<CustodyProblem[]> {
  const problems: CustodyProblem[] = [];
  let previousHash = GENESIS;
  for (const [position, value] of lines.entries()) {
    if (!isLine(value)) {
      problems.push({ code: 'CUSTODY_ENTRY_MALFORMED', line: position, message: `entry ${position} is not a custody entry` });
      previousHash = '';
      continue;
    }
    const bytes = canonicalBytes(entryOf(value));
    const hash = toHex(crypto.sha256(bytes));
    if (hash !== value.hash) {
      problems.push({ code: 'CUSTODY_ENTRY_ALTERED', line: position, message: `entry ${position} (${value.event}) was changed after it was written` });
    }
    if (value.seq !== position || value.prev !== previousHash) {
      problems.push({
        code: 'CUSTODY_CHAIN_BROKEN',
        line: position,
        message: `entry ${position} (${value.event}) does not follow the entry before it: an entry was removed, inserted or reordered`,
      });
    }
    const publicKey = fromBase64(value.publicKey);
    const sig = fromBase64(value.sig);
    const keyMatches = publicKey !== null && fromHex(value.keyid) !== null && keyIdOf(crypto.sha256, publicKey) === value.keyid;
    const valid =
      keyMatches && sig !== null && publicKey !== null && (await crypto.verifyEd25519(publicKey, sig, pae(CUSTODY_PAYLOAD_TYPE, bytes)));
    if (!valid) {
      problems.push({ code: 'CUSTODY_SIGNATURE_INVALID', line: position, message: `the signature of entry ${position} (${value.event}) does not verify` });
    }
    previousHash = value.hash;
  }
  return problems;
}
