/**
 * What is this path? Each acquisition kind recognises its own shape; the first that does
 * opens it. A path nothing recognises gets one sentence listing what Exhibit reads.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AcquisitionError } from '../errors.js';
import type { AcquisitionOpener, OpenOptions, OpenedAcquisition } from './acquisition.js';
import { iosBackupOpener } from './ios-backup-open.js';
import { androidBackupOpener } from './android-backup-open.js';
import { androidBugreportOpener } from './android-bugreport-open.js';
import { androidqfOpener } from './android-androidqf-open.js';
import { iosSysdiagnoseOpener } from './ios-sysdiagnose-open.js';
import { iosFsOpener } from './ios-fs-open.js';

export type { AcquisitionInfo, DeviceInfo, OpenedAcquisition, OpenOptions } from './acquisition.js';

/** In the order they are tried: the most specific shapes first. */
export const OPENERS: readonly AcquisitionOpener[] = [
  iosBackupOpener,
  iosSysdiagnoseOpener,
  iosFsOpener,
  androidBackupOpener,
  androidBugreportOpener,
  androidqfOpener,
];

export async function openAcquisition(inputPath: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const input = resolve(inputPath);
  if (!existsSync(input)) {
    throw new AcquisitionError('PATH_NOT_FOUND', `${inputPath} does not exist; check the path of the acquisition.`);
  }
  const stats = statSync(input);
  for (const opener of OPENERS) {
    if (opener.recognise(input, stats)) return opener.open(input, options);
  }
  const kinds = OPENERS.map((opener) => opener.label).join(', ');
  throw new AcquisitionError(
    'NOT_AN_ACQUISITION',
    `${inputPath} is not an acquisition Exhibit reads; point it at ${kinds}.`,
  );
}
