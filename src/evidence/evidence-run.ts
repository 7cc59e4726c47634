/**
 * The evidence side of one run of `check` or `seal`: hash every file into the seal beside
 * the extraction (on worker threads), take each record's leaf as it streams past, then sign the seal, time-stamp it
 * if asked, attest the analysis and extend the custody log. A folder sealed earlier by
 * `exhibit seal` is re-derived instead: its files must give the same root, or the run stops.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AcquisitionInfo } from '../acquisition/acquisition.js';
import type { Source } from '../acquisition/source.js';
import type { ArtifactRecord } from '../artifacts/types.js';
import type { Finding } from '../detection/finding.js';
import type { Rule } from '../detection/rule-types.js';
import { describeError } from '../errors.js';
import { BufferedFile } from '../report/buffered-file.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { analysisPredicate, analysisStatement } from './attest.js';
import { canonicalJson } from './canonical.js';
import { appendCustody, custodyHead } from './custody-file.js';
import { EvidenceError } from './errors.js';
import {
  ATTESTATION_FILE,
  INDICATOR_ENTRIES_FILE,
  SEAL_FILE,
  SEAL_FILES_FILE,
  readOrCreateSecret,
  readSealPredicate,
  readSignedDocument,
  verifyOwnSignatures,
  writeJsonFile,
  writeSignedDocument,
} from './evidence-files.js';
import { bundleObjects, indicatorEntries } from './indicator-entries.js';
import { payloadDigest, SealBuilder, hashAcquisitionFiles, sealPredicate, sealStatement, signStatement } from './seal.js';
import { resolveSigner, type ResolvedSigner, type SigningOptions } from './signing.js';
import type { FileLeaf, IndicatorEntries, LeafRef, SealPredicate, SignedDocument, ToolRef } from './statements.js';
import { timestampSeal } from './timestamp-seal.js';

export interface EvidenceOptions extends SigningOptions {
  /** RFC 3161 authority to time-stamp the seal. */
  tsa?: string;
  /** The clock, for tests; statements and the custody log carry wall-clock times. */
  now?: () => Date;
}

export interface EvidenceLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface EvidenceSummary {
  signer: { name: string; fingerprint: string; created: boolean; keyDir: string };
  seal: { digest: string; files: number; records: number; reused: boolean; resealed: boolean };
  attestation: { digest: string; findings: number } | null;
  timestamp: { authority: string; time: string } | null;
  /** Why the requested time-stamp is missing; the rest of the evidence was written. */
  timestampProblem: string | null;
}

/** Bundle as the check loaded it: where its bytes are, to take the entries of matched indicators. */
export interface UsedBundle {
  file: string;
  path: string;
  sha256: string;
  total: number;
}

export interface AnalysisInput {
  findings: readonly Finding[];
  bundles: readonly UsedBundle[];
  rules: readonly Rule[];
  ruleSetVersion: string;
  findingsJsonPath: string;
}

/** The seal's file hashing as it runs beside the extraction. */
interface FileHashing {
  done: Promise<void>;
  failure: unknown;
}

export const TOOL: ToolRef = { name: TOOL_NAME, version: TOOL_VERSION };

export class EvidenceRun {
  private readonly cited = new Map<string, LeafRef[]>();
  private timestampProblem: string | null = null;

  private constructor(
    private readonly dir: string,
    private readonly info: AcquisitionInfo,
    private readonly options: EvidenceOptions,
    private readonly signing: ResolvedSigner,
    private readonly builder: SealBuilder,
    private readonly existing: { doc: SignedDocument; predicate: SealPredicate } | null,
    private readonly log: EvidenceLog,
    private readonly hashing: FileHashing,
  ) {}

  /**
   * Loads the key (so a wrong passphrase fails before any long work) and starts sealing
   * every file; into a folder sealed earlier, waits for the files and compares them first.
   */
  static async start(
    source: Source,
    info: AcquisitionInfo,
    dir: string,
    options: EvidenceOptions,
    log: EvidenceLog,
  ): Promise<EvidenceRun> {
    const signing = resolveSigner(options);
    if (signing.created) log.info(`evidence: created the signing key "default" in ${signing.keyDir}`);
    let existing: { doc: SignedDocument; predicate: SealPredicate } | null = null;
    if (existsSync(join(dir, SEAL_FILE))) {
      const doc = readSignedDocument(join(dir, SEAL_FILE));
      const problems = await verifyOwnSignatures(doc);
      if (problems.length > 0) {
        throw new EvidenceError('EVIDENCE_INVALID', `The seal in ${dir} does not verify (${problems.join('; ')}); seal the acquisition again into a new folder.`);
      }
      existing = { doc, predicate: readSealPredicate(doc) };
    }
    const { secret } = readOrCreateSecret(dir);
    const builder = new SealBuilder(secret);
    const hashing = EvidenceRun.hashFiles(source, builder, existing === null ? new BufferedFile(join(dir, SEAL_FILES_FILE)) : null, log);
    if (existing !== null) {
      // A folder sealed before: its files must be the same ones before anything is written into it.
      await hashing.done;
      const files = builder.fileSummary();
      if (existing.predicate.files.root !== files.root) {
        throw new EvidenceError(
          'SEAL_MISMATCH',
          `The acquisition is not the one sealed in ${dir}: its files differ from the seal of ${existing.predicate.sealedAt}; check the right acquisition, or a new folder to start again.`,
        );
      }
    }
    return new EvidenceRun(dir, info, options, signing, builder, existing, log, hashing);
  }

