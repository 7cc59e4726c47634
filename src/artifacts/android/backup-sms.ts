/**
 * SMS and MMS from an Android backup's telephony provider data — a standalone `.ab`, or
 * the `backup.ab` inside an androidqf collection — with the links they carry. Exploit
 * links (Predator, RCS Lab/Hermit) arrived as text messages.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, Locator } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { extractUrls } from '../../formats/urls.js';
import { isoFromUnixMillis, isoFromUnixSeconds } from '../../formats/time.js';
import { parseJsonItems } from './parsers/json-values.js';
import { inflateTelephonyBackup, readTelephonyMessage, telephonyKindOf, type TelephonyKind } from './parsers/telephony-backup.js';
import { decodeText } from './parsers/text-lines.js';
import { presentFiles } from './read-input.js';

const TELEPHONY = 'apps/com.android.providers.telephony/d_f';
const IN_BACKUP = [`${TELEPHONY}/*_sms_backup`, `${TELEPHONY}/*_mms_backup`];
const IN_COLLECTION = IN_BACKUP.map((path) => `*.ab!/${path}`);

/** Largest inflated telephony backup (a lifetime of messages is tens of MiB). */
const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

function timeOf(kind: TelephonyKind, value: string | null): string | null {
  if (value === null || !/^\d+$/.test(value) || value === '0') return null;
  // MMS times are seconds, SMS times milliseconds.
  return kind === 'mms' ? isoFromUnixSeconds(Number(value)) : isoFromUnixMillis(BigInt(value));
}

export function* readTelephonyJson(kind: TelephonyKind, json: string, digest: FileDigest): Generator<ArtifactRecord> {
  const { items, format } = parseJsonItems(json);
  for (const item of items) {
    const message = readTelephonyMessage(kind, item.value, item.index);
    if (!message) continue;
    const locator: Locator = format === 'lines' ? { kind: 'json', path: [], line: item.line ?? 0 } : { kind: 'json', path: [String(item.index)] };
    const links = [...new Set([...extractUrls(message.body), ...extractUrls(message.subject)])];
    const direction = message.box === 'received' ? 'received' : message.box === 'sent' || message.box === 'outbox' ? 'sent' : message.box;
    yield makeRecord('backup_sms', {
      kind,
      address: message.address,
      addresses: message.addresses,
      direction,
      body: message.body,
      subject: message.subject,
      links,
      read: message.read,
      date: message.date,
      date_sent: message.dateSent,
    }, originOf(digest, locator), [
      { at: timeOf(kind, message.date), meaning: direction ?? 'message date' },
      { at: timeOf(kind, message.dateSent), meaning: 'sent' },
    ]);
  }
}

/**
 * What the Source recorded about the backups it holds (a standalone `.ab` or the ones at a
 * collection's root): why one was not opened, or where its payload stopped. The messages
 * depend on it, so it is this artifact's issue too.
 */
function backupProblems(source: Source, context: ExtractContext): void {
  const problems = (source.problems?.() ?? []).filter((p) => p.path.toLowerCase().endsWith('.ab'));
  for (const problem of problems) context.issue({ code: problem.code === 'encrypted' ? 'unreadable' : problem.code === 'truncated' ? 'corrupt' : 'unreadable', path: problem.path, message: problem.message });
  if (source.kind !== 'android-androidqf') return;
  for (const entry of source.find('*.ab')) {
    if (entry.type !== 'file' || source.stat(`${entry.path}!`) || problems.some((p) => p.path === entry.path)) continue;
    context.issue({ code: 'unreadable', path: entry.path, message: `${entry.path} was not opened as an Android backup` });
  }
}

export const backupSmsExtractor: Extractor = {
  id: 'backup_sms',
  title: 'SMS and MMS in an Android backup',
  platform: 'android',
  acquisitions: ['android-backup', 'android-androidqf'],
  paths: { 'android-backup': IN_BACKUP, 'android-androidqf': [...IN_COLLECTION, '*.ab'] },
  async *extract(source: Source, context: ExtractContext) {
    const inCollection = source.kind === 'android-androidqf';
    backupProblems(source, context);
    for (const path of presentFiles(source, inCollection ? IN_COLLECTION : IN_BACKUP)) {
      const kind = telephonyKindOf(path);
      if (!kind) continue;
      try {
        const { bytes, digest } = await source.readFile(path);
        yield* readTelephonyJson(kind, decodeText(inflateTelephonyBackup(bytes, MAX_INFLATED_BYTES)), digest);
      } catch (error) {
        context.issue({ code: 'corrupt', path, message: `${path} cannot be read as a compressed JSON list of messages (${describeError(error)})` });
      }
    }
  },
};
