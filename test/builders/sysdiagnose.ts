/**
 * iPhone sysdiagnose archives for tests: the folder `sysdiagnose_YYYY.MM.DD_HH-MM-SS±zzzz_iPhone-OS_iPhone_<build>`
 * with the files Exhibit reads (ps.txt, ps_thread.txt, crash reports, the MobileActivation
 * and MobileInstallation logs, the Wi-Fi plists, SystemVersion.plist, sysdiagnose.log,
 * shutdown.log), filled with an ordinary phone's content plus whatever a test plants;
 * written as that folder or as the `.tar.gz` the phone writes. A pure function of the spec.
 */
import { join } from 'node:path';
import { writeTreeFolder, writeTreeTar, type TreeNode, type TreeSpec } from './archives.js';
import { binaryPlist, xmlPlist, type PlistInputDict } from './ios-backup.js';

// ---------------------------------------------------------------------------------------
// Spec

export interface ProcessSpec {
  pid: number;
  /** Full command line: the executable's path and its arguments. */
  command: string;
  user?: string;
  uid?: number;
  ppid?: number;
  /** Threads beyond the first, written to ps_thread.txt (default 1). */
  extraThreads?: number;
}

/** One entry of a daemon log; a plain string is written as the line it is (damaged lines). */
export type LogLineSpec =
  | string
  | {
      /** Phone wall clock, `YYYY-MM-DDTHH:MM:SS`. */
      at: string;
      pid?: number;
      /** As the daemon spells it (`notice`, `Notice`, `error`). */
      level?: string;
      thread?: string;
      function?: string;
      message: string;
    };

export interface KnownNetworkSpec {
  ssid: string;
  bssids?: string[];
  addedAt?: Date;
  joinedByUserAt?: Date;
  joinedBySystemAt?: Date;
  updatedAt?: Date;
  hidden?: boolean;
  captive?: boolean;
  addReason?: string;
}

export interface LegacyNetworkSpec {
  ssid: string;
  bssid?: string;
  lastJoined?: Date;
  lastAutoJoined?: Date;
  hidden?: boolean;
}

export interface CrashReportFile {
  /** Path under `crashes_and_spins/`, e.g. `bh-2026-01-01-101112.ips` or `Retired/x.ips`. */
  file: string;
  content: string;
}

export interface SysdiagnoseSpec {
  /** Phone wall clock when it was taken, `YYYY-MM-DDTHH:MM:SS` (default 2026-01-02T10:11:12). */
  takenAt?: string;
  /** The phone's UTC offset as the name writes it (default `+0100`). */
  zone?: string;
  build?: string;
  productVersion?: string;
  /** Processes running besides the ordinary ones, in both process lists. */
  processes?: readonly ProcessSpec[];
  crashReports?: readonly CrashReportFile[];
  /** MobileInstallation entries after the ordinary ones (mobile_installation.log.0). */
  installationLog?: readonly LogLineSpec[];
  /** mobileactivationd entries after the ordinary ones. */
  activationLog?: readonly LogLineSpec[];
  /** Known networks besides the ordinary ones (com.apple.wifi.known-networks.plist). */
  knownNetworks?: readonly KnownNetworkSpec[];
  /** When given, also writes the pre-iOS 14 WiFi/com.apple.wifi.plist with these networks. */
  legacyNetworks?: readonly LegacyNetworkSpec[];
  shutdownLog?: string;
  /** Files replaced (or, with null, left out), by path inside the sysdiagnose folder. */
  files?: Readonly<Record<string, Buffer | string | null>>;
  /** Time of the files (default: when it was taken). */
  time?: Date;
}

export const DEFAULT_TAKEN_AT = '2026-01-02T10:11:12';
export const DEFAULT_ZONE = '+0100';
export const DEFAULT_BUILD = '23B85';
export const DEFAULT_PRODUCT_VERSION = '26.1';

// ---------------------------------------------------------------------------------------
// Names and times

function wallParts(local: string): number[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`sysdiagnose builder: "${local}" is not YYYY-MM-DDTHH:MM:SS`);
  return match.slice(1).map(Number);
}

