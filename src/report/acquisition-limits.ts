/**
 * What each kind of acquisition cannot show, said plainly (honest coverage). The sentences
 * live in the report's language catalogues (i18n/limits.*.ts); coverage.json keeps English.
 */
import type { AcquisitionKind } from '../acquisition/source.js';
import { LIMITS_EN } from './i18n/limits.en.js';

export function acquisitionLimits(kind: AcquisitionKind): string[] {
  return [...LIMITS_EN[kind]];
}
