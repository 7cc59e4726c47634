/**
 * Step: each RFC 3161 token time-stamps the SHA-256 of the signature it names, and its
 * authority's signature holds (timestamp.ts says what is and is not established).
 */
import { fromBase64 } from '../bytes.js';
import { checkTimestampToken } from '../timestamp.js';
import { notChecked, Problems } from './outcome.js';
import type { Step, TimestampVerdict } from './types.js';

export const timestampsStep: Step = {
  id: 'timestamps',
  title: 'Time-stamps (RFC 3161)',
  async run(input, options) {
    const problems = new Problems();
    const verdicts: TimestampVerdict[] = [];
    const notes: string[] = [];
    for (const [document, doc] of [['seal', input.packet.seal], ['attestation', input.packet.attestation]] as const) {
      for (const entry of doc.timestamps) {
        const signature = doc.envelope.signatures.find((s) => s.keyid === entry.keyid);
        const sig = signature === undefined ? null : fromBase64(signature.sig);
        const token = typeof entry.token === 'string' ? fromBase64(entry.token) : null;
        if (sig === null || token === null) {
          problems.add('TIMESTAMP_INVALID', `A time-stamp of the ${document} names no signature of it, or is not base64.`);
          verdicts.push({ document, authority: String(entry.authority), time: null, signer: null, certificateSha256: null, valid: false });
          continue;
        }
        const check = await checkTimestampToken(options.crypto, token, options.crypto.sha256(sig));
        const facts = check.facts;
        verdicts.push({
          document,
          authority: String(entry.authority),
          time: facts?.genTime ?? null,
          signer: facts?.signer?.subject ?? null,
          certificateSha256: facts?.signer?.certificateSha256 ?? null,
          valid: check.ok,
        });
        if (!check.ok) problems.add('TIMESTAMP_INVALID', `The time-stamp of the ${document} from ${entry.authority} does not hold: ${check.message}.`);
        else {
          notes.push(
            `The ${document}'s signature existed at ${check.facts.genTime}, according to "${check.facts.signer?.subject ?? '?'}" (certificate SHA-256 ${check.facts.signer?.certificateSha256 ?? '?'}); whether that certificate belongs to an authority you trust is for you to check.`,
          );
        }
      }
    }
    if (verdicts.length === 0) return { ...notChecked('The packet holds no time-stamp.'), timestamps: verdicts };
    return { ...problems.outcome(notes), timestamps: verdicts };
  },
};
