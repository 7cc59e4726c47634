/**
 * WhatsApp "LIDs": since 2024 WhatsApp files many chats under an opaque `<digits>@lid`
 * identity instead of the phone-number JID `<digits>@s.whatsapp.net`. The phone number
 * behind a LID is kept in ZWAPHONENUMBERLIDPAIR (LID.sqlite, or ChatStorage.sqlite in some
 * versions) and in ContactsV2.sqlite's ZWAADDRESSBOOKCONTACT (ZLID beside ZWHATSAPPID).
 * Without it, an analyst sees "123456789012345@lid" where the person's number should be.
 */
import { posix } from 'node:path';
import type { Source } from '../../acquisition/source.js';
import type { Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase } from '../../formats/sqlite.js';
import { sqlText } from '../../formats/sql-values.js';
import { pathsFor } from '../locate.js';
import { APP_GROUP_CONTAINERS } from './device-paths.js';

/** LID digits → phone digits (no '+', no JID suffix). */
export type LidPhones = Map<string, string>;

export const WHATSAPP_GROUP_DOMAINS = [
  'AppDomainGroup-group.net.whatsapp.WhatsApp.shared',
  // WhatsApp Business keeps the same files in its own app group.
  'AppDomainGroup-group.net.whatsapp.WhatsAppSMB.shared',
] as const;

/**
 * The folders WhatsApp's shared databases sit in. On the device an app group is a container
 * named by a UUID, so WhatsApp's (and WhatsApp Business's) is recognised by its files' names.
 */
export const WHATSAPP_GROUP_FOLDERS = {
  'ios-backup': WHATSAPP_GROUP_DOMAINS,
  'ios-fs': [APP_GROUP_CONTAINERS],
} as const satisfies Extractor['paths'];

/** The files named `names` in every WhatsApp folder, per acquisition kind. */
export function whatsappFilePaths(names: readonly string[]): { 'ios-backup': string[]; 'ios-fs': string[] } {
  const inEach = (folders: readonly string[]): string[] => folders.flatMap((folder) => names.map((name) => `${folder}/${name}`));
  return { 'ios-backup': inEach(WHATSAPP_GROUP_FOLDERS['ios-backup']), 'ios-fs': inEach(WHATSAPP_GROUP_FOLDERS['ios-fs']) };
}

/** The distinct folders of some files, in the files' order. */
export function foldersOf(paths: Iterable<string>): string[] {
  return [...new Set([...paths].map((path) => posix.dirname(path)))];
}

function beforeAt(value: string): string {
  const at = value.indexOf('@');
  return (at < 0 ? value : value.slice(0, at)).trim();
}

/** Records one pair; values may be bare digits or JIDs, with or without '+'. */
export function addLidPair(map: LidPhones, lid: string | null, phone: string | null): void {
  if (!lid || !phone) return;
  const key = beforeAt(lid);
  const digits = beforeAt(phone).replace(/^\+/, '');
  if (key !== '' && /^\d+$/.test(digits) && !map.has(key)) map.set(key, digits);
}

/** `+<digits>` for a `<digits>@lid` identifier whose phone number is known, else null. */
export function resolveLid(map: LidPhones, identifier: string | null): string | null {
  if (!identifier || !identifier.toLowerCase().endsWith('@lid')) return null;
  const digits = map.get(beforeAt(identifier));
  return digits === undefined ? null : `+${digits}`;
}

/** Pairs of a ZWAPHONENUMBERLIDPAIR table, when the database has a readable one. */
export function lidPairsOf(db: SqliteDatabase, map: LidPhones): void {
  const table = findTable(db, 'ZWAPHONENUMBERLIDPAIR');
  if (!table) return;
  const columns = columnSet(db, table);
  if (!columns.has('zlid') || !columns.has('zphonenumber')) return;
  for (const row of db.iterate(`SELECT "ZLID" AS lid, "ZPHONENUMBER" AS phone FROM ${quoteIdent(table)} ORDER BY rowid`)) {
    addLidPair(map, sqlText(row['lid']), sqlText(row['phone']));
  }
}

/** Pairs from ContactsV2.sqlite: a contact's ZLID beside its ZWHATSAPPID (or ZPHONENUMBER). */
export function contactLidPairsOf(db: SqliteDatabase, map: LidPhones): void {
  const table = findTable(db, 'ZWAADDRESSBOOKCONTACT');
  if (!table) return;
  const columns = columnSet(db, table);
  if (!columns.has('zlid')) return;
  const phone = columns.has('zwhatsappid') ? '"ZWHATSAPPID"' : columns.has('zphonenumber') ? '"ZPHONENUMBER"' : null;
  if (!phone) return;
  for (const row of db.iterate(`SELECT "ZLID" AS lid, ${phone} AS phone FROM ${quoteIdent(table)} WHERE "ZLID" IS NOT NULL ORDER BY rowid`)) {
    addLidPair(map, sqlText(row['lid']), sqlText(row['phone']));
  }
}

/**
 * The LID → phone map of the WhatsApp app groups in a Source, for artifacts of other apps
 * (interactionC) that name WhatsApp contacts by LID. Best effort: a damaged or absent
 * WhatsApp database leaves LIDs unresolved here and is reported by the WhatsApp extractors
 * themselves, so it is not reported twice.
 */
export async function loadWhatsAppLidPhones(source: Source): Promise<LidPhones> {
  const map: LidPhones = new Map();
  const readers = [
    ['LID.sqlite', lidPairsOf],
    ['ContactsV2.sqlite', contactLidPairsOf],
  ] as const;
  const found = pathsFor(WHATSAPP_GROUP_FOLDERS, source).flatMap((folder) =>
    readers.flatMap(([name]) => source.find(`${folder}/${name}`).map((entry) => entry.path)),
  );
  for (const folder of foldersOf(found)) {
    for (const [name, read] of readers) {
      const path = `${folder}/${name}`;
      if (source.stat(path)?.type !== 'file' || !source.hasContent(path)) continue;
      let opened;
      try {
        opened = await source.openSqlite(path);
      } catch {
        continue;
      }
      try {
        read(opened.db, map);
      } catch {
        // Reported by the whatsapp / whatsapp_contacts extractors.
      } finally {
        opened.db.close();
      }
    }
  }
  return map;
}
