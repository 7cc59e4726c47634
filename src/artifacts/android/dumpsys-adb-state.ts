/**
 * The computers the phone trusts for adb, from `dumpsys adb`: each trusted key with its
 * fingerprint and last connection. Inside an androidqf collection, each key is compared
 * with the key of the computer that made the collection (acquisition.json
 * `adb_host_public_key` or adb_host_key.pub): another trusted computer had adb access.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { isoFromUnixMillis } from '../../formats/time.js';
import { parseAdbState } from './parsers/dumpsys-adb.js';
import { isObject, text as jsonText } from './parsers/json-values.js';
import { decodeText } from './parsers/text-lines.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';
import { androidqfDate, daysBetween, type ReferenceDate } from './device-context.js';

/** The base64 part of an adb public key line (`<base64> user@host`). */
function keyPart(line: string): string | null {
  const first = line.trim().split(/\s+/)[0];
  return first && first.length >= 40 ? first : null;
}

/** The collecting computer's adb key, when the androidqf collection records it. */
async function acquisitionKey(source: Source): Promise<string | null> {
  if (source.hasContent('acquisition.json')) {
    try {
      const parsed: unknown = JSON.parse(decodeText((await source.readFile('acquisition.json', { maxBytes: 1024 * 1024 })).bytes));
      const key = isObject(parsed) ? jsonText(parsed, 'adb_host_public_key') : null;
      if (key) return keyPart(key);
    } catch {
      // Falls back to adb_host_key.pub.
    }
  }
  if (source.hasContent('adb_host_key.pub')) {
    try {
      return keyPart(decodeText((await source.readFile('adb_host_key.pub', { maxBytes: 64 * 1024 })).bytes));
    } catch {
      return null;
    }
  }
  return null;
}

export const dumpsysAdbStateExtractor: Extractor = {
  id: 'dumpsys_adb_state',
  title: 'Computers trusted for adb (dumpsys adb)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  async *extract(source: Source, context: ExtractContext) {
    const inCollection = source.kind === 'android-androidqf';
    const hostKey = inCollection ? await acquisitionKey(source) : null;
    const acquired: ReferenceDate | null = inCollection ? await androidqfDate(source) : null;
    yield* eachSection(source, context, 'adb', function* ({ text, lines }) {
      const state = parseAdbState(lines);
      for (const key of state.keys) {
        const lastConnection = key.lastConnectionMs === null ? null : isoFromUnixMillis(key.lastConnectionMs);
        const isAcquisitionKey = hostKey === null ? null : key.key === hostKey;
        yield makeRecord('dumpsys_adb_state', {
          key_fingerprint: key.fingerprint,
          user: key.user,
          key: key.key,
          key_valid: key.fingerprint !== null,
          connected_to_adb: state.connectedToAdb,
          last_key_received: state.lastKeyReceived,
          keystore_format: state.keystoreFormat,
          acquisition_key_known: inCollection ? hostKey !== null : null,
          is_acquisition_key: isAcquisitionKey,
          days_before_acquisition:
            isAcquisitionKey === true && lastConnection !== null && acquired !== null ? daysBetween(lastConnection, acquired.at) : null,
        }, originOf(text.digest, { kind: 'line', line: key.line }), [{ at: lastConnection, meaning: 'last connected' }]);
      }
    });
  },
};