  /**
   * Starts hashing every file into the seal and returns at once: the check extracts while
   * the files hash, and finishSeal waits for the end. A failure is kept for finishSeal to
   * throw rather than left as a rejection nobody awaits yet.
   */
  private static hashFiles(source: Source, builder: SealBuilder, list: BufferedFile | null, log: EvidenceLog): FileHashing {
    const hashing: FileHashing = { done: Promise.resolve(), failure: undefined };
    hashing.done = hashAcquisitionFiles(
      source,
      (file: FileLeaf) => {
        builder.addFile(file);
        list?.write(`${JSON.stringify(file)}\n`);
      },
      (message) => log.warn(message),
    ).then(
      () => {
        list?.close();
        const files = builder.fileSummary();
        log.info(`evidence: ${files.count} files hashed, root ${files.root}`);
      },
      (error: unknown) => {
        list?.close();
        hashing.failure = error;
      },
    );
    return hashing;
  }

  /** Waits for every file to be hashed into the seal. */
  private async filesHashed(): Promise<void> {
    await this.hashing.done;
    if (this.hashing.failure !== undefined) throw this.hashing.failure;
  }


  addRecord(record: ArtifactRecord): LeafRef {
    return this.builder.addRecord(record);
  }

  /** Notes that a finding rests on this record's leaf. */
  cite(finding: Finding, leaf: LeafRef): void {
    const list = this.cited.get(finding.id) ?? [];
    if (!list.some((ref) => ref.artifact === leaf.artifact && ref.index === leaf.index)) list.push(leaf);
    this.cited.set(finding.id, list);
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private custody(event: Parameters<typeof appendCustody>[1]['event'], details: Parameters<typeof appendCustody>[1]['details']): void {
    appendCustody(this.dir, { at: this.now(), event, operator: this.signing.operator, tool: TOOL, details }, this.signing.signer);
  }

  /** Writes (or keeps) the seal; returns its document. */
  async finishSeal(): Promise<{ doc: SignedDocument; reused: boolean; resealed: boolean; timestamp: EvidenceSummary['timestamp'] }> {
    await this.filesHashed();
    const records = this.builder.recordRoots();
    const existing = this.existing;
    if (existing !== null && canonicalJson(existing.predicate.records) === canonicalJson(records)) {
      return { doc: existing.doc, reused: true, resealed: false, timestamp: null };
    }
    const previous = existing === null ? undefined : payloadDigest(existing.doc);
    const predicate = sealPredicate({
      builder: this.builder,
      info: this.info,
      tool: TOOL,
      operator: this.signing.operator,
      sealedAt: this.now(),
      ...(previous === undefined ? {} : { previous }),
    });
    let doc = signStatement(sealStatement(predicate), this.signing.signer, 'analyst');
    writeSignedDocument(join(this.dir, SEAL_FILE), doc);
    const digest = payloadDigest(doc);
    const recordCount = records.reduce((sum, root) => sum + root.count, 0);
    this.custody(previous === undefined ? 'sealed' : 'resealed', {
      seal: digest,
      acquisition: this.info.kind,
      files: predicate.files.count,
      filesRoot: predicate.files.root,
      records: recordCount,
      ...(previous === undefined ? {} : { previous, reason: 'the records extracted now differ from the sealed ones; the files are unchanged' }),
      ...(this.signing.created ? { keyCreated: true } : {}),
    });
    if (previous !== undefined) this.log.warn(`evidence: records differ from the earlier seal ${previous}; the files are unchanged, so the records were sealed again`);
    let timestamp: EvidenceSummary['timestamp'] = null;
    if (this.options.tsa !== undefined) {
      // A time-stamp that fails is reported, never a reason to lose the run's results.
      try {
        const stamped = await timestampSeal(doc, this.signing.signer.keyid, this.options.tsa);
        doc = stamped.doc;
        writeSignedDocument(join(this.dir, SEAL_FILE), doc);
        timestamp = { authority: this.options.tsa, time: stamped.time };
        this.custody('timestamped', { seal: digest, authority: this.options.tsa, time: stamped.time });
      } catch (error) {
        if (!(error instanceof EvidenceError) || error.code !== 'TIMESTAMP_FAILED') throw error;
        this.timestampProblem = error.message;
        this.log.warn(`evidence: ${error.message}`);
      }
    }
    return { doc, reused: false, resealed: previous !== undefined, timestamp };
  }

  /** `exhibit seal`: the seal alone. */
  async finishSealOnly(): Promise<EvidenceSummary> {
    const sealed = await this.finishSeal();
    return this.summary(sealed, null);
  }

  /** `exhibit check`: the seal, the indicator entries used, the attestation, the custody entries. */
  async finishCheck(input: AnalysisInput): Promise<EvidenceSummary> {
    const sealed = await this.finishSeal();
    const sealDigest = payloadDigest(sealed.doc);
    const entries = readIndicatorEntries(input.findings, input.bundles);
    writeJsonFile(join(this.dir, INDICATOR_ENTRIES_FILE), { format: 'exhibit-indicator-entries/1', bundles: entries });
    if (this.info.backup?.encrypted === true) this.custody('decrypted', { acquisition: this.info.kind, how: 'decrypted while read, into the private working folder only' });
    const predicate = analysisPredicate({
      tool: TOOL,
      operator: this.signing.operator,
      analysedAt: this.now(),
      sealDigest,
      custody: custodyHead(this.dir),
      bundles: input.bundles,
      rules: input.rules,
      ruleSetVersion: input.ruleSetVersion,
      findingsJsonSha256: createHash('sha256').update(readFileSync(input.findingsJsonPath)).digest('hex'),
      findings: input.findings,
      leaves: this.cited,
      entries,
    });
    const doc = signStatement(analysisStatement(predicate), this.signing.signer, 'analyst');
    writeSignedDocument(join(this.dir, ATTESTATION_FILE), doc);
    const digest = payloadDigest(doc);
    this.custody('checked', {
      seal: sealDigest,
      attestation: digest,
      findings: input.findings.length,
      rules: input.ruleSetVersion,
      indicators: predicate.indicators.map((bundle) => bundle.sha256),
    });
    return this.summary(sealed, { digest, findings: input.findings.length });
  }

  private summary(
    sealed: { doc: SignedDocument; reused: boolean; resealed: boolean; timestamp: EvidenceSummary['timestamp'] },
    attestation: EvidenceSummary['attestation'],
  ): EvidenceSummary {
    const files = this.builder.fileSummary();
    return {
      signer: {
        name: this.signing.signer.name,
        fingerprint: this.signing.signer.fingerprint,
        created: this.signing.created,
        keyDir: this.signing.keyDir,
      },
      seal: {
        digest: payloadDigest(sealed.doc),
        files: files.count,
        records: this.builder.recordRoots().reduce((sum, root) => sum + root.count, 0),
        reused: sealed.reused,
        resealed: sealed.resealed,
      },
      attestation,
      timestamp: sealed.timestamp,
      timestampProblem: this.timestampProblem,
    };
  }
}

/** The STIX objects of every indicator a finding matched, read again from the bundles the check loaded. */
function readIndicatorEntries(findings: readonly Finding[], bundles: readonly UsedBundle[]): IndicatorEntries[] {
  const wanted = new Map<string, Set<string>>();
  for (const finding of findings) {
    if (finding.indicator === undefined) continue;
    const set = wanted.get(finding.indicator.bundle.sha256) ?? new Set<string>();
    set.add(finding.indicator.stixId);
    wanted.set(finding.indicator.bundle.sha256, set);
  }
  const out: IndicatorEntries[] = [];
  for (const bundle of bundles) {
    const ids = wanted.get(bundle.sha256);
    if (ids === undefined) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(bundle.path);
    } catch (error) {
      throw new EvidenceError('EVIDENCE_MISSING', `The indicator bundle ${bundle.path} cannot be read again to attest its entries (${describeError(error)}); run the check again.`, error);
    }
    if (createHash('sha256').update(bytes).digest('hex') !== bundle.sha256) {
      throw new EvidenceError('EVIDENCE_INVALID', `The indicator bundle ${bundle.path} changed during the check; run the check again.`);
    }
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    out.push({ file: bundle.file, sha256: bundle.sha256, entries: indicatorEntries(bundleObjects(JSON.parse(text)), ids) });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.sha256 < b.sha256 ? -1 : 1));
}
