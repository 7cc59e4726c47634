/**
 * Decodes an NSKeyedArchiver object graph (already decoded from its plist) into plain values.
 *
 * An archive is `{ $archiver, $version, $top, $objects }`: every object lives once in
 * `$objects` and refers to others by UID (an index into `$objects`); dictionaries there
 * carry `$class`, a UID of a `{ $classname, $classes }` record. Foundation collections,
 * strings, data, dates and NSNull become their natural values; any other class becomes a
 * dict of its decoded fields plus `$class: <classname>`.
 *
 * Shared objects are decoded once and shared in the output; cycles, runaway depth and graphs
 * whose expansion would explode a consumer that walks them are refused.
 */
import { ExhibitError } from '../errors.js';
import { isPlistDict, PlistUid, type PlistDict, type PlistValue } from './plist.js';
import { setPlistKey } from './plist-decode.js';
import { MAC_EPOCH_OFFSET } from './time.js';

export const MAX_ARCHIVE_DEPTH = 256;
/** Most values the decoded root may expand to when shared objects are counted per use. */
export const MAX_ARCHIVE_EXPANDED = 4_000_000;

const DICTIONARY_CLASSES = new Set(['NSDictionary', 'NSMutableDictionary']);
const LIST_CLASSES = new Set([
  'NSArray',
  'NSMutableArray',
  'NSSet',
  'NSMutableSet',
  'NSOrderedSet',
  'NSMutableOrderedSet',
]);
const DATA_CLASSES = new Set(['NSData', 'NSMutableData']);
const STRING_CLASSES = new Set(['NSString', 'NSMutableString']);
const KNOWN_CLASSES = new Set([
  ...DICTIONARY_CLASSES,
  ...LIST_CLASSES,
  ...DATA_CLASSES,
  ...STRING_CLASSES,
  'NSDate',
  'NSNull',
]);

function invalid(detail: string): ExhibitError {
  return new ExhibitError('PLIST_INVALID', `The keyed archive is malformed: ${detail}.`);
}

/** A decoded value with the number of values it expands to, shared objects counted per use. */
interface Decoded {
  value: PlistValue;
  weight: number;
}

/** Decodes an NSKeyedArchiver archive, starting at `$top.root` (or the whole `$top` without one). */
export function decodeKeyedArchive(value: PlistValue): PlistValue {
  if (!isPlistDict(value)) throw invalid('it is not a dictionary');
  if (value['$archiver'] !== 'NSKeyedArchiver') throw invalid('$archiver is not NSKeyedArchiver');
  const objects = value['$objects'];
  const top = value['$top'];
  if (!Array.isArray(objects)) throw invalid('$objects is not an array');
  if (!isPlistDict(top)) throw invalid('$top is not a dictionary');
  const decoder = new ArchiveDecoder(objects);
  const root = top['root'];
  const decoded = decoder.field(root === undefined ? top : root, 0);
  if (decoded.weight > MAX_ARCHIVE_EXPANDED) throw invalid('it expands to too many values');
  return decoded.value;
}

class ArchiveDecoder {
  private readonly done = new Map<number, Decoded>();
  private readonly active = new Set<number>();

  constructor(private readonly objects: readonly PlistValue[]) {}

  /** A value as it appears in a field: a reference, an inline container or a primitive. */
  field(value: PlistValue, depth: number): Decoded {
    if (depth > MAX_ARCHIVE_DEPTH) throw invalid('it is nested too deeply');
    if (value instanceof PlistUid) return this.reference(value.uid, depth + 1);
    if (Array.isArray(value)) return this.list(value, depth);
    if (isPlistDict(value)) return this.plainDict(value, depth);
    return { value, weight: 1 };
  }

  private reference(index: number, depth: number): Decoded {
    const cached = this.done.get(index);
    if (cached) return cached;
    if (this.active.has(index)) throw invalid(`object ${index} refers back to itself`);
    const object = this.objects[index];
    if (object === undefined) throw invalid(`UID ${index} is outside $objects`);
    this.active.add(index);
    const decoded = this.object(object, depth);
    this.active.delete(index);
    if (decoded.weight > MAX_ARCHIVE_EXPANDED) throw invalid('it expands to too many values');
    this.done.set(index, decoded);
    return decoded;
  }

