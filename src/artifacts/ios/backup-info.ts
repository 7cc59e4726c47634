/**
 * The backup's own description of the device (Info.plist, with what Manifest.plist and
 * Status.plist add): model, iOS version, identifiers and when the backup was made.
 */
import type { Extractor, ArtifactRecord, ExtractContext, RecordFields } from '../types.js';
import type { Source } from '../../acquisition/source.js';
import { isPlistDict, type PlistDict } from '../../formats/plist.js';
import { isoFromDate } from '../../formats/time.js';
import { makeRecord, originOf } from '../locate.js';
import { ArtifactError, describeError } from '../../errors.js';

export const BACKUP_INFO_ARTIFACT = 'backup_info';

const INFO_KEYS: ReadonlyArray<[string, string]> = [
  ['Device Name', 'device_name'],
  ['Display Name', 'display_name'],
  ['Product Name', 'product_name'],
  ['Product Type', 'product_type'],
  ['Product Version', 'product_version'],
  ['Build Version', 'build_version'],
  ['Serial Number', 'serial_number'],
  ['Unique Identifier', 'udid'],
  ['Target Identifier', 'target_identifier'],
  ['Target Type', 'target_type'],
  ['GUID', 'guid'],
  ['IMEI', 'imei'],
  ['IMEI 2', 'imei_2'],
  ['MEID', 'meid'],
  ['ICCID', 'iccid'],
  ['Phone Number', 'phone_number'],
  ['iTunes Version', 'itunes_version'],
];

async function optionalPlist(source: Source, path: string, context: ExtractContext): Promise<PlistDict | undefined> {
  if (!source.hasContent(path)) return undefined;
  try {
    const { value } = await source.readPlist(path);
    return isPlistDict(value) ? value : undefined;
  } catch (error) {
    context.issue({ code: 'corrupt', path, message: describeError(error) });
    return undefined;
  }
}

export async function* readBackupInfo(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  const { value, digest } = await source.readPlist('Info.plist');
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: Info.plist is not a dictionary');
  }
  const fields: RecordFields = {};
  for (const [key, name] of INFO_KEYS) {
    const raw = value[key];
    fields[name] = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;
  }
  const installed = value['Installed Applications'];
  fields['installed_applications'] = Array.isArray(installed) ? installed.filter((v): v is string => typeof v === 'string') : [];
  const manifest = await optionalPlist(source, 'Manifest.plist', context);
  const status = await optionalPlist(source, 'Status.plist', context);
  fields['encrypted'] = typeof manifest?.['IsEncrypted'] === 'boolean' ? manifest['IsEncrypted'] : null;
  fields['passcode_set'] = typeof manifest?.['WasPasscodeSet'] === 'boolean' ? manifest['WasPasscodeSet'] : null;
  fields['manifest_version'] = typeof manifest?.['Version'] === 'string' ? manifest['Version'] : null;
  fields['full_backup'] = typeof status?.['IsFullBackup'] === 'boolean' ? status['IsFullBackup'] : null;
  fields['snapshot_state'] = typeof status?.['SnapshotState'] === 'string' ? status['SnapshotState'] : null;
  const lastBackup = value['Last Backup Date'];
  yield makeRecord(BACKUP_INFO_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath: [] }), [
    { at: lastBackup instanceof Date ? isoFromDate(lastBackup) : null, meaning: 'backup made' },
  ]);
}

export const backupInfoExtractor: Extractor = {
  id: BACKUP_INFO_ARTIFACT,
  title: 'Backup and device information',
  platform: 'ios',
  acquisitions: ['ios-backup'],
  paths: { 'ios-backup': ['Info.plist'] },
  extract: (source, context) => readBackupInfo(source, context),
};
