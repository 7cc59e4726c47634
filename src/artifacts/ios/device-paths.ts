/**
 * Where on the device (paths of an `ios-fs` Source: no leading `/`) the folders live that a
 * backup names by domain. App containers are named by a UUID the backup does not keep, so
 * they are globbed with `*`; the backup's own domain name never reaches a dump's path.
 */

/** HomeDomain: the mobile user's home. */
export const MOBILE_HOME = 'private/var/mobile';
/** RootDomain: root's home, where system daemons such as locationd keep their caches. */
export const ROOT_HOME = 'private/var/root';
/** AppDomain-<bundle id>: one data container per app. */
export const APP_DATA_CONTAINERS = 'private/var/mobile/Containers/Data/Application/*';
/** AppDomainGroup-<group id>: one container per app group, shared by an app and its extensions. */
export const APP_GROUP_CONTAINERS = 'private/var/mobile/Containers/Shared/AppGroup/*';
/** AppDomainPlugin-<bundle id>: one data container per app extension. */
export const APP_PLUGIN_CONTAINERS = 'private/var/mobile/Containers/Data/PluginKitPlugin/*';
/** SysSharedContainerDomain-<group id>: system group containers, named after their group. */
export const SYSTEM_GROUP_CONTAINERS = 'private/var/containers/Shared/SystemGroup';
/** SysContainerDomain-<id>: system daemons' own data containers, named after the daemon. */
export const SYSTEM_DATA_CONTAINERS = 'private/var/containers/Data/System';

/** The device folders a backup glob's leading `*` stands for when it means "any app, or home". */
export const HOME_AND_APP_CONTAINERS = [MOBILE_HOME, APP_DATA_CONTAINERS, APP_GROUP_CONTAINERS, APP_PLUGIN_CONTAINERS] as const;

/** `relativePath` under each of the roots, in the roots' order. */
export function underEach(roots: readonly string[], relativePath: string): string[] {
  return roots.map((root) => `${root}/${relativePath}`);
}
