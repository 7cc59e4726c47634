/**
 * Where a backup domain's files live on the device, for the domains whose root is fixed.
 * App containers are keyed by UUIDs the backup does not hold, so they have no entry.
 */
const DOMAIN_ROOTS: Readonly<Record<string, string>> = {
  HomeDomain: '/private/var/mobile',
  MediaDomain: '/private/var/mobile',
  CameraRollDomain: '/private/var/mobile',
  RootDomain: '/private/var/root',
  WirelessDomain: '/private/var/wireless',
  SystemPreferencesDomain: '/private/var/preferences',
  ManagedPreferencesDomain: '/private/var/Managed Preferences',
  DatabaseDomain: '/private/var/db',
  KeychainDomain: '/private/var/Keychains',
};

/** The absolute device path of a backup row, or null when the domain's root is unknown. */
export function devicePathOf(domain: string, relativePath: string): string | null {
  const root = DOMAIN_ROOTS[domain];
  if (root === undefined) return null;
  return relativePath === '' ? root : `${root}/${relativePath}`;
}
