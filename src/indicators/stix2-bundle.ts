/**
 * Reads a STIX 2.x bundle — untrusted JSON — into indicators with the malware they belong
 * to. Only the top-level shape can make a bundle unusable; every problem inside it (a bad
 * object, an unsupported pattern, a dangling relationship, a duplicate) becomes a
 * SkippedEntry that names the object by its dotted path, and the rest is still read.
 */
import { normalizeIndicatorValue } from './indicator-value.js';
import { parseStixPattern, resolveComparisonKind } from './stix2-pattern.js';
import type { BundleRef, Indicator, SkippedEntry } from './types.js';

export type BundleParseResult =
  | { ok: true; indicators: Indicator[]; malware: string[]; skipped: SkippedEntry[] }
  | { ok: false; problems: string[] };

type JsonRecord = { [key: string]: unknown };

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A string property of a parsed JSON object. Only the fixed STIX key names below are ever
 * read, and none of them exists on Object.prototype, so an inherited value cannot leak in;
 * a hostile "__proto__" key in the JSON is an own property JSON.parse leaves inert.
 */
function stringField(object: JsonRecord, key: StixKey): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

type StixKey =
  | 'type'
  | 'id'
  | 'name'
  | 'pattern'
  | 'pattern_type'
  | 'source_ref'
  | 'target_ref'
  | 'relationship_type';

/** A STIX object kept for the second pass, with where it sat in the bundle. */
interface Located {
  object: JsonRecord;
  path: string;
}

interface Attribution {
  name: string | null;
  /** 'indicates' relationships win over any other type. */
  indicates: boolean;
}

export function parseStix2Bundle(json: unknown, bundle: BundleRef): BundleParseResult {
  if (!isRecord(json)) return { ok: false, problems: ['(top level): expected a JSON object'] };
  const problems: string[] = [];
  if (stringField(json, 'type') !== 'bundle') problems.push("type: expected 'bundle'");
  const objects = json['objects'];
  if (!Array.isArray(objects)) problems.push('objects: expected a list');
  if (problems.length > 0 || !Array.isArray(objects)) return { ok: false, problems };

  const skipped: SkippedEntry[] = [];
  const byId = new Map<string, Located>();
  const indicators: Located[] = [];
  const relationships: Located[] = [];
  const reports: Located[] = [];
  const malwareNames = new Map<string, string | null>();

  objects.forEach((object: unknown, index) => {
    const path = `objects[${index}]`;
    if (!isRecord(object)) {
      skipped.push({ reason: `${path}: expected an object` });
      return;
    }
    const type = stringField(object, 'type');
    const id = stringField(object, 'id');
    if (type === undefined || id === undefined) {
      skipped.push({ ...(id === undefined ? {} : { stixId: id }), reason: `${path}: missing 'type' or 'id'` });
      return;
    }
    if (byId.has(id)) {
      skipped.push({ stixId: id, reason: `${path}: repeats the id of ${byId.get(id)?.path ?? 'an earlier object'}` });
      return;
    }
    const located = { object, path };
    byId.set(id, located);
    if (type === 'indicator') indicators.push(located);
    else if (type === 'relationship') relationships.push(located);
    else if (type === 'report') reports.push(located);
    else if (type === 'malware') {
      const name = stringField(object, 'name')?.trim();
      if (name === undefined || name === '') {
        skipped.push({ stixId: id, reason: `${path}.name: malware ${id} has no name; its indicators are attributed to none` });
      }
      malwareNames.set(id, name === undefined || name === '' ? null : name);
    }
  });

  const attributions = attributeByRelationship(relationships, byId, malwareNames, skipped);
  const reportNames = attributeByReport(reports, attributions);

  const out: Indicator[] = [];
  const firstByValue = new Map<string, string>();
  for (const { object, path } of indicators) {
    readIndicator(object, path, bundle, attributions, firstByValue, out, skipped);
  }

  const malware: string[] = [];
  const seen = new Set<string>();
  const addName = (name: string | null): void => {
    if (name !== null && !seen.has(name)) {
      seen.add(name);
      malware.push(name);
    }
  };
  for (const name of malwareNames.values()) addName(name);
  for (const indicator of out) if (reportNames.has(indicator.malware ?? '')) addName(indicator.malware);
  return { ok: true, indicators: out, malware, skipped };
}

/**
 * Indicator id → malware name, from relationships whose source is an indicator and whose
 * target is a malware object. A relationship with a missing end that involves an indicator
 * or a malware is reported: it means the bundle lost an object (wintego_helios does).
 */
