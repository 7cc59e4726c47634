/**
 * System properties: androidqf's getprop.txt (`aqf_get_prop`) and the SYSTEM PROPERTIES
 * block of a bugreport's main entry (`dumpsys_get_prop`). Property names are checked
 * against Android property indicators; the security patch level is compared with the date
 * of the acquisition (never with today's date, so the result does not drift).
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseGetprop, type Property } from './parsers/getprop.js';
import { androidqfDate, daysBetween, type ReferenceDate } from './device-context.js';
import { readTextInput } from './read-input.js';

export const SECURITY_PATCH = 'ro.build.version.security_patch';

function patchFields(property: Property, reference: ReferenceDate | null): RecordFields {
  if (property.name !== SECURITY_PATCH) return {};
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(property.value.trim());
  const age = valid && reference ? daysBetween(`${property.value.trim()}T00:00:00Z`, reference.at) : null;
  return {
    patch_age_days: age,
    reference_date: reference?.at ?? null,
    reference_date_from: reference?.from ?? null,
  };
}

export function* readProperties(
  artifact: 'aqf_get_prop' | 'dumpsys_get_prop',
  properties: readonly Property[],
  digest: FileDigest,
  reference: ReferenceDate | null,
): Generator<ArtifactRecord> {
  for (const property of properties) {
    yield makeRecord(artifact, { name: property.name, value: property.value, ...patchFields(property, reference) }, originOf(digest, { kind: 'line', line: property.line }));
  }
}

export const aqfGetpropExtractor: Extractor = {
  id: 'aqf_get_prop',
  title: 'System properties (androidqf getprop.txt)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': ['getprop.txt'] },
  async *extract(source: Source, context: ExtractContext) {
    const input = await readTextInput(source, 'getprop.txt', context);
    if (!input) return;
    const { properties, unparsed } = parseGetprop(input.text);
    if (unparsed.length > 0) context.issue({ code: 'corrupt', path: input.path, message: `${unparsed.length} line(s) are not [name]: [value] properties (first: line ${unparsed[0]}); the others were read` });
    yield* readProperties('aqf_get_prop', properties, input.digest, await androidqfDate(source));
  },
};
