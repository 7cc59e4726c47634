/**
 * A whole synthetic iPhone file-system dump for end-to-end tests: the file paths Predator,
 * KingsPawn (Quadream) and Coruna are published to write, a Pegasus client still running
 * from its staging folder at a shutdown, Pegasus processes in netusage and DataUsage, a
 * Predator link in an SMS — with the near-misses that must stay silent beside them
 * (reference/artifacts.md §5). Times are fixed: output is a pure function of the spec.
 */
import type { TreeNode } from '../builders/archives.js';
import type { FsDumpSpec } from '../builders/ios-fs.js';
import { buildDataUsageDb } from '../builders/ios/datausage-db.js';
import { buildSmsDb } from '../builders/ios/sms-db.js';

const MAC_EPOCH = 978_307_200;
function mac(iso: string): number {
  return Date.parse(iso) / 1000 - MAC_EPOCH;
}
function macNanos(iso: string): bigint {
  return BigInt(Date.parse(iso) - MAC_EPOCH * 1000) * 1_000_000n;
}
const unix = (iso: string): number => Date.parse(iso) / 1000;

const STAGING = 'private/var/db/com.apple.xpc.roleaccountd.staging';

/** Two shutdowns: an ordinary one, then one where the implant's client was still running. */
export const SHUTDOWN_LOG = [
  `SIGTERM: [${unix('2024-04-01T22:00:00Z')}] All buffers flushed`,
  'After 0.51s, these clients are still here:',
  '\t\tremaining client pid: 1042 (/usr/libexec/mobileassetd)',
  `SIGTERM: [${unix('2024-04-20T21:30:00Z')}] All buffers flushed`,
  'After 0.56s, these clients are still here:',
  '\t\tremaining client pid: 1042 (/usr/libexec/mobileassetd)',
  `\t\tremaining client pid: 2211 (/${STAGING}/rolexd)`,
  `SIGTERM: [${unix('2024-04-28T07:15:00Z')}] All buffers flushed`,
  '',
].join('\n');

function dataUsage(): Buffer {
  return buildDataUsageDb({
    processes: [
      { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: mac('2024-03-01T08:00:00Z'), timestamp: mac('2024-04-20T09:00:00Z') },
      { pk: 2, procName: 'bhx', bundleName: 'com.example.bhx', firstTimestamp: mac('2024-03-02T08:00:00Z'), timestamp: mac('2024-03-02T08:00:00Z') },
      { pk: 3, procName: 'bh', bundleName: null, firstTimestamp: mac('2024-04-20T10:02:10Z'), timestamp: mac('2024-04-20T10:02:10Z') },
    ],
    live: [
      { pk: 1, processPk: 1, timestamp: mac('2024-04-20T09:00:00Z'), wifiIn: 1000, wifiOut: 200, wwanIn: 0, wwanOut: 0 },
      { pk: 2, processPk: 3, timestamp: mac('2024-04-20T10:02:10Z'), wifiIn: 0, wifiOut: 0, wwanIn: 8192, wwanOut: 4096 },
    ],
  });
}

function messages(): Buffer {
  return buildSmsDb({
    handles: [{ rowid: 1, id: '+33600000002', service: 'SMS' }],
    messages: [
      { rowid: 1, handleId: 1, text: 'Breaking news: https://cnn.gr.com/article/2024', service: 'SMS', date: macNanos('2024-04-20T09:58:00Z') },
      { rowid: 2, handleId: 1, text: 'Lunch? https://www.cnn.com/', service: 'SMS', date: macNanos('2024-04-19T12:00:00Z') },
    ],
  });
}

/** The planted traces; `nearMisses` adds files that look alike and must not match. */
export function infectedDumpSpec(options: { prefix?: string } = {}): FsDumpSpec {
  const nodes: TreeNode[] = [
    // Predator (Cytrox / Intellexa): a planted binary and its working folder.
    { path: 'private/var/tmp/UserEventAgent', content: Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), modified: new Date('2024-04-20T10:01:00Z') },
    { path: 'private/var/tmp/l', directory: true, modified: new Date('2024-04-20T10:01:05Z') },
    // KingsPawn (Quadream) in Pegasus's staging folder.
    { path: `${STAGING}/subridged`, content: Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), modified: new Date('2024-04-20T10:02:00Z') },
    // Coruna's lock file and its hidden cache.
    { path: 'private/var/tmp/pl.core.lock', content: '', modified: new Date('2024-04-20T10:03:00Z') },
    { path: 'private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', content: 'cache', modified: new Date('2024-04-20T10:03:30Z') },
    { path: 'private/var/db/diagnostics/shutdown.log', content: SHUTDOWN_LOG },
    { path: 'private/var/wireless/Library/Databases/DataUsage.sqlite', content: dataUsage() },
    { path: 'private/var/mobile/Library/SMS/sms.db', content: messages() },
    // Near-misses: a log whose name starts like Predator's `l/` folder, a look-alike folder,
    // a file named like a process in an ordinary place, a benign binary in an unusual one.
    { path: 'private/var/tmp/lockdown.log', content: 'ok\n' },
    { path: 'private/var/tmp2/hooker', content: 'x' },
    { path: 'private/var/mobile/Library/Caches/bhx', content: 'x' },
    { path: 'usr/libexec/mobileassetd', content: Buffer.from([0xcf, 0xfa, 0xed, 0xfe]) },
  ];
  return options.prefix === undefined ? { nodes } : { nodes, prefix: options.prefix };
}
