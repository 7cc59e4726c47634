/** What each root tool androidqf looks for (`which -a`) is, for root_binaries.json. */

export const ROOT_BINARIES: ReadonlyMap<string, string> = new Map([
  ['su', 'SuperUser binary'],
  ['busybox', 'BusyBox utilities'],
  ['supersu', 'SuperSU root management'],
  ['Superuser.apk', 'Superuser app'],
  ['KingoUser.apk', 'KingRoot app'],
  ['SuperSu.apk', 'SuperSU app'],
  ['magisk', 'Magisk root framework'],
  ['magiskhide', 'Magisk hide utility'],
  ['magiskinit', 'Magisk init binary'],
  ['magiskpolicy', 'Magisk policy binary'],
]);
