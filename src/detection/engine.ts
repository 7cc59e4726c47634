/**
 * The detection engine: one pass over records, applying every rule whose artifacts include
 * the record's. It sees records only — never files — so it runs the same on a fresh
 * extraction, on stored records (recheck) and on disclosed records (verify).
 */
import { posix } from 'node:path';
import type { ArtifactRecord, FieldValue } from '../artifacts/types.js';
import type { IndicatorIndex } from '../indicators/indicator-index.js';
import type { IndicatorMatch } from '../indicators/types.js';
import { evaluate } from './condition.js';
import { findingId, type Finding } from './finding.js';
import type { Confidence, HeuristicRule, IndicatorCheck, IndicatorRule, Rule, Severity } from './rule-types.js';

type Lookup = (index: IndicatorIndex, value: string) => IndicatorMatch[];

const LOOKUPS: Record<IndicatorCheck, Lookup> = {
  url: (index, value) => index.matchUrl(value),
  domain: (index, value) => index.matchUrl(value),
  ip: (index, value) => index.matchIp(value),
  process: (index, value) => index.matchProcess(value),
  'process-in-path': (index, value) => index.matchProcessInPath(value),
  'file-path': (index, value) => {
    const byPath = index.matchFilePath(value);
    const name = posix.basename(value);
    return name ? [...byPath, ...index.matchFileName(name)] : byPath;
  },
  'file-name': (index, value) => index.matchFileName(posix.basename(value)),
  email: (index, value) => index.matchEmail(value),
  'file-hash': (index, value) => index.matchFileHash(value),
  'app-id': (index, value) => index.matchAppId(value),
  'cert-hash': (index, value) => index.matchCertHash(value),
  'profile-id': (index, value) => index.matchProfileId(value),
  'android-property': (index, value) => index.matchAndroidProperty(value),
};

/** Shared by every record that raises nothing; callers only read it. */
const NO_FINDINGS: Finding[] = [];

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

function lowest(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] ? a : b;
}

/** Whether an indicator's known collision applies to this match. */
function cautionApplies(rule: IndicatorRule, match: IndicatorMatch): boolean {
  const caution = match.indicator.caution;
  if (!caution) return false;
  switch (caution.scope) {
    case 'any':
      return true;
    case 'path-component':
      return match.how === 'path-component';
    case 'android':
      return rule.id.startsWith('android.');
    default: {
      const exhaustive: never = caution.scope;
      return exhaustive;
    }
  }
}

/**
 * A value that is the name of a legitimate system component on this platform (Pegasus's
 * `gatekeeperd` is an Android daemon every phone runs) proves nothing alone: the match is
 * kept for the record, as informational, so it does not turn every phone "infected".
 */
function matchSeverity(rule: IndicatorRule, match: IndicatorMatch): Severity {
  return match.indicator.caution?.scope === 'android' && cautionApplies(rule, match) ? 'informational' : rule.severity;
}

/** How sure a match is: looser matching or a value known to collide lowers it. */
function matchConfidence(rule: IndicatorRule, match: IndicatorMatch): Confidence {
  let confidence = rule.confidence;
  if (match.how === 'truncated-process' || match.how === 'path-component' || match.how === 'relative-path') {
    confidence = lowest(confidence, 'medium');
  }
  if (cautionApplies(rule, match)) confidence = 'low';
  return confidence;
}

function stringsOf(value: FieldValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}