/** The folder (and archive) name the phone gives a sysdiagnose taken at that wall clock. */
export function sysdiagnoseName(spec: Pick<SysdiagnoseSpec, 'takenAt' | 'zone' | 'build'> = {}): string {
  const [y, mo, d, h, mi, s] = wallParts(spec.takenAt ?? DEFAULT_TAKEN_AT).map((n) => String(n).padStart(2, '0'));
  return `sysdiagnose_${y}.${mo}.${d}_${h}-${mi}-${s}${spec.zone ?? DEFAULT_ZONE}_iPhone-OS_iPhone_${spec.build ?? DEFAULT_BUILD}`;
}

/** The UTC instant of a wall clock in a `±hhmm` zone. */
export function utcOf(local: string, zone: string): Date {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallParts(local);
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri Jan  2 10:11:12 2026`, as Apple daemons stamp their log lines. */
export function ctime(local: string): string {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallParts(local);
  const day = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[day]} ${MONTHS[mo - 1]} ${String(d).padStart(2, ' ')} ${two(h)}:${two(mi)}:${two(s)} ${y}`;
}

// ---------------------------------------------------------------------------------------
// Process lists

export const ORDINARY_PROCESSES: readonly ProcessSpec[] = [
  { pid: 0, ppid: 0, user: 'root', uid: 0, command: 'kernel_task', extraThreads: 3 },
  { pid: 1, ppid: 0, user: 'root', uid: 0, command: '/sbin/launchd', extraThreads: 2 },
  { pid: 34, user: 'mobile', uid: 501, command: '/System/Library/CoreServices/SpringBoard.app/SpringBoard', extraThreads: 4 },
  { pid: 70, user: '_mdnsresponder', uid: 65, command: '/usr/sbin/mDNSResponder' },
  { pid: 98, user: 'root', uid: 0, command: '/usr/libexec/lockdownd' },
  { pid: 212, user: 'mobile', uid: 501, command: '/usr/libexec/installd' },
  { pid: 430, user: 'mobile', uid: 501, command: '/private/var/containers/Bundle/Application/5D1C1A8E-3F7B-4C1E-9A66-0D4B2E7F1C11/Signal.app/Signal' },
  { pid: 455, user: 'mobile', uid: 501, command: '/private/var/containers/Bundle/Application/8F0A2B4C-6D8E-4F01-A2B3-C4D5E6F70819/My Notes.app/My Notes -AppleLanguages (fr)' },
  { pid: 612, user: 'root', uid: 0, command: '/usr/libexec/sysdiagnose_helper' },
  { pid: 640, user: 'root', uid: 0, command: '/usr/bin/sysdiagnose -u -A sysdiagnose_archive' },
];

const PS_HEADER = 'USER                UID PRSNA   PID  PPID        F  %CPU %MEM PRI NI      VSZ    RSS WCHAN    TT  STAT STARTED      TIME COMMAND';
const PS_THREAD_HEADER = 'USER                PID   TT   %CPU STAT PRI     STIME     UTIME COMMAND';

export function psLine(process: ProcessSpec): string {
  const user = (process.user ?? 'mobile').padEnd(16);
  const uid = String(process.uid ?? 501).padStart(5);
  const pid = String(process.pid).padStart(5);
  const ppid = String(process.ppid ?? 1).padStart(5);
  const vsz = String(408_000_000 + process.pid * 4096).padStart(9);
  const rss = String(4_000 + process.pid * 16).padStart(6);
  return `${user}${uid}     - ${pid} ${ppid}     4004   0.0  0.1  31  0 ${vsz} ${rss} -        ??  Ss   10:02AM   0:00.12 ${process.command}`;
}

export function psText(processes: readonly ProcessSpec[]): string {
  return [PS_HEADER, ...processes.map(psLine)].join('\n') + '\n';
}

export function psThreadLines(process: ProcessSpec): string[] {
  const first = `${(process.user ?? 'mobile').padEnd(16)}${String(process.pid).padStart(7)}   ??    0.0 S    31T   0:00.05   0:00.02 ${process.command}`;
  const thread = `${''.padEnd(16)}${String(process.pid).padStart(7)}         0.0 S    20T   0:00.00   0:00.00 `;
  return [first, ...Array.from({ length: process.extraThreads ?? 1 }, () => thread)];
}

