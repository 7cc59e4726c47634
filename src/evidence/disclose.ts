/**
 * `exhibit disclose`: from a results folder, the packet for chosen findings. Every leaf is
 * re-derived from records/*.jsonl and the folder's secret and must give the sealed roots
 * again before any proof is cut, so a packet can only be made from records that still are
 * what was sealed. Only the cited records, their files' leaves and the hashes of their
 * proofs leave the folder; a record's salt is revealed only with the record itself.
 */
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ArtifactRecord } from '../artifacts/types.js';
import type { Finding } from '../detection/finding.js';
import { RULES } from '../detection/rule-set.js';
import type { Rule } from '../detection/rule-types.js';
import { describeError } from '../errors.js';
import { toHex } from './bytes.js';
import { canonicalDigest } from './canonical.js';
import { appendCustody, readCustodyLog } from './custody-file.js';
import { EvidenceError } from './errors.js';
import {
  ATTESTATION_FILE,
  INDICATOR_ENTRIES_FILE,
  SEAL_FILE,
  SEAL_FILES_FILE,
  readAnalysisPredicate,
  readJsonFile,
  readSealPredicate,
  readSecret,
  readSignedDocument,
  verifyOwnSignatures,
} from './evidence-files.js';
import { TOOL } from './evidence-run.js';
import { fileLeaf, fileSalt, recordLeaf, recordSalt } from './leaves.js';
import { inclusionProof, merkleRoot, type LeafList } from './merkle.js';
import { sha256 } from './node-crypto.js';
import { PACKET_FORMAT, type DisclosedFile, type DisclosedRecord, type Packet } from './packet.js';
import { hmacSha256 } from './seal.js';
import { resolveSigner, type SigningOptions } from './signing.js';
import type { AttestedFinding, FileLeaf, IndicatorEntries, SignedDocument } from './statements.js';

export interface DiscloseOptions {
  resultsDir: string;
  /** Finding ids, or unique prefixes of at least 8 characters. */
  findings: readonly string[];
  output: string;
  signing: SigningOptions;
  /** Rules to take the disclosed rule text from; default the rule set of this version. */
  rules?: readonly Rule[];
  now?: () => Date;
}

export interface DiscloseResult {
  output: string;
  findings: string[];
  records: number;
  files: number;
}

/** Leaf hashes of one tree, held contiguously: 32 bytes each. */
class LeafBuffer implements LeafList {
  private bytes = new Uint8Array(32 * 64);
  size = 0;

  push(leaf: Uint8Array): void {
    if ((this.size + 1) * 32 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(leaf, this.size * 32);
    this.size += 1;
  }

  at(index: number): Uint8Array {
    return this.bytes.subarray(index * 32, index * 32 + 32);
  }
}

async function* jsonLines(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line);
    } catch (error) {
      throw new EvidenceError('EVIDENCE_INVALID', `${path} holds a line that is not JSON (${describeError(error)}); the results folder is damaged.`, error);
    }
  }
}

function resolveFindings(wanted: readonly string[], attested: readonly AttestedFinding[]): AttestedFinding[] {
  return wanted.map((id) => {
    const exact = attested.find((f) => f.id === id);
    if (exact !== undefined) return exact;
    const matches = id.length >= 8 ? attested.filter((f) => f.id.startsWith(id)) : [];
    if (matches.length === 1) return matches[0]!;
    throw new EvidenceError(
      'FINDING_NOT_FOUND',
      matches.length > 1
        ? `The finding id ${id} is ambiguous; give more of it (see findings.json).`
        : `No attested finding has the id ${id}; copy an id from findings.json.`,
    );
  });
}

