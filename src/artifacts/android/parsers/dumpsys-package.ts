/**
 * The `package` section of dumpsys: the `Packages:` list (one indented block per package)
 * and the receiver and activity resolver tables. Fields are read by name, so versions that
 * add, drop or move lines (firstInstallTime moved under `User N:` in Android 9, the
 * installer got initiating/originating companions in Android 11) parse the same way.
 */
import { indentOf, type NumberedLine } from './text-lines.js';

export interface DumpsysPackage {
  name: string;
  line: number;
  userId: string | null;
  versionName: string | null;
  versionCode: string | null;
  codePath: string | null;
  timeStamp: string | null;
  /** The package-level value when present, else user 0's, else the first user's. */
  firstInstallTime: string | null;
  lastUpdateTime: string | null;
  installer: string | null;
  initiatingPackage: string | null;
  originatingPackage: string | null;
  flags: string[];
  privateFlags: string[];
  requestedPermissions: string[];
  /** Install and runtime permissions marked granted=true, without duplicates. */
  grantedPermissions: string[];
  /** User ids for which `installed=true`. */
  installedUsers: string[];
  /** User ids for which the package is disabled (enabled=2, 3 or 4). */
  disabledUsers: string[];
}

const PACKAGE_HEADER = /^Package \[([^\]]+)\]/;
const KEY_VALUE = /^([A-Za-z][\w]*)=(.*)$/;
const USER_HEADER = /^User (\d+):(.*)$/;
const PERMISSION = /^([\w.$:-]+): granted=(true|false)/;

function nullIfNull(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'null' ? null : trimmed;
}

function flagList(value: string): string[] {
  return value.replace(/^\[|\]$/g, '').trim().split(/\s+/).filter((f) => f !== '');
}

/** The lines of a top-level block (`Packages:`, `Receiver Resolver Table:` …) up to the next unindented line. */
export function topLevelBlock(lines: readonly NumberedLine[], title: string): NumberedLine[] | null {
  const start = lines.findIndex((l) => l.text.trim() === title && indentOf(l.text) === 0);
  if (start === -1) return null;
  const out: NumberedLine[] = [];
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) break;
    if (line.text.trim() !== '' && indentOf(line.text) === 0) break;
    out.push(line);
  }
  return out;
}

interface UserState {
  id: string;
  installed: boolean | null;
  enabled: string | null;
  firstInstallTime: string | null;
}

/** Every `Package [name]` block of the `Packages:` list. Returns null when there is no such list. */
export function parsePackagesList(lines: readonly NumberedLine[]): DumpsysPackage[] | null {
  const block = topLevelBlock(lines, 'Packages:');
  if (block === null) return null;
  const packages: DumpsysPackage[] = [];
  let current: DumpsysPackage | null = null;
  let packageIndent = 0;
  let users: UserState[] = [];
  let list: 'requested' | 'install' | 'runtime' | 'other' | null = null;
  let listIndent = 0;

  const finish = (): void => {
    if (!current) return;
    const user0 = users.find((u) => u.id === '0');
    current.firstInstallTime ??= user0?.firstInstallTime ?? users.find((u) => u.firstInstallTime)?.firstInstallTime ?? null;
    current.installedUsers = users.filter((u) => u.installed === true).map((u) => u.id);
    current.disabledUsers = users.filter((u) => u.enabled === '2' || u.enabled === '3' || u.enabled === '4').map((u) => u.id);
    current.grantedPermissions = [...new Set(current.grantedPermissions)];
    packages.push(current);
    current = null;
    users = [];
  };

  for (const { line, text } of block) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const indent = indentOf(text);
    const header = PACKAGE_HEADER.exec(trimmed);
    if (header && (current === null || indent <= packageIndent)) {
      finish();
      packageIndent = indent;
      list = null;
      current = {
        name: header[1] ?? '',
        line,
        userId: null,
        versionName: null,
        versionCode: null,
        codePath: null,
        timeStamp: null,
        firstInstallTime: null,
        lastUpdateTime: null,
        installer: null,
        initiatingPackage: null,
        originatingPackage: null,
        flags: [],
        privateFlags: [],
        requestedPermissions: [],
        grantedPermissions: [],
        installedUsers: [],
        disabledUsers: [],
      };
      continue;
    }
    if (!current) continue;
    if (indent <= packageIndent) {
      finish();
      continue;
    }
    if (list !== null && indent > listIndent) {
      if (list === 'requested') {
        current.requestedPermissions.push(trimmed.split(/[\s:]/)[0] ?? trimmed);
      } else if (list === 'install' || list === 'runtime') {
        const permission = PERMISSION.exec(trimmed);
        if (permission?.[2] === 'true' && permission[1]) current.grantedPermissions.push(permission[1]);
      }
      continue;
    }
    list = null;
    const user = USER_HEADER.exec(trimmed);
    if (user) {
      const rest = user[2] ?? '';
      users.push({
        id: user[1] ?? '',
        installed: /\binstalled=true\b/.test(rest) ? true : /\binstalled=false\b/.test(rest) ? false : null,
        enabled: /\benabled=(\d+)/.exec(rest)?.[1] ?? null,
        firstInstallTime: null,
      });
      continue;
    }
    const lower = trimmed.toLowerCase();
    if (lower === 'requested permissions:') {
      list = 'requested';
      listIndent = indent;
      continue;
    }
    if (lower === 'install permissions:') {
      list = 'install';
      listIndent = indent;
      continue;
    }
    if (lower === 'runtime permissions:') {
      list = 'runtime';
      listIndent = indent;
      continue;
    }
    if (trimmed.endsWith(':') && !trimmed.includes('=')) {
      // Another list (declared permissions, usesLibraries, …): its items are skipped.
      list = 'other';
      listIndent = indent;
      continue;
    }
    // `versionCode=31 minSdk=31 targetSdk=31` holds several pairs on one line.
    for (const pair of splitPairs(trimmed)) assignField(current, users, indent, packageIndent, pair);
  }
  finish();
  return packages;
}

