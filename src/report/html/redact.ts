/**
 * Redaction for a report that can be shared: phone numbers, e-mail addresses, serial
 * numbers, IMEI / ICCID / UDID identifiers and message text are replaced by a mask, by
 * field name (a `handle`, a message `text`) and by pattern in every other string. The
 * matched values of findings are kept wherever they appear: they are the evidence, and
 * an attacker's address is not the person's private data.
 */
import type { FieldValue, RecordFields } from '../../artifacts/types.js';

export const MASK = '▮▮▮';

/** Fields holding what people wrote. */
const MESSAGE_TEXT = new Set(['text', 'subject', 'body', 'message', 'message_text', 'snippet', 'caption', 'attributed_body']);

/** Fields holding a person's or a device's identifier, whole. */
const IDENTIFIERS = new Set([
  'handle', 'handles', 'phone', 'phone_number', 'phone_numbers', 'number', 'caller_id', 'destination_caller_id',
  'email', 'emails', 'account', 'apple_id', 'imei', 'meid', 'iccid', 'imsi', 'msisdn', 'serial', 'serial_number',
  'udid', 'uri', 'participants', 'contact', 'jid', 'remote_jid',
]);
const IDENTIFIER_PART = /(^|_)(phone|email|imei|iccid|imsi|meid|msisdn|udid|serial|handle|jid)s?($|_)/;
/** Row ids and counters that merely contain an identifier's name. */
const NOT_IDENTIFIER = /_(id|pk|count|type|source)$/;

/** Device-information keys that identify a model, not a phone. Everything else is masked. */
const DEVICE_SAFE = new Set([
  'productType', 'productName', 'productVersion', 'buildVersion', 'model', 'manufacturer', 'brand', 'platform',
  'osVersion', 'androidVersion', 'securityPatch', 'sdk',
]);

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
const URI_IDENTIFIER = /\b(?:tel|sms|facetime|facetime-audio):[^\s,;"'<>]+/gi;
const PHONE = /(?<![\w+])\+\d[\d ().-]{6,}\d/g;
const ICCID = /\b89\d{16,18}\b/g;
const FIFTEEN_DIGITS = /\b\d{15}\b/g;
const UDID = /\b[0-9A-F]{8}-[0-9A-F]{16}\b/gi;

/** IMEIs end with a Luhn check digit; other 15-digit numbers are left alone. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RedactionInput {
  /** Identifiers of this acquisition (UDID, serial, IMEI, phone number…), masked wherever they appear. */
  known: readonly string[];
  /** Matched values of findings: never masked. */
  keep: readonly string[];
}

export interface Redactor {
  readonly active: boolean;
  text(value: string): string;
  fields(fields: RecordFields): RecordFields;
  device(device: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

export const NO_REDACTION: Redactor = {
  active: false,
  text: (value) => value,
  fields: (fields) => fields,
  device: (device) => ({ ...device }),
};

/** The identifying strings of a device description, for `RedactionInput.known`. */
export function deviceIdentifiers(device: Readonly<Record<string, unknown>>): string[] {
  const known: string[] = [];
  for (const [key, value] of Object.entries(device)) {
    if (DEVICE_SAFE.has(key) || typeof value !== 'string' || value.trim().length < 4) continue;
    known.push(value.trim());
    // A phone number also appears written without its spaces and dashes.
    if (/^\+?[\d\s().-]+$/.test(value)) {
      const compact = value.replace(/[\s().-]/g, '');
      if (compact !== value && compact.length >= 4) known.push(compact);
    }
  }
  return known;
}

export function isRedactedField(name: string): 'text' | 'identifier' | null {
  const lower = name.toLowerCase();
  if (MESSAGE_TEXT.has(lower)) return 'text';
  if (IDENTIFIERS.has(lower)) return 'identifier';
  if (!NOT_IDENTIFIER.test(lower) && IDENTIFIER_PART.test(lower)) return 'identifier';
  return null;
}

export function createRedactor(input: RedactionInput): Redactor {
  const keep = new Set(input.keep.filter((value) => value !== ''));
  const known = [...new Set(input.known.filter((value) => value.length >= 4))].sort((a, b) => b.length - a.length);
  const knownPattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'gi') : null;

  const kept = (value: string): boolean => keep.has(value);
  const masker = (match: string): string => (kept(match) ? match : MASK);

  function text(value: string): string {
    if (value === '' || kept(value)) return value;
    let out = value;
    if (knownPattern) out = out.replace(knownPattern, masker);
    out = out.replace(URI_IDENTIFIER, (match) => {
      const colon = match.indexOf(':');
      return kept(match) || kept(match.slice(colon + 1)) ? match : `${match.slice(0, colon + 1)}${MASK}`;
    });
    out = out.replace(EMAIL, masker);
    out = out.replace(PHONE, masker);
    out = out.replace(ICCID, masker);
    out = out.replace(FIFTEEN_DIGITS, (match) => (luhnValid(match) && !kept(match) ? MASK : match));
    out = out.replace(UDID, masker);
    return out;
  }

  function whole(value: FieldValue): FieldValue {
    if (value === null || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((item: string) => (kept(item) ? item : MASK));
    const asText = String(value);
    if (asText === '' || kept(asText)) return value;
    // `mailto:x@y` and `tel:+33…` keep their scheme when the rest is a kept value.
    const colon = asText.indexOf(':');
    if (colon > 0 && kept(asText.slice(colon + 1))) return value;
    return MASK;
  }

  function field(name: string, value: FieldValue): FieldValue {
    if (isRedactedField(name) !== null) return whole(value);
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map((item: string) => text(item));
    return value;
  }

  return {
    active: true,
    text,
    fields(fields) {
      const out: RecordFields = {};
      for (const [name, value] of Object.entries(fields)) out[name] = field(name, value);
      return out;
    },
    device(device) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(device)) {
        out[key] = DEVICE_SAFE.has(key) || typeof value !== 'string' || value === '' ? value : MASK;
      }
      return out;
    },
  };
}
