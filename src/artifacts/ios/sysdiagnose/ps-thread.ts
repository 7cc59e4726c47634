/**
 * ps_thread.txt (`ps -M`): each process line is followed by one indented line per further
 * thread, whose user and command are blank. A second process list taken at another moment
 * of the sysdiagnose: a short-lived implant process may be in one list and not the other.
 */
import type { FileDigest } from '../../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../../types.js';
import { filesWithContent, makeRecord, originOf } from '../../locate.js';
import { numberedLines } from '../../android/parsers/text-lines.js';
import { readTextFile } from './text-file.js';
import { processLineFields, readPsHeader, reportBadPsLines } from './ps-table.js';

export const SYSDIAGNOSE_PS_THREAD_ARTIFACT = 'sysdiagnose_ps_thread';
export const SYSDIAGNOSE_PS_THREAD_PATHS = ['ps_thread.txt'] as const;

interface OpenProcess {
  line: number;
  fields: RecordFields;
  threads: number;
}

export function* readPsThread(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const lines = numberedLines(text).filter((line) => line.text.trim() !== '');
  const header = lines[0] ? readPsHeader(lines[0].text) : null;
  if (!header) {
    context.issue({ code: 'unsupported-schema', path: digest.path, message: `unsupported schema: ${digest.path} does not start with a ps header naming PID and ending in COMMAND` });
    return;
  }
  const badLines: number[] = [];
  let current: OpenProcess | null = null;
  const close = (process: OpenProcess): ArtifactRecord =>
    makeRecord(SYSDIAGNOSE_PS_THREAD_ARTIFACT, { ...process.fields, threads: process.threads }, originOf(digest, { kind: 'line', line: process.line }));

  for (const { line, text: raw } of lines.slice(1)) {
    if (/^\s/.test(raw)) {
      // A thread line needs a process above it; after a damaged process line it has none.
      if (current) current.threads += 1;
      else badLines.push(line);
      continue;
    }
    if (current) yield close(current);
    current = null;
    const fields = processLineFields(header, raw);
    if (!fields) {
      badLines.push(line);
      continue;
    }
    // The process line is its first thread.
    current = { line, fields, threads: 1 };
  }
  if (current) yield close(current);
  reportBadPsLines(context, digest, badLines);
}

export const sysdiagnosePsThreadExtractor: Extractor = {
  id: SYSDIAGNOSE_PS_THREAD_ARTIFACT,
  title: 'Running processes and their threads (sysdiagnose ps_thread.txt)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': SYSDIAGNOSE_PS_THREAD_PATHS },
  async *extract(source, context) {
    for (const file of filesWithContent(source, SYSDIAGNOSE_PS_THREAD_PATHS, context)) {
      const input = await readTextFile(source, file.path, context);
      if (input) yield* readPsThread(input.text, input.digest, context);
    }
  },
};
