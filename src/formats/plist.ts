/**
 * Property-list values as extractors see them, decoded from binary (bplist00) or XML.
 * Dates become Date, data becomes Buffer, keyed-archiver references become PlistUid.
 */
export class PlistUid {
  constructor(readonly uid: number) {}
}

export type PlistValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Buffer
  | PlistUid
  | null
  | PlistValue[]
  | { [key: string]: PlistValue };

export type PlistDict = { [key: string]: PlistValue };

export function isPlistDict(value: PlistValue | undefined): value is PlistDict {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value) &&
    !(value instanceof PlistUid)
  );
}
