/** The iOS version and build an acquisition names in its SystemVersion.plist, when it has one. */
import type { DeviceInfo } from './acquisition.js';
import type { Source } from './source.js';
import { isPlistDict } from '../formats/plist.js';

export async function readSystemVersion(source: Source, path: string): Promise<DeviceInfo> {
  const device: DeviceInfo = {};
  if (!source.hasContent(path)) return device;
  try {
    const { value } = await source.readPlist(path);
    if (!isPlistDict(value)) return device;
    if (typeof value['ProductName'] === 'string') device.productName = value['ProductName'];
    if (typeof value['ProductVersion'] === 'string') device.productVersion = value['ProductVersion'];
    if (typeof value['ProductBuildVersion'] === 'string') device.buildVersion = value['ProductBuildVersion'];
  } catch {
    // An unreadable SystemVersion.plist leaves the version unknown; the check goes on.
  }
  return device;
}