function attributeByRelationship(
  relationships: readonly Located[],
  byId: ReadonlyMap<string, Located>,
  malwareNames: ReadonlyMap<string, string | null>,
  skipped: SkippedEntry[],
): Map<string, Attribution> {
  const attributions = new Map<string, Attribution>();
  for (const { object, path } of relationships) {
    const id = stringField(object, 'id') ?? path;
    const source = stringField(object, 'source_ref');
    const target = stringField(object, 'target_ref');
    if (source === undefined || target === undefined) {
      skipped.push({ stixId: id, reason: `${path}: relationship without source_ref or target_ref` });
      continue;
    }
    const sourceObject = byId.get(source);
    const targetObject = byId.get(target);
    const involvesUs = source.startsWith('indicator--') || target.startsWith('malware--');
    if (sourceObject === undefined && involvesUs) {
      skipped.push({ stixId: id, reason: `${path}.source_ref: relationship ${id} points at ${source}, which is not in the bundle` });
      continue;
    }
    if (targetObject === undefined && involvesUs) {
      skipped.push({ stixId: id, reason: `${path}.target_ref: relationship ${id} points at ${target}, which is not in the bundle` });
      continue;
    }
    if (sourceObject === undefined || stringField(sourceObject.object, 'type') !== 'indicator') continue;
    if (!malwareNames.has(target)) continue;
    const indicates = stringField(object, 'relationship_type') === 'indicates';
    const current = attributions.get(source);
    if (current === undefined || (indicates && !current.indicates)) {
      attributions.set(source, { name: malwareNames.get(target) ?? null, indicates });
    }
  }
  return attributions;
}

/** Fills attributions for indicators no relationship attributes, from report.object_refs. */
function attributeByReport(reports: readonly Located[], attributions: Map<string, Attribution>): Set<string> {
  const used = new Set<string>();
  for (const { object } of reports) {
    const name = stringField(object, 'name')?.trim();
    const refs = object['object_refs'];
    if (name === undefined || name === '' || !Array.isArray(refs)) continue;
    for (const ref of refs) {
      if (typeof ref !== 'string' || !ref.startsWith('indicator--') || attributions.has(ref)) continue;
      attributions.set(ref, { name, indicates: false });
      used.add(name);
    }
  }
  return used;
}

function readIndicator(
  object: JsonRecord,
  path: string,
  bundle: BundleRef,
  attributions: ReadonlyMap<string, Attribution>,
  firstByValue: Map<string, string>,
  out: Indicator[],
  skipped: SkippedEntry[],
): void {
  const stixId = stringField(object, 'id') ?? path;
  const pattern = stringField(object, 'pattern');
  if (pattern === undefined) {
    skipped.push({ stixId, reason: `${path}.pattern: expected a string` });
    return;
  }
  const patternType = stringField(object, 'pattern_type');
  if (patternType !== undefined && patternType !== 'stix') {
    skipped.push({ stixId, pattern, reason: `${path}.pattern_type: '${patternType}' patterns are not supported` });
    return;
  }
  if (object['revoked'] === true) {
    skipped.push({ stixId, pattern, reason: `${path}: indicator is revoked` });
    return;
  }
  const parsed = parseStixPattern(pattern);
  if (parsed.status !== 'ok') {
    skipped.push({ stixId, pattern, reason: `${path}.pattern: ${parsed.status} pattern: ${parsed.reason}` });
    return;
  }
  const malware = attributions.get(stixId)?.name ?? null;
  for (const comparison of parsed.comparisons) {
    const resolved = resolveComparisonKind(comparison);
    if (resolved === null) {
      skipped.push({ stixId, pattern, reason: `${path}.pattern: ${comparison.key} is not a supported indicator key` });
      continue;
    }
    const outcome = normalizeIndicatorValue(resolved, comparison.value);
    if (!outcome.ok) {
      skipped.push({ stixId, pattern, reason: `${path}.pattern: ${outcome.reason}` });
      continue;
    }
    const valueKey = `${outcome.kind}\u0000${outcome.urlMatch ?? ''}\u0000${outcome.normalized}`;
    const first = firstByValue.get(valueKey);
    if (first !== undefined) {
      skipped.push({
        stixId,
        pattern,
        reason: `${path}.pattern: duplicate of ${first} (same ${outcome.kind} ${outcome.normalized} after normalisation)`,
      });
      continue;
    }
    firstByValue.set(valueKey, stixId);
    const indicator: Indicator = {
      stixId,
      kind: outcome.kind,
      value: comparison.value,
      normalized: outcome.normalized,
      pattern,
      malware,
      bundle,
    };
    if (outcome.caution !== undefined) indicator.caution = outcome.caution;
    if (outcome.notes.length > 0) indicator.note = outcome.notes.join('; ');
    if (outcome.urlMatch !== undefined) indicator.urlMatch = outcome.urlMatch;
    out.push(indicator);
  }
}
