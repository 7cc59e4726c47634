/**
 * The text and JSON files of Android acquisitions, written in the real formats of
 * reference/artifacts.md §3 (getprop, settings, ps, androidqf JSON files, dumpsys sections,
 * tombstones in text and protobuf form, intrusion logs). Pure functions of their specs.
 */

export function getpropText(props: Readonly<Record<string, string>>): string {
  return Object.entries(props)
    .map(([name, value]) => `[${name}]: [${value}]\n`)
    .join('');
}

export function settingsText(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
}

export interface PsRow {
  user: string;
  pid: number;
  ppid: number;
  name: string;
  label?: string;
}

/** `ps -A` output (with `-Z`'s LABEL column when any row has a label). */
export function psText(rows: readonly PsRow[]): string {
  const labelled = rows.some((row) => row.label !== undefined);
  const header = `${labelled ? 'LABEL                          ' : ''}USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME\n`;
  return (
    header +
    rows
      .map((row) => {
        const label = labelled ? `${(row.label ?? 'u:r:untrusted_app:s0').padEnd(30)} ` : '';
        return `${label}${row.user.padEnd(12)} ${String(row.pid).padStart(5)} ${String(row.ppid).padStart(5)} 12345678   4567 0                   0 S ${row.name}\n`;
      })
      .join('')
  );
}

export interface ProcessJsonSpec {
  pid: number;
  uid: number;
  ppid: number;
  name: string;
  path?: string;
  commandLine?: string[];
  context?: string;
}

export function processesJson(rows: readonly ProcessJsonSpec[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      pid: row.pid,
      uid: row.uid,
      ppid: row.ppid,
      pgroup: row.pid,
      psid: row.pid,
      filename: row.name,
      priority: 20,
      state: 'S',
      user_time: 12,
      kernel_time: 3,
      path: row.path ?? '',
      context: row.context ?? 'u:r:untrusted_app:s0',
      previous_context: '',
      command_line: row.commandLine ?? [row.name],
      env: ['PATH=/system/bin'],
      cwd: '/',
    })),
  );
}

export interface PackageSpec {
  name: string;
  installer?: string | null;
  system?: boolean;
  disabled?: boolean;
  uid?: number;
  sha256?: string;
  certSha256?: string;
}

/** androidqf packages.json (installer "null" when unknown, capitalised certificate keys). */
export function packagesJson(packages: readonly PackageSpec[]): string {
  return JSON.stringify(
    packages.map((pkg, index) => ({
      name: pkg.name,
      files: [
        {
          path: `/data/app/~~abc${index}==/${pkg.name}-1/base.apk`,
          local_name: `${pkg.name}.apk`,
          md5: '',
          sha1: '',
          sha256: pkg.sha256 ?? `${String(index).padStart(2, '0')}`.repeat(32),
          sha512: '',
          error: '',
          verified_certificate: true,
          certificate: {
            Md5: '',
            Sha1: '',
            Sha256: pkg.certSha256 ?? 'ab'.repeat(32),
            ValidFrom: '2020-01-01T00:00:00Z',
            ValidTo: '2050-01-01T00:00:00Z',
            Issuer: 'CN=Android',
            Subject: 'CN=Android',
            SignatureAlgorithm: 'SHA256-RSA',
            SerialNumber: '1',
          },
          certificate_error: '',
          trusted_certificate: false,
        },
      ],
      installer: pkg.installer === undefined ? 'com.android.vending' : pkg.installer === null ? 'null' : pkg.installer,
      uid: pkg.uid ?? 10100 + index,
      disabled: pkg.disabled ?? false,
      system: pkg.system ?? false,
      third_party: !(pkg.system ?? false),
    })),
  );
}

export interface FileSpec {
  path: string;
  mode?: string;
  sha256?: string;
  modified?: number;
}

