import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { crashReport109, crashReport309, jetsamReport, sysdiagnoseFiles } from '../../../../test/builders/sysdiagnose.js';
import { sysdiagnoseCrashReportsExtractor } from './crash-reports.js';
import { SYSDIAGNOSE_RULES } from '../../../detection/rules/sysdiagnose.js';
import { Detector } from '../../../detection/engine.js';
import { loadIndicatorSet } from '../../../indicators/load.js';
import type { ArtifactRecord } from '../../types.js';

const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

function tree() {
  return sysdiagnoseFiles({
    crashReports: [
      // Pegasus's `bh` crashing in India (+0530).
      {
        file: 'bh-2026-01-01-234510.ips',
        content: crashReport309({
          timestamp: '2026-01-01 23:45:10.00 +0530',
          procName: 'bh',
          procPath: `${STAGING}/bh`,
          pid: 811,
          parentProc: 'launchd',
          responsibleProc: 'bh',
          incidentId: 'B0B0B0B0-1111-4222-8333-444455556666',
        }),
      },
      // An iOS 14 text report of Predator's binary, in California (-0800).
      {
        file: 'UserEventAgent-2021-07-14-021112.ips',
        content: crashReport109({ timestamp: '2021-07-14 02:11:12.00 -0800', procName: 'UserEventAgent', procPath: '/private/var/tmp/UserEventAgent', pid: 77, coalitionName: 'com.apple.UserEventAgent' }),
      },
      // A jetsam report, in a subfolder, that saw a Pegasus process alive.
      { file: 'Retired/JetsamEvent-2026-01-01-120000.ips', content: jetsamReport('2026-01-01 12:00:00.00 +0100', ['SpringBoard', 'roleaccountd', 'bhx']) },
      // Near-miss: one letter longer than `bh`.
      { file: 'bhx-2026-01-02-080000.ips', content: crashReport309({ timestamp: '2026-01-02 08:00:00.00 +0100', procName: 'bhx', procPath: '/usr/libexec/bhx' }) },
      { file: 'broken.ips', content: 'not a header\n{}\n' },
      { file: 'truncated.ips', content: '{"bug_type":"309","timestamp":"2026-01-02 09:00:00.00 +0100","name":"Maps"}\n{"procName": "Maps", "procPa' },
      { file: 'notes.txt', content: 'not a report\n' },
      // An iOS 14 app report: its Identifier is the bundle id, one the app-id rule knows.
      { file: 'Activity-2021-07-14-030000.ips', content: crashReport109({ timestamp: '2021-07-14 03:00:00.00 -0800', procName: 'Activity', procPath: '/private/var/containers/Bundle/Application/C/Activity.app/Activity', bundleId: 'com.gu.activity' }) },
    ],
  });
}

function named(records: ArtifactRecord[], file: string): ArtifactRecord | undefined {
  return records.find((record) => record.fields['file_name'] === file);
}

