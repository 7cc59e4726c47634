/**
 * The loop every dumpsys artifact shares: for each dumpsys text of the acquisition, each
 * section of one service, its lines handed to a parser. A section cut short is read and
 * reported; a parser that fails on one section is reported and the next section goes on.
 */
import type { Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext } from '../types.js';
import { describeError } from '../../errors.js';
import { isTruncated, sectionLines, sectionsNamed, truncationMessage, type DumpsysSection } from './parsers/dumpsys-sections.js';
import type { NumberedLine } from './parsers/text-lines.js';
import { eachDumpsysText, type DumpsysText } from './dumpsys-text.js';
import { androidqfZone } from './device-context.js';

export interface SectionInput {
  text: DumpsysText;
  section: DumpsysSection;
  lines: NumberedLine[];
}

export async function* eachSection(
  source: Source,
  context: ExtractContext,
  service: string,
  read: (input: SectionInput) => Iterable<ArtifactRecord>,
): AsyncGenerator<ArtifactRecord> {
  const fallback = source.kind === 'android-androidqf' ? await androidqfZone(source) : { zone: null };
  for await (const text of eachDumpsysText(source, context, fallback)) {
    for (const section of sectionsNamed(text.sections, service)) {
      if (isTruncated(section)) context.issue({ code: 'corrupt', path: text.path, message: truncationMessage(section) });
      try {
        yield* read({ text, section, lines: sectionLines(text.text, section) });
      } catch (error) {
        context.issue({ code: 'corrupt', path: text.path, message: `the dumpsys ${service} section (line ${section.headerLine}) cannot be parsed: ${describeError(error)}` });
      }
    }
  }
}
