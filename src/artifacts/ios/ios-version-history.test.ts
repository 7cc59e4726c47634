import { describe, expect, it } from 'vitest';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { iosVersionHistoryExtractor, isoFromJournalTimestamp, splitOsVersion } from './ios-version-history.js';

const DIR = 'private/var/db/analyticsd';

function journal(header: string): string {
  return `${header}\n{"message":{"some":"payload"}}\n`;
}

describe('ios_version_history extractor', () => {
  it('reads the header of every journal, converts its local time to UTC, and goes on past a corrupt one', async () => {
    const tree = fsDumpTree({
      nodes: [
        { path: `${DIR}/Analytics-Journal-2021-03-02-101112.0001.ips`, content: journal('{"timestamp":"2021-03-02 10:11:12.00 +0100","os_version":"iPhone OS 14.4 (18D52)","bug_type":"211"}') },
        { path: `${DIR}/Analytics-Journal-2021-03-03-000000.0002.ips`, content: journal('{"timestamp":"2021-03-03 00:00:00 +0100","os_version":"iPhone OS 14.4 (18D52)"') },
        { path: `${DIR}/Analytics-Journal-2021-04-27-203000.0003.ips`, content: journal('{"timestamp":"2021-04-27 20:30:00.25 -0430","os_version":"iPhone OS 14.5 (18E199)"}') },
        { path: `${DIR}/Analytics-Journal-2021-05-01-000000.0004.ips`, content: journal('{"timestamp":"yesterday","os_version":"iPhone OS 14.5.1 (18E212)"}') },
        { path: `${DIR}/Analytics-Journal-2021-05-02-000000.0005.ips`, content: journal('{"timestamp":"2021-05-02 00:00:00 +0000"}') },
        // Near miss: not a journal.
        { path: `${DIR}/Analytics-2021-05-02.core_analytics`, content: '{"os_version":"iPhone OS 9.0 (13A344)"}\n' },
      ],
    });
    const { records, issues } = await extractFromTree(tree, 'ios-fs', iosVersionHistoryExtractor);
    expect(records.map((r) => [r.fields, r.times])).toEqual([
      [
        { os_version: 'iPhone OS 14.4 (18D52)', product: 'iPhone OS', version: '14.4', build: '18D52', timestamp_raw: '2021-03-02 10:11:12.00 +0100', journal: 'Analytics-Journal-2021-03-02-101112.0001.ips' },
        [{ at: '2021-03-02T09:11:12.000000Z', meaning: 'recorded' }],
      ],
      [
        { os_version: 'iPhone OS 14.5 (18E199)', product: 'iPhone OS', version: '14.5', build: '18E199', timestamp_raw: '2021-04-27 20:30:00.25 -0430', journal: 'Analytics-Journal-2021-04-27-203000.0003.ips' },
        [{ at: '2021-04-28T01:00:00.250000Z', meaning: 'recorded' }],
      ],
      [
        { os_version: 'iPhone OS 14.5.1 (18E212)', product: 'iPhone OS', version: '14.5.1', build: '18E212', timestamp_raw: 'yesterday', journal: 'Analytics-Journal-2021-05-01-000000.0004.ips' },
        [],
      ],
    ]);
    expect(records[0]?.origin).toMatchObject({ path: `${DIR}/Analytics-Journal-2021-03-02-101112.0001.ips`, locator: { kind: 'line', line: 1 } });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['corrupt', `${DIR}/Analytics-Journal-2021-03-03-000000.0002.ips`],
      ['corrupt', `${DIR}/Analytics-Journal-2021-05-01-000000.0004.ips`],
      ['unsupported-schema', `${DIR}/Analytics-Journal-2021-05-02-000000.0005.ips`],
    ]);
    expect(issues[0]?.message).toMatch(/^the first line of private\/var\/db\/analyticsd\/Analytics-Journal-2021-03-03-000000\.0002\.ips is not the journal's JSON header: /);
    expect(issues[1]?.message).toBe(
      `the header of ${DIR}/Analytics-Journal-2021-05-01-000000.0004.ips has a timestamp "yesterday" that is not "YYYY-MM-DD HH:MM:SS ±HHMM"; the version is kept without a time`,
    );
  });

  it('parses the zone of the timestamp and splits the version text', () => {
    expect(isoFromJournalTimestamp('2021-03-02 10:11:12.00 +0100')).toBe('2021-03-02T09:11:12.000000Z');
    expect(isoFromJournalTimestamp('2021-03-02 00:30:00 +0530')).toBe('2021-03-01T19:00:00.000000Z');
    expect(isoFromJournalTimestamp('2021-03-02 10:11:12.123456 -0000')).toBe('2021-03-02T10:11:12.123456Z');
    expect(isoFromJournalTimestamp('2021-03-02 10:11:12')).toBeNull();
    expect(isoFromJournalTimestamp('2021-13-02 10:11:12 +0100')).toBeNull();
    expect(splitOsVersion('iPhone OS 14.4 (18D52)')).toEqual({ product: 'iPhone OS', version: '14.4', build: '18D52' });
    expect(splitOsVersion('iOS 17.5.1 (21F90)')).toEqual({ product: 'iOS', version: '17.5.1', build: '21F90' });
    expect(splitOsVersion('something else')).toEqual({ product: null, version: null, build: null });
  });
});
