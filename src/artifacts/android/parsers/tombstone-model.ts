/**
 * Native crash reports (tombstones) written by debuggerd to /data/tombstones: the text form
 * (`tombstone_NN`) and, since Android 12, the protobuf form (`tombstone_NN.pb`). Both
 * parsers produce this shape. A crash of a privileged process (root, system, shell) can be
 * the side effect of an exploit.
 */
export interface Tombstone {
  format: 'text' | 'protobuf';
  buildFingerprint: string | null;
  revision: string | null;
  arch: string | null;
  /** As written, e.g. `2021-09-29 17:43:49.485960624+0200`. */
  timestamp: string | null;
  processUptimeSeconds: number | null;
  commandLine: string[];
  pid: number | null;
  tid: number | null;
  /** Name of the crashing thread. */
  threadName: string | null;
  /** The process, as in `>>> /system/bin/adbd <<<` (command_line[0] in the protobuf form). */
  processName: string | null;
  uid: number | null;
  selinuxLabel: string | null;
  signalNumber: number | null;
  signalName: string | null;
  signalCode: number | null;
  signalCodeName: string | null;
  faultAddress: string | null;
  abortMessage: string | null;
  causes: string[];
  /** Line of the `pid:` line in the text form. */
  line: number | null;
}

export function emptyTombstone(format: Tombstone['format']): Tombstone {
  return {
    format,
    buildFingerprint: null,
    revision: null,
    arch: null,
    timestamp: null,
    processUptimeSeconds: null,
    commandLine: [],
    pid: null,
    tid: null,
    threadName: null,
    processName: null,
    uid: null,
    selinuxLabel: null,
    signalNumber: null,
    signalName: null,
    signalCode: null,
    signalCodeName: null,
    faultAddress: null,
    abortMessage: null,
    causes: [],
    line: null,
  };
}

