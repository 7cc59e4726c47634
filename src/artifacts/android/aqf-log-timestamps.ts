/**
 * The times of the device logs androidqf copies into `logs/` (uiderrors.txt, ANR traces,
 * kernel logs…): when each was last written, as the collection records it, for the timeline.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { fileTimeRecords } from './file-times.js';

export const aqfLogTimestampsExtractor: Extractor = {
  id: 'aqf_log_timestamps',
  title: 'Times of copied device logs (androidqf logs/)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': ['logs/**'] },
  extract(source: Source, context: ExtractContext) {
    return fileTimeRecords(source, context, 'aqf_log_timestamps', 'logs/**', (path) => `/${path.slice('logs/'.length)}`);
  },
};
