/** What an opened acquisition is: its Source, its metadata, and how each kind is opened. */
import type { Stats } from 'node:fs';
import type { AcquisitionKind, Source } from './source.js';
import type { WorkingDir } from './working-dir.js';

export interface DeviceInfo {
  udid?: string;
  deviceName?: string;
  productType?: string;
  productName?: string;
  productVersion?: string;
  buildVersion?: string;
  serialNumber?: string;
  imei?: string;
  phoneNumber?: string;
}

/** The acquisition's own clock, for logs that write local times without a zone (a sysdiagnose names its zone). */
export interface LocalTimeZone {
  /** Minutes east of UTC, e.g. 60 for +01:00. */
  offsetMinutes: number;
  /** As the acquisition gives it, e.g. `+0100`. */
  label: string;
}

export interface AcquisitionInfo {
  kind: AcquisitionKind;
  /** The folder or file name the user gave, without the machine's path. */
  name: string;
  device: DeviceInfo;
  /** When the acquisition was made (UTC), when it says so (a sysdiagnose in its name). */
  takenAt?: string;
  /** The zone of the phone's local times, when the acquisition says so. */
  timeZone?: LocalTimeZone;
  backup?: {
    date?: string;
    encrypted: boolean;
    fullBackup?: boolean;
    snapshotState?: string;
    manifestVersion?: string;
    passcodeSet?: boolean;
  };
}

export interface OpenedAcquisition {
  /** Absolute path of the acquisition's root (never written to outputs). */
  root: string;
  source: Source & { close(): void };
  info: AcquisitionInfo;
}

/** Secrets a protected acquisition may need; never logged, never written to results. */
export interface AcquisitionSecrets {
  password?: string;
  /** A key derived earlier (e.g. by `exhibit derive-key`), to skip the slow derivation. */
  key?: Buffer;
  /** The text of an age identity file (androidqf's key.txt), for `.zip.age` collections. */
  ageIdentity?: string;
}

export interface OpenOptions {
  workDir: WorkingDir;
  secrets?: AcquisitionSecrets;
  /** Progress messages for slow steps (key derivation, archive indexing). */
  progress?: (message: string) => void;
  /**
   * The globs of files whose content will be read, per kind: an archive keeps only those
   * while it is indexed. Without it an archive keeps every file (tests, small inputs).
   */
  wanted?: (kind: AcquisitionKind) => readonly string[];
}

export interface AcquisitionOpener {
  /** How the acquisition is described in the "not an acquisition" message. */
  label: string;
  /** Cheap test on the path: a recognised path is opened, and errors from then on are specific. */
  recognise(input: string, stats: Stats): boolean;
  open(input: string, options: OpenOptions): Promise<OpenedAcquisition>;
}
