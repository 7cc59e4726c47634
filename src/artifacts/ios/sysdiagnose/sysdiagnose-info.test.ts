import { describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { sysdiagnoseFiles } from '../../../../test/builders/sysdiagnose.js';
import { sysdiagnoseInfoExtractor } from './sysdiagnose-info.js';

describe('sysdiagnose info extractor', () => {
  it('reads the iOS version and the name the sysdiagnose log gives, with its time', async () => {
    const tree = sysdiagnoseFiles({ takenAt: '2025-06-01T05:00:00', zone: '+0530', build: '22F76', productVersion: '18.5' });
    const { records, issues } = await extractFromTree(tree, 'ios-sysdiagnose', sysdiagnoseInfoExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.artifact, r.origin.path, r.origin.locator, r.fields, r.times])).toEqual([
      [
        'sysdiagnose_info',
        'logs/SystemVersion/SystemVersion.plist',
        { kind: 'plist', keyPath: [] },
        { kind: 'system-version', product_name: 'iPhone OS', product_version: '18.5', build: '22F76', sysdiagnose_name: null, time_zone: null, taken_at: null },
        [],
      ],
      [
        'sysdiagnose_info',
        'sysdiagnose.log',
        { kind: 'line', line: 2 },
        {
          kind: 'sysdiagnose-log',
          product_name: null,
          product_version: null,
          build: '22F76',
          sysdiagnose_name: 'sysdiagnose_2025.06.01_05-00-00+0530_iPhone-OS_iPhone_22F76',
          time_zone: '+0530',
          taken_at: '2025-05-31T23:30:00.000000Z',
        },
        [{ at: '2025-05-31T23:30:00.000000Z', meaning: 'sysdiagnose taken' }],
      ],
    ]);
  });

  it('yields nothing for a log that names no sysdiagnose, and reports a damaged SystemVersion.plist', async () => {
    const files = { 'sysdiagnose.log': 'started\nsysdiagnose_2025.02.30_10-00-00+0100 is not a date\n', 'logs/SystemVersion/SystemVersion.plist': 'not a plist' };
    const { records, issues } = await extractFromTree(sysdiagnoseFiles({ files }), 'ios-sysdiagnose', sysdiagnoseInfoExtractor);
    expect(records).toEqual([]);
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([['corrupt', 'logs/SystemVersion/SystemVersion.plist']]);
  });
});
