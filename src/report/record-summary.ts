/**
 * One line that says what a record is, for timelines. The fields that best describe a
 * record come first; values are shortened so a timeline stays readable.
 */
import type { ArtifactRecord, FieldValue } from '../artifacts/types.js';

const PREFERRED = [
  'url', 'origin', 'registrable_domain', 'text', 'links', 'filename', 'process', 'proc_name_raw', 'bundle_id',
  'client', 'service', 'uri', 'email', 'handle', 'direction', 'payload_uuid', 'display_name', 'operation',
  'domain', 'relative_path', 'name', 'title', 'device_name', 'product_version', 'kind', 'source_app',
];

const MAX = 240;

function show(value: FieldValue): string | null {
  if (value === null || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(' ');
  return String(value);
}

export function summarizeRecord(record: ArtifactRecord): string {
  const parts: string[] = [];
  const used = new Set<string>();
  for (const key of PREFERRED) {
    const value = record.fields[key];
    if (value === undefined) continue;
    const text = show(value);
    if (text === null) continue;
    parts.push(`${key}=${text}`);
    used.add(key);
    if (parts.length >= 3) break;
  }
  if (parts.length === 0) {
    for (const [key, value] of Object.entries(record.fields)) {
      const text = show(value);
      if (text === null) continue;
      parts.push(`${key}=${text}`);
      if (parts.length >= 3) break;
    }
  }
  const line = parts.join('; ').replace(/\s+/g, ' ');
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}