/** files.json as a JSON array, or as JSON lines. */
export function filesJson(files: readonly FileSpec[], format: 'array' | 'lines' = 'array'): string {
  const objects = files.map((file) => ({
    path: file.path,
    size: 8192,
    mode: file.mode ?? '-rw-------',
    user_id: 2000,
    user_name: 'shell',
    group_id: 2000,
    group_name: 'shell',
    changed_time: file.modified ?? 1_690_000_000,
    modified_time: file.modified ?? 1_690_000_000,
    access_time: file.modified ?? 1_690_000_000,
    error: '',
    context: 'u:object_r:shell_data_file:s0',
    sha1: '',
    sha256: file.sha256 ?? '',
    sha512: '',
    md5: '',
  }));
  return format === 'array' ? JSON.stringify(objects) : objects.map((o) => `${JSON.stringify(o)}\n`).join('');
}

export const SEPARATOR = '-'.repeat(79);

export interface DumpsysSectionSpec {
  name: string;
  body: string;
  /** The output stops inside this section (a cut-off dump); sections after it are not written. */
  truncated?: boolean;
}

/** `dumpsys` output: each section framed as dumpsys frames it. */
export function dumpsysText(sections: readonly DumpsysSectionSpec[]): string {
  let out = '';
  for (const section of sections) {
    out += `${SEPARATOR}\nDUMP OF SERVICE ${section.name}:\n${section.body.endsWith('\n') ? section.body : `${section.body}\n`}`;
    // A cut-off section ends the output: what a dump interrupted mid-way leaves.
    if (section.truncated) return out;
    out += `--------- 0.012s was the duration of dumpsys ${section.name}, ending at: 2024-04-30 11:00:00\n`;
  }
  return `${out}${SEPARATOR}\n`;
}

export interface DumpsysPackageSpec {
  name: string;
  installer?: string | null;
  system?: boolean;
  firstInstall?: string;
  lastUpdate?: string;
  permissions?: string[];
}

/** The `package` section body: activity and receiver resolver tables, then the Packages: list. */
export function dumpsysPackageBody(packages: readonly DumpsysPackageSpec[], receivers: readonly { intent: string; component: string }[] = [], activities: readonly { intent: string; component: string }[] = []): string {
  const table = (title: string, rows: readonly { intent: string; component: string }[]): string => {
    let out = `${title}\n  Non-Data Actions:\n`;
    const byIntent = new Map<string, string[]>();
    for (const row of rows) byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), row.component]);
    let hash = 0x1a2b3c4;
    for (const [intent, components] of byIntent) {
      out += `      ${intent}:\n`;
      for (const component of components) {
        out += `        ${(hash++).toString(16)} ${component} filter ${(hash++).toString(16)}\n          Action: "${intent}"\n`;
      }
    }
    return `${out}\n`;
  };
  let out = table('Activity Resolver Table:', activities) + table('Receiver Resolver Table:', receivers);
  out += 'Packages:\n';
  packages.forEach((pkg, index) => {
    out += `  Package [${pkg.name}] (${(0xabc000 + index).toString(16)}):\n`;
    out += `    userId=${10100 + index}\n`;
    out += `    pkg=Package{${(0xdef000 + index).toString(16)} ${pkg.name}}\n`;
    out += `    codePath=/data/app/${pkg.name}-1\n`;
    out += '    versionCode=31 minSdk=26 targetSdk=31\n';
    out += '    versionName=1.0\n';
    out += `    timeStamp=${pkg.lastUpdate ?? '2024-03-01 10:00:00'}\n`;
    out += `    lastUpdateTime=${pkg.lastUpdate ?? '2024-03-01 10:00:00'}\n`;
    out += `    installerPackageName=${pkg.installer === undefined ? 'com.android.vending' : (pkg.installer ?? 'null')}\n`;
    out += `    pkgFlags=[ ${pkg.system ? 'SYSTEM ' : ''}HAS_CODE ALLOW_CLEAR_USER_DATA ]\n`;
    out += '    requested permissions:\n';
    for (const permission of pkg.permissions ?? ['android.permission.INTERNET']) out += `      ${permission}\n`;
    out += '    install permissions:\n';
    for (const permission of pkg.permissions ?? ['android.permission.INTERNET']) out += `      ${permission}: granted=true\n`;
    out += '    User 0: ceDataInode=1234 installed=true hidden=false suspended=false distractionFlags=0 stopped=false notLaunched=false enabled=0 instant=false virtual=false\n';
    out += `      firstInstallTime=${pkg.firstInstall ?? '2024-03-01 10:00:00'}\n`;
    out += '      runtime permissions:\n';
  });
  return `${out}\nHidden system packages:\n`;
}