function splitPairs(text: string): [string, string][] {
  const single = KEY_VALUE.exec(text);
  if (!single) return [];
  const key = single[1] ?? '';
  // Time values contain a space; only `versionCode=… minSdk=…` style lines are split.
  if (key === 'versionCode' || key === 'flags') {
    return text
      .split(/\s+(?=[A-Za-z]\w*=)/)
      .map((part) => KEY_VALUE.exec(part))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']);
  }
  return [[key, single[2] ?? '']];
}

function assignField(pkg: DumpsysPackage, users: UserState[], indent: number, packageIndent: number, [key, value]: [string, string]): void {
  // Fields indented deeper than the package's own fields belong to the last `User N:` block.
  const inUser = users.length > 0 && indent > packageIndent + 2;
  switch (key) {
    case 'userId':
      pkg.userId = nullIfNull(value);
      break;
    case 'versionName':
      pkg.versionName = nullIfNull(value);
      break;
    case 'versionCode':
      pkg.versionCode = nullIfNull(value);
      break;
    case 'codePath':
      pkg.codePath = nullIfNull(value);
      break;
    case 'timeStamp':
      pkg.timeStamp = nullIfNull(value);
      break;
    case 'firstInstallTime': {
      const user = users[users.length - 1];
      if (inUser && user) user.firstInstallTime = nullIfNull(value);
      else pkg.firstInstallTime = nullIfNull(value);
      break;
    }
    case 'lastUpdateTime':
      pkg.lastUpdateTime = nullIfNull(value);
      break;
    case 'installerPackageName':
      pkg.installer = nullIfNull(value);
      break;
    case 'initiatingPackageName':
    case 'installInitiatingPackageName':
      pkg.initiatingPackage = nullIfNull(value);
      break;
    case 'originatingPackageName':
    case 'installOriginatingPackageName':
      pkg.originatingPackage = nullIfNull(value);
      break;
    case 'pkgFlags':
      pkg.flags = flagList(value);
      break;
    case 'privatePkgFlags':
      pkg.privateFlags = flagList(value);
      break;
    default:
      break;
  }
}

export interface ResolverEntry {
  /** The intent action, e.g. android.provider.Telephony.SMS_RECEIVED. */
  intent: string;
  /** The component, e.g. com.pkg/.SmsReceiver. */
  component: string;
  packageName: string;
  line: number;
}

/**
 * The `Non-Data Actions:` part of a resolver table (`Receiver Resolver Table:` or
 * `Activity Resolver Table:`): action lines ending in `:`, each followed by one line per
 * component (`<hash> com.pkg/.Cls [filter <hash>]`). Null when the table is absent.
 */
export function parseResolverTable(lines: readonly NumberedLine[], title: string): ResolverEntry[] | null {
  const table = topLevelBlock(lines, title);
  if (table === null) return null;
  const entries: ResolverEntry[] = [];
  let inNonData = false;
  let subsectionIndent = 0;
  let intent: string | null = null;
  let intentIndent = 0;
  for (const { line, text } of table) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const indent = indentOf(text);
    if (trimmed === 'Non-Data Actions:') {
      inNonData = true;
      subsectionIndent = indent;
      intent = null;
      continue;
    }
    if (!inNonData) continue;
    if (indent <= subsectionIndent) {
      inNonData = false;
      continue;
    }
    if (intent === null || indent <= intentIndent) {
      if (trimmed.endsWith(':') && !trimmed.includes(' ')) {
        intent = trimmed.slice(0, -1);
        intentIndent = indent;
      }
      continue;
    }
    const component = /^[0-9a-f]+ (\S+\/\S+)/.exec(trimmed)?.[1];
    if (component && indent <= intentIndent + 2) {
      entries.push({ intent, component, packageName: component.slice(0, component.indexOf('/')), line });
    }
  }
  return entries;
}
