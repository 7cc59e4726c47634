/** Rules of a sysdiagnose archive's own artifacts, one import per artifact. */
import type { Rule } from '../rule-types.js';
import { sysdiagnoseProcessRules } from './sysdiagnose-processes.js';
import { sysdiagnoseCrashReportRules } from './sysdiagnose-crash-reports.js';
import { sysdiagnoseLogRules } from './sysdiagnose-logs.js';

export const SYSDIAGNOSE_RULES: readonly Rule[] = [
  ...sysdiagnoseProcessRules,
  ...sysdiagnoseCrashReportRules,
  ...sysdiagnoseLogRules,
];
