/**
 * What a process list's COMMAND column names: the executable (a full path on iOS, a bare
 * name for kernel_task) followed by its arguments. App executables may contain spaces
 * (`…/Foo Bar.app/Foo Bar`), so the bundle's own name decides where the path ends.
 */
import { posix } from 'node:path';
import type { RecordFields } from '../../types.js';

export interface CommandParts {
  /** The executable's name (last path component), as process indicators name it. */
  process: string | null;
  /** The absolute path of the executable; null when the command is not a path. */
  executable_path: string | null;
  /** The folder holding the executable; null when the command is not a path. */
  executable_folder: string | null;
  /** What follows the executable, or null. */
  arguments: string | null;
}

/** `…/Name.app/Name`, `…/Name.appex/Name`, `…/Name.xpc/Name` (the last such), ending at a space or the end. */
const BUNDLE_EXECUTABLE = /^(.*\/([^/]+)\.(?:app|appex|xpc)\/\2)(?= |$)/;

export function splitCommand(command: string): CommandParts {
  const trimmed = command.trim();
  if (trimmed === '') return { process: null, executable_path: null, executable_folder: null, arguments: null };
  const bundle = trimmed.startsWith('/') ? BUNDLE_EXECUTABLE.exec(trimmed) : null;
  const space = trimmed.indexOf(' ');
  const executable = bundle?.[1] ?? (space < 0 ? trimmed : trimmed.slice(0, space));
  const rest = trimmed.slice(executable.length).trim();
  const isPath = executable.startsWith('/');
  const name = posix.basename(executable);
  return {
    process: name === '' ? null : name,
    executable_path: isPath ? executable : null,
    executable_folder: isPath ? posix.dirname(executable) : null,
    arguments: rest === '' ? null : rest,
  };
}

export function commandFields(command: string): RecordFields {
  return { command, ...splitCommand(command) };
}

