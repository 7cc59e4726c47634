/**
 * Verification as a fixed list of small named steps (style.md 12), run in this order over
 * the Verifiable the adapter makes. It needs no network and no file: the command and the
 * verifier page run this same function with their own VerifyCrypto and public bundles.
 */
import { PacketShapeError } from '../packet.js';
import { toVerifiable } from './context.js';
import { custodyStep } from './custody.js';
import { fileProofsStep } from './file-proofs.js';
import { findingsAttestedStep } from './findings-attested.js';
import { indicatorEntriesStep } from './indicator-entries.js';
import { publicBundlesStep } from './public-bundles.js';
import { recordProofsStep } from './record-proofs.js';
import { ruleRerunStep } from './rule-rerun.js';
import { rulesStep } from './rules.js';
import { signaturesStep } from './signatures.js';
import { statementsStep } from './statements-step.js';
import { subjectStep } from './subject.js';
import { timestampsStep } from './timestamps.js';
import type { FindingVerdict, SignerVerdict, Step, StepResult, TimestampVerdict, Verdict, Verifiable, VerifyOptions } from './types.js';

export const STEPS: readonly Step[] = [
  statementsStep,
  signaturesStep,
  subjectStep,
  timestampsStep,
  recordProofsStep,
  fileProofsStep,
  findingsAttestedStep,
  rulesStep,
  indicatorEntriesStep,
  publicBundlesStep,
  ruleRerunStep,
  custodyStep,
];

/** Steps whose failure undermines every finding, not only those they name. */
const GLOBAL_STEPS = new Set(['statements', 'signatures', 'attestation-subject', 'timestamps', 'custody-log']);

export async function verifyPacket(value: unknown, options: VerifyOptions): Promise<Verdict> {
  let input: Verifiable;
  try {
    input = toVerifiable(value, options.crypto);
  } catch (error) {
    const messages = error instanceof PacketShapeError ? error.problems : [error instanceof Error ? error.message : String(error)];
    return {
      ok: false,
      steps: [{ id: 'packet', title: 'Packet', status: 'fail', code: 'PACKET_MALFORMED', messages }],
      signers: [],
      timestamps: [],
      findings: [],
    };
  }
  const steps: StepResult[] = [{ id: 'packet', title: 'Packet', status: 'pass', messages: ['The packet has the expected shape.'] }];
  let signers: SignerVerdict[] = [];
  let timestamps: TimestampVerdict[] = [];
  const findingProblems = new Map<string, string[]>();
  const globalFailures: string[] = [];
  for (const step of STEPS) {
    const outcome = await step.run(input, options);
    const result: StepResult = { id: step.id, title: step.title, status: outcome.status, messages: outcome.messages };
    if (outcome.code !== undefined) result.code = outcome.code;
    steps.push(result);
    if (outcome.signers) signers = outcome.signers;
    if (outcome.timestamps) timestamps = outcome.timestamps;
    for (const [id, problems] of outcome.findingProblems ?? []) findingProblems.set(id, [...(findingProblems.get(id) ?? []), ...problems]);
    if (outcome.status === 'fail' && GLOBAL_STEPS.has(step.id)) globalFailures.push(`${step.title}: ${outcome.code ?? 'failed'}`);
  }
  const findings: FindingVerdict[] = input.packet.findings.map((finding) => {
    const problems = [...(findingProblems.get(finding.id) ?? []), ...globalFailures];
    return {
      id: finding.id,
      rule: finding.rule?.id ?? '?',
      artifact: finding.artifact,
      matched: finding.matched,
      status: problems.length === 0 ? 'verified' : 'not-verified',
      problems,
    };
  });
  const ok = steps.every((s) => s.status !== 'fail') && findings.length > 0 && findings.every((f) => f.status === 'verified');
  return { ok, steps, signers, timestamps, findings };
}
