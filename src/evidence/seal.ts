/**
 * The seal: a Merkle root over every file of the acquisition and, per artifact, one over
 * every extracted record, each leaf salted from the folder's secret (leaves.ts). Roots are
 * built as leaves stream past, in O(log n) memory, so sealing a large acquisition costs
 * one read of each file and nothing more. The statement names no person: model and OS in
 * clear, identifiers only as salted hashes.
 */
import { createHmac } from 'node:crypto';
import type { AcquisitionInfo, DeviceInfo } from '../acquisition/acquisition.js';
import type { FileDigest, Source, SourceEntry } from '../acquisition/source.js';
import type { ArtifactRecord } from '../artifacts/types.js';
import { describeError } from '../errors.js';
import { fromBase64, toBase64, toHex } from './bytes.js';
import { EvidenceError } from './errors.js';
import { canonicalBytes } from './canonical.js';
import { signEnvelope } from './dsse.js';
import { INTOTO_PAYLOAD_TYPE, SEAL_PREDICATE_TYPE, statement, type Statement } from './intoto.js';
import type { LoadedSigner } from './keys.js';
import { identifierCommitment, identifierSalt, secretCommitment, type Hmac } from './leaves.js';
import { LeafHasher } from './leaf-hasher.js';
import { MerkleRootBuilder } from './merkle.js';
import { sha256 } from './node-crypto.js';
import type { FileLeaf, LeafRef, RecordRoot, SealPredicate, SignedDocument, ToolRef } from './statements.js';

export const hmacSha256: Hmac = (key, data) => new Uint8Array(createHmac('sha256', key).update(data).digest());

/** Identifying device values: committed, never written in clear. */
const IDENTIFYING: readonly (keyof DeviceInfo)[] = ['udid', 'serialNumber', 'imei', 'phoneNumber', 'deviceName'];

export class SealBuilder {
  private readonly files = new MerkleRootBuilder(sha256);
  private readonly records = new Map<string, MerkleRootBuilder>();
  private readonly leaves: LeafHasher;
  private fileBytes = 0;
  private unreadable = 0;

  constructor(readonly secret: Uint8Array) {
    this.leaves = new LeafHasher(secret);
  }

  addFile(file: FileLeaf): void {
    this.files.add(this.leaves.fileLeaf(file, this.files.size));
    this.fileBytes += file.size;
    if (file.sha256 === null) this.unreadable += 1;
  }

  addRecord(record: ArtifactRecord): LeafRef {
    let tree = this.records.get(record.artifact);
    if (tree === undefined) {
      tree = new MerkleRootBuilder(sha256);
      this.records.set(record.artifact, tree);
    }
    const index = tree.size;
    const leaf = this.leaves.recordLeaf(record, index);
    tree.add(leaf);
    return { artifact: record.artifact, index, leaf: leaf.toString('hex') };
  }

  fileSummary(): SealPredicate['files'] {
    return { root: toHex(this.files.root()), count: this.files.size, bytes: this.fileBytes, unreadable: this.unreadable };
  }

  recordRoots(): RecordRoot[] {
    return [...this.records.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([artifact, tree]) => ({ artifact, root: toHex(tree.root()), count: tree.size }));
  }
}

/** Files hashed at once: enough to keep every hashing worker busy, few enough to hold only their paths. */
const FILES_IN_FLIGHT = 256;

/**
 * Hashes every file the acquisition holds, in the Source's stable entry order, handing
 * each leaf on in that order; up to FILES_IN_FLIGHT files are hashed at the same time (on
 * worker threads where the Source hashes files by path). A file that cannot be read is
 * sealed as listed with no hash, and counted. A file listed without content (a backup row
 * without its blob) is sealed only if the Source still knows its hash (a tar member the
 * index pass hashed but did not keep).
 */
