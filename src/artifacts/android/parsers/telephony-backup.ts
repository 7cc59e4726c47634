/**
 * SMS and MMS as the telephony provider backs them up (`adb backup
 * com.android.providers.telephony`): `apps/com.android.providers.telephony/d_f/NNNNNN_sms_backup`
 * and `…_mms_backup`, each a zlib-compressed JSON array. SMS `date` is in milliseconds;
 * MMS `date` is in SECONDS (the MMS provider's unit) — reading both as milliseconds, as
 * MVT does, puts every MMS in January 1970.
 */
import { inflateSync } from 'node:zlib';
import { isObject, strings, text, type JsonObject } from './json-values.js';

export type TelephonyKind = 'sms' | 'mms';

export function telephonyKindOf(path: string): TelephonyKind | null {
  if (/_sms_backup$/.test(path)) return 'sms';
  if (/_mms_backup$/.test(path)) return 'mms';
  return null;
}

/** Inflates a backup file; refuses to expand past maxBytes. */
export function inflateTelephonyBackup(bytes: Uint8Array, maxBytes: number): Buffer {
  return inflateSync(bytes, { maxOutputLength: maxBytes });
}

export interface TelephonyMessage {
  kind: TelephonyKind;
  index: number;
  address: string | null;
  /** Every address: SMS `address`, MMS `mms_addresses[].address`, and `recipients`. */
  addresses: string[];
  body: string | null;
  /** Unix milliseconds (SMS) or seconds (MMS) as written. */
  date: string | null;
  dateSent: string | null;
  /** 'received', 'sent', 'draft', 'outbox', 'failed', 'queued' or null. */
  box: string | null;
  read: boolean | null;
  subject: string | null;
}

/** SMS `type` / MMS `msg_box` (Telephony.TextBasedSmsColumns / BaseMmsColumns). */
const BOXES: Record<string, string> = { '1': 'received', '2': 'sent', '3': 'draft', '4': 'outbox', '5': 'failed', '6': 'queued' };

function readFlag(object: JsonObject, key: string): boolean | null {
  const value = text(object, key);
  return value === null ? null : value === '1' || value === 'true';
}

/** Text of an MMS: `mms_body`, or the text parts some versions list in `parts`. */
function mmsBody(object: JsonObject): string | null {
  const body = text(object, 'mms_body');
  if (body !== null) return body;
  const parts = object['parts'];
  if (!Array.isArray(parts)) return null;
  const texts = parts.filter(isObject).map((part) => text(part, 'text')).filter((t): t is string => t !== null);
  return texts.length > 0 ? texts.join('\n') : null;
}

export function readTelephonyMessage(kind: TelephonyKind, value: unknown, index: number): TelephonyMessage | null {
  if (!isObject(value)) return null;
  const addresses: string[] = [];
  const address = text(value, 'address');
  if (address !== null) addresses.push(address);
  if (Array.isArray(value['mms_addresses'])) {
    for (const entry of value['mms_addresses']) if (isObject(entry)) {
      const a = text(entry, 'address');
      if (a !== null && a !== 'insert-address-token') addresses.push(a);
    }
  }
  addresses.push(...strings(value['recipients']));
  const box = text(value, kind === 'sms' ? 'type' : 'msg_box');
  return {
    kind,
    index,
    address: address ?? addresses[0] ?? null,
    addresses: [...new Set(addresses)],
    body: kind === 'sms' ? text(value, 'body') : mmsBody(value),
    date: text(value, 'date'),
    dateSent: text(value, 'date_sent'),
    box: box === null ? null : (BOXES[box] ?? box),
    read: readFlag(value, 'read'),
    subject: kind === 'mms' ? text(value, 'sub') : text(value, 'subject'),
  };
}
