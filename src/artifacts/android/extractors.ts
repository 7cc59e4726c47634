/** The Android extractors in run order, registered in ../registry.ts as one group. */
import type { Extractor } from '../types.js';
import { aqfGetpropExtractor } from './aqf-getprop.js';
import { dumpsysGetpropExtractor } from './dumpsys-getprop.js';
import { aqfSettingsExtractor } from './aqf-settings.js';
import { aqfPackagesExtractor } from './aqf-packages.js';
import { aqfProcessesExtractor } from './aqf-processes.js';
import { aqfFilesExtractor } from './aqf-files.js';
import { aqfLogTimestampsExtractor } from './aqf-log-timestamps.js';
import { rootBinariesExtractor } from './root-binaries.js';
import { mountsExtractor } from './mounts.js';
import { dumpsysPackagesExtractor } from './dumpsys-packages.js';
import { dumpsysReceiversExtractor } from './dumpsys-receivers.js';
import { dumpsysActivitiesExtractor } from './dumpsys-activities.js';
import { dumpsysAccessibilityExtractor } from './dumpsys-accessibility.js';
import { dumpsysAppopsExtractor } from './dumpsys-appops.js';
import { dumpsysBatteryDailyExtractor } from './dumpsys-battery-daily.js';
import { dumpsysBatteryHistoryExtractor } from './dumpsys-battery-history.js';
import { dumpsysDbinfoExtractor } from './dumpsys-dbinfo.js';
import { dumpsysPlatformCompatExtractor } from './dumpsys-platform-compat.js';
import { dumpsysAdbStateExtractor } from './dumpsys-adb-state.js';
import { bugreportTimestampsExtractor } from './bugreport-timestamps.js';
import { tombstonesExtractor } from './tombstones.js';
import { backupSmsExtractor } from './backup-sms.js';
import { dnsEventExtractor } from './dns-event.js';
import { connectEventExtractor } from './connect-event.js';
import { securityEventExtractor } from './security-event.js';

export const ANDROID_EXTRACTORS: readonly Extractor[] = [
  aqfGetpropExtractor,
  dumpsysGetpropExtractor,
  aqfSettingsExtractor,
  aqfPackagesExtractor,
  aqfProcessesExtractor,
  aqfFilesExtractor,
  aqfLogTimestampsExtractor,
  rootBinariesExtractor,
  mountsExtractor,
  dumpsysPackagesExtractor,
  dumpsysReceiversExtractor,
  dumpsysActivitiesExtractor,
  dumpsysAccessibilityExtractor,
  dumpsysAppopsExtractor,
  dumpsysBatteryDailyExtractor,
  dumpsysBatteryHistoryExtractor,
  dumpsysDbinfoExtractor,
  dumpsysPlatformCompatExtractor,
  dumpsysAdbStateExtractor,
  bugreportTimestampsExtractor,
  tombstonesExtractor,
  backupSmsExtractor,
  dnsEventExtractor,
  connectEventExtractor,
  securityEventExtractor,
];
