import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const KASPERSKY_TRIANGLE_CHECK = 'https://github.com/KasperskyLab/triangle_check';

export const osAnalyticsAdDailyRules: Rule[] = [
  {
    id: 'ios.os_analytics_ad_daily.process',
    version: 1,
    type: 'indicator',
    artifacts: ['os_analytics_ad_daily'],
    fields: ['process', 'proc_bundle'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process appears in the daily network baseline',
    explanation:
      'com.apple.osanalytics.addaily.plist holds a network-usage baseline for "{record.name_raw}" (dated {record.baseline_date}), whose name "{value}" matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: [
      'Some published process names are also legitimate iOS daemons (Triangulation\'s BackupAgent ran as a legitimate name on old iOS); weigh the other findings.',
    ],
    references: [KASPERSKY_TRIANGLE_CHECK, AMNESTY_METHODOLOGY],
  },
];