  private object(object: PlistValue, depth: number): Decoded {
    if (object === '$null') return { value: null, weight: 1 };
    if (!isPlistDict(object)) return this.field(object, depth);
    const classRef = object['$class'];
    if (classRef === undefined) return this.plainDict(object, depth);
    if (!(classRef instanceof PlistUid)) throw invalid('$class is not a UID');
    const { name, kind } = this.className(classRef.uid);
    if (DICTIONARY_CLASSES.has(kind)) return this.dictionary(object, depth);
    if (LIST_CLASSES.has(kind)) return this.list(this.array(object, 'NS.objects'), depth);
    if (DATA_CLASSES.has(kind)) return this.data(object, depth);
    if (STRING_CLASSES.has(kind)) return this.string(object, depth);
    if (kind === 'NSDate') return this.date(object);
    if (kind === 'NSNull') return { value: null, weight: 1 };
    return this.instance(object, name, depth);
  }

  /**
   * The class name, and the Foundation class to decode it as: the name itself when known,
   * otherwise the nearest known ancestor in `$classes` (private subclasses such as
   * `__NSCFDictionary`), otherwise the name.
   */
  private className(index: number): { name: string; kind: string } {
    const record = this.objects[index];
    if (!isPlistDict(record)) throw invalid(`class record ${index} is not a dictionary`);
    const name = record['$classname'];
    if (typeof name !== 'string') throw invalid(`class record ${index} has no $classname`);
    if (KNOWN_CLASSES.has(name)) return { name, kind: name };
    const chain = record['$classes'];
    const known = Array.isArray(chain)
      ? chain.find((entry): entry is string => typeof entry === 'string' && KNOWN_CLASSES.has(entry))
      : undefined;
    return { name, kind: known ?? name };
  }

  private array(object: PlistDict, key: string): PlistValue[] {
    const value = object[key];
    if (!Array.isArray(value)) throw invalid(`${key} is missing or not an array`);
    return value;
  }

  private list(items: readonly PlistValue[], depth: number): Decoded {
    let weight = 1;
    const value = items.map((item) => {
      const decoded = this.field(item, depth + 1);
      weight += decoded.weight;
      return decoded.value;
    });
    return { value, weight };
  }

  private dictionary(object: PlistDict, depth: number): Decoded {
    const keys = this.array(object, 'NS.keys');
    const values = this.array(object, 'NS.objects');
    if (keys.length !== values.length) throw invalid('NS.keys and NS.objects differ in length');
    const value: PlistDict = {};
    let weight = 1;
    keys.forEach((keyRef, i) => {
      const key = this.field(keyRef, depth + 1).value;
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'bigint') {
        throw invalid('a dictionary key is neither a string nor a number');
      }
      const decoded = this.field(values[i] ?? null, depth + 1);
      weight += decoded.weight + 1;
      setPlistKey(value, String(key), decoded.value);
    });
    return { value, weight };
  }

  private plainDict(object: PlistDict, depth: number): Decoded {
    const value: PlistDict = {};
    let weight = 1;
    for (const [key, field] of Object.entries(object)) {
      const decoded = this.field(field, depth + 1);
      weight += decoded.weight;
      setPlistKey(value, key, decoded.value);
    }
    return { value, weight };
  }

  private data(object: PlistDict, depth: number): Decoded {
    const raw = object['NS.data'];
    const value = raw === undefined ? undefined : this.field(raw, depth + 1).value;
    if (!Buffer.isBuffer(value)) throw invalid('NS.data is missing or not data');
    return { value, weight: 1 };
  }

  private string(object: PlistDict, depth: number): Decoded {
    const raw = object['NS.string'];
    if (raw !== undefined) {
      const value = this.field(raw, depth + 1).value;
      if (typeof value !== 'string') throw invalid('NS.string is not a string');
      return { value, weight: 1 };
    }
    // Some archivers store the UTF-8 bytes instead.
    const bytes = object['NS.bytes'];
    if (Buffer.isBuffer(bytes)) return { value: bytes.toString('utf8'), weight: 1 };
    throw invalid('an NSString has neither NS.string nor NS.bytes');
  }

  private date(object: PlistDict): Decoded {
    const time = object['NS.time'];
    const seconds = typeof time === 'bigint' ? Number(time) : time;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw invalid('NS.time is not a number');
    return { value: new Date((seconds + MAC_EPOCH_OFFSET) * 1000), weight: 1 };
  }

  private instance(object: PlistDict, name: string, depth: number): Decoded {
    const value: PlistDict = {};
    let weight = 1;
    for (const [key, field] of Object.entries(object)) {
      if (key === '$class') continue;
      const decoded = this.field(field, depth + 1);
      weight += decoded.weight;
      setPlistKey(value, key, decoded.value);
    }
    setPlistKey(value, '$class', name);
    return { value, weight };
  }
}
