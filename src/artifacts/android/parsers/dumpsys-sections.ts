/**
 * The framing of `dumpsys` output, the same in androidqf's dumpsys.txt and in a bugreport's
 * main entry: a section starts at a line `DUMP OF SERVICE <name>:` (bugreports also write
 * `DUMP OF SERVICE CRITICAL <name>:`, `HIGH`, `NORMAL`) and ends at the next line of 78 or
 * more dashes. A section cut short (by the next header, by a dumpstate block header, or by
 * the end of the file) is kept and marked, so one broken section never hides the others.
 *
 * The splitter walks the text once and keeps offsets; only the sections an extractor asks
 * for are cut into lines.
 */
import { numberedLines, type NumberedLine } from './text-lines.js';

export type SectionEnd = 'separator' | 'next-section' | 'dumpstate-block' | 'end-of-file';

export interface DumpsysSection {
  /** Service name as written, e.g. `package`, `appops`, `batterystats`. */
  name: string;
  /** `CRITICAL`, `HIGH` or `NORMAL` for a bugreport's priority dumps, else null. */
  priority: string | null;
  /** Line number of the `DUMP OF SERVICE` header. */
  headerLine: number;
  /** Character offsets of the body (the lines after the header, before the end). */
  bodyStart: number;
  bodyEnd: number;
  /** Line number of the first body line. */
  firstBodyLine: number;
  end: SectionEnd;
  /** The `--------- 2.9s was the duration of dumpsys X, ending at: …` line, when present. */
  durationLine: string | null;
}

const HEADER = /^DUMP OF SERVICE (?:(CRITICAL|HIGH|NORMAL) )?(\S+?):$/;
const SEPARATOR = /^-{78,}\s*$/;
const DUMPSTATE_BLOCK = /^------ .* ------$/;
const DURATION = /^-{3,} [\d.]+s was the duration of dumpsys /;

export function splitDumpsysSections(text: string): DumpsysSection[] {
  const sections: DumpsysSection[] = [];
  let current: (Omit<DumpsysSection, 'bodyEnd' | 'end' | 'durationLine'> & { durationLine: string | null }) | null = null;
  const close = (bodyEnd: number, end: SectionEnd): void => {
    if (current) sections.push({ ...current, bodyEnd, end });
    current = null;
  };
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const next = newline === -1 ? text.length : newline + 1;
    lineNumber += 1;
    const raw = text.slice(offset, newline === -1 ? text.length : newline);
    const trimmed = raw.trim();
    if (trimmed.startsWith('DUMP OF SERVICE ')) {
      const match = HEADER.exec(trimmed);
      if (match) {
        close(offset, 'next-section');
        current = {
          name: match[2] ?? '',
          priority: match[1] ?? null,
          headerLine: lineNumber,
          bodyStart: next,
          firstBodyLine: lineNumber + 1,
          durationLine: null,
        };
      }
    } else if (current && trimmed.startsWith('---')) {
      if (SEPARATOR.test(trimmed)) close(offset, 'separator');
      else if (DURATION.test(trimmed)) current.durationLine = trimmed;
      else if (DUMPSTATE_BLOCK.test(trimmed)) close(offset, 'dumpstate-block');
    }
    offset = next;
  }
  close(text.length, 'end-of-file');
  return sections;
}

/** The sections of one service, in file order (a bugreport may hold more than one). */
export function sectionsNamed(sections: readonly DumpsysSection[], name: string): DumpsysSection[] {
  return sections.filter((section) => section.name === name);
}

/**
 * The body lines of a section with their line numbers in the file; the trailing duration
 * line is left out.
 */
export function sectionLines(text: string, section: DumpsysSection): NumberedLine[] {
  const lines = numberedLines(text.slice(section.bodyStart, section.bodyEnd), section.firstBodyLine);
  return lines.filter((line) => !DURATION.test(line.text.trim()));
}

/** Whether a section was cut short rather than closed by its separator line. */
export function isTruncated(section: DumpsysSection): boolean {
  return section.end === 'end-of-file' || section.end === 'dumpstate-block';
}

/** What a cut-short section looks like, for a coverage issue. */
export function truncationMessage(section: DumpsysSection): string {
  const where =
    section.end === 'end-of-file'
      ? 'the end of the file'
      : section.end === 'dumpstate-block'
        ? 'the next dumpstate block'
        : 'the next section header';
  return `the dumpsys ${section.name} section (line ${section.headerLine}) stops at ${where} without its closing line; what it holds was read`;
}

/**
 * A bugreport's SYSTEM PROPERTIES block: from the line starting `------ SYSTEM PROPERTIES`
 * to the next line starting `------`.
 */
export function systemPropertiesLines(text: string): NumberedLine[] | null {
  const header = /^------ SYSTEM PROPERTIES.*$/m.exec(text);
  if (!header) return null;
  const headerLine = lineNumberAt(text, header.index);
  const bodyStart = text.indexOf('\n', header.index);
  if (bodyStart === -1) return [];
  const endMatch = /^------/m.exec(text.slice(bodyStart + 1));
  const bodyEnd = endMatch ? bodyStart + 1 + endMatch.index : text.length;
  return numberedLines(text.slice(bodyStart + 1, bodyEnd), headerLine + 1);
}

/** The time in the `== dumpstate: 2022-01-28 17:37:43` banner (device-local), if any. */
export function dumpstateBanner(text: string): { local: string; line: number } | null {
  const head = text.slice(0, 64 * 1024);
  const match = /^== dumpstate: (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/m.exec(head);
  if (!match || match[1] === undefined) return null;
  return { local: match[1], line: lineNumberAt(text, match.index) };
}

function lineNumberAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}
