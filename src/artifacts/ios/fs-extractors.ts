/**
 * Extractors of artifacts only a file-system dump holds (the file-system walk,
 * shutdown.log, Cache.db, netusage, keychain analytics…), in run order. The backup
 * extractors that also read dumps are in the registry with their `ios-fs` paths.
 */
import type { Extractor } from '../types.js';

export const IOS_FS_EXTRACTORS: readonly Extractor[] = [
];
