/**
 * Recent SQLite operations from `dumpsys dbinfo`: the database paths name the app that
 * owns them, and the statements show what it did and when.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseDbinfo } from './parsers/dumpsys-dbinfo.js';
import { isoFromLocal, zoneLabel } from './parsers/local-time.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

export const dumpsysDbinfoExtractor: Extractor = {
  id: 'dbinfo',
  title: 'Recent database operations (dumpsys dbinfo)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'dbinfo', function* ({ text, lines }) {
      for (const op of parseDbinfo(lines)) {
        const components = [...new Set([op.path, op.poolPath].flatMap((p) => (p ? p.split('/') : [])).filter((c) => c !== ''))];
        yield makeRecord('dbinfo', {
          action: op.action,
          sql: op.sql,
          path: op.path,
          pool_path: op.poolPath,
          path_components: components,
          process_name: op.processName,
          pid: op.pid,
          duration_ms: op.durationMs,
          status: op.status,
          time_local: op.local,
          local_time_zone: zoneLabel(text.zone),
        }, originOf(text.digest, { kind: 'line', line: op.line }), [{ at: isoFromLocal(op.local, text.zone), meaning: 'executed' }]);
      }
    });
  },
};