export async function hashAcquisitionFiles(
  source: Source,
  onFile: (file: FileLeaf) => void,
  warn: (message: string) => void,
): Promise<void> {
  const hashFile = source.hashFile?.bind(source);
  // hasContent is asked only when a hash fails: in a backup it is a Manifest.db lookup per file.
  const leafOf = async (hash: (path: string) => Promise<FileDigest>, entry: SourceEntry): Promise<FileLeaf | null> => {
    try {
      const digest = await hash(entry.path);
      return { path: digest.path, stored: digest.stored, size: digest.size, sha256: digest.sha256 };
    } catch (error) {
      if (!source.hasContent(entry.path)) return null;
      warn(`seal: ${entry.path} could not be read and is sealed without a hash (${describeError(error)})`);
      return { path: entry.path, stored: entry.path, size: entry.size, sha256: null };
    }
  };
  const inFlight: Promise<FileLeaf | null>[] = [];
  const handOn = async (): Promise<void> => {
    const leaf = await inFlight.shift();
    if (leaf) onFile(leaf);
  };
  for (const entry of source.entries()) {
    if (entry.type !== 'file') continue;
    if (hashFile === undefined) {
      if (source.hasContent(entry.path)) onFile({ path: entry.path, stored: entry.path, size: entry.size, sha256: null });
      continue;
    }
    inFlight.push(leafOf(hashFile, entry));
    if (inFlight.length >= FILES_IN_FLIGHT) await handOn();
  }
  while (inFlight.length > 0) await handOn();
  if (hashFile === undefined) warn(`seal: this kind of acquisition (${source.kind}) cannot hash its files yet; they are sealed by name and size only`);
}

export interface SealContext {
  builder: SealBuilder;
  info: AcquisitionInfo;
  tool: ToolRef;
  operator: string;
  sealedAt: string;
  previous?: string;
}

export function sealPredicate(context: SealContext): SealPredicate {
  const { builder, info } = context;
  const identifiers: Record<string, string> = {};
  for (const field of IDENTIFYING) {
    const value = info.device[field];
    if (typeof value !== 'string' || value === '') continue;
    identifiers[field] = toHex(identifierCommitment(sha256, identifierSalt(hmacSha256, builder.secret, field), value));
  }
  const model: SealPredicate['acquisition']['model'] = {};
  if (info.device.productType) model.productType = info.device.productType;
  if (info.device.productVersion) model.productVersion = info.device.productVersion;
  if (info.device.buildVersion) model.buildVersion = info.device.buildVersion;
  const predicate: SealPredicate = {
    format: 'exhibit-seal/1',
    tool: context.tool,
    sealedAt: context.sealedAt,
    operator: context.operator,
    acquisition: { kind: info.kind, encrypted: info.backup?.encrypted ?? null, model, identifiers },
    files: builder.fileSummary(),
    records: builder.recordRoots(),
    secretCommitment: toHex(secretCommitment(sha256, builder.secret)),
  };
  if (context.previous !== undefined) predicate.previous = context.previous;
  return predicate;
}

export function sealStatement(predicate: SealPredicate): Statement<SealPredicate> {
  return statement([{ name: 'acquisition-files', digest: { sha256: predicate.files.root } }], SEAL_PREDICATE_TYPE, predicate);
}

/** Signs a statement into the seal.json / attestation.json shape. */
export function signStatement(value: Statement<unknown>, signer: LoadedSigner, role: 'analyst' | 'witness'): SignedDocument {
  return {
    format: 'exhibit-signed/1',
    envelope: signEnvelope(INTOTO_PAYLOAD_TYPE, canonicalBytes(value), [signer]),
    keys: [{ keyid: signer.keyid, publicKey: toBase64(signer.publicKey), role, name: signer.name }],
    timestamps: [],
  };
}

/** SHA-256 of a signed document's payload: how statements and the custody log name it. */
export function payloadDigest(doc: SignedDocument): string {
  const bytes = fromBase64(doc.envelope.payload);
  if (bytes === null) throw new EvidenceError('EVIDENCE_INVALID', 'A signed document holds a payload that is not base64; restore it from a copy.');
  return toHex(sha256(bytes));
}

