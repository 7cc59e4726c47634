/** Evaluates a rule's condition on one record's fields. Pure: no clock, no network. */
import type { FieldValue, RecordFields } from '../artifacts/types.js';
import type { Condition, Scalar } from './rule-types.js';

const regexCache = new Map<string, RegExp>();

function regexFor(source: string): RegExp {
  let regex = regexCache.get(source);
  if (!regex) {
    regex = new RegExp(source, 'u');
    regexCache.set(source, regex);
  }
  return regex;
}

/** Scalars of a field: an array field contributes each element. */
function scalars(value: FieldValue | undefined): Scalar[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value as string[];
  return [value as Scalar];
}

function asText(value: Scalar, ignoreCase: boolean | undefined): string | null {
  if (value === null) return null;
  const text = String(value);
  return ignoreCase ? text.toLowerCase() : text;
}

function list(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

export function evaluate(condition: Condition, fields: RecordFields): boolean {
  if ('all' in condition) return condition.all.every((inner) => evaluate(inner, fields));
  if ('any' in condition) return condition.any.some((inner) => evaluate(inner, fields));
  if ('not' in condition) return !evaluate(condition.not, fields);
  const raw = fields[condition.field];
  if ('exists' in condition) {
    const present = raw !== undefined && raw !== null && !(Array.isArray(raw) && raw.length === 0);
    return present === condition.exists;
  }
  const values = scalars(raw);
  if ('equals' in condition) {
    if (condition.equals === null) return raw === null || raw === undefined;
    const wanted = asText(condition.equals, condition.ignoreCase);
    return values.some((value) =>
      typeof condition.equals === 'string' ? asText(value, condition.ignoreCase) === wanted : value === condition.equals,
    );
  }
  if ('in' in condition) return values.some((value) => condition.in.includes(value));
  if ('startsWith' in condition) {
    const prefixes = list(condition.startsWith).map((p) => (condition.ignoreCase ? p.toLowerCase() : p));
    return values.some((value) => {
      const text = asText(value, condition.ignoreCase);
      return text !== null && prefixes.some((prefix) => text.startsWith(prefix));
    });
  }
  if ('endsWith' in condition) {
    const suffixes = list(condition.endsWith).map((s) => (condition.ignoreCase ? s.toLowerCase() : s));
    return values.some((value) => {
      const text = asText(value, condition.ignoreCase);
      return text !== null && suffixes.some((suffix) => text.endsWith(suffix));
    });
  }
  if ('contains' in condition) {
    const needle = condition.ignoreCase ? condition.contains.toLowerCase() : condition.contains;
    return values.some((value) => asText(value, condition.ignoreCase)?.includes(needle) ?? false);
  }
  if ('matches' in condition) {
    const regex = regexFor(condition.matches);
    return values.some((value) => value !== null && regex.test(String(value)));
  }
  if ('lessThan' in condition) return values.some((value) => typeof value === 'number' && value < condition.lessThan);
  if ('greaterThan' in condition) {
    return values.some((value) => typeof value === 'number' && value > condition.greaterThan);
  }
  const exhaustive: never = condition;
  return exhaustive;
}