function displayValue(value: FieldValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Fills {placeholders} of a rule's explanation. Unknown placeholders stay visible. */
export function renderExplanation(template: string, values: Record<string, string>, record: ArtifactRecord): string {
  return template.replace(/\{([a-z_.]+)\}/gi, (whole, key: string) => {
    if (key.startsWith('record.')) {
      const field = record.fields[key.slice('record.'.length)];
      return field === undefined ? whole : displayValue(field);
    }
    return values[key] ?? whole;
  });
}

function recordRef(record: ArtifactRecord): Finding['records'][number] {
  return { artifact: record.artifact, origin: record.origin, time: record.times[0]?.at ?? null };
}

export class Detector {
  private readonly byArtifact = new Map<string, Rule[]>();

  constructor(
    readonly rules: readonly Rule[],
    private readonly index: IndicatorIndex,
  ) {
    for (const rule of rules) {
      for (const artifact of rule.artifacts) {
        const list = this.byArtifact.get(artifact) ?? [];
        list.push(rule);
        this.byArtifact.set(artifact, list);
      }
    }
  }

  /** Every finding one record raises, without duplicates. */
  inspect(record: ArtifactRecord): Finding[] {
    const rules = this.byArtifact.get(record.artifact);
    if (!rules) return [];
    // Almost every record raises nothing: allocate the de-duplication map only once one does.
    let found: Map<string, Finding> | undefined;
    for (let i = 0; i < rules.length; i += 1) {
      const rule = rules[i] as Rule;
      const findings = rule.type === 'indicator' ? this.indicatorFindings(rule, record) : this.heuristicFindings(rule, record);
      if (findings.length === 0) continue;
      found ??= new Map<string, Finding>();
      for (const finding of findings) found.set(finding.id, finding);
    }
    return found === undefined ? NO_FINDINGS : [...found.values()];
  }

  private indicatorFindings(rule: IndicatorRule, record: ArtifactRecord): Finding[] {
    if (rule.when && !evaluate(rule.when, record.fields)) return NO_FINDINGS;
    const lookup = LOOKUPS[rule.check];
    let findings: Finding[] | undefined;
    // One indicator matched through several fields or values of a record (a tab's URL and
    // its session history, a file's device path and its relative path) is one finding.
    let seen: Set<string> | undefined;
    for (const field of rule.fields) {
      const raw = record.fields[field];
      if (raw === undefined || raw === null || raw === '') continue;
      for (const value of stringsOf(raw)) {
        const matches = lookup(this.index, value);
        if (matches.length === 0) continue;
        for (const match of matches) {
          const { indicator } = match;
          const key = `${indicator.bundle.sha256}\u0000${indicator.stixId}\u0000${indicator.normalized}`;
          seen ??= new Set<string>();
          if (seen.has(key)) continue;
          seen.add(key);
          const content = {
            rule: { id: rule.id, version: rule.version, type: rule.type, title: rule.title },
            artifact: record.artifact,
            severity: matchSeverity(rule, match),
            confidence: matchConfidence(rule, match),
            matched: { field, value },
            indicator: {
              stixId: indicator.stixId,
              kind: indicator.kind,
              value: indicator.value,
              malware: indicator.malware,
              bundle: { file: indicator.bundle.file, sha256: indicator.bundle.sha256 },
              how: match.how,
            },
            records: [recordRef(record)],
          };
          const explanation = renderExplanation(
            rule.explanation,
            {
              value,
              field,
              artifact: record.artifact,
              indicator: indicator.value,
              malware: indicator.malware ?? 'an unnamed threat',
              bundle: indicator.bundle.file,
            },
            record,
          );
          const caution = cautionApplies(rule, match) && indicator.caution ? ` ${indicator.caution.text}` : '';
          findings ??= [];
          findings.push({
            id: findingId(content),
            ...content,
            explanation: explanation + caution,
            harmless: rule.harmless,
            references: rule.references,
          });
        }
      }
    }
    return findings ?? NO_FINDINGS;
  }

  private heuristicFindings(rule: HeuristicRule, record: ArtifactRecord): Finding[] {
    if (!evaluate(rule.condition, record.fields)) return NO_FINDINGS;
    const value = displayValue(record.fields[rule.field]);
    const content = {
      rule: { id: rule.id, version: rule.version, type: rule.type, title: rule.title },
      artifact: record.artifact,
      severity: rule.severity,
      confidence: rule.confidence,
      matched: { field: rule.field, value },
      records: [recordRef(record)],
    };
    return [
      {
        id: findingId(content),
        ...content,
        explanation: renderExplanation(rule.explanation, { value, field: rule.field, artifact: record.artifact }, record),
        harmless: rule.harmless,
        references: rule.references,
      },
    ];
  }
}
