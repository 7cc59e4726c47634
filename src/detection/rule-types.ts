/**
 * Rules are data: a heuristic or an indicator check names the artifacts it applies to,
 * the fields it reads and a condition evaluated on ONE record. Because a rule needs
 * nothing but the record, the same rule re-runs on stored records (recheck) and on the
 * records a finding packet discloses (verify).
 */
export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type Confidence = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

export type IndicatorCheck =
  | 'url'
  | 'domain'
  | 'ip'
  | 'process'
  | 'process-in-path'
  | 'file-path'
  | 'file-name'
  | 'email'
  | 'file-hash'
  | 'app-id'
  | 'cert-hash'
  | 'profile-id'
  | 'android-property';

export type Scalar = string | number | boolean | null;

/** A condition on one record's fields. Array-valued fields match when any element does. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; equals: Scalar; ignoreCase?: boolean }
  | { field: string; in: readonly Scalar[] }
  | { field: string; startsWith: string | readonly string[]; ignoreCase?: boolean }
  | { field: string; endsWith: string | readonly string[]; ignoreCase?: boolean }
  | { field: string; contains: string; ignoreCase?: boolean }
  | { field: string; matches: string /* RegExp source, flags 'u' */ }
  | { field: string; lessThan: number }
  | { field: string; greaterThan: number }
  | { field: string; exists: boolean };

interface RuleBase {
  /** Stable id, e.g. `ios.safari-history.injection-redirect`. */
  id: string;
  /** Bumped whenever the condition or severity changes, so attestations name exact logic. */
  version: number;
  artifacts: readonly string[];
  severity: Severity;
  confidence: Confidence;
  title: string;
  /**
   * One sentence. Placeholders: {value} (the matched value), {field}, {artifact},
   * {malware}, {bundle}, {indicator} (indicator rules) and {record.<field>}.
   */
  explanation: string;
  /** Known harmless causes a reader should weigh. */
  harmless: readonly string[];
  references: readonly string[];
}

export interface IndicatorRule extends RuleBase {
  type: 'indicator';
  /** Fields whose values are looked up; array fields are looked up element by element. */
  fields: readonly string[];
  check: IndicatorCheck;
  /** Optional pre-condition on the record (e.g. only received attachments). */
  when?: Condition;
}

export interface HeuristicRule extends RuleBase {
  type: 'heuristic';
  condition: Condition;
  /** The field whose value the finding reports as matched. */
  field: string;
}

export type Rule = IndicatorRule | HeuristicRule;