// ---------------------------------------------------------------------------------------
// Tombstones

export interface TombstoneSpec {
  pid: number;
  tid: number;
  uid: number;
  threadName: string;
  commandLine: string[];
  timestamp: string;
  signal?: { number: number; name: string; code: number; codeName: string };
  abortMessage?: string;
}

export function tombstoneText(spec: TombstoneSpec): string {
  const signal = spec.signal ?? { number: 6, name: 'SIGABRT', code: -1, codeName: 'SI_QUEUE' };
  return [
    '*** *** *** *** *** *** *** *** *** *** *** *** *** *** *** ***',
    "Build fingerprint: 'google/sunfish/sunfish:12/SP1A.210812.015/7679548:user/release-keys'",
    "Revision: 'MP1.0'",
    "ABI: 'arm64'",
    `Timestamp: ${spec.timestamp}`,
    'Process uptime: 12s',
    `Cmdline: ${spec.commandLine.join(' ')}`,
    `pid: ${spec.pid}, tid: ${spec.tid}, name: ${spec.threadName}  >>> ${spec.commandLine[0] ?? ''} <<<`,
    `uid: ${spec.uid}`,
    `signal ${signal.number} (${signal.name}), code ${signal.code} (${signal.codeName}), fault addr --------`,
    ...(spec.abortMessage ? [`Abort message: '${spec.abortMessage}'`] : []),
    '    x0  0000000000000000  x1  00000000000026a5  x2  0000000000000006  x3  0000007fc6bd8b50',
    '',
    'backtrace:',
    '      #00 pc 000000000004e0ec  /apex/com.android.runtime/lib64/bionic/libc.so (abort+164)',
    '',
  ].join('\n');
}

function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Buffer.from(out);
}

function field(number: number, value: number | bigint | string | Buffer): Buffer {
  if (typeof value === 'number' || typeof value === 'bigint') return Buffer.concat([varint(number << 3), varint(value)]);
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

/** The protobuf form, with the field numbers of AOSP debuggerd/proto/tombstone.proto. */
export function tombstoneProto(spec: TombstoneSpec): Buffer {
  const signal = spec.signal ?? { number: 11, name: 'SIGSEGV', code: 1, codeName: 'SEGV_MAPERR' };
  const signalMessage = Buffer.concat([field(1, signal.number), field(2, signal.name), field(3, signal.code), field(4, signal.codeName), field(8, 1), field(9, 0xdeadn)]);
  const thread = Buffer.concat([field(1, spec.tid), field(2, spec.threadName)]);
  const threadEntry = Buffer.concat([field(1, spec.tid), field(2, thread)]);
  return Buffer.concat([
    field(1, 1),
    field(2, 'google/sunfish/sunfish:12/SP1A.210812.015/7679548:user/release-keys'),
    field(3, 'MP1.0'),
    field(4, spec.timestamp),
    field(5, spec.pid),
    field(6, spec.tid),
    field(7, spec.uid),
    field(8, 'u:r:shell:s0'),
    ...spec.commandLine.map((arg) => field(9, arg)),
    field(10, signalMessage),
    ...(spec.abortMessage ? [field(14, spec.abortMessage)] : []),
    field(15, field(1, 'null pointer dereference')),
    field(16, threadEntry),
    field(20, 12),
  ]);
}

// ---------------------------------------------------------------------------------------
// Intrusion logs

export function intrusionLines(events: readonly Record<string, unknown>[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}