describe('sysdiagnose crash reports extractor', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(SYSDIAGNOSE_RULES, await loadIndicatorSet({ includeShipped: true }));
  });

  it('reads JSON and text reports, at any depth, with their own offsets', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnoseCrashReportsExtractor);
    expect(records.map((r) => [r.origin.path, r.fields['bug_type_name'], r.times[0]?.at])).toEqual([
      ['crashes_and_spins/Activity-2021-07-14-030000.ips', 'crash', '2021-07-14T11:00:00.000000Z'],
      ['crashes_and_spins/JetsamEvent-2026-01-02-093000.ips', 'jetsam (memory pressure)', '2026-01-02T08:30:00.000000Z'],
      ['crashes_and_spins/Retired/JetsamEvent-2026-01-01-120000.ips', 'jetsam (memory pressure)', '2026-01-01T11:00:00.000000Z'],
      ['crashes_and_spins/Signal-2026-01-02-091500.ips', 'crash', '2026-01-02T08:15:00.000000Z'],
      ['crashes_and_spins/UserEventAgent-2021-07-14-021112.ips', 'crash', '2021-07-14T10:11:12.000000Z'],
      ['crashes_and_spins/bh-2026-01-01-234510.ips', 'crash', '2026-01-01T18:15:10.000000Z'],
      ['crashes_and_spins/bhx-2026-01-02-080000.ips', 'crash', '2026-01-02T07:00:00.000000Z'],
      ['crashes_and_spins/truncated.ips', 'crash', '2026-01-02T08:00:00.000000Z'],
    ]);
    expect(issues).toEqual([
      { code: 'corrupt', path: 'crashes_and_spins/broken.ips', message: 'crashes_and_spins/broken.ips does not start with a JSON header line; it was skipped' },
      { code: 'corrupt', path: 'crashes_and_spins/truncated.ips', message: 'the body of crashes_and_spins/truncated.ips is not valid JSON; only its header was read' },
    ]);

    const bh = named(records, 'bh-2026-01-01-234510.ips');
    expect(bh?.artifact).toBe('sysdiagnose_crash_reports');
    expect(bh?.fields).toEqual({
      file_name: 'bh-2026-01-01-234510.ips',
      bug_type: '309',
      bug_type_name: 'crash',
      report_name: 'bh',
      app_name: 'bh',
      bundle_id: null,
      process: 'bh',
      pid: 811,
      executable_path: `${STAGING}/bh`,
      executable_folder: STAGING,
      parent_process: 'launchd',
      parent_pid: 1,
      responsible_process: 'bh',
      coalition: null,
      exception_type: 'EXC_BAD_ACCESS',
      os_version: 'iPhone OS 26.1 (23B85)',
      incident_id: 'B0B0B0B0-1111-4222-8333-444455556666',
      listed_processes: [],
    });
    expect(bh?.times).toEqual([{ at: '2026-01-01T18:15:10.000000Z', meaning: 'recorded' }]);
    expect(bh?.origin.locator).toEqual({ kind: 'file' });

    expect(named(records, 'UserEventAgent-2021-07-14-021112.ips')?.fields).toEqual({
      file_name: 'UserEventAgent-2021-07-14-021112.ips',
      bug_type: '109',
      bug_type_name: 'crash',
      report_name: 'UserEventAgent',
      app_name: 'UserEventAgent',
      bundle_id: null,
      process: 'UserEventAgent',
      pid: 77,
      executable_path: '/private/var/tmp/UserEventAgent',
      executable_folder: '/private/var/tmp',
      parent_process: 'launchd',
      parent_pid: 1,
      responsible_process: null,
      coalition: 'com.apple.UserEventAgent',
      exception_type: 'EXC_CRASH (SIGKILL)',
      os_version: 'iPhone OS 14.6 (18F72)',
      incident_id: '0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0',
      listed_processes: [],
    });
    expect(named(records, 'JetsamEvent-2026-01-01-120000.ips')?.fields['listed_processes']).toEqual(['SpringBoard', 'bhx', 'roleaccountd']);
    expect(named(records, 'Signal-2026-01-02-091500.ips')?.fields['bundle_id']).toBe('org.whispersystems.signal');
    expect(named(records, 'truncated.ips')?.fields['report_name']).toBe('Maps');
  });

  it('flags bh, Predator\'s path, a spyware app and a Pegasus process seen by jetsam, not bhx', async () => {
    const { records } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnoseCrashReportsExtractor);
    const findings = records.flatMap((record) => detector.inspect(record)).map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity]);
    expect(findings).toEqual([
      ['ios.sysdiagnose-crash.app-id', 'bundle_id', 'com.gu.activity', 'critical'],
      ['ios.sysdiagnose-crash.listed-process', 'listed_processes', 'roleaccountd', 'critical'],
      ['ios.sysdiagnose-crash.file-path', 'executable_path', '/private/var/tmp/UserEventAgent', 'critical'],
      ['ios.sysdiagnose-crash.temporary-folder', 'executable_path', '/private/var/tmp/UserEventAgent', 'medium'],
      ['ios.sysdiagnose-crash.process', 'process', 'bh', 'critical'],
      ['ios.sysdiagnose-crash.temporary-folder', 'executable_path', `${STAGING}/bh`, 'medium'],
    ]);
  });
});
