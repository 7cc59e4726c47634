/**
 * The `platform_compat` section: one `ChangeId(<id>; name=<NAME>; …; rawOverrides={pkg=…, …}; …)`
 * line per compatibility change. The packages in an override map outlive the app: an
 * uninstalled app can still be named here (MVT reads change 168419799, DOWNSCALED).
 */
import type { NumberedLine } from './text-lines.js';

export interface CompatOverride {
  changeId: string;
  changeName: string | null;
  packageName: string;
  line: number;
}

/** Top-level keys of a `{k=v, k2=v2(…)}` map, ignoring anything nested in brackets. */
function mapKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let token = '';
  let readingKey = true;
  for (const char of body) {
    if (char === '(' || char === '{' || char === '[') depth += 1;
    else if (char === ')' || char === '}' || char === ']') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (char === ',') {
      readingKey = true;
      token = '';
    } else if (char === '=' && readingKey) {
      if (token.trim() !== '') keys.push(token.trim());
      readingKey = false;
    } else if (readingKey) {
      token += char;
    }
  }
  return keys;
}

/** The body of `rawOverrides={…}` with balanced braces, or null. */
function overridesBody(text: string): string | null {
  const start = text.indexOf('rawOverrides={');
  if (start === -1) return null;
  let depth = 0;
  const open = start + 'rawOverrides='.length;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i];
    if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return null;
}

export function parsePlatformCompat(lines: readonly NumberedLine[]): CompatOverride[] {
  const out: CompatOverride[] = [];
  for (const { line, text } of lines) {
    const head = /ChangeId\((\d+)(?:;\s*name=([^;)]+))?/.exec(text);
    if (!head) continue;
    const body = overridesBody(text);
    if (body === null) continue;
    for (const key of mapKeys(body)) {
      if (/^[A-Za-z][\w]*(\.[\w]+)+$/.test(key)) {
        out.push({ changeId: head[1] ?? '', changeName: head[2]?.trim() ?? null, packageName: key, line });
      }
    }
  }
  return out;
}
