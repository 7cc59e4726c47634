/**
 * Step: the custody log is intact (every entry hashes to itself, follows the one before and
 * is signed), it records this seal and this attestation, the attestation's view of the log
 * is part of it, and it ends with the disclosure of exactly these findings.
 */
import { checkCustodyLog, type CustodyLine } from '../custody-log.js';
import { Problems } from './outcome.js';
import type { Step } from './types.js';

function asLine(value: unknown): Partial<CustodyLine> {
  return typeof value === 'object' && value !== null ? (value as Partial<CustodyLine>) : {};
}

export const custodyStep: Step = {
  id: 'custody-log',
  title: 'Custody log',
  async run(input, options) {
    const problems = new Problems();
    const log = input.packet.custody;
    for (const problem of await checkCustodyLog(options.crypto, log)) problems.add(problem.code, `Custody log: ${problem.message}.`);
    const lines = log.map(asLine);
    const sealEvent = lines.find((l) => (l.event === 'sealed' || l.event === 'resealed') && l.details?.['seal'] === input.sealDigest);
    if (sealEvent === undefined) problems.add('CUSTODY_INCOMPLETE', 'The custody log does not record the sealing of this seal.');
    const checked = lines.find((l) => l.event === 'checked' && l.details?.['attestation'] === input.attestationDigest);
    if (checked === undefined) problems.add('CUSTODY_INCOMPLETE', 'The custody log does not record the analysis this attestation describes.');
    const head = input.analysis?.custody;
    if (head !== undefined && head !== null && lines[head.seq]?.hash !== head.hash) {
      problems.add('CUSTODY_INCOMPLETE', `The log the attestation saw (entry ${head.seq}) is not the start of this custody log.`);
    }
    const last = lines.at(-1);
    const disclosed = Array.isArray(last?.details?.['findings']) ? [...(last.details['findings'] as string[])].sort() : null;
    const ours = input.packet.findings.map((f) => f.id).sort();
    if (last?.event !== 'disclosed' || disclosed === null || disclosed.join(',') !== ours.join(',')) {
      problems.add('CUSTODY_INCOMPLETE', 'The custody log does not end with the disclosure of exactly these findings.');
    }
    const events = lines.map((l) => `${l.event ?? '?'} ${l.at ?? ''} by "${l.operator ?? '?'}"`);
    return problems.outcome([`The custody log is intact: ${events.join('; ')}.`]);
  },
};
