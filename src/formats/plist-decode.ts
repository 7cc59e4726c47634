/**
 * Decodes binary (bplist00) and XML property lists into PlistValue.
 *
 * Plists inside an acquisition are attacker-controlled. bplist-parser trusts its input:
 * out-of-range references silently become null, reference cycles overflow the stack and a
 * small file whose objects reference each other twice expands exponentially. So the object
 * table is checked structurally first (bounds, types, references, depth, expanded size) and
 * only a plist that passes is handed to bplist-parser. XML goes through the `plist` package
 * after a linear shape check (see checkXmlShape).
 */
import { parseBuffer, setMaxObjectCount, setMaxObjectSize, UID } from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';
import { ExhibitError } from '../errors.js';
import { PlistUid, type PlistDict, type PlistValue } from './plist.js';

/** Deepest container nesting accepted; real plists stay far below. */
export const MAX_PLIST_DEPTH = 512;
/** Most objects a binary plist's offset table may declare. */
export const MAX_PLIST_OBJECTS = 1_000_000;
/** Most values a decoded plist may expand to once shared references are copied out. */
export const MAX_PLIST_EXPANDED = 4_000_000;
/** Largest single data or string object; bounded by the input size anyway. */
const MAX_OBJECT_BYTES = 256 * 1024 * 1024;

// bplist-parser keeps its limits in module state; they are set for the whole process.
setMaxObjectCount(MAX_PLIST_OBJECTS);
setMaxObjectSize(MAX_OBJECT_BYTES);

const BPLIST_MAGIC = Buffer.from('bplist00', 'latin1');
const TRAILER_SIZE = 32;

function invalid(message: string, cause?: unknown): ExhibitError {
  return new ExhibitError('PLIST_INVALID', message, cause);
}

/** Decodes a binary or XML plist; throws ExhibitError('PLIST_INVALID') on anything malformed. */
/** Real XML plists on phones are kilobytes; 16 MiB leaves room without risking a stall. */
export const MAX_XML_PLIST_BYTES = 16 * 1024 * 1024;

export function decodePlist(bytes: Buffer): PlistValue {
  if (!Buffer.isBuffer(bytes)) throw invalid('The property list input is not a byte buffer.');
  if (bytes.length === 0) throw invalid('The property list is empty.');
  if (bytes.subarray(0, 6).toString('latin1') === 'bplist') {
    if (!bytes.subarray(0, 8).equals(BPLIST_MAGIC)) {
      throw invalid('The binary property list uses an unsupported format version (only bplist00 is supported).');
    }
    return decodeBinary(bytes);
  }
  // The XML parser costs microseconds per element; a cap keeps a hostile file from stalling a run.
  if (bytes.length > MAX_XML_PLIST_BYTES) {
    throw new ExhibitError(
      'FILE_TOO_LARGE',
      `The XML property list is ${bytes.length} bytes, more than the ${MAX_XML_PLIST_BYTES} bytes Exhibit parses.`,
    );
  }
  return decodeXml(bytes);
}

// ---------------------------------------------------------------------------------------
// Binary plists

interface BplistLayout {
  buf: Buffer;
  offsetSize: number;
  refSize: number;
  count: number;
  top: number;
  tableOffset: number;
}

function binaryInvalid(detail: string): ExhibitError {
  return invalid(`The binary property list is malformed: ${detail}.`);
}

/** Big-endian unsigned integer of 1 to 8 bytes; imprecise above 2^53, which bounds checks reject. */
function readUInt(buf: Buffer, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 256 + (buf[i] ?? 0);
  return value;
}

