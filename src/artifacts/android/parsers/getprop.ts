/**
 * `getprop` output: `[name]: [value]` lines. Values may contain brackets and spaces, may be
 * empty, and a few span several lines (the value runs until a line ending in `]`).
 * androidqf writes it to getprop.txt; a bugreport holds it in its SYSTEM PROPERTIES block.
 */
import { numberedLines, type NumberedLine } from './text-lines.js';

export interface Property {
  name: string;
  value: string;
  /** Line where the property starts. */
  line: number;
}

export interface GetpropResult {
  properties: Property[];
  /** Lines that are neither a property nor its continuation. */
  unparsed: number[];
}

const START = /^\[([^\]]*)\]: \[(.*)$/;

export function parseGetpropLines(lines: readonly NumberedLine[]): GetpropResult {
  const properties: Property[] = [];
  const unparsed: number[] = [];
  let open: { name: string; parts: string[]; line: number } | null = null;
  for (const { line, text } of lines) {
    if (open) {
      open.parts.push(text);
      if (text.endsWith(']')) {
        const value = open.parts.join('\n');
        properties.push({ name: open.name, value: value.slice(0, -1), line: open.line });
        open = null;
      }
      continue;
    }
    if (text.trim() === '') continue;
    const match = START.exec(text);
    if (!match) {
      unparsed.push(line);
      continue;
    }
    const name = match[1] ?? '';
    const rest = match[2] ?? '';
    if (rest.endsWith(']')) properties.push({ name, value: rest.slice(0, -1), line });
    else open = { name, parts: [rest], line };
  }
  if (open) unparsed.push(open.line);
  return { properties, unparsed };
}

export function parseGetprop(text: string, firstLine = 1): GetpropResult {
  return parseGetpropLines(numberedLines(text, firstLine));
}

/** The properties as a map (a later duplicate wins, as a later `setprop` would). */
export function propertyMap(properties: readonly Property[]): Map<string, string> {
  return new Map(properties.map((p) => [p.name, p.value]));
}
