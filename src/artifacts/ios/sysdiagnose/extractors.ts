/** Extractors of a sysdiagnose archive's own files (process lists, crash reports, logs), in run order. */
import type { Extractor } from '../../types.js';
import { sysdiagnoseInfoExtractor } from './sysdiagnose-info.js';
import { sysdiagnosePsExtractor } from './ps.js';
import { sysdiagnosePsThreadExtractor } from './ps-thread.js';
import { sysdiagnoseCrashReportsExtractor } from './crash-reports.js';
import { sysdiagnoseMobileInstallationExtractor } from './mobile-installation.js';
import { sysdiagnoseMobileActivationExtractor } from './mobile-activation.js';
import { sysdiagnoseWifiNetworksExtractor } from './wifi-networks.js';

export const SYSDIAGNOSE_EXTRACTORS: readonly Extractor[] = [
  sysdiagnoseInfoExtractor,
  sysdiagnosePsExtractor,
  sysdiagnosePsThreadExtractor,
  sysdiagnoseCrashReportsExtractor,
  sysdiagnoseMobileInstallationExtractor,
  sysdiagnoseMobileActivationExtractor,
  sysdiagnoseWifiNetworksExtractor,
];