function readLayout(buf: Buffer): BplistLayout {
  // Header, at least one one-byte object and one offset entry, trailer.
  if (buf.length < BPLIST_MAGIC.length + 2 + TRAILER_SIZE) throw binaryInvalid('it is truncated');
  const trailer = buf.length - TRAILER_SIZE;
  const offsetSize = buf[trailer + 6] ?? 0;
  const refSize = buf[trailer + 7] ?? 0;
  const count = readUInt(buf, trailer + 8, 8);
  const top = readUInt(buf, trailer + 16, 8);
  const tableOffset = readUInt(buf, trailer + 24, 8);
  if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) {
    throw binaryInvalid('the trailer declares impossible offset or reference sizes');
  }
  if (count < 1 || count > MAX_PLIST_OBJECTS) throw binaryInvalid('the object count is out of range');
  if (top >= count) throw binaryInvalid('the top object is outside the object table');
  if (tableOffset < BPLIST_MAGIC.length + 1 || tableOffset + count * offsetSize > trailer) {
    throw binaryInvalid('the offset table lies outside the data');
  }
  return { buf, offsetSize, refSize, count, top, tableOffset };
}

function objectOffset(layout: BplistLayout, index: number): number {
  const offset = readUInt(layout.buf, layout.tableOffset + index * layout.offsetSize, layout.offsetSize);
  if (offset < BPLIST_MAGIC.length || offset >= layout.tableOffset) {
    throw binaryInvalid(`object ${index} points outside the object area`);
  }
  return offset;
}

/** Element count and where the payload starts, for the variable-length object types. */
function readCount(layout: BplistLayout, offset: number, index: number): { count: number; start: number } {
  const info = (layout.buf[offset] ?? 0) & 0x0f;
  if (info !== 0x0f) return { count: info, start: offset + 1 };
  const marker = layout.buf[offset + 1] ?? 0;
  const width = 1 << (marker & 0x0f);
  if (marker >> 4 !== 0x1 || width > 8) throw binaryInvalid(`object ${index} has a malformed length`);
  const start = offset + 2 + width;
  if (start > layout.tableOffset) throw binaryInvalid(`object ${index} is truncated`);
  return { count: readUInt(layout.buf, offset + 2, width), start };
}

function requireWithin(layout: BplistLayout, end: number, index: number): void {
  if (end > layout.tableOffset) throw binaryInvalid(`object ${index} runs past the end of the object area`);
}

function readRefs(layout: BplistLayout, start: number, count: number, index: number): number[] {
  requireWithin(layout, start + count * layout.refSize, index);
  const refs: number[] = [];
  for (let i = 0; i < count; i++) {
    const ref = readUInt(layout.buf, start + i * layout.refSize, layout.refSize);
    if (ref >= layout.count) throw binaryInvalid(`object ${index} references a missing object`);
    refs.push(ref);
  }
  return refs;
}

const PROTO_KEY = '__proto__';

/**
 * Dictionary keys must be strings; `__proto__` is refused because bplist-parser assigns keys
 * to a plain object, where that key would silently replace the prototype and vanish.
 */
function checkKey(layout: BplistLayout, keyIndex: number, dictIndex: number): void {
  const offset = objectOffset(layout, keyIndex);
  const kind = (layout.buf[offset] ?? 0) >> 4;
  if (kind !== 0x5 && kind !== 0x6) throw binaryInvalid(`dictionary ${dictIndex} has a key that is not a string`);
  const { count, start } = readCount(layout, offset, keyIndex);
  if (count !== PROTO_KEY.length) return;
  const width = kind === 0x6 ? 2 : 1;
  requireWithin(layout, start + count * width, keyIndex);
  const raw = Buffer.from(layout.buf.subarray(start, start + count * width));
  const text = width === 2 ? raw.swap16().toString('utf16le') : raw.toString('latin1');
  if (text === PROTO_KEY) throw binaryInvalid(`dictionary ${dictIndex} has a "__proto__" key`);
}

