/**
 * The times of the device files a bugreport copies under `FS/` (tombstones, ANR traces,
 * /proc and /data/misc files), as the bugreport zip records them, for the timeline.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { fileTimeRecords } from './file-times.js';

export const bugreportTimestampsExtractor: Extractor = {
  id: 'bugreport_timestamps',
  title: 'Times of device files in a bugreport (FS/)',
  platform: 'android',
  acquisitions: ['android-bugreport', 'android-androidqf'],
  paths: { 'android-bugreport': ['FS/**'], 'android-androidqf': ['*bugreport.zip!/FS/**'] },
  extract(source: Source, context: ExtractContext) {
    const pattern = source.kind === 'android-androidqf' ? '*bugreport.zip!/FS/**' : 'FS/**';
    return fileTimeRecords(source, context, 'bugreport_timestamps', pattern, (path) => `/${path.slice(path.indexOf('FS/') + 3)}`);
  },
};
