/**
 * The analysis attestation: a signed statement whose subject is the seal (by the digest of
 * its statement), naming the exact indicator bundles, every rule by id, version and digest,
 * and each finding with its content digest, the record leaves it rests on and the digest of
 * the indicator entry it matched.
 */
import type { Finding } from '../detection/finding.js';
import type { Rule } from '../detection/rule-types.js';
import { canonicalDigest } from './canonical.js';
import { ANALYSIS_PREDICATE_TYPE, statement, type Statement } from './intoto.js';
import { sha256 } from './node-crypto.js';
import type { AnalysisPredicate, AttestedFinding, AttestedRule, IndicatorEntries, LeafRef, ToolRef } from './statements.js';

export interface AnalysisContext {
  tool: ToolRef;
  operator: string;
  analysedAt: string;
  sealDigest: string;
  custody: { seq: number; hash: string } | null;
  bundles: readonly { file: string; sha256: string; total: number }[];
  rules: readonly Rule[];
  ruleSetVersion: string;
  findingsJsonSha256: string;
  findings: readonly Finding[];
  /** The leaves each finding rests on, by finding id. */
  leaves: ReadonlyMap<string, readonly LeafRef[]>;
  entries: readonly IndicatorEntries[];
}

export function attestedRules(rules: readonly Rule[]): AnalysisPredicate['rules']['list'] {
  return rules.map((rule): AttestedRule => ({ id: rule.id, version: rule.version, sha256: canonicalDigest(sha256, rule) }));
}

export function analysisPredicate(context: AnalysisContext): AnalysisPredicate {
  const entryDigest = new Map<string, string>();
  for (const bundle of context.entries) {
    for (const entry of bundle.entries) entryDigest.set(`${bundle.sha256}\u0000${entry.stixId}`, canonicalDigest(sha256, entry.objects));
  }
  const findings = context.findings.map((finding): AttestedFinding => {
    const attested: AttestedFinding = {
      id: finding.id,
      sha256: canonicalDigest(sha256, finding),
      rule: { id: finding.rule.id, version: finding.rule.version },
      leaves: [...(context.leaves.get(finding.id) ?? [])],
    };
    if (finding.indicator !== undefined) {
      const { bundle, stixId } = finding.indicator;
      attested.indicator = { bundle: bundle.sha256, stixId, entry: entryDigest.get(`${bundle.sha256}\u0000${stixId}`) ?? '' };
    }
    return attested;
  });
  return {
    format: 'exhibit-analysis/1',
    tool: context.tool,
    analysedAt: context.analysedAt,
    operator: context.operator,
    seal: context.sealDigest,
    custody: context.custody,
    indicators: [...context.bundles]
      .map((bundle) => ({ file: bundle.file, sha256: bundle.sha256, indicators: bundle.total }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.sha256 < b.sha256 ? -1 : 1)),
    rules: { version: context.ruleSetVersion, sha256: canonicalDigest(sha256, context.rules), list: attestedRules(context.rules) },
    findingsJson: context.findingsJsonSha256,
    findings,
  };
}

export function analysisStatement(predicate: AnalysisPredicate): Statement<AnalysisPredicate> {
  return statement([{ name: 'seal', digest: { sha256: predicate.seal } }], ANALYSIS_PREDICATE_TYPE, predicate);
}