/** Validates one object's extent and returns the objects it references (keys first). */
function inspectObject(layout: BplistLayout, index: number): number[] {
  const offset = objectOffset(layout, index);
  const marker = layout.buf[offset] ?? 0;
  const kind = marker >> 4;
  const info = marker & 0x0f;
  switch (kind) {
    case 0x0: // null, false, true, fill
      if (info !== 0x0 && info !== 0x8 && info !== 0x9 && info !== 0xf) {
        throw binaryInvalid(`object ${index} has an unknown simple type`);
      }
      return [];
    case 0x1: // integer of 1, 2, 4, 8 or 16 bytes
      if (info > 4) throw binaryInvalid(`object ${index} is an integer of unsupported width`);
      requireWithin(layout, offset + 1 + (1 << info), index);
      return [];
    case 0x2: // real of 4 or 8 bytes
      if (info !== 2 && info !== 3) throw binaryInvalid(`object ${index} is a real of unsupported width`);
      requireWithin(layout, offset + 1 + (1 << info), index);
      return [];
    case 0x3: // date: 8-byte real
      if (info !== 3) throw binaryInvalid(`object ${index} is a date of unsupported width`);
      requireWithin(layout, offset + 9, index);
      return [];
    case 0x4: // data
    case 0x5: // ASCII string
    case 0x6: {
      // UTF-16 string
      const { count, start } = readCount(layout, offset, index);
      requireWithin(layout, start + count * (kind === 0x6 ? 2 : 1), index);
      return [];
    }
    case 0x8: // UID; archivers never need more than four bytes
      if (info > 3) throw binaryInvalid(`object ${index} is a UID of unsupported width`);
      requireWithin(layout, offset + 2 + info, index);
      return [];
    case 0xa: {
      const { count, start } = readCount(layout, offset, index);
      return readRefs(layout, start, count, index);
    }
    case 0xd: {
      const { count, start } = readCount(layout, offset, index);
      const refs = readRefs(layout, start, count * 2, index);
      for (const key of refs.slice(0, count)) checkKey(layout, key, index);
      return refs;
    }
    default:
      throw binaryInvalid(`object ${index} has an unsupported type 0x${kind.toString(16)}`);
  }
}

interface Frame {
  index: number;
  refs: number[];
  next: number;
}

/**
 * Walks the object graph from the top object without recursion, rejecting cycles, nesting
 * deeper than MAX_PLIST_DEPTH, and graphs that expand past MAX_PLIST_EXPANDED values (shared
 * references are cheap in the file but bplist-parser copies them out).
 */
function checkGraph(layout: BplistLayout): void {
  const OPEN = 1;
  const DONE = 2;
  const state = new Uint8Array(layout.count);
  const expanded = new Float64Array(layout.count);
  const height = new Uint16Array(layout.count);
  const stack: Frame[] = [{ index: layout.top, refs: inspectObject(layout, layout.top), next: 0 }];
  state[layout.top] = OPEN;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.refs[frame.next];
    if (child !== undefined) {
      frame.next++;
      if (state[child] === OPEN) throw binaryInvalid('it contains a reference cycle');
      if (state[child] === DONE) continue;
      if (stack.length >= MAX_PLIST_DEPTH) throw binaryInvalid('it is nested too deeply');
      state[child] = OPEN;
      stack.push({ index: child, refs: inspectObject(layout, child), next: 0 });
      continue;
    }
    let total = 1;
    let tallest = 0;
    for (const ref of frame.refs) {
      total += expanded[ref] ?? 0;
      tallest = Math.max(tallest, height[ref] ?? 0);
    }
    if (total > MAX_PLIST_EXPANDED) throw binaryInvalid('it expands to too many values');
    if (tallest + 1 > MAX_PLIST_DEPTH) throw binaryInvalid('it is nested too deeply');
    expanded[frame.index] = total;
    height[frame.index] = tallest + 1;
    state[frame.index] = DONE;
    stack.pop();
  }
}

function decodeBinary(bytes: Buffer): PlistValue {
  checkGraph(readLayout(bytes));
  let root: unknown;
  try {
    root = parseBuffer<unknown>(bytes)[0];
  } catch (error) {
    throw invalid('The binary property list could not be decoded.', error);
  }
  return fromParser(root, 0);
}

// ---------------------------------------------------------------------------------------
// Conversion of parser output

