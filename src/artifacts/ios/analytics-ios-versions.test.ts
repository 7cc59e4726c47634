import { describe, expect, it } from 'vitest';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildKeychainAnalyticsDb } from '../../../test/builders/ios/keychain-analytics-db.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { analyticsIosVersionsExtractor } from './analytics-ios-versions.js';

const DIR = 'private/var/Keychains/Analytics';
/** 2021-07-14T10:00:00Z in Unix seconds. */
const T0 = 1_626_256_800;
const DAY = 86_400;

describe('analytics_ios_versions extractor', () => {
  it('gives each build once, at its earliest event across every store, in time order', async () => {
    const tree = fsDumpTree({
      nodes: [
        {
          path: `${DIR}/keychain.db`,
          content: buildKeychainAnalyticsDb({
            events: [
              { table: 'hard_failures', timestamp: T0 + 3 * DAY, data: { build: '18G69' } },
              { table: 'soft_failures', timestamp: T0 + DAY, data: { build: '18F72' } },
              { table: 'all_events', timestamp: T0 + 2 * DAY, data: { build: '18F72', version: '14.6' } },
              // No build, no time, or an unreadable blob: nothing to place on the timeline.
              { table: 'all_events', timestamp: T0, data: { process: 'securityd' } },
              { table: 'all_events', timestamp: null, data: { build: '17A577' } },
              { table: 'all_events', timestamp: T0, data: Buffer.from('junk') },
            ],
          }),
        },
        {
          path: `${DIR}/trust.db`,
          content: buildKeychainAnalyticsDb({ withoutAllEvents: true, events: [{ table: 'soft_failures', timestamp: T0 - 978_307_200 + 4 * DAY, data: { build: '18G69' } }, { table: 'hard_failures', timestamp: T0 + 10 * DAY, data: { build: '19A346', version: '15.0' } }] }),
        },
        { path: `${DIR}/unknown.db`, content: sqliteBytes((db) => db.exec('CREATE TABLE t (x)')) },
      ],
    });
    const { records, issues } = await extractFromTree(tree, 'ios-fs', analyticsIosVersionsExtractor);
    expect(records.map((r) => [r.fields, r.times, r.origin.path, r.origin.locator])).toEqual([
      [
        { build: '18F72', version: '14.6', first_seen: '2021-07-15T10:00:00.000000Z', db_name: 'keychain.db', table: 'soft_failures', events: 2 },
        [{ at: '2021-07-15T10:00:00.000000Z', meaning: 'first seen' }],
        `${DIR}/keychain.db`,
        { kind: 'sqlite', table: 'soft_failures', rowid: '1' },
      ],
      [
        { build: '18G69', version: null, first_seen: '2021-07-17T10:00:00.000000Z', db_name: 'keychain.db', table: 'hard_failures', events: 2 },
        [{ at: '2021-07-17T10:00:00.000000Z', meaning: 'first seen' }],
        `${DIR}/keychain.db`,
        { kind: 'sqlite', table: 'hard_failures', rowid: '1' },
      ],
      [
        { build: '19A346', version: '15.0', first_seen: '2021-07-24T10:00:00.000000Z', db_name: 'trust.db', table: 'hard_failures', events: 1 },
        [{ at: '2021-07-24T10:00:00.000000Z', meaning: 'first seen' }],
        `${DIR}/trust.db`,
        { kind: 'sqlite', table: 'hard_failures', rowid: '1' },
      ],
    ]);
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['unsupported-schema', `${DIR}/unknown.db`, 'unsupported schema: no hard_failures, soft_failures or all_events table (tables: t)'],
    ]);
  });
});
