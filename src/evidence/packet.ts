/**
 * The finding packet: one self-contained JSON file a sceptic receives. It holds the records
 * the chosen findings rest on (with their salts and inclusion proofs), the files those
 * records came from (as sealed leaves with proofs), the signed seal and attestation, the
 * indicator entries and rules used, and the custody log — nothing else of the acquisition.
 * `assertPacket` checks the untrusted shape and lists every bad field by its dotted path.
 */
import type { ArtifactRecord } from '../artifacts/types.js';
import type { Finding } from '../detection/finding.js';
import type { Rule } from '../detection/rule-types.js';
import type { FileLeaf, IndicatorEntries, SignedDocument, ToolRef } from './statements.js';

export const PACKET_FORMAT = 'exhibit-packet/1';

export interface DisclosedRecord {
  artifact: string;
  index: number;
  /** Hex salt of the leaf. */
  salt: string;
  record: ArtifactRecord;
  /** Hex sibling hashes, deepest first. */
  proof: string[];
}

export interface DisclosedFile {
  index: number;
  salt: string;
  file: FileLeaf;
  proof: string[];
}

export interface Packet {
  format: typeof PACKET_FORMAT;
  tool: ToolRef;
  seal: SignedDocument;
  attestation: SignedDocument;
  findings: Finding[];
  records: DisclosedRecord[];
  files: DisclosedFile[];
  indicators: IndicatorEntries[];
  rules: Rule[];
  /** Every entry of the custody log, the disclosure itself last. */
  custody: unknown[];
}

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isArray: Check = (v) => Array.isArray(v);
const isIndex: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isHex: Check = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

export class PacketShapeError extends Error {
  constructor(readonly problems: string[]) {
    super(`the packet is malformed: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}`);
  }
}

function field(problems: string[], object: unknown, path: string, key: string, check: Check, what: string): void {
  const value = isObject(object) ? (object as Record<string, unknown>)[key] : undefined;
  if (!check(value)) problems.push(`${path}${path ? '.' : ''}${key}: expected ${what}`);
}

function signedDocument(problems: string[], value: unknown, path: string): void {
  if (!isObject(value)) {
    problems.push(`${path}: expected a signed document`);
    return;
  }
  field(problems, value, path, 'envelope', isObject, 'a DSSE envelope');
  const envelope = (value as Record<string, unknown>)['envelope'];
  field(problems, envelope, `${path}.envelope`, 'payload', isString, 'base64 text');
  field(problems, envelope, `${path}.envelope`, 'payloadType', isString, 'text');
  field(problems, envelope, `${path}.envelope`, 'signatures', isArray, 'a list');
  field(problems, value, path, 'keys', isArray, 'a list');
  field(problems, value, path, 'timestamps', isArray, 'a list');
}

/** Throws PacketShapeError naming every field that is not what a packet holds. */
export function assertPacket(value: unknown): asserts value is Packet {
  const problems: string[] = [];
  if (!isObject(value)) throw new PacketShapeError(['(top level): expected a JSON object']);
  const v = value as Record<string, unknown>;
  if (v['format'] !== PACKET_FORMAT) problems.push(`format: expected '${PACKET_FORMAT}'`);
  signedDocument(problems, v['seal'], 'seal');
  signedDocument(problems, v['attestation'], 'attestation');
  for (const key of ['findings', 'records', 'files', 'indicators', 'rules', 'custody']) field(problems, v, '', key, isArray, 'a list');
  const list = (key: string): unknown[] => (Array.isArray(v[key]) ? (v[key] as unknown[]) : []);
  list('findings').forEach((f, i) => {
    field(problems, f, `findings[${i}]`, 'id', isString, 'text');
    field(problems, f, `findings[${i}]`, 'rule', isObject, 'an object');
  });
  list('records').forEach((r, i) => {
    const path = `records[${i}]`;
    field(problems, r, path, 'artifact', isString, 'text');
    field(problems, r, path, 'index', isIndex, 'a leaf index');
    field(problems, r, path, 'salt', isHex, '64 hex digits');
    field(problems, r, path, 'record', isObject, 'a record');
    field(problems, r, path, 'proof', (p) => Array.isArray(p) && p.every(isHex), 'a list of 64-hex-digit hashes');
  });
  list('files').forEach((r, i) => {
    const path = `files[${i}]`;
    field(problems, r, path, 'index', isIndex, 'a leaf index');
    field(problems, r, path, 'salt', isHex, '64 hex digits');
    field(problems, r, path, 'file', isObject, 'a file entry');
    field(problems, r, path, 'proof', (p) => Array.isArray(p) && p.every(isHex), 'a list of 64-hex-digit hashes');
  });
  list('indicators').forEach((b, i) => {
    field(problems, b, `indicators[${i}]`, 'file', isString, 'text');
    field(problems, b, `indicators[${i}]`, 'sha256', isHex, '64 hex digits');
    field(problems, b, `indicators[${i}]`, 'entries', isArray, 'a list');
  });
  list('rules').forEach((r, i) => {
    field(problems, r, `rules[${i}]`, 'id', isString, 'text');
    field(problems, r, `rules[${i}]`, 'type', (t) => t === 'indicator' || t === 'heuristic', "'indicator' or 'heuristic'");
    field(problems, r, `rules[${i}]`, 'artifacts', isArray, 'a list');
  });
  if (problems.length > 0) throw new PacketShapeError(problems);
}
