/**
 * What the page shows of seal.json and attestation.json. The report does not verify
 * them (`exhibit verify` does); it shows who signed and what the signed statement says.
 * A DSSE envelope ({payloadType, payload, signatures}) is found at the top of the file or
 * one level down and its payload decoded; anything else is shown as flattened JSON, so a
 * format that grows new fields still shows them.
 */
import type { EvidenceFile } from './results-folder.js';
import type { Redactor } from './redact.js';

export interface EvidenceSignature {
  keyid: string;
  sig: string;
}

export interface EvidenceEnvelope {
  payloadType: string;
  signatures: EvidenceSignature[];
  /** The decoded statement, flattened; empty when the payload is not JSON. */
  statement: Array<[string, string]>;
  /** Where in the file the envelope sits ('' for the top). */
  at: string;
}

export type EvidenceView =
  | { state: 'absent' }
  | { state: 'unreadable' }
  | { state: 'present'; envelopes: EvidenceEnvelope[]; other: Array<[string, string]> };

const MAX_ENTRIES = 400;
const MAX_VALUE = 400;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnvelope(value: unknown): value is { payloadType: string; payload: string; signatures: unknown[] } {
  return (
    isObject(value) &&
    typeof value['payloadType'] === 'string' &&
    typeof value['payload'] === 'string' &&
    Array.isArray(value['signatures'])
  );
}

/** key.path → short text, depth first, capped so a huge file cannot swamp the page. */
function flatten(value: unknown, redactor: Redactor, prefix = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (out.length >= MAX_ENTRIES) return out;
  if (Array.isArray(value)) {
    if (value.length === 0) out.push([prefix, '[]']);
    value.forEach((item, i) => flatten(item, redactor, `${prefix}[${i}]`, out));
  } else if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.push([prefix, '{}']);
    for (const [key, item] of entries) flatten(item, redactor, prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    const text = redactor.text(value === null ? 'null' : String(value));
    out.push([prefix, text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text]);
  }
  return out;
}

function decodeStatement(payload: string, redactor: Redactor): Array<[string, string]> {
  try {
    return flatten(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown, redactor);
  } catch {
    return [];
  }
}

function envelopeView(value: { payloadType: string; payload: string; signatures: unknown[] }, at: string, redactor: Redactor): EvidenceEnvelope {
  const signatures = value.signatures
    .filter(isObject)
    .map((signature) => ({
      keyid: typeof signature['keyid'] === 'string' ? signature['keyid'] : '',
      sig: typeof signature['sig'] === 'string' ? signature['sig'] : '',
    }));
  return { payloadType: value.payloadType, signatures, statement: decodeStatement(value.payload, redactor), at };
}

export function evidenceView(file: EvidenceFile, redactor: Redactor): EvidenceView {
  if (!file.present) return { state: 'absent' };
  if (!file.readable) return { state: 'unreadable' };
  const envelopes: EvidenceEnvelope[] = [];
  const rest: Record<string, unknown> = {};
  const value = file.value;
  if (isEnvelope(value)) {
    envelopes.push(envelopeView(value, '', redactor));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (isEnvelope(item)) envelopes.push(envelopeView(item, key, redactor));
      else rest[key] = item;
    }
  } else {
    return { state: 'present', envelopes: [], other: flatten(value, redactor) };
  }
  return { state: 'present', envelopes, other: flatten(rest, redactor).filter(([key]) => key !== '') };
}
