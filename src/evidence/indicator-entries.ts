/**
 * The indicator entry a finding rests on: the STIX objects of the public bundle that make
 * the indicator what the engine saw — the indicator object, its relationships to malware,
 * those malware objects, and the reports that list it — in the bundle's own order (the
 * engine's attribution depends on that order). A verifier parses these few objects with
 * the same STIX reader and gets the same indicator back. No node: imports.
 */
import type { IndicatorEntry } from './statements.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The bundle's objects, or an empty list when the JSON is not a bundle. */
export function bundleObjects(bundle: unknown): JsonObject[] {
  if (!isObject(bundle) || !Array.isArray(bundle['objects'])) return [];
  return bundle['objects'].filter(isObject);
}

/** Entries for the wanted indicator ids, in one pass over the bundle. */
export function indicatorEntries(objects: readonly JsonObject[], wanted: ReadonlySet<string>): IndicatorEntry[] {
  const malware = new Set<string>();
  for (const object of objects) if (object['type'] === 'malware' && typeof object['id'] === 'string') malware.add(object['id']);
  const members = new Map<string, Set<string>>([...wanted].map((id) => [id, new Set<string>()]));
  for (const object of objects) {
    const id = object['id'];
    if (typeof id !== 'string') continue;
    if (wanted.has(id)) members.get(id)?.add(id);
    if (object['type'] === 'relationship') {
      const source = object['source_ref'];
      const target = object['target_ref'];
      if (typeof source === 'string' && wanted.has(source) && typeof target === 'string' && malware.has(target)) {
        members.get(source)?.add(id);
        members.get(source)?.add(target);
      }
    }
    if (object['type'] === 'report' && Array.isArray(object['object_refs'])) {
      for (const ref of object['object_refs']) if (typeof ref === 'string' && wanted.has(ref)) members.get(ref)?.add(id);
    }
  }
  return [...wanted].sort().map((stixId) => {
    const ids = members.get(stixId) ?? new Set<string>();
    return { stixId, objects: objects.filter((object) => typeof object['id'] === 'string' && ids.has(object['id'])) };
  });
}

/**
 * One STIX bundle built from disclosed entries, each object once, in the order met: what
 * the verifier hands to the same STIX reader the check used.
 */
export function bundleFromEntries(entries: readonly IndicatorEntry[]): { type: 'bundle'; id: string; objects: unknown[] } {
  const seen = new Set<string>();
  const objects: unknown[] = [];
  for (const entry of entries) {
    for (const object of entry.objects) {
      const id = isObject(object) && typeof object['id'] === 'string' ? object['id'] : null;
      if (id !== null && seen.has(id)) continue;
      if (id !== null) seen.add(id);
      objects.push(object);
    }
  }
  return { type: 'bundle', id: 'bundle--disclosed', objects };
}
