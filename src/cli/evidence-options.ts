/** The signing options every evidence-writing command shares, and the summary lines of a seal. */
import type { EvidenceOptions, EvidenceSummary } from '../evidence/evidence-run.js';
import type { SigningOptions } from '../evidence/signing.js';

export interface EvidenceFlags {
  signingKey?: string;
  signingPassphraseFile?: string;
  operator?: string;
  tsa?: string;
}

export const EVIDENCE_OPTIONS = {
  signingKey: ['--signing-key <name>', 'the key that signs the seal, attestation and custody log (default: "default", created on first use)'],
  signingPassphraseFile: ['--signing-passphrase-file <file>', "file whose first line is the signing key's passphrase"],
  operator: ['--operator <name>', 'who operates, as written in the signed statements (default: the key name)'],
  tsa: ['--tsa <url>', 'an RFC 3161 time-stamp authority to time-stamp the seal (only a digest is sent)'],
} as const satisfies Record<string, readonly [string, string]>;

export function signingOptionsFrom(flags: EvidenceFlags): SigningOptions {
  const options: SigningOptions = {};
  if (flags.signingKey !== undefined) options.key = flags.signingKey;
  if (flags.signingPassphraseFile !== undefined) options.passphraseFile = flags.signingPassphraseFile;
  if (flags.operator !== undefined) options.operator = flags.operator;
  return options;
}

export function evidenceOptionsFrom(flags: EvidenceFlags): EvidenceOptions {
  return { ...signingOptionsFrom(flags), ...(flags.tsa === undefined ? {} : { tsa: flags.tsa }) };
}

export function formatEvidenceSummary(summary: EvidenceSummary | undefined): string {
  if (summary === undefined) return '';
  const lines: string[] = [''];
  const { seal, signer } = summary;
  const files = seal.files.toLocaleString('en');
  const records = seal.records.toLocaleString('en');
  const what = seal.reused
    ? `${files} files and ${records} records, the same as the earlier seal`
    : seal.resealed
      ? `${files} files, the same as the earlier seal; ${records} records sealed again`
      : `${files} files and ${records} records sealed`;
  lines.push(`Seal: ${what} (seal.json), signed by key "${signer.name}" ${signer.fingerprint}`);
  if (signer.created) {
    lines.push(`  The key "${signer.name}" was created now in ${signer.keyDir} (no passphrase). Give verifiers its fingerprint or exhibit keys export-public.`);
  }
  if (summary.attestation !== null) lines.push(`Attestation: ${summary.attestation.findings} findings attested (attestation.json); custody log: custody.log`);
  if (summary.timestamp !== null) lines.push(`Time-stamp: ${summary.timestamp.time} from ${summary.timestamp.authority}`);
  if (summary.timestampProblem !== null) lines.push(`Time-stamp: not added — ${summary.timestampProblem}`);
  return lines.join('\n');
}
