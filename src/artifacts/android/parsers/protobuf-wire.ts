/**
 * A minimal reader of the protocol buffers wire format (varint, 64-bit, length-delimited,
 * 32-bit fields), enough to read a known message by field number without generated code.
 * Every read is bounds-checked; a malformed buffer throws instead of reading past its end.
 */

export type WireValue =
  | { wire: 'varint'; value: bigint }
  | { wire: 'fixed64'; value: bigint }
  | { wire: 'bytes'; value: Uint8Array }
  | { wire: 'fixed32'; value: number };

export interface WireField {
  number: number;
  value: WireValue;
}

export class ProtobufError extends Error {}

const MAX_DEPTH = 32;

function readVarint(bytes: Uint8Array, start: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let at = start; at < bytes.length && shift < 70n; at += 1) {
    const byte = bytes[at] ?? 0;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: BigInt.asUintN(64, value), next: at + 1 };
    shift += 7n;
  }
  throw new ProtobufError('truncated or over-long varint');
}

/** The fields of one message, in the order they appear. */
export function readFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    at = key.next;
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (number === 0) throw new ProtobufError('field number 0');
    switch (wireType) {
      case 0: {
        const varint = readVarint(bytes, at);
        at = varint.next;
        fields.push({ number, value: { wire: 'varint', value: varint.value } });
        break;
      }
      case 1: {
        if (at + 8 > bytes.length) throw new ProtobufError('truncated 64-bit field');
        const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
        fields.push({ number, value: { wire: 'fixed64', value: view.getBigUint64(0, true) } });
        at += 8;
        break;
      }
      case 2: {
        const length = readVarint(bytes, at);
        at = length.next;
        const end = at + Number(length.value);
        if (length.value > BigInt(bytes.length) || end > bytes.length) throw new ProtobufError('truncated length-delimited field');
        fields.push({ number, value: { wire: 'bytes', value: bytes.subarray(at, end) } });
        at = end;
        break;
      }
      case 5: {
        if (at + 4 > bytes.length) throw new ProtobufError('truncated 32-bit field');
        const view = new DataView(bytes.buffer, bytes.byteOffset + at, 4);
        fields.push({ number, value: { wire: 'fixed32', value: view.getUint32(0, true) } });
        at += 4;
        break;
      }
      default:
        throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

/** Typed access to the fields of one message. */
export class Message {
  readonly fields: WireField[];

  constructor(bytes: Uint8Array, readonly depth = 0) {
    if (depth > MAX_DEPTH) throw new ProtobufError('messages nested too deeply');
    this.fields = readFields(bytes);
  }

  private all(number: number): WireValue[] {
    return this.fields.filter((f) => f.number === number).map((f) => f.value);
  }

  /** The last occurrence wins, as protobuf parsers do for singular fields. */
  private last(number: number): WireValue | undefined {
    const values = this.all(number);
    return values[values.length - 1];
  }

  string(number: number): string | null {
    const value = this.last(number);
    return value?.wire === 'bytes' ? Buffer.from(value.value).toString('utf8') : null;
  }

  strings(number: number): string[] {
    return this.all(number).flatMap((v) => (v.wire === 'bytes' ? [Buffer.from(v.value).toString('utf8')] : []));
  }

  uint(number: number): bigint | null {
    const value = this.last(number);
    if (value?.wire === 'varint' || value?.wire === 'fixed64') return value.value;
    if (value?.wire === 'fixed32') return BigInt(value.value);
    return null;
  }

  /** An int32/int64 field (two's complement in a varint). */
  int(number: number): bigint | null {
    const value = this.uint(number);
    return value === null ? null : BigInt.asIntN(64, value);
  }

  bool(number: number): boolean | null {
    const value = this.uint(number);
    return value === null ? null : value !== 0n;
  }

  message(number: number): Message | null {
    const value = this.last(number);
    return value?.wire === 'bytes' ? new Message(value.value, this.depth + 1) : null;
  }

  messages(number: number): Message[] {
    return this.all(number).flatMap((v) => (v.wire === 'bytes' ? [new Message(v.value, this.depth + 1)] : []));
  }
}
