import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { sysdiagnoseFiles, type ProcessSpec } from '../../../../test/builders/sysdiagnose.js';
import { sysdiagnosePsExtractor } from './ps.js';
import { splitCommand } from './process-command.js';
import { SYSDIAGNOSE_RULES } from '../../../detection/rules/sysdiagnose.js';
import { Detector } from '../../../detection/engine.js';
import { loadIndicatorSet } from '../../../indicators/load.js';
import type { ArtifactRecord } from '../../types.js';

const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

/** Pegasus and Predator running, a folder named after a Pegasus process, and near-misses. */
const PLANTED_PROCESSES: ProcessSpec[] = [
  { pid: 701, ppid: 1, user: 'root', uid: 0, command: `${STAGING}/roleaccountd` },
  { pid: 702, ppid: 1, user: 'root', uid: 0, command: '/private/var/tmp/UserEventAgent' },
  { pid: 703, command: '/private/var/mobile/Library/msgacntd/agent --quiet' },
  // Near-misses: one letter longer than Pegasus's `bh`, a folder beside Predator's.
  { pid: 704, command: '/usr/libexec/bhx' },
  { pid: 705, command: '/private/var/tmp2/x' },
];

function tree(ps?: string) {
  return sysdiagnoseFiles({ processes: PLANTED_PROCESSES, ...(ps === undefined ? {} : { files: { 'ps.txt': ps } }) });
}

function byPid(records: ArtifactRecord[], pid: number): ArtifactRecord | undefined {
  return records.find((record) => record.fields['pid'] === pid);
}

describe('splitCommand', () => {
  it('ends an app executable at its bundle name, even with spaces, and keeps the arguments', () => {
    expect(splitCommand('/private/var/containers/Bundle/Application/U/My Notes.app/My Notes -AppleLanguages (fr)')).toEqual({
      process: 'My Notes',
      executable_path: '/private/var/containers/Bundle/Application/U/My Notes.app/My Notes',
      executable_folder: '/private/var/containers/Bundle/Application/U/My Notes.app',
      arguments: '-AppleLanguages (fr)',
    });
    expect(splitCommand('/usr/bin/sysdiagnose -u -A x')).toEqual({
      process: 'sysdiagnose',
      executable_path: '/usr/bin/sysdiagnose',
      executable_folder: '/usr/bin',
      arguments: '-u -A x',
    });
    expect(splitCommand('kernel_task')).toEqual({ process: 'kernel_task', executable_path: null, executable_folder: null, arguments: null });
    expect(splitCommand('   ')).toEqual({ process: null, executable_path: null, executable_folder: null, arguments: null });
  });
});

describe('sysdiagnose ps.txt extractor', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(SYSDIAGNOSE_RULES, await loadIndicatorSet({ includeShipped: true }));
  });

  it('reads every process with its columns and splits its command', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnosePsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['process'])).toEqual([
      'kernel_task', 'launchd', 'SpringBoard', 'mDNSResponder', 'lockdownd', 'installd', 'Signal', 'My Notes', 'sysdiagnose_helper', 'sysdiagnose',
      'roleaccountd', 'UserEventAgent', 'agent', 'bhx', 'x',
    ]);
    const pegasus = byPid(records, 701);
    expect(pegasus?.artifact).toBe('sysdiagnose_ps');
    expect(pegasus?.fields).toEqual({
      user: 'root',
      uid: 0,
      persona: '-',
      pid: 701,
      ppid: 1,
      flags: '4004',
      cpu_percent: 0,
      memory_percent: 0.1,
      priority: '31',
      nice: 0,
      virtual_size: 410_871_296,
      resident_size: 15_216,
      wait_channel: '-',
      terminal: '??',
      state: 'Ss',
      started: '10:02AM',
      cpu_time: '0:00.12',
      command: `${STAGING}/roleaccountd`,
      process: 'roleaccountd',
      executable_path: `${STAGING}/roleaccountd`,
      executable_folder: STAGING,
      arguments: null,
    });
    expect(pegasus?.times).toEqual([]);
    expect(pegasus?.origin.path).toBe('ps.txt');
    expect(pegasus?.origin.locator).toEqual({ kind: 'line', line: 12 });
    expect(pegasus?.origin.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(byPid(records, 455)?.fields['executable_path']).toBe(
      '/private/var/containers/Bundle/Application/8F0A2B4C-6D8E-4F01-A2B3-C4D5E6F70819/My Notes.app/My Notes',
    );
    expect(byPid(records, 0)?.fields['executable_path']).toBeNull();
  });

  it('flags Pegasus and Predator, the staging folders, and not the near-misses or an ordinary phone', async () => {
    const { records } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnosePsExtractor);
    const findings = records.flatMap((record) => detector.inspect(record)).map((f) => [f.rule.id, f.matched.value, f.severity, f.confidence, f.indicator?.malware ?? null]);
    expect(findings).toEqual([
      ['ios.sysdiagnose-ps.process', 'roleaccountd', 'critical', 'high', 'Pegasus'],
      ['ios.sysdiagnose-ps.temporary-folder', `${STAGING}/roleaccountd`, 'medium', 'low', null],
      ['ios.sysdiagnose-ps.file-path', '/private/var/tmp/UserEventAgent', 'critical', 'high', 'Predator'],
      ['ios.sysdiagnose-ps.temporary-folder', '/private/var/tmp/UserEventAgent', 'medium', 'low', null],
      ['ios.sysdiagnose-ps.process-in-path', '/private/var/mobile/Library/msgacntd', 'critical', 'medium', 'Pegasus'],
    ]);
  });

  it('reports lines that do not fit the columns and reads the others', async () => {
    const ps = [
      'USER   UID PRSNA   PID  PPID        F  %CPU %MEM PRI NI      VSZ    RSS WCHAN    TT  STAT STARTED      TIME COMMAND',
      'root     0     -     1     0     4004   0.0  0.1  31  0 408000000   4016 -        ??  Ss   10:02AM   0:00.12 /sbin/launchd',
      'root     0     -     2',
      'root     0     -   abc     0     4004   0.0  0.1  31  0 408000000   4016 -        ??  Ss   10:02AM   0:00.12 /usr/libexec/x',
      'root     0     -     3     0     4004   0.0  0.1  31  0 408000000   4016 -        ??  Ss   10:02AM   0:00.12',
      '',
      'mobile 501     -    40     1     4004   0.0  0.1  31  0 408000000   4016 -        ??  Ss   10:02AM   0:00.12 /usr/libexec/y',
    ].join('\n');
    const { records, issues } = await extractFromTree(tree(ps), 'ios-sysdiagnose', sysdiagnosePsExtractor);
    expect(records.map((r) => [r.fields['pid'], r.fields['command'], r.origin.locator])).toEqual([
      [1, '/sbin/launchd', { kind: 'line', line: 2 }],
      [40, '/usr/libexec/y', { kind: 'line', line: 7 }],
    ]);
    expect(issues).toEqual([
      { code: 'corrupt', path: 'ps.txt', message: '3 line(s) of ps.txt do not fit the ps columns (first: line 3); the other processes were read' },
    ]);
  });

  it('refuses a file that is not a ps table', async () => {
    const { records, issues } = await extractFromTree(tree('total 0\nnot a process list\n'), 'ios-sysdiagnose', sysdiagnosePsExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { code: 'unsupported-schema', path: 'ps.txt', message: 'unsupported schema: ps.txt does not start with a ps header naming PID and ending in COMMAND' },
    ]);
  });
});
