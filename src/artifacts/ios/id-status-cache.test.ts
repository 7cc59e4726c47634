import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { idStatusCachePlist } from '../../../test/builders/ios/system-plists.js';
import { idStatusCacheExtractor } from './id-status-cache.js';
import { idStatusCacheRules } from '../../detection/rules/id-status-cache.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const OLD_PATH = 'Library/Preferences/com.apple.identityservices.idstatuscache.plist';
const NEW_PATH = 'Library/IdentityServices/idstatuscache.plist';

/** Mac-absolute seconds of 2021-07-14T09:55:00.5Z, minutes before Amnesty's `bh` entries. */
const LOOKUP = 1_626_256_500.5 - 978_307_200;

const ENTRIES = [
  { service: 'com.apple.madrid', uri: 'mailto:bergers.o79@gmail.com', idStatus: 1, lookupDate: LOOKUP },
  { service: 'com.apple.madrid', uri: 'mailto:Bergers.O79@gmail.com.evil', idStatus: 2, lookupDate: LOOKUP + 60 },
  { service: 'com.apple.madrid', uri: 'tel:+15555550123', idStatus: 2, lookupDate: LOOKUP + 120 },
  { service: 'com.apple.private.alloy.facetime.multi', uri: "mailto:'TRAVISLONG544@YAHOO.COM'", idStatus: 1, lookupDate: LOOKUP + 180 },
  { service: 'com.apple.private.alloy.facetime.multi', uri: 'mailto:friend@example.org\u0000\u0000x', idStatus: 1, lookupDate: LOOKUP + 240 },
];

describe('id_status_cache extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  it('yields one record per service and handle, with NULs escaped', async () => {
    const { records, issues } = await extractFromBackup(
      { files: [{ domain: 'HomeDomain', relativePath: OLD_PATH, content: idStatusCachePlist(ENTRIES, { version: 2 }) }] },
      idStatusCacheExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['service'], r.fields['uri']])).toEqual([
      ['com.apple.madrid', 'mailto:Bergers.O79@gmail.com.evil'],
      ['com.apple.madrid', 'mailto:bergers.o79@gmail.com'],
      ['com.apple.madrid', 'tel:+15555550123'],
      ['com.apple.private.alloy.facetime.multi', "mailto:'TRAVISLONG544@YAHOO.COM'"],
      ['com.apple.private.alloy.facetime.multi', 'mailto:friend@example.org\\x00\\x00x'],
    ]);
    expect(records[1]!.fields).toEqual({
      service: 'com.apple.madrid',
      uri: 'mailto:bergers.o79@gmail.com',
      kind: 'email',
      email: 'bergers.o79@gmail.com',
      id_status: 1,
      lookup_date: '2021-07-14T09:55:00.500000Z',
      has_double_nul: false,
      nul_count: 0,
    });
    expect(records[1]!.times).toEqual([{ at: '2021-07-14T09:55:00.500000Z', meaning: 'looked up' }]);
    expect(records[1]!.origin).toMatchObject({
      path: `HomeDomain/${OLD_PATH}`,
      stored: '6b/6b97989189901ceaa4e5be9b7f05fb584120e27b',
      locator: { kind: 'plist', keyPath: ['com.apple.madrid', 'mailto:bergers.o79@gmail.com'] },
    });
    expect(records[2]!.fields).toMatchObject({ kind: 'phone', email: null, id_status: 2 });
    expect(records[3]!.fields['email']).toBe('TRAVISLONG544@YAHOO.COM');
    expect(records[4]!.fields).toMatchObject({ email: 'friend@example.org\\x00\\x00x', has_double_nul: true, nul_count: 2 });
    expect(records[4]!.origin.locator).toEqual({
      kind: 'plist',
      keyPath: ['com.apple.private.alloy.facetime.multi', 'mailto:friend@example.org\u0000\u0000x'],
    });
  });

  it('raises the e-mail indicator case-insensitively and the NUL heuristic without indicators', async () => {
    const { records } = await extractFromBackup(
      { files: [{ domain: 'HomeDomain', relativePath: NEW_PATH, content: idStatusCachePlist(ENTRIES) }] },
      idStatusCacheExtractor,
    );
    expect(records).toHaveLength(5);
    const detector = new Detector(idStatusCacheRules, index);
    const fired = records.flatMap((r) => detector.inspect(r).map((f) => [f.rule.id, f.matched.value, f.severity, f.indicator?.malware ?? null]));
    expect(fired).toEqual([
      ['ios.id_status_cache.email', 'bergers.o79@gmail.com', 'critical', 'Pegasus'],
      ['ios.id_status_cache.email', 'TRAVISLONG544@YAHOO.COM', 'critical', 'OperationTriangulation'],
      ['ios.id_status_cache.double-nul', 'mailto:friend@example.org\\x00\\x00x', 'high', null],
    ]);

    const empty = await loadIndicatorSet({ includeShipped: false });
    const bare = new Detector(idStatusCacheRules, empty);
    expect(records.flatMap((r) => bare.inspect(r).map((f) => f.rule.id))).toEqual(['ios.id_status_cache.double-nul']);
  });

  it('reads both locations, keeps entries without details and skips non-dictionary services', async () => {
    const odd = binaryPlist({ 'com.apple.madrid': { 'mailto:x@example.org': 'odd', 'tel:+1': {} }, version: 2 });
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { domain: 'HomeDomain', relativePath: OLD_PATH, content: odd },
          // XML cannot hold NUL bytes, so only the binary form carries the odd handles.
          { domain: 'HomeDomain', relativePath: NEW_PATH, content: idStatusCachePlist([ENTRIES[0]!], {}, 'xml') },
        ],
      },
      idStatusCacheExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['uri'], r.fields['id_status'], r.fields['lookup_date']])).toEqual([
      [`HomeDomain/${NEW_PATH}`, 'mailto:bergers.o79@gmail.com', 1, '2021-07-14T09:55:00.500000Z'],
      [`HomeDomain/${OLD_PATH}`, 'mailto:x@example.org', null, null],
      [`HomeDomain/${OLD_PATH}`, 'tel:+1', null, null],
    ]);
    expect(records[1]!.times).toEqual([]);
  });

  it('reports a root that is not a dictionary and a corrupt file as issues', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { domain: 'HomeDomain', relativePath: OLD_PATH, content: binaryPlist(['a']) },
          { domain: 'HomeDomain', relativePath: NEW_PATH, content: Buffer.from('bplist00garbage') },
        ],
      },
      idStatusCacheExtractor,
    );
    expect(records).toEqual([]);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'corrupt', path: `HomeDomain/${NEW_PATH}` });
    expect(issues[1]).toEqual({
      code: 'unsupported-schema',
      path: `HomeDomain/${OLD_PATH}`,
      message: 'unsupported schema: the plist root is not a dictionary',
    });
  });
});