export function psThreadText(processes: readonly ProcessSpec[]): string {
  return [PS_THREAD_HEADER, ...processes.flatMap(psThreadLines)].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// Crash reports

export interface CrashSpec {
  /** Report time as the header writes it, `YYYY-MM-DD HH:MM:SS.ff ±hhmm`. */
  timestamp: string;
  procName: string;
  procPath: string;
  pid?: number;
  parentProc?: string;
  parentPid?: number;
  responsibleProc?: string;
  coalitionName?: string;
  bundleId?: string;
  incidentId?: string;
  osVersion?: string;
  exceptionType?: string;
}

/** An iOS 15+ crash report (bug type 309): a JSON header line, then a JSON body. */
export function crashReport309(spec: CrashSpec): string {
  const header = {
    app_name: spec.procName,
    timestamp: spec.timestamp,
    app_version: '',
    slice_uuid: '4c4c44d1-5555-3144-a1b2-c3d4e5f60718',
    build_version: '',
    platform: 2,
    ...(spec.bundleId ? { bundleID: spec.bundleId } : {}),
    share_with_app_devs: 0,
    is_first_party: 1,
    bug_type: '309',
    os_version: spec.osVersion ?? 'iPhone OS 26.1 (23B85)',
    roots_installed: 0,
    name: spec.procName,
    incident_id: spec.incidentId ?? '7A0C1E5F-2B3D-4E6F-8091-A2B3C4D5E6F7',
  };
  const body = {
    uptime: 12000,
    procRole: 'Unspecified',
    version: 2,
    userID: 501,
    deployVersion: 210,
    modelCode: 'iPhone16,1',
    coalitionID: 512,
    osVersion: { isEmbedded: true, train: 'iPhone OS 26.1', releaseType: 'User', build: '23B85' },
    captureTime: `${spec.timestamp.slice(0, 19)}.4567 ${spec.timestamp.slice(-5)}`,
    incident: spec.incidentId ?? '7A0C1E5F-2B3D-4E6F-8091-A2B3C4D5E6F7',
    pid: spec.pid ?? 4242,
    cpuType: 'ARM-64',
    procName: spec.procName,
    procPath: spec.procPath,
    ...(spec.bundleId ? { bundleInfo: { CFBundleIdentifier: spec.bundleId, CFBundleShortVersionString: '1.0' } } : {}),
    parentProc: spec.parentProc ?? 'launchd',
    parentPid: spec.parentPid ?? 1,
    ...(spec.coalitionName ? { coalitionName: spec.coalitionName } : {}),
    ...(spec.responsibleProc ? { responsibleProc: spec.responsibleProc, responsiblePid: spec.pid ?? 4242 } : {}),
    exception: { codes: '0x0000000000000001, 0x0000000000000000', type: spec.exceptionType ?? 'EXC_BAD_ACCESS', signal: 'SIGSEGV' },
    threads: [{ triggered: true, id: 1, frames: [{ imageOffset: 1234, imageIndex: 0 }] }],
  };
  return `${JSON.stringify(header)}\n${JSON.stringify(body, null, 2)}\n`;
}

/** A pre-iOS 15 crash report (bug type 109): a JSON header line, then `Key: value` text. */
export function crashReport109(spec: CrashSpec): string {
  const header = {
    app_name: spec.procName,
    timestamp: spec.timestamp,
    bug_type: '109',
    os_version: spec.osVersion ?? 'iPhone OS 14.6 (18F72)',
    name: spec.procName,
    incident_id: spec.incidentId ?? '0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0',
  };
  const body = [
    `Incident Identifier: ${header.incident_id}`,
    'CrashReporter Key:   0123456789abcdef0123456789abcdef01234567',
    'Hardware Model:      iPhone12,1',
    `Process:             ${spec.procName} [${spec.pid ?? 4242}]`,
    `Path:                ${spec.procPath}`,
    `Identifier:          ${spec.bundleId ?? spec.procName}`,
    'Version:             ??? (???)',
    'Code Type:           ARM-64 (Native)',
    'Role:                Unspecified',
    `Parent Process:      ${spec.parentProc ?? 'launchd'} [${spec.parentPid ?? 1}]`,
    ...(spec.coalitionName ? [`Coalition:           ${spec.coalitionName} [512]`] : []),
    ...(spec.responsibleProc ? [`Responsible Process: ${spec.responsibleProc} [${spec.pid ?? 4242}]`] : []),
    '',
    `Date/Time:           ${spec.timestamp.slice(0, 19)}.3456 ${spec.timestamp.slice(-5)}`,
    `OS Version:          ${header.os_version}`,
    '',
    `Exception Type:  ${spec.exceptionType ?? 'EXC_CRASH (SIGKILL)'}`,
    'Triggered by Thread:  0',
    '',
    'Thread 0 Crashed:',
    '0   libsystem_kernel.dylib        \t0x00000001a1b2c3d4 0x1a1b2a000 + 6612',
  ];
  return `${JSON.stringify(header)}\n${body.join('\n')}\n`;
}

/** A jetsam (memory pressure) report (bug type 298) listing the processes alive then. */
export function jetsamReport(timestamp: string, processNames: readonly string[]): string {
  const header = { bug_type: '298', timestamp, os_version: 'iPhone OS 26.1 (23B85)', incident_id: '11111111-2222-4333-8444-555555555555' };
  const body = {
    crashReporterKey: '0123456789abcdef0123456789abcdef01234567',
    product: 'iPhone16,1',
    kernel: 'Darwin Kernel Version 25.1.0',
    incident: header.incident_id,
    date: timestamp,
    largestProcess: processNames[0] ?? 'SpringBoard',
    processes: processNames.map((name, index) => ({ uuid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, states: ['daemon', 'idle'], pid: 100 + index, name, rpages: 300 })),
  };
  return `${JSON.stringify(header)}\n${JSON.stringify(body, null, 2)}\n`;
}

function ordinaryCrashReports(spec: SysdiagnoseSpec): CrashReportFile[] {
  const zone = spec.zone ?? DEFAULT_ZONE;
  const day = (spec.takenAt ?? DEFAULT_TAKEN_AT).slice(0, 10);
  return [
    { file: `JetsamEvent-${day}-093000.ips`, content: jetsamReport(`${day} 09:30:00.00 ${zone}`, ['SpringBoard', 'mediaserverd', 'Signal', 'installd']) },
    {
      file: `Signal-${day}-091500.ips`,
      content: crashReport309({
        timestamp: `${day} 09:15:00.00 ${zone}`,
        procName: 'Signal',
        procPath: '/private/var/containers/Bundle/Application/5D1C1A8E-3F7B-4C1E-9A66-0D4B2E7F1C11/Signal.app/Signal',
        bundleId: 'org.whispersystems.signal',
        coalitionName: 'org.whispersystems.signal',
        pid: 430,
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Daemon logs

function logLine(entry: LogLineSpec, style: 'activation' | 'installation'): string {
  if (typeof entry === 'string') return entry;
  const thread = entry.thread ?? '0x16b8c7000';
  const fn = entry.function ? `${entry.function}: ` : '';
  const head = `${ctime(entry.at)} [${entry.pid ?? (style === 'activation' ? 95 : 123)}]`;
  return style === 'activation'
    ? `${head} <${entry.level ?? 'Notice'}>: (${thread}) ${fn}${entry.message}`
    : `${head} <${entry.level ?? 'notice'}> (${thread}) ${fn}${entry.message}`;
}

export function activationLogText(entries: readonly LogLineSpec[]): string {
  return entries.map((entry) => logLine(entry, 'activation')).join('\n') + '\n';
}

export function installationLogText(entries: readonly LogLineSpec[]): string {
  return entries.map((entry) => logLine(entry, 'installation')).join('\n') + '\n';
}

export const MI_INSTALL = '-[MIClientConnection _doBackgroundInstallationForPath:withOptions:completion:]';
export const MI_CONTAINER = '-[MIContainer makeContainerLiveReplacingContainer:reason:withError:]';
export const MI_UNINSTALL = '-[MIUninstaller _uninstallBundleWithIdentity:linkedToChildren:waitForDeletion:uninstallReason:temporaryReference:wasLastReference:error:]';

function ordinaryInstallationLog(day: string): LogLineSpec[] {
  return [
    { at: `${day}T08:00:01`, function: MI_INSTALL, message: 'Install of "/var/mobile/Library/Downloads/org.whispersystems.signal/extracted" type Customer (LSInstallType = (null)) requested by appstored (pid 301)' },
    { at: `${day}T08:00:03`, function: MI_CONTAINER, message: 'Made container live for org.whispersystems.signal at /private/var/containers/Bundle/Application/5D1C1A8E-3F7B-4C1E-9A66-0D4B2E7F1C11' },
    { at: `${day}T08:00:04`, function: MI_INSTALL, message: 'Install Successful for (Placeholder:org.whispersystems.signal); Staging: 0.01s; Waiting: 0.00s; Preflight/Patch: 0.30s, Verifying: 0.20s; Overall: 1.21s' },
    { at: `${day}T08:05:00`, function: '-[MIFileManager removeItemAtURL:error:]', message: 'Removing /var/installd/Library/Caches/com.apple.mobile.installd.staging/temp.0Ab1Cd' },
  ];
}

function ordinaryActivationLog(day: string): LogLineSpec[] {
  return [
    '____________________ Mobile Activation Startup _____________________',
    { at: `${day}T07:59:00`, function: 'main', message: 'build_version: 23B85' },
    { at: `${day}T07:59:01`, function: 'copyActivationState', message: 'Activation state: Activated' },
    { at: `${day}T07:59:02`, function: 'copyDeviceClass', message: 'Device class: iPhone' },
  ];
}

// ---------------------------------------------------------------------------------------
// Wi-Fi

const ORDINARY_NETWORKS: readonly KnownNetworkSpec[] = [
  {
    ssid: 'HomeNet',
    bssids: ['a4:2b:b0:11:22:33'],
    addedAt: new Date('2025-03-01T18:00:00Z'),
    joinedByUserAt: new Date('2025-03-01T18:00:05Z'),
    joinedBySystemAt: new Date('2026-01-02T06:30:00Z'),
    updatedAt: new Date('2026-01-02T06:30:01Z'),
    addReason: 'UserJoin',
  },
];

export function knownNetworksPlist(networks: readonly KnownNetworkSpec[]): Buffer {
  const root: Record<string, PlistInputDict> = {};
  for (const network of networks) {
    root[`wifi.network.ssid.${network.ssid}`] = {
      SSID: Buffer.from(network.ssid, 'utf8'),
      SupportedSecurityTypes: 4,
      AddedAt: network.addedAt,
      JoinedByUserAt: network.joinedByUserAt,
      JoinedBySystemAt: network.joinedBySystemAt,
      UpdatedAt: network.updatedAt,
      Hidden: network.hidden ?? false,
      IsCaptive: network.captive,
      AddReason: network.addReason,
      BSSList: network.bssids?.map((bssid) => ({ BSSID: bssid, LastAssociatedAt: network.joinedBySystemAt ?? network.addedAt })),
      __OSSpecific__: { CaptiveProfile: { CaptiveNetwork: network.captive ?? false } },
    };
  }
  return binaryPlist(root);
}

export function legacyWifiPlist(networks: readonly LegacyNetworkSpec[]): Buffer {
  return binaryPlist({
    'List of known networks': networks.map((network) => ({
      SSID_STR: network.ssid,
      SSID: Buffer.from(network.ssid, 'utf8'),
      BSSID: network.bssid,
      lastJoined: network.lastJoined,
      lastAutoJoined: network.lastAutoJoined,
      HIDDEN_NETWORK: network.hidden ?? false,
    })),
    Version: 14,
  });
}

// ---------------------------------------------------------------------------------------
// The archive

/** The sysdiagnose's files, paths relative to its own folder (what an `ios-sysdiagnose` Source sees). */
export function sysdiagnoseFiles(spec: SysdiagnoseSpec = {}): TreeSpec {
  const takenAt = spec.takenAt ?? DEFAULT_TAKEN_AT;
  const day = takenAt.slice(0, 10);
  const name = sysdiagnoseName(spec);
  const processes = [...ORDINARY_PROCESSES, ...(spec.processes ?? [])];
  const files = new Map<string, Buffer | string>([
    ['sysdiagnose.log', [
      `${ctime(takenAt)}: sysdiagnose (full) version 3.0`,
      `${ctime(takenAt)}: Output path: /private/var/mobile/Library/Logs/CrashReporter/DiagnosticLogs/sysdiagnose/${name}`,
      `${ctime(takenAt)}: Archive: /private/var/mobile/Library/Logs/CrashReporter/DiagnosticLogs/sysdiagnose/${name}.tar.gz`,
      '',
    ].join('\n')],
    ['ps.txt', psText(processes)],
    ['ps_thread.txt', psThreadText(processes)],
    ['logs/MobileInstallation/mobile_installation.log.0', installationLogText([...ordinaryInstallationLog(day), ...(spec.installationLog ?? [])])],
    ['logs/MobileActivation/mobileactivationd.log', activationLogText([...ordinaryActivationLog(day), ...(spec.activationLog ?? [])])],
    ['logs/SystemVersion/SystemVersion.plist', xmlPlist({
      ProductBuildVersion: spec.build ?? DEFAULT_BUILD,
      ProductCopyright: '1983-2025 Apple Inc.',
      ProductName: 'iPhone OS',
      ProductVersion: spec.productVersion ?? DEFAULT_PRODUCT_VERSION,
    })],
    ['WiFi/com.apple.wifi.known-networks.plist', knownNetworksPlist([...ORDINARY_NETWORKS, ...(spec.knownNetworks ?? [])])],
    ['system_logs.logarchive/Info.plist', xmlPlist({ OSArchiveVersion: 4 })],
    ['system_logs.logarchive/Extra/shutdown.log', spec.shutdownLog ?? 'remaining client pid: 98 (/usr/libexec/lockdownd)\nSIGTERM: [1767300000]\n'],
    ['remotectl_dumpstate.txt', 'Local device\n\tUUID: 00000000-0000-0000-0000-000000000000\n'],
  ]);
  for (const report of [...ordinaryCrashReports(spec), ...(spec.crashReports ?? [])]) files.set(`crashes_and_spins/${report.file}`, report.content);
  if (spec.legacyNetworks) files.set('WiFi/com.apple.wifi.plist', legacyWifiPlist(spec.legacyNetworks));
  for (const [path, content] of Object.entries(spec.files ?? {})) {
    if (content === null) files.delete(path);
    else files.set(path, content);
  }
  const nodes: TreeNode[] = [...files.entries()].map(([path, content]) => ({ path, content }));
  return { nodes, time: spec.time ?? utcOf(takenAt, spec.zone ?? DEFAULT_ZONE) };
}

/** The same files under the folder the phone names, as its archive holds them. */
export function sysdiagnoseTree(spec: SysdiagnoseSpec = {}): TreeSpec {
  const folder = sysdiagnoseName(spec);
  const inner = sysdiagnoseFiles(spec);
  return { ...inner, nodes: inner.nodes.map((node) => ({ ...node, path: `${folder}/${node.path}` })) };
}

export type SysdiagnosePackaging = 'folder' | 'tar.gz';

/** Writes the sysdiagnose in `parent` as its folder or as `<name>.tar.gz`; returns the path. */
export function buildSysdiagnose(parent: string, spec: SysdiagnoseSpec = {}, packaging: SysdiagnosePackaging = 'tar.gz'): string {
  const name = sysdiagnoseName(spec);
  if (packaging === 'folder') {
    writeTreeFolder(join(parent, name), sysdiagnoseFiles(spec));
    return join(parent, name);
  }
  return writeTreeTar(join(parent, `${name}.tar.gz`), sysdiagnoseTree(spec), { gzip: true });
}

/** The zone as the opener hands it to extractors (`ExtractContext.timeZone`). */
export function timeZoneOf(zone: string): { offsetMinutes: number; label: string } {
  const sign = zone.startsWith('-') ? -1 : 1;
  return { offsetMinutes: sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))), label: zone };
}
