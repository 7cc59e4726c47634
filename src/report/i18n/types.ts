/**
 * The shapes every report language provides. English defines the message keys
 * (`MessageKey` in en.ts); French and Arabic are typed against them, so a missing or
 * misspelt key is a compile error, not a half-translated page.
 */
import type { AcquisitionKind, SourceProblem } from '../../acquisition/source.js';
import type { ArtifactIssue, CoverageStatus } from '../../artifacts/types.js';
import type { Confidence, Severity } from '../../detection/rule-types.js';
import type { BundleOrigin, IndicatorKind, MatchHow } from '../../indicators/types.js';

export const LANGUAGES = ['en', 'fr', 'ar'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Plural variants chosen with Intl.PluralRules; Arabic uses all six categories. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** Plain text with {placeholders}; never HTML (the page escapes every message). */
export type Message = string | PluralMessage;

/** A rule's words in one language; `explanation` keeps the rule's {placeholders}. */
export interface RuleText {
  title: string;
  explanation: string;
  /** Same count and order as the rule's English `harmless` list. */
  harmless: readonly string[];
}

export type RuleCatalogue = Readonly<Record<string, RuleText>>;

/** What each kind of acquisition cannot show, one plain sentence each. */
export type LimitsCatalogue = Readonly<Record<AcquisitionKind, readonly string[]>>;

export function isLang(value: string): value is Lang {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Words for the closed lists other modules define. Each is a Record over its union, so a
 * new acquisition kind, severity or match type is a compile error until every language
 * names it.
 */
export interface Vocabulary {
  kinds: Readonly<Record<AcquisitionKind, string>>;
  severity: Readonly<Record<Severity, string>>;
  confidence: Readonly<Record<Confidence, string>>;
  status: Readonly<Record<CoverageStatus, string>>;
  issue: Readonly<Record<ArtifactIssue['code'], string>>;
  how: Readonly<Record<MatchHow, string>>;
  indicatorKind: Readonly<Record<IndicatorKind, string>>;
  bundleOrigin: Readonly<Record<BundleOrigin, string>>;
  sourceProblem: Readonly<Record<SourceProblem['code'], string>>;
  ruleType: Readonly<Record<'indicator' | 'heuristic', string>>;
}

/**
 * Words the pipeline writes in English into records and coverage (artifact titles, what a
 * time means, a few field values, indicator cautions), keyed by the English text or id.
 * A missing entry falls back to the English, marked lang="en"; tests keep them complete.
 */
export interface Terms {
  /** Artifact title by extractor id. */
  artifacts: Readonly<Record<string, string>>;
  /** What a record's time means (`visited`, `first used`…), by the English meaning. */
  meanings: Readonly<Record<string, string>>;
  /** Values of enumerated record fields shown inside sentences, by field then value. */
  fieldValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Indicator cautions appended to explanations, by the English sentence. */
  cautions: Readonly<Record<string, string>>;
}
