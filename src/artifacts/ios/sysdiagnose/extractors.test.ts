/**
 * The sysdiagnose extractors on whole archives from the builder, opened the way `check`
 * opens them: the .tar.gz the phone writes and its extracted folder, each keeping only the
 * files extractors ask for, with the zone the archive's name gives.
 */
import { describe, expect, it } from 'vitest';
import { buildSysdiagnose, crashReport309, type SysdiagnosePackaging } from '../../../../test/builders/sysdiagnose.js';
import { tempDirs } from '../../../../test/support/temp.js';
import { openAcquisition } from '../../../acquisition/detect.js';
import { WorkingDir } from '../../../acquisition/working-dir.js';
import { contentPathsFor, extractorsFor } from '../../registry.js';
import { SYSDIAGNOSE_EXTRACTORS } from './extractors.js';
import type { ArtifactIssue, ArtifactRecord } from '../../types.js';

const temp = tempDirs();
const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

async function extractAll(packaging: SysdiagnosePackaging) {
  const path = buildSysdiagnose(
    temp(),
    {
      takenAt: '2025-12-31T22:30:00',
      zone: '-0800',
      processes: [{ pid: 701, user: 'root', uid: 0, command: `${STAGING}/roleaccountd` }],
      crashReports: [{ file: 'bh-2025-12-31-211500.ips', content: crashReport309({ timestamp: '2025-12-31 21:15:00.00 -0800', procName: 'bh', procPath: `${STAGING}/bh` }) }],
    },
    packaging,
  );
  const workDir = WorkingDir.create();
  try {
    const acquisition = await openAcquisition(path, { workDir, wanted: contentPathsFor });
    try {
      const records: ArtifactRecord[] = [];
      const issues: ArtifactIssue[] = [];
      const context = { issue: (issue: ArtifactIssue) => issues.push(issue), ...(acquisition.info.timeZone ? { timeZone: acquisition.info.timeZone } : {}) };
      for (const extractor of SYSDIAGNOSE_EXTRACTORS) for await (const record of extractor.extract(acquisition.source, context)) records.push(record);
      return { info: acquisition.info, records, issues };
    } finally {
      acquisition.source.close();
    }
  } finally {
    workDir.remove();
  }
}

function counts(records: ArtifactRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of records) out[record.artifact] = (out[record.artifact] ?? 0) + 1;
  return out;
}

describe('sysdiagnose extractors on whole archives', () => {
  it('are the ones the registry runs on a sysdiagnose', () => {
    const ids = extractorsFor('ios-sysdiagnose').map((extractor) => extractor.id);
    for (const extractor of SYSDIAGNOSE_EXTRACTORS) expect(ids).toContain(extractor.id);
  });

  it.each(['tar.gz', 'folder'] as const)('read a %s sysdiagnose with the zone of its name', async (packaging) => {
    const { info, records, issues } = await extractAll(packaging);
    expect(info.timeZone).toEqual({ offsetMinutes: -480, label: '-0800' });
    expect(issues).toEqual([]);
    expect(counts(records)).toEqual({
      sysdiagnose_info: 2,
      sysdiagnose_ps: 11,
      sysdiagnose_ps_thread: 11,
      sysdiagnose_crash_reports: 3,
      sysdiagnose_mobile_installation: 3,
      sysdiagnose_mobile_activation: 1,
      sysdiagnose_wifi_networks: 1,
    });
    const planted = records.find((r) => r.artifact === 'sysdiagnose_ps' && r.fields['pid'] === 701);
    expect(planted?.origin.path).toBe('ps.txt');
    const bh = records.find((r) => r.artifact === 'sysdiagnose_crash_reports' && r.fields['process'] === 'bh');
    expect(bh?.times[0]?.at).toBe('2026-01-01T05:15:00.000000Z');
    const install = records.find((r) => r.artifact === 'sysdiagnose_mobile_installation');
    expect([install?.fields['local_time'], install?.times[0]?.at]).toEqual(['2025-12-31T08:00:01', '2025-12-31T16:00:01.000000Z']);
    const log = records.find((r) => r.artifact === 'sysdiagnose_info' && r.fields['kind'] === 'sysdiagnose-log');
    expect(log?.fields['taken_at']).toBe('2026-01-01T06:30:00.000000Z');
  });
});
