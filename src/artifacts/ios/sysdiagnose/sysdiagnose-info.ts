/**
 * What the sysdiagnose says about itself: the iOS version and build it was taken on
 * (`logs/SystemVersion/SystemVersion.plist`) and the name it was written under, with its
 * time and zone (`sysdiagnose.log`). A renamed archive still carries them, and a report
 * needs them to weigh indicators that only apply to some iOS versions.
 */
import type { FileDigest, Source } from '../../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../../types.js';
import { isPlistDict, type PlistValue } from '../../../formats/plist.js';
import { ArtifactError } from '../../../errors.js';
import { parseSysdiagnoseName } from '../../../acquisition/ios-sysdiagnose-open.js';
import { eachPlistFile, filesWithContent, makeRecord, originOf } from '../../locate.js';
import { numberedLines } from '../../android/parsers/text-lines.js';
import { readTextFile } from './text-file.js';

export const SYSDIAGNOSE_INFO_ARTIFACT = 'sysdiagnose_info';
export const SYSTEM_VERSION_PATH = 'logs/SystemVersion/SystemVersion.plist';
export const SYSDIAGNOSE_LOG_PATH = 'sysdiagnose.log';

const NAME_IN_TEXT = /sysdiagnose_\d{4}\.\d{2}\.\d{2}_\d{2}-\d{2}-\d{2}[+-]\d{4}[^\s/"'(),;]*/;

function text(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const EMPTY: RecordFields = {
  product_name: null,
  product_version: null,
  build: null,
  sysdiagnose_name: null,
  time_zone: null,
  taken_at: null,
};

export function* readSystemVersion(value: PlistValue, digest: FileDigest): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  const fields: RecordFields = {
    kind: 'system-version',
    ...EMPTY,
    product_name: text(value['ProductName']),
    product_version: text(value['ProductVersion']),
    build: text(value['ProductBuildVersion']),
  };
  yield makeRecord(SYSDIAGNOSE_INFO_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath: [] }));
}

/** The first line of sysdiagnose.log that names the archive, read as its name says. */
export function readSysdiagnoseLog(content: string, digest: FileDigest): ArtifactRecord | null {
  for (const { line, text: raw } of numberedLines(content)) {
    const found = NAME_IN_TEXT.exec(raw)?.[0];
    if (!found) continue;
    const name = found.replace(/\.(?:tar\.gz|tgz|tar)$/, '');
    const parsed = parseSysdiagnoseName(name);
    if (!parsed) continue;
    const fields: RecordFields = {
      kind: 'sysdiagnose-log',
      ...EMPTY,
      build: parsed.build ?? null,
      sysdiagnose_name: name,
      time_zone: parsed.timeZone.label,
      taken_at: parsed.takenAt,
    };
    return makeRecord(SYSDIAGNOSE_INFO_ARTIFACT, fields, originOf(digest, { kind: 'line', line }), [{ at: parsed.takenAt, meaning: 'sysdiagnose taken' }]);
  }
  return null;
}

async function* readInfo(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  yield* eachPlistFile(source, [SYSTEM_VERSION_PATH], context, readSystemVersion);
  for (const file of filesWithContent(source, [SYSDIAGNOSE_LOG_PATH], context)) {
    const input = await readTextFile(source, file.path, context);
    const record = input ? readSysdiagnoseLog(input.text, input.digest) : null;
    if (record) yield record;
  }
}

export const sysdiagnoseInfoExtractor: Extractor = {
  id: SYSDIAGNOSE_INFO_ARTIFACT,
  title: 'iOS version and sysdiagnose name (SystemVersion.plist, sysdiagnose.log)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': [SYSTEM_VERSION_PATH, SYSDIAGNOSE_LOG_PATH] },
  extract: readInfo,
};
