import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { sysdiagnoseFiles, timeZoneOf, type LogLineSpec } from '../../../../test/builders/sysdiagnose.js';
import { sysdiagnoseMobileActivationExtractor } from './mobile-activation.js';
import { parseDaemonLog } from './daemon-log.js';
import { SYSDIAGNOSE_RULES } from '../../../detection/rules/sysdiagnose.js';
import { Detector } from '../../../detection/engine.js';
import { loadIndicatorSet } from '../../../indicators/load.js';

const PATH = 'logs/MobileActivation/mobileactivationd.log';

const PLANTED: LogLineSpec[] = [
  { at: '2026-01-01T20:00:00', function: 'handle_deactivate', message: 'Deactivating device' },
  { at: '2026-01-01T20:00:05', function: 'handle_activate', message: 'Activation request sent to https://albert.apple.com/deviceservices/deviceActivation' },
  { at: '2026-01-01T20:00:09', function: 'setActivationState', message: 'Activation state changed from Unactivated to Activated' },
  { at: '2026-01-01T20:01:00', function: 'copyAccountInfo', message: 'Account nonbaguette@yahoo.com attached' },
  // Near-miss: an address one letter short of Triangulation's.
  { at: '2026-01-01T20:01:01', function: 'copyAccountInfo', message: 'Account nonbaguette@yahoo.co attached' },
  { at: '2026-01-01T20:02:00', level: 'Error', function: 'copyDeviceClass', message: 'Device class: iPhone' },
  'Garbage',
];

describe('daemon log lines', () => {
  it('split a line into time, pid, level, thread, function and message', () => {
    const log = parseDaemonLog(
      [
        'Tue Jan  2 10:11:12 2024 [95] <Notice>: (0x16f0a7000) handle_activate: Activating',
        'Tue Jan  2 10:11:13 2024 [123] <notice> (0x16b8c7000) -[MIClientConnection installURL:withOptions:completion:]: Install Successful for (a.b)',
        'Tue Jan  2 10:11:14.250 2024 [7] <Error>: plain message: with colon',
        'Tue Feb 31 10:11:14 2024 [7] <Error>: impossible date',
      ].join('\n'),
    );
    expect(log.entries.map((e) => [e.line, e.wall.text, e.pid, e.level, e.thread, e.function, e.message])).toEqual([
      [1, '2024-01-02T10:11:12', 95, 'notice', '0x16f0a7000', 'handle_activate', 'Activating'],
      [2, '2024-01-02T10:11:13', 123, 'notice', '0x16b8c7000', '-[MIClientConnection installURL:withOptions:completion:]', 'Install Successful for (a.b)'],
      [3, '2024-01-02T10:11:14.250000', 7, 'error', null, null, 'plain message: with colon'],
    ]);
    expect(log.badLines).toEqual([4]);
  });
});

describe('sysdiagnose mobileactivationd extractor', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(SYSDIAGNOSE_RULES, await loadIndicatorSet({ includeShipped: true }));
  });

  it('keeps activation events, states and entries naming an address, in UTC', async () => {
    const { records, issues } = await extractFromTree(sysdiagnoseFiles({ activationLog: PLANTED }), 'ios-sysdiagnose', sysdiagnoseMobileActivationExtractor, {
      timeZone: timeZoneOf('-0800'),
    });
    expect(records.map((r) => [r.fields['kind'], r.fields['activation_state'], r.times[0]?.at])).toEqual([
      ['activation-state', 'Activated', '2026-01-02T15:59:01.000000Z'],
      ['deactivation', null, '2026-01-02T04:00:00.000000Z'],
      ['activation', null, '2026-01-02T04:00:05.000000Z'],
      ['activation-state', 'Activated', '2026-01-02T04:00:09.000000Z'],
      ['mention', null, '2026-01-02T04:01:00.000000Z'],
      ['mention', null, '2026-01-02T04:01:01.000000Z'],
    ]);
    expect(issues).toEqual([
      { code: 'corrupt', path: PATH, message: `1 line(s) of ${PATH} are not log entries (first: line 11); the other entries were read` },
    ]);
    expect(records[2]?.artifact).toBe('sysdiagnose_mobile_activation');
    expect(records[2]?.fields).toEqual({
      kind: 'activation',
      activation_state: null,
      urls: ['https://albert.apple.com/deviceservices/deviceActivation'],
      emails: [],
      pid: 95,
      level: 'notice',
      function: 'handle_activate',
      message: 'Activation request sent to https://albert.apple.com/deviceservices/deviceActivation',
      local_time: '2026-01-01T20:00:05',
      time_zone: '-0800',
    });
    expect(records[2]?.origin.locator).toEqual({ kind: 'line', line: 6 });
    expect(records[4]?.fields['emails']).toEqual(['nonbaguette@yahoo.com']);
  });

  it('converts with a zone east of UTC', async () => {
    const { records } = await extractFromTree(sysdiagnoseFiles({ activationLog: PLANTED }), 'ios-sysdiagnose', sysdiagnoseMobileActivationExtractor, {
      timeZone: timeZoneOf('+0530'),
    });
    expect(records[1]?.times).toEqual([{ at: '2026-01-01T14:30:00.000000Z', meaning: 'recorded' }]);
  });

  it('flags an operator address, not a near-miss nor Apple\'s activation server', async () => {
    const { records } = await extractFromTree(sysdiagnoseFiles({ activationLog: PLANTED }), 'ios-sysdiagnose', sysdiagnoseMobileActivationExtractor, {
      timeZone: timeZoneOf('+0100'),
    });
    const findings = records.flatMap((record) => detector.inspect(record)).map((f) => [f.rule.id, f.matched.value, f.severity, f.indicator?.malware ?? null]);
    expect(findings).toEqual([['ios.sysdiagnose-activation.email', 'nonbaguette@yahoo.com', 'high', 'OperationTriangulation']]);
  });
});