async function discloseRecords(
  resultsDir: string,
  secret: Uint8Array,
  sealed: ReadonlyMap<string, { root: string; count: number }>,
  wanted: ReadonlyMap<string, ReadonlyMap<number, string>>,
): Promise<DisclosedRecord[]> {
  const out: DisclosedRecord[] = [];
  for (const [artifact, indices] of [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(resultsDir, 'records', `${artifact}.jsonl`);
    const seal = sealed.get(artifact);
    if (seal === undefined || !existsSync(path)) {
      throw new EvidenceError('EVIDENCE_MISSING', `The records of ${artifact} are not in the seal or not in ${resultsDir}/records; disclose from the results folder of the check that found them.`);
    }
    const leaves = new LeafBuffer();
    const kept = new Map<number, { record: ArtifactRecord; salt: Uint8Array }>();
    for await (const value of jsonLines(path)) {
      const record = value as ArtifactRecord;
      const index = leaves.size;
      const salt = recordSalt(hmacSha256, secret, artifact, index);
      leaves.push(recordLeaf(sha256, salt, record));
      if (indices.has(index)) kept.set(index, { record, salt });
    }
    if (leaves.size !== seal.count || toHex(merkleRoot(sha256, leaves)) !== seal.root) {
      throw new EvidenceError(
        'SEAL_MISMATCH',
        `records/${artifact}.jsonl no longer gives the sealed root: the records were changed after the seal, so no packet can be made from them.`,
      );
    }
    for (const [index, leaf] of [...indices.entries()].sort(([a], [b]) => a - b)) {
      const entry = kept.get(index);
      if (entry === undefined || toHex(leaves.at(index)) !== leaf) {
        throw new EvidenceError('EVIDENCE_INVALID', `The attestation cites record ${index} of ${artifact}, which the sealed records do not hold; the results folder is inconsistent.`);
      }
      out.push({ artifact, index, salt: toHex(entry.salt), record: entry.record, proof: inclusionProof(sha256, leaves, index).map(toHex) });
    }
  }
  return out;
}

async function discloseFiles(
  resultsDir: string,
  secret: Uint8Array,
  sealed: { root: string; count: number },
  /** A listing entry names its file by path only: its `stored` is the entry's own path. */
  origins: readonly { path: string; stored: string; listing: boolean }[],
): Promise<DisclosedFile[]> {
  const path = join(resultsDir, SEAL_FILES_FILE);
  if (!existsSync(path)) throw new EvidenceError('EVIDENCE_MISSING', `${resultsDir} has no ${SEAL_FILES_FILE}; disclose from the folder that was sealed.`);
  const leaves = new LeafBuffer();
  const kept: { index: number; salt: Uint8Array; file: FileLeaf }[] = [];
  for await (const value of jsonLines(path)) {
    const file = value as FileLeaf;
    const index = leaves.size;
    const salt = fileSalt(hmacSha256, secret, index);
    leaves.push(fileLeaf(sha256, salt, file));
    if (origins.some((o) => o.path === file.path && (o.listing || o.stored === file.stored))) kept.push({ index, salt, file });
  }
  if (leaves.size !== sealed.count || toHex(merkleRoot(sha256, leaves)) !== sealed.root) {
    throw new EvidenceError('SEAL_MISMATCH', `${SEAL_FILES_FILE} no longer gives the sealed root of the files; the results folder was changed after the seal.`);
  }
  return kept.map(({ index, salt, file }) => ({ index, salt: toHex(salt), file, proof: inclusionProof(sha256, leaves, index).map(toHex) }));
}

function disclosedRules(findings: readonly AttestedFinding[], attested: readonly { id: string; version: number; sha256: string }[], rules: readonly Rule[]): Rule[] {
  const ids = [...new Set(findings.map((f) => f.rule.id))].sort();
  return ids.map((id) => {
    const expected = attested.find((r) => r.id === id);
    const rule = rules.find((r) => r.id === id);
    if (expected === undefined || rule === undefined || canonicalDigest(sha256, rule) !== expected.sha256) {
      throw new EvidenceError(
        'EVIDENCE_INVALID',
        `The rule ${id} of this Exhibit version is not the one the check attested; disclose with the Exhibit version that ran the check (${TOOL.name} ${TOOL.version} is running).`,
      );
    }
    return rule;
  });
}

function disclosedIndicators(resultsDir: string, findings: readonly AttestedFinding[]): IndicatorEntries[] {
  const wanted = findings.flatMap((f) => (f.indicator === undefined ? [] : [f.indicator]));
  if (wanted.length === 0) return [];
  const doc = readJsonFile(join(resultsDir, INDICATOR_ENTRIES_FILE), 'The indicator entries file') as { bundles?: IndicatorEntries[] };
  const bundles = Array.isArray(doc.bundles) ? doc.bundles : [];
  const out: IndicatorEntries[] = [];
  for (const bundle of bundles) {
    const ids = new Set(wanted.filter((w) => w.bundle === bundle.sha256).map((w) => w.stixId));
    const entries = bundle.entries.filter((entry) => ids.has(entry.stixId));
    if (entries.length > 0) out.push({ file: bundle.file, sha256: bundle.sha256, entries });
  }
  for (const w of wanted) {
    const found = out.find((b) => b.sha256 === w.bundle)?.entries.find((e) => e.stixId === w.stixId);
    if (found === undefined || canonicalDigest(sha256, found.objects) !== w.entry) {
      throw new EvidenceError('EVIDENCE_INVALID', `${INDICATOR_ENTRIES_FILE} does not hold the attested entry of ${w.stixId}; the results folder was changed after the check.`);
    }
  }
  return out;
}

export async function disclose(options: DiscloseOptions): Promise<DiscloseResult> {
  const dir = options.resultsDir;
  if (options.findings.length === 0) throw new EvidenceError('INVALID_ARGUMENT', 'Name at least one finding with --finding ID (ids are in findings.json).');
  if (existsSync(options.output)) throw new EvidenceError('INVALID_ARGUMENT', `${options.output} already exists; choose a new file name for the packet.`);
  const seal: SignedDocument = readSignedDocument(join(dir, SEAL_FILE));
  const attestation: SignedDocument = readSignedDocument(join(dir, ATTESTATION_FILE));
  for (const [name, doc] of [['seal.json', seal], ['attestation.json', attestation]] as const) {
    const problems = await verifyOwnSignatures(doc);
    if (problems.length > 0) throw new EvidenceError('EVIDENCE_INVALID', `${name} in ${dir} does not verify (${problems.join('; ')}); restore it from a copy.`);
  }
  const sealPredicate = readSealPredicate(seal);
  const analysis = readAnalysisPredicate(attestation);
  const secret = readSecret(dir);
  const chosen = resolveFindings([...new Set(options.findings)], analysis.findings);

  const findingsDoc = readJsonFile(join(dir, 'findings.json'), 'findings.json') as { findings?: Finding[] };
  const findings = chosen.map((attested) => {
    const finding = (findingsDoc.findings ?? []).find((f) => f.id === attested.id);
    if (finding === undefined || canonicalDigest(sha256, finding) !== attested.sha256) {
      throw new EvidenceError('EVIDENCE_INVALID', `findings.json does not hold the attested finding ${attested.id}; the results folder was changed after the check.`);
    }
    return finding;
  });

  const wanted = new Map<string, Map<number, string>>();
  for (const finding of chosen) {
    for (const leaf of finding.leaves) {
      const map = wanted.get(leaf.artifact) ?? new Map<number, string>();
      map.set(leaf.index, leaf.leaf);
      wanted.set(leaf.artifact, map);
    }
  }
  const sealedRoots = new Map(sealPredicate.records.map((r) => [r.artifact, { root: r.root, count: r.count }]));
  const records = await discloseRecords(dir, secret, sealedRoots, wanted);
  const origins = records.map((r) => ({ path: r.record.origin.path, stored: r.record.origin.stored, listing: r.record.origin.locator.kind === 'listing' }));
  const files = await discloseFiles(dir, secret, sealPredicate.files, origins);
  const rules = disclosedRules(chosen, analysis.rules.list, options.rules ?? RULES);
  const indicators = disclosedIndicators(dir, chosen);

  const signing = resolveSigner(options.signing);
  appendCustody(
    dir,
    {
      at: (options.now?.() ?? new Date()).toISOString(),
      event: 'disclosed',
      operator: signing.operator,
      tool: TOOL,
      details: { findings: chosen.map((f) => f.id), records: records.length, files: files.length },
    },
    signing.signer,
  );
  const packet: Packet = {
    format: PACKET_FORMAT,
    tool: TOOL,
    seal,
    attestation,
    findings,
    records,
    files,
    indicators,
    rules,
    custody: readCustodyLog(dir),
  };
  try {
    writeFileSync(options.output, `${JSON.stringify(packet, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
  } catch (error) {
    throw new EvidenceError('INVALID_ARGUMENT', `The packet cannot be written to ${options.output} (${describeError(error)}); choose another file.`, error);
  }
  return { output: options.output, findings: chosen.map((f) => f.id), records: records.length, files: files.length };
}

