/** Extractors of a sysdiagnose archive's own files (process lists, crash reports, logs), in run order. */
import type { Extractor } from '../../types.js';

export const SYSDIAGNOSE_EXTRACTORS: readonly Extractor[] = [
];
