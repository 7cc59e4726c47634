import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { sysdiagnoseFiles } from '../../../../test/builders/sysdiagnose.js';
import { sysdiagnosePsThreadExtractor } from './ps-thread.js';
import { SYSDIAGNOSE_RULES } from '../../../detection/rules/sysdiagnose.js';
import { Detector } from '../../../detection/engine.js';
import { loadIndicatorSet } from '../../../indicators/load.js';

const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

function tree(psThread?: string) {
  return sysdiagnoseFiles({
    processes: [
      { pid: 701, user: 'root', uid: 0, command: `${STAGING}/roleaccountd`, extraThreads: 5 },
      { pid: 704, command: '/usr/libexec/bhx', extraThreads: 0 },
    ],
    ...(psThread === undefined ? {} : { files: { 'ps_thread.txt': psThread } }),
  });
}

describe('sysdiagnose ps_thread.txt extractor', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(SYSDIAGNOSE_RULES, await loadIndicatorSet({ includeShipped: true }));
  });

  it('yields one record per process with its thread count', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnosePsThreadExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['pid'], r.fields['process'], r.fields['threads']])).toEqual([
      [0, 'kernel_task', 4],
      [1, 'launchd', 3],
      [34, 'SpringBoard', 5],
      [70, 'mDNSResponder', 2],
      [98, 'lockdownd', 2],
      [212, 'installd', 2],
      [430, 'Signal', 2],
      [455, 'My Notes', 2],
      [612, 'sysdiagnose_helper', 2],
      [640, 'sysdiagnose', 2],
      [701, 'roleaccountd', 6],
      [704, 'bhx', 1],
    ]);
    const pegasus = records[10];
    expect(pegasus?.artifact).toBe('sysdiagnose_ps_thread');
    expect(pegasus?.fields).toEqual({
      user: 'root',
      pid: 701,
      terminal: '??',
      cpu_percent: 0,
      state: 'S',
      priority: '31T',
      system_time: '0:00.05',
      user_time: '0:00.02',
      command: `${STAGING}/roleaccountd`,
      process: 'roleaccountd',
      executable_path: `${STAGING}/roleaccountd`,
      executable_folder: STAGING,
      arguments: null,
      threads: 6,
    });
    // Header, 10 ordinary processes with 16 further thread lines, then the planted process line.
    expect(pegasus?.origin.locator).toEqual({ kind: 'line', line: 28 });
  });

  it('flags the Pegasus process in the thread list too, and not the near-miss', async () => {
    const { records } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnosePsThreadExtractor);
    const findings = records.flatMap((record) => detector.inspect(record)).map((f) => [f.rule.id, f.artifact, f.matched.value]);
    expect(findings).toEqual([
      ['ios.sysdiagnose-ps.process', 'sysdiagnose_ps_thread', 'roleaccountd'],
      ['ios.sysdiagnose-ps.temporary-folder', 'sysdiagnose_ps_thread', `${STAGING}/roleaccountd`],
    ]);
  });

  it('reports thread lines with no process above them and damaged process lines', async () => {
    const text = [
      'USER                PID   TT   %CPU STAT PRI     STIME     UTIME COMMAND',
      '                      9         0.0 S    20T   0:00.00   0:00.00 ',
      'root                  1   ??    0.0 S    31T   0:00.05   0:00.02 /sbin/launchd',
      '                      1         0.0 S    20T   0:00.00   0:00.00 ',
      'root               abc   ??    0.0 S    31T   0:00.05   0:00.02 /usr/libexec/broken',
      '                    abc         0.0 S    20T   0:00.00   0:00.00 ',
      'mobile               40   ??    0.0 S    31T   0:00.05   0:00.02 /usr/libexec/y',
    ].join('\n');
    const { records, issues } = await extractFromTree(tree(text), 'ios-sysdiagnose', sysdiagnosePsThreadExtractor);
    expect(records.map((r) => [r.fields['pid'], r.fields['threads']])).toEqual([
      [1, 2],
      [40, 1],
    ]);
    expect(issues).toEqual([
      { code: 'corrupt', path: 'ps_thread.txt', message: '3 line(s) of ps_thread.txt do not fit the ps columns (first: line 2); the other processes were read' },
    ]);
  });
});
