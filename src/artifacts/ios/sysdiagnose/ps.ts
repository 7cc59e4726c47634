/**
 * ps.txt: every process running when the sysdiagnose was taken, with its full executable
 * path. An implant that is running shows here under its own name and from its own folder
 * (Pegasus's `roleaccountd` from `/private/var/db/com.apple.xpc.roleaccountd.staging/`),
 * which no backup can show.
 */
import type { FileDigest } from '../../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../../types.js';
import { filesWithContent, makeRecord, originOf } from '../../locate.js';
import { numberedLines } from '../../android/parsers/text-lines.js';
import { readTextFile } from './text-file.js';
import { processLineFields, readPsHeader, reportBadPsLines } from './ps-table.js';

export const SYSDIAGNOSE_PS_ARTIFACT = 'sysdiagnose_ps';
export const SYSDIAGNOSE_PS_PATHS = ['ps.txt'] as const;

export function* readPs(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const lines = numberedLines(text).filter((line) => line.text.trim() !== '');
  const header = lines[0] ? readPsHeader(lines[0].text) : null;
  if (!header) {
    context.issue({ code: 'unsupported-schema', path: digest.path, message: `unsupported schema: ${digest.path} does not start with a ps header naming PID and ending in COMMAND` });
    return;
  }
  const badLines: number[] = [];
  for (const { line, text: raw } of lines.slice(1)) {
    const fields = processLineFields(header, raw);
    if (!fields) {
      badLines.push(line);
      continue;
    }
    yield makeRecord(SYSDIAGNOSE_PS_ARTIFACT, fields, originOf(digest, { kind: 'line', line }));
  }
  reportBadPsLines(context, digest, badLines);
}

export const sysdiagnosePsExtractor: Extractor = {
  id: SYSDIAGNOSE_PS_ARTIFACT,
  title: 'Running processes (sysdiagnose ps.txt)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': SYSDIAGNOSE_PS_PATHS },
  async *extract(source, context) {
    for (const file of filesWithContent(source, SYSDIAGNOSE_PS_PATHS, context)) {
      const input = await readTextFile(source, file.path, context);
      if (input) yield* readPs(input.text, input.digest, context);
    }
  },
};
