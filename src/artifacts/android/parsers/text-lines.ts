/** Splitting device text output into numbered lines, whatever its line endings. */

export interface NumberedLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** Lines of a text with their 1-based numbers; `\r\n` and a trailing `\r` are removed. */
export function numberedLines(text: string, firstLine = 1): NumberedLine[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((raw, index) => ({ line: firstLine + index, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw }));
}

/** Decodes device output as UTF-8, dropping a byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Number of leading spaces (tabs count as one). */
export function indentOf(text: string): number {
  let count = 0;
  while (count < text.length && (text[count] === ' ' || text[count] === '\t')) count += 1;
  return count;
}
