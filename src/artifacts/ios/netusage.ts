/**
 * netusage.sqlite: networkd's own per-process network usage, kept only in the file system
 * (a backup does not hold it). Same Core Data schema as DataUsage.sqlite, so the same
 * implant process names, deleted rows and missing binaries show here; Amnesty found Pegasus
 * process names in both.
 */
import type { Extractor } from '../types.js';
import { extractProcessUsage } from './datausage.js';

export const NETUSAGE_ARTIFACT = 'netusage';

export const NETUSAGE_PATHS = {
  'ios-fs': ['private/var/networkd/netusage.sqlite', 'private/var/networkd/db/netusage.sqlite'],
} as const;

export const netusageExtractor: Extractor = {
  id: NETUSAGE_ARTIFACT,
  title: 'Network usage per process (networkd netusage.sqlite)',
  platform: 'ios',
  acquisitions: ['ios-fs'],
  paths: NETUSAGE_PATHS,
  extract: extractProcessUsage(NETUSAGE_ARTIFACT, NETUSAGE_PATHS),
};
