/** Reading values out of untrusted JSON without trusting its shape. */

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; numbers and booleans are written as text, empty strings become null. */
export function text(object: JsonObject, key: string): string | null {
  const value = object[key];
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
}

export function num(object: JsonObject, key: string): number | null {
  const value = object[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

export function bool(object: JsonObject, key: string): boolean | null {
  const value = object[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

export interface JsonItem {
  value: unknown;
  /** Index in the array, or the line's index for JSON lines. */
  index: number;
  /** 1-based line number for JSON lines; undefined for an array. */
  line?: number;
}

export interface JsonItems {
  items: JsonItem[];
  format: 'array' | 'lines';
  /** Lines of a JSON-lines file that are not JSON. */
  badLines: number[];
}

/**
 * A JSON array, or JSON lines (one value per line; androidqf's collector writes files.json
 * that way on some versions). Throws when the text is neither.
 */
export function parseJsonItems(source: string): JsonItems {
  const trimmed = source.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return { items: parsed.map((value, index) => ({ value, index })), format: 'array', badLines: [] };
    } catch {
      // Fall through: a file of JSON lines may start with an array value on its first line.
    }
  }
  const items: JsonItem[] = [];
  const badLines: number[] = [];
  const lines = source.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      items.push({ value: JSON.parse(line) as unknown, index: items.length, line: index + 1 });
    } catch {
      badLines.push(index + 1);
    }
  });
  if (items.length === 0 && badLines.length > 0) throw new Error('not JSON: neither a JSON array nor JSON lines');
  return { items, format: 'lines', badLines };
}