/** Sets a key as an own property, so that a key named `__proto__` stays data. */
export function setPlistKey(dict: PlistDict, key: string, value: PlistValue): void {
  Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Turns what bplist-parser or plist returned into PlistValue, copying data out of the input. */
function fromParser(value: unknown, depth: number): PlistValue {
  if (depth > MAX_PLIST_DEPTH + 1) throw invalid('The property list is nested too deeply.');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (value instanceof Date) return value;
  if (value instanceof UID) return new PlistUid(value.UID);
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map((item: unknown) => fromParser(item, depth + 1));
  if (typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source);
    // XML plists spell keyed-archiver references as <dict><key>CF$UID</key><integer>…
    const uid = source['CF$UID'];
    if (keys.length === 1 && typeof uid === 'number' && Number.isSafeInteger(uid) && uid >= 0) {
      return new PlistUid(uid);
    }
    const dict: PlistDict = {};
    for (const key of keys) setPlistKey(dict, key, fromParser(source[key], depth + 1));
    return dict;
  }
  throw invalid('The property list contains a value of an unknown type.');
}

// ---------------------------------------------------------------------------------------
// XML plists

/** Decodes the text by its byte-order mark, or by the zero bytes of UTF-16 around '<'. */
function xmlText(bytes: Buffer): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (b0 === 0xff && b1 === 0xfe) return utf16(bytes.subarray(2), false);
  if (b0 === 0xfe && b1 === 0xff) return utf16(bytes.subarray(2), true);
  if (b0 === 0x3c && b1 === 0x00) return utf16(bytes, false);
  if (b0 === 0x00 && b1 === 0x3c) return utf16(bytes, true);
  return bytes.toString('utf8');
}

function utf16(bytes: Buffer, bigEndian: boolean): string {
  if (bytes.length % 2 !== 0) throw invalid('The UTF-16 property list has an odd number of bytes.');
  const copy = Buffer.from(bytes);
  return (bigEndian ? copy.swap16() : copy).toString('utf16le');
}

const CONTAINER_TAG = /<(\/?)(?:array|dict|plist)(?=[\s/>])[^<>]*>/y;
/** What may follow '<' in well-formed XML: a name start, '/', '!' or '?'. */
const TAG_START = /[A-Za-z_:/!?]/;

/**
 * One linear pass before the parser: xmldom is quadratic on a '<' that opens no tag
 * (megabytes of '<' take minutes), and the `plist` package walks the DOM recursively. So a
 * stray '<' outside comments and CDATA is refused, and container nesting is counted
 * (container tags inside an attribute value are counted too, which only makes it stricter).
 */
function checkXmlShape(text: string): void {
  let depth = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    const skipTo = text.startsWith('<!--', at) ? '-->' : text.startsWith('<![CDATA[', at) ? ']]>' : undefined;
    if (skipTo !== undefined) {
      const end = text.indexOf(skipTo, at + 4);
      if (end === -1) throw invalid('The XML property list has an unterminated comment or CDATA section.');
      at = text.indexOf('<', end + skipTo.length);
      continue;
    }
    if (!TAG_START.test(text.charAt(at + 1))) throw invalid("The XML property list contains a stray '<'.");
    CONTAINER_TAG.lastIndex = at;
    const tag = CONTAINER_TAG.exec(text);
    if (tag) {
      if (tag[1] === '/') depth--;
      else if (!tag[0].endsWith('/>')) depth++;
      if (depth > MAX_PLIST_DEPTH) throw invalid('The XML property list is nested too deeply.');
    }
    at = text.indexOf('<', at + 1);
  }
}

function decodeXml(bytes: Buffer): PlistValue {
  const text = xmlText(bytes);
  if (!text.trimStart().startsWith('<')) {
    throw invalid('The file is neither a binary nor an XML property list.');
  }
  checkXmlShape(text);
  let parsed: unknown;
  // xmldom reports every recoverable problem on console.error; hostile input must not
  // spam the user's terminal, and the call is synchronous, so nothing else is silenced.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    parsed = parseXmlPlist(text);
  } catch (error) {
    throw invalid('The XML property list is malformed.', error);
  } finally {
    console.error = consoleError;
  }
  if (parsed === undefined) throw invalid('The XML property list holds no value.');
  return fromParser(parsed, 0);
}
